"""An HTML page to an article record.

Three sources of evidence meet here: the page's text blocks (read by the same segmenter
as plain text), what the markup says about each block (a ``<nav>``, a share bar, an
``<article>``), and what the page claims about itself (JSON-LD, meta tags). The story is
found in the blocks; the claims fill what the text lacks and are cross-checked against it.
"""

from __future__ import annotations

from lxml import etree

from copydesk.errors import ExtractError
from copydesk.extract.html.claims import apply_claims, claimed_language
from copydesk.extract.html.dom import page_blocks
from copydesk.extract.html.metadata import PageMeta, read_metadata
from copydesk.extract.html.story import extend_story, hints_for, mark_listing, take_line_story
from copydesk.extract.segment import segment
from copydesk.extract.text import assemble
from copydesk.ingest.document import RawDocument
from copydesk.ingest.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "canvas", "math")


def read_html(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    """The article record of an HTML page."""
    root = parse_html(doc.content, source=doc.source)
    if root is None:
        return assemble([], doc)
    meta = read_metadata(root)
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    body = root.find("body")
    page = body if body is not None else root
    dom = page_blocks(page)[: limits.max_blocks]
    labelled = segment([block.text for block in dom], hints_for(dom, page))
    extend_story(labelled, dom)
    take_line_story(labelled, dom)
    listing = mark_listing(labelled, dom, claims_article=_claims_article(meta))
    article = assemble(labelled, doc, language_claimed=claimed_language(meta)[0] is not None)
    apply_claims(article, meta, dom, labelled, doc)
    if listing:
        article.page_type = "listing"
        article.provenance["page_type"] = "html.many_linked_headlines_little_prose"
    return article


def _claims_article(meta: PageMeta) -> bool:
    """The page says it is an article: og:type article or a JSON-LD article type."""
    return any(
        claim.source.startswith("jsonld") or claim.value.lower() == "article"
        for claim in meta.page_types
    )


# Plain elements (no lxml.html class lookup per node); comments never become nodes; no
# table of IDs (nothing looks elements up by ID). The page reaches the parser as UTF-8,
# which libxml2 reads natively: a Python string would be handed over as UTF-16 or UCS-4
# and converted again inside it.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", collect_ids=False
)


def parse_html(markup: str, *, source: str) -> etree._Element | None:
    """The parsed page, comments and processing instructions removed; None if empty."""
    if not markup.strip():
        return None
    try:
        root = etree.fromstring(markup.encode("utf-8", "replace"), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError(f"not parseable as HTML: {exc}", source=source) from exc
    return root
