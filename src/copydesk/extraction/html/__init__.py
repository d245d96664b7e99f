"""Reading HTML pages: markup evidence and page claims around the text segmenter."""

from copydesk.extraction.html.reader import read_html

__all__ = ["read_html"]
