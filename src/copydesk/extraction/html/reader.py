"""An HTML page to an article record.

Three sources of evidence meet here: the page's text blocks (read by the same segmenter
as plain text), what the markup says about each block (a ``<nav>``, a share bar, an
``<article>``), and what the page claims about itself (JSON-LD, meta tags). The story is
found in the blocks; the claims fill what the text lacks and are cross-checked against it.

Before libxml2 sees a page, its markup is held to bounds (``markup``); each bound that
changes a page leaves a ``Notice`` in its record, so nothing is cut without a word.
"""

from __future__ import annotations

from lxml import etree

from copydesk.errors import ExtractError
from copydesk.extraction.html.claims import apply_claims, claimed_language
from copydesk.extraction.html.dom import page_blocks
from copydesk.extraction.html.markup import bound_markup, flatten
from copydesk.extraction.html.metadata import PageMeta, read_metadata
from copydesk.extraction.html.story import extend_story, hints_for, mark_listing, take_line_story
from copydesk.extraction.segment import segment
from copydesk.extraction.text import assemble, blocks_cut
from copydesk.read.document import RawDocument
from copydesk.read.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article, Notice

_INVISIBLE = ("script", "style", "noscript", "template", "svg", "iframe", "canvas", "math")


def read_html(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    """The article record of an HTML page."""
    root, notices = parse_html(doc.content, source=doc.source)
    if root is None:
        return _noted(assemble([], doc), notices)
    meta = read_metadata(root)
    etree.strip_elements(root, *_INVISIBLE, with_tail=False)
    body = root.find("body")
    page = body if body is not None else root
    dom = page_blocks(page)
    if len(dom) > limits.max_blocks:
        notices.append(blocks_cut(limits.max_blocks, len(dom)))
        dom = dom[: limits.max_blocks]
    labelled = segment([block.text for block in dom], hints_for(dom, page))
    extend_story(labelled, dom)
    take_line_story(labelled, dom)
    listing = mark_listing(labelled, dom, claims_article=_claims_article(meta))
    article = assemble(labelled, doc, language_claimed=claimed_language(meta)[0] is not None)
    apply_claims(article, meta, dom, labelled, doc)
    if listing:
        article.page_type = "listing"
        article.provenance["page_type"] = "html.many_linked_headlines_little_prose"
    return _noted(article, notices)


def _noted(article: Article, notices: list[Notice]) -> Article:
    article.warnings.extend(notices)
    return article


def _claims_article(meta: PageMeta) -> bool:
    """The page says it is an article: og:type article or a JSON-LD article type."""
    return any(
        claim.source.startswith("jsonld") or claim.value.lower() == "article"
        for claim in meta.page_types
    )


def _parser() -> etree.HTMLParser:
    """A parser for one page (its error log, read after the parse, is its own).

    Plain elements (no lxml.html class lookup per node); comments never become nodes; no
    table of IDs (nothing looks elements up by ID). Huge-tree mode lifts libxml2's 10 MB
    ceiling on one text node (a page may carry a 10 MB inline script before its story)
    and raises its depth limit from 256 to ``PARSER_DEPTH``. The page reaches the parser
    as UTF-8, which libxml2 reads natively: a Python string would be handed over as
    UTF-16 or UCS-4 and converted again inside it.
    """
    return etree.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        encoding="utf-8",
        collect_ids=False,
        huge_tree=True,
    )


PARSER_DEPTH = 2048  # libxml2's nesting limit in huge-tree mode (256 without it)
# Flattened depths to try when a page nests past the parser's limit: the first keeps
# all structure a real page has; the second is for markup libxml2 counts deeper than
# the flattening does (elements it opens that the markup does not name).
_FLAT_DEPTHS = (1024, 128)


def parse_html(markup: str, *, source: str) -> tuple[etree._Element | None, list[Notice]]:
    """The parsed page, comments and processing instructions removed (None if empty),
    with a notice for each bound that changed it."""
    if not markup.strip():
        return None, []
    data, notices = bound_markup(markup.encode("utf-8", "replace"))
    root, too_deep = _parse(data, source)
    if too_deep:
        for depth in _FLAT_DEPTHS:
            root, too_deep = _parse(flatten(data, depth), source)
            if not too_deep:
                notices.append(_depth_cut(depth))
                break
        else:
            raise ExtractError(
                f"nested past the parser's depth limit of {PARSER_DEPTH:,} even when "
                f"flattened to {_FLAT_DEPTHS[-1]} levels",
                source=source,
            )
    return root, notices


def _parse(data: bytes, source: str) -> tuple[etree._Element | None, bool]:
    """The parsed page, and whether libxml2 stopped at its depth limit (it then drops
    everything from that point on, so the page must be read again, flattened)."""
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractError(f"not parseable as HTML: {exc}", source=source) from exc
    too_deep = any(
        error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in error.message
        for error in parser.error_log
    )
    return root, too_deep


def _depth_cut(depth: int) -> Notice:
    return Notice(
        code="depth_cut",
        message=(
            f"the page nests elements past the parser's limit of {PARSER_DEPTH:,} levels; "
            f"markup below level {depth:,} was flattened (its text kept, its structure lost)"
        ),
    )
