"""Scraped page text to an article record.

The segmenter decides what each block is; this module turns those labels into record
fields and records, for each field, the rule that produced it (``provenance``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from copydesk.extract.blocks import split_blocks
from copydesk.extract.captions import parse_caption
from copydesk.extract.credits import is_credit_line, parse_byline, parse_credit_line
from copydesk.extract.dateline import split_dateline
from copydesk.extract.dates import find_dates, parse_iso_day, plausible
from copydesk.extract.headline import split_kicker
from copydesk.extract.language import detect_language
from copydesk.extract.segment import Block, segment
from copydesk.ingest.document import RawDocument
from copydesk.ingest.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article, Boilerplate, Caption, Credits, Notice, Published

_FILE_PHOTO = re.compile(r"\bfile\s+(?:photo|image|picture)\b", re.IGNORECASE)
_GLUED_CREDIT = re.compile(
    r"\s*(?P<credit>\((?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled)\s+by\s+[^()]+\))\s*$",
    re.IGNORECASE,
)


def read_text(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    """The article record of a plain-text document."""
    texts, total = split_blocks(doc.content, max_blocks=limits.max_blocks)
    article = assemble(segment(texts), doc)
    if total > len(texts):
        article.warnings.append(blocks_cut(limits.max_blocks, total))
    return article


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
        source=doc.source, url=doc.url, site=_site(doc.url), warnings=list(doc.warnings)
    )
    _split_glued_credits(blocks)
    provenance = article.provenance
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
    if article.body:
        provenance["body"] = "text.densest_prose_run"
        if not language_claimed:
            article.language = detect_language(article.body_text)
    else:
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
    """The best-supported publication day, most trustworthy evidence first."""
    if doc.published and (day := parse_iso_day(doc.published)) and plausible(day):
        return Published(value=day.isoformat(), evidence=doc.published, source="caller")
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
    if doc.fetched and (day := parse_iso_day(doc.fetched)):
        return Published(value=day.isoformat(), evidence=doc.fetched, source="fetched")
    return Published()


def _site(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
