"""HTML pages to blocks for the segmenter (a first reader; issue 3 makes it DOM-aware)."""

from __future__ import annotations

from lxml import html as lxml_html
from lxml.etree import ParserError

from copydesk.errors import ExtractError
from copydesk.extract.blocks import split_blocks
from copydesk.extract.segment import segment
from copydesk.extract.text import assemble
from copydesk.ingest.document import RawDocument
from copydesk.ingest.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article

_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li",
    "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption",
    "table", "tr", "td", "th", "pre", "br", "dt", "dd", "form", "address", "hr", "title",
}


def read_html(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    text = html_to_text(doc.content, source=doc.source)
    return assemble(segment(split_blocks(text, max_blocks=limits.max_blocks)), doc)


def html_to_text(markup: str, *, source: str) -> str:
    """The page's visible text with one line per block element."""
    if not markup.strip():
        return ""
    try:
        root = lxml_html.document_fromstring(markup)
    except (ParserError, ValueError) as exc:
        raise ExtractError(f"not parseable as HTML: {exc}", source=source) from exc
    for element in root.iter(*_DROP):
        element.drop_tree() if element.getparent() is not None else None
    parts: list[str] = []
    for event, element in _walk(root):
        if event == "start" and element.text:
            parts.append(element.text)
        if event == "end":
            if element.tag in _BLOCK_TAGS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    return "".join(parts)


def _walk(root: lxml_html.HtmlElement):  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.iterwalk(root, events=("start", "end"))
