"""Fill a record's metadata from what the page claims, checked against what it shows.

Each field takes the most trustworthy claim that survives its check: a headline must
match the page's ``<h1>`` or stand in for a missing one; an author must look like a
person (not the site, not "Staff"); a date must be a real, past date. The rule used is
written to ``provenance``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from copydesk.extract.dates import find_dates, parse_iso_day, plausible
from copydesk.extract.headline import split_kicker
from copydesk.extract.html.dom import DomBlock
from copydesk.extract.html.metadata import Claim, PageMeta
from copydesk.extract.language import detect_language
from copydesk.extract.names import clean_name
from copydesk.extract.segment import Block
from copydesk.ingest.document import RawDocument
from copydesk.record import Article, Published

# Lower rank is more trusted; sources not listed rank after these.
_DATE_RANK = (
    "jsonld",
    "meta:article:published_time",
    "meta:og:published_time",
    "meta:datepublished",
    "meta:parsely-pub-date",
    "meta:sailthru.date",
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|-|\b)")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»]|-|::)\s+")
_WORD = re.compile(r"\w+")


def apply_claims(
    article: Article, meta: PageMeta, dom: list[DomBlock], labelled: list[Block], doc: RawDocument
) -> None:
    """Fill headline, authors, dates, language, site and URL from the page's claims."""
    _headline(article, meta, dom, labelled)
    _authors(article, meta)
    _published(article, meta, doc)
    language = _first(meta.languages)
    if language:
        article.language = language.value.replace("_", "-").split("-")[0].lower() or None
        article.provenance["language"] = language.source
    elif article.body:
        article.language = detect_language(article.body_text)
    url = _first(meta.urls)
    if url and (doc.url or url.value.startswith("http")):
        article.url = urljoin(doc.url or "", url.value)
        article.provenance["url"] = url.source
    site = _first(meta.sites)
    if site:
        article.site = site.value


def _first(claims: list[Claim]) -> Claim | None:
    return claims[0] if claims else None


def _headline(article: Article, meta: PageMeta, dom: list[DomBlock], labelled: list[Block]) -> None:
    """Prefer the page's own <h1> before the story; fall back on the claimed titles."""
    story_start = next((i for i, b in enumerate(labelled) if b.role == "body"), len(labelled))
    claimed = [c for c in meta.titles if c.source != "html:title"]
    h1s = [i for i, block in enumerate(dom) if block.tag == "h1" and 2 <= len(block.text) <= 300]
    chosen: str | None = None
    source = ""
    before = [i for i in h1s if i < story_start]
    if before or h1s:
        index = (before or h1s)[-1 if before else 0]
        chosen, source = dom[index].text, "html:h1"
        if claimed and not any(_similar(chosen, c.value) for c in claimed) and not before:
            chosen, source = claimed[0].value, claimed[0].source
    elif claimed:
        chosen, source = claimed[0].value, claimed[0].source
    elif meta.titles:
        chosen, source = _strip_site(meta.titles[0].value), meta.titles[0].source
    if chosen is None:
        return
    article.kicker, article.headline = split_kicker(chosen)
    article.provenance["headline"] = source
    if article.kicker:
        article.provenance["kicker"] = "text.kicker_label"
    # The chosen headline is no longer boilerplate, whichever block held it.
    article.boilerplate = [b for b in article.boilerplate if b.text != chosen]


def _similar(a: str, b: str) -> bool:
    left, right = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(left and right) and len(left & right) / min(len(left), len(right)) >= 0.7


def _strip_site(title: str) -> str:
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=len) if len(parts) > 1 else title


def _authors(article: Article, meta: PageMeta) -> None:
    if article.authors and article.provenance.get("authors") == "text.byline":
        return
    names: list[str] = []
    for claim in meta.authors:
        if claim.value.startswith(("http://", "https://", "/")):
            continue
        name = clean_name(claim.value)
        if name and name not in names:
            names.append(name)
    if names:
        article.authors = names
        article.provenance["authors"] = meta.authors[0].source


def _published(article: Article, meta: PageMeta, doc: RawDocument) -> None:
    if article.published.source == "caller":
        return
    for claim in sorted(meta.published, key=_date_rank):
        day = parse_iso_day(claim.value) or _prose_day(claim.value)
        if day is not None and plausible(day):
            article.published = Published(
                value=day.isoformat(), evidence=claim.value, source=claim.source
            )
            article.provenance["published"] = claim.source
            return
    if article.published.source in ("text.date_line",):
        return
    match = _URL_DATE.search(doc.url or "")
    if match:
        day = parse_iso_day(f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}")
        if day is not None and plausible(day):
            article.published = Published(value=day.isoformat(), evidence=doc.url, source="url")
            article.provenance["published"] = "url"


def _date_rank(claim: Claim) -> int:
    for rank, prefix in enumerate(_DATE_RANK):
        if claim.source.startswith(prefix):
            return rank
    return len(_DATE_RANK)


def _prose_day(value: str):  # type: ignore[no-untyped-def]
    dates = find_dates(value)
    return dates[0].value if dates else None
