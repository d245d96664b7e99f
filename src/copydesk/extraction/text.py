"""Scraped page text to an article record.

The segmenter decides what each block is; this module turns those labels into record
fields and records, for each field, the rule that produced it (``provenance``).
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from copydesk.extraction.blocks import split_blocks
from copydesk.extraction.captions import parse_caption
from copydesk.extraction.credits import is_credit_line, parse_byline, parse_credit_line
from copydesk.extraction.dateline import split_dateline
from copydesk.extraction.dates import find_dates, parse_iso_day, plausible
from copydesk.extraction.headline import CJK, split_kicker
from copydesk.extraction.language import detect_language
from copydesk.extraction.segment import Block, is_prose, segment
from copydesk.read.document import RawDocument
from copydesk.read.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article, Boilerplate, Caption, Credits, Notice, Published

_FILE_PHOTO = re.compile(r"\bfile\s+(?:photo|image|picture)\b", re.IGNORECASE)
_GLUED_CREDIT = re.compile(
    r"\s*(?P<credit>\((?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\s+[^()]+\))\s*$",
    re.IGNORECASE,
)


def read_text(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    """The article record of a plain-text document."""
    texts, total = split_blocks(doc.content, max_blocks=limits.max_blocks)
    blocks = segment(texts)
    if not any(block.role == "body" for block in blocks):
        _read_whole(blocks)
    article = assemble(blocks, doc)
    if total > len(texts):
        article.warnings.append(blocks_cut(limits.max_blocks, total))
    return article


_CLOSED = (".", "!", "?", "…", ":", ";", ",")


def _read_whole(blocks: list[Block]) -> None:
    """A text in which the segmenter found no story is the story itself.

    The story finder wants a run of prose long enough to stand out from a page's
    furniture; a sentence or a paragraph handed in as text has none to stand out from,
    and a text has no furniture: it is what the user asks to be read. So the first line
    is its headline when more follows and it is not closed like a sentence; each other
    line is body unless its own shape makes it metadata (a byline, a credit line, a
    caption) or a rule named it boilerplate and it is not prose (a keyword rule can
    match a real sentence). Should that leave no body, every line but the headline is.
    A text with no line shaped like a sentence (a list of menu labels) has no story and
    stays an empty record.
    """
    if not any(_sentence_like(block.text) for block in blocks):
        return
    rest = blocks
    first = blocks[0] if blocks else None
    if (
        first
        and len(blocks) > 1
        and first.role == "boilerplate"
        and not first.text.rstrip().endswith(_CLOSED)
    ):
        first.role, first.reason = "headline", None
        rest = blocks[1:]
    for block in rest:
        if block.role == "boilerplate" and (
            block.reason == "no_article_text" or is_prose(block.text)
        ):
            block.role, block.reason = "body", None
    if not any(block.role == "body" for block in rest):
        for block in rest:
            block.role, block.reason = "body", None


def _sentence_like(text: str) -> bool:
    """Four words, or ten characters of CJK (which has no spaces), or a shorter run of
    words closed as a sentence is ("Schools are closed."): a menu label is not closed."""
    stripped = text.strip()
    words = stripped.split(maxsplit=3)
    if len(words) >= 4 or (len(stripped) >= 10 and bool(CJK.search(stripped))):
        return True
    return (
        len(words) >= 2
        and stripped.endswith(_SENTENCE_STOPS)
        and any(c.isalpha() for c in stripped)
    )


_SENTENCE_STOPS = (".", "!", "?", "。", "！", "？")


def blocks_cut(kept: int, total: int) -> Notice:
    """The notice for a page cut at ``Limits.max_blocks`` (any reader that splits one)."""
    return Notice(
        code="blocks_cut",
        message=f"kept the first {kept:,} of {total:,} text blocks (raise it with --max-blocks)",
    )


def assemble(blocks: list[Block], doc: RawDocument, *, language_claimed: bool = False) -> Article:
    """Fill a record from labelled blocks (shared by every reader that yields blocks).

    ``language_claimed``: the reader has the page's own word for its language (an HTML
    page that names it, which wins), so the body is not read for it.
    """
    article = Article(
        source=doc.source,
        url=doc.url,
        site=host(doc.url),
        fetched=doc.fetched,
        warnings=list(doc.warnings),
    )
    _split_glued_credits(blocks)
    provenance = article.provenance
    if doc.headline:  # the source gives the title apart from the text (a feed item)
        article.kicker, article.headline = split_kicker(doc.headline)
        provenance["headline"] = "caller"
    for block in blocks:
        if block.role == "headline" and article.headline is None:
            article.kicker, article.headline = split_kicker(block.text)
            provenance["headline"] = "text.headline_before_story"
            if article.kicker:
                provenance["kicker"] = "text.kicker_label"
        elif block.role == "headline":
            article.boilerplate.append(Boilerplate(text=block.text, reason="other_headline"))
        elif block.role == "body":
            article.body.append(block.text)
        elif block.role == "caption":
            article.captions.append(parse_caption(block.text) or Caption(text=block.text))
            provenance["captions"] = "text.photo_credit"
        elif block.role == "credit":
            parse_credit_line(block.text, article.credits)
            provenance["credits"] = "text.credit_line"
        elif block.role == "byline":
            for name in parse_byline(block.text) or []:
                if name not in article.authors:
                    article.authors.append(name)
            provenance["authors"] = "text.byline"
        if block.role in ("boilerplate", "timestamp", "byline"):
            reason = block.reason or block.role
            article.boilerplate.append(Boilerplate(text=block.text, reason=reason))
    _take_dateline(article)
    _photo_credits(article.credits, article)
    if not article.authors and (article.credits.reporters or article.credits.writers):
        article.authors = _unique(article.credits.reporters + article.credits.writers)
        provenance["authors"] = "text.credit_line"
    article.published = _published(doc, article, blocks)
    if article.published.source:
        provenance["published"] = article.published.source
    if doc.published and article.published.source != "caller":
        article.warnings.append(_unusable(doc.published_evidence or doc.published))
    if article.body:
        provenance["body"] = "text.densest_prose_run"
        if not language_claimed:
            article.language = detect_language(article.body_text)
    elif not doc.headline:  # a feed's headline item is read; it has nothing more
        article.page_type = "no_text"
    return article


def _split_glued_credits(blocks: list[Block]) -> None:
    """A credit line glued to the last paragraph (``... guarantee. (Reporting by X)``)."""
    for index, block in enumerate(blocks):
        if block.role != "body" or not block.text.rstrip().endswith(")"):
            continue  # the credit closes the paragraph in its parenthesis
        match = _GLUED_CREDIT.search(block.text)
        if match and match.start() > 0 and is_credit_line(match.group("credit")):
            block.text = block.text[: match.start()].rstrip()
            blocks.insert(index + 1, Block(text=match.group("credit"), role="credit"))


def _take_dateline(article: Article) -> None:
    if not article.body:
        return
    dateline, rest = split_dateline(article.body[0])
    if dateline is None:
        return
    article.dateline = dateline
    article.provenance["dateline"] = "text.dateline_pattern"
    if rest:
        article.body[0] = rest
    else:
        article.body.pop(0)  # the dateline stood on a line of its own
    if dateline.agency and dateline.agency not in article.credits.agencies:
        article.credits.agencies.append(dateline.agency)


def _photo_credits(credits: Credits, article: Article) -> None:
    for caption in article.captions:
        if caption.photographer and caption.photographer not in credits.photographers:
            credits.photographers.append(caption.photographer)


def _published(doc: RawDocument, article: Article, blocks: list[Block]) -> Published:
    """The best-supported publication day, most trustworthy evidence first; the day a
    crawler saw the page is ``Article.fetched``, kept apart, never this."""
    if doc.published and (day := parse_iso_day(doc.published)) and plausible(day, vouched=True):
        return Published(
            value=day.isoformat(),
            time=_moment(doc.published),
            evidence=doc.published_evidence or doc.published,
            source="caller",
        )
    for block in blocks:
        if block.role == "timestamp" and (dates := find_dates(block.text)):
            return Published(
                value=dates[0].value.isoformat(), evidence=block.text, source="text.date_line"
            )
    if article.dateline and article.dateline.date and (dates := find_dates(article.dateline.date)):
        return Published(
            value=dates[0].value.isoformat(), evidence=article.dateline.text, source="text.dateline"
        )
    for caption in article.captions:
        if caption.date and not _FILE_PHOTO.search(caption.text):  # a file photo is old
            return Published(value=caption.date, evidence=caption.text, source="text.caption_date")
    return Published()  # never the crawl date: a page crawled today may be years old


def _unusable(given: str) -> Notice:
    """A date the source gave that names no real day, or none a story can have."""
    return Notice(
        code="published_unusable",
        message=f"the given publication date {given!r} is no real day, or none a story "
        "can have (before 1800 or in the future); it was not used",
    )


def _moment(value: str) -> str | None:
    """An ISO 8601 date-time with its zone as the source wrote it (``Z`` for UTC); None
    for a bare day or a time without a zone, which say no moment."""
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None or ("T" not in value and " " not in value.strip()):
        return None
    return moment.isoformat().replace("+00:00", "Z")


def host(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` ("example.com"), or None."""
    if not url:
        return None
    try:
        name = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return name.removeprefix("www.") if name else None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
