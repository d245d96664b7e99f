"""HTML pages to page text for the segmenter: one line per block element.

This is the plain reading of a page (the visible text, block by block), the same view
a naive HTML-to-text conversion gives; the text segmenter then finds the story in it.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from copydesk.errors import ExtractError
from copydesk.extract.blocks import split_blocks
from copydesk.extract.segment import segment
from copydesk.extract.text import assemble
from copydesk.ingest.document import RawDocument
from copydesk.ingest.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "br",
        "dt",
        "dd",
        "form",
        "address",
        "hr",
        "title",
    }
)


def read_html(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    text = html_to_text(doc.content, source=doc.source)
    return assemble(segment(split_blocks(text, max_blocks=limits.max_blocks)), doc)


def html_to_text(markup: str, *, source: str) -> str:
    """The page's visible text with a line break after every block element."""
    if not markup.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"not parseable as HTML: {exc}", source=source) from exc
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)  # keeps their tails
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start" and element.text:
            parts.append(element.text)
        elif event == "end":
            if element.tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    return "".join(parts)
