"""Fill a record's metadata from what the page claims, checked against what it shows.

Each field takes the most trustworthy claim that survives its check: a headline must
match the page's ``<h1>`` or stand in for a missing one; an author must look like a
person (not the site, not "Staff"); a date must be a real, past date. The rule used is
written to ``provenance``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urljoin

from copydesk.extraction.credits import BY_WORD, parse_byline
from copydesk.extraction.dates import MONTHS, find_dates, parse_iso_day, plausible
from copydesk.extraction.headline import split_kicker
from copydesk.extraction.html.dom import DomBlock
from copydesk.extraction.html.metadata import Claim, PageMeta, source_line
from copydesk.extraction.language import language_code
from copydesk.extraction.names import split_names
from copydesk.extraction.segment import Block
from copydesk.extraction.text import host
from copydesk.read.document import RawDocument
from copydesk.record import Article, Boilerplate, Modified, Published

# Lower rank is more trusted; sources not listed rank after these.
_DATE_RANK = (
    "jsonld",
    "meta:article:published_time",
    "meta:og:published_time",
    "meta:datepublished",
    "meta:parsely-pub-date",
    "meta:sailthru.date",
    "schema:",
)
# /2023/12/21/, /2023-12-19-slug, /2023/dec/21/ — but in /2023/12/16-new-officers the
# 16 is the slug's
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)(?:/([01]?\d|[a-z]{3,9})/([0-3]?\d)(?=/|$|\.)|-([01]\d)-([0-3]\d)\b)",
    re.IGNORECASE,
)
_DATE_LOOKBACK = 8
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·•»]|-|::)\s+")
_WORD = re.compile(r"\w+")


def apply_claims(
    article: Article, meta: PageMeta, dom: list[DomBlock], labelled: list[Block], doc: RawDocument
) -> None:
    """Fill headline, authors, dates, language, site and URL from the page's claims."""
    _headline(article, meta, dom, labelled)
    story_line = _story_line(dom, labelled)
    _authors(article, meta, story_line)
    _published(article, meta, doc, dom, story_line)
    _modified(article, meta)
    code, source = claimed_language(meta)
    if code:
        article.language = code
        article.provenance["language"] = source
    url = next((c for c in meta.urls if doc.url or c.value.startswith("http")), None)
    if url:
        article.url = urljoin(doc.url or "", url.value)
        article.provenance["url"] = url.source
    _site(article, meta)


def _site(article: Article, meta: PageMeta) -> None:
    """``site`` is the host of the caller's URL, or of the page's own (canonical) one when
    the caller gave none; ``site_name`` the name the page gives its site (og:site_name,
    the JSON-LD publisher), never a URL."""
    if article.site is None and article.url:
        article.site = host(article.url)
    for claim in meta.sites:
        name = " ".join(html.unescape(claim.value).split())
        if name and not _URLISH.match(name):
            article.site_name = name
            article.provenance["site_name"] = claim.source
            return


_URLISH = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)


def claimed_language(meta: PageMeta) -> tuple[str | None, str]:
    """The ISO code of the first language claim that names one, and where it stands.

    A claim that names no language ("x-default", a site's own label) is passed over;
    without one, the language the text reader detected in the body stands.
    """
    claimed = ((language_code(c.value), c.source) for c in meta.languages)
    return next(((code, source) for code, source in claimed if code), (None, ""))


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
    shown = next((block.text for block in labelled if block.role == "headline"), None)
    if shown is not None and shown != chosen:  # the line the text reader took stays on record
        article.boilerplate.append(Boilerplate(text=shown, reason="other_headline"))
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


def _story_line(dom: list[DomBlock], labelled: list[Block]) -> int | None:
    first = next((i for i, block in enumerate(labelled) if block.role == "body"), None)
    return None if first is None else source_line(dom[first].element)


def _authors(article: Article, meta: PageMeta, story_line: int | None) -> None:
    """The byline the page shows above the story, checked against its structured claims.

    Structured author lists often carry everyone credited on the page (stylists,
    photographers, the authors of teasers), so they do not override a shown byline; but
    a byline that shares no name with them is a teaser's, and a name they write alone
    corrects one the page glued to its paper's name.
    """
    # a site's name is no author, unless the page types that name a Person (a blog)
    sites = {site.value.lower() for site in meta.sites} - meta.persons
    claimed, claimed_source = _claimed_authors(meta.authors, sites)
    names, source, explicit = _shown_byline(article, meta, story_line, sites)
    if not names:
        names, source = claimed, claimed_source
    alone = [*claimed, *_names(meta.bylines, sites)[0]]
    names = [_as_claimed(name, alone) for name in names]
    if claimed and not set(names) & set(claimed):
        names, source = claimed, claimed_source
    elif claimed and not explicit and claimed_source not in _PAGE_WIDE_SOURCES:
        names = [name for name in names if name in claimed]  # not a stray photographer
    if not names and not article.authors:  # nothing shown or claimed: the app state's
        names, source = _claimed_authors(meta.state_authors, sites)
    if names and source:
        article.authors = names
        article.provenance["authors"] = source


def _shown_byline(
    article: Article, meta: PageMeta, story_line: int | None, sites: set[str]
) -> tuple[list[str], str | None, bool]:
    """(names, source, written as "By …") of the byline nearest above the story; the text
    reader's byline when it found one (its "By" lines are read from text alone, so they
    are checked like any other)."""
    if article.provenance.get("authors") == "text.byline":
        return [n for n in article.authors if n.lower() not in sites], "text.byline", False
    for claim in _nearest_first(meta.bylines, story_line):
        if (found := _names([claim], sites))[0]:
            names, explicit = _whole_byline(found[0], claim, meta.bylines, sites)
            return names, found[1], explicit
    return [], None, False


_BY_LINE = re.compile(rf"^\s*{BY_WORD}:?\s", re.IGNORECASE)


def _whole_byline(
    found: list[str], claim: Claim, bylines: list[Claim], sites: set[str]
) -> tuple[list[str], bool]:
    """The byline around a name, and whether it is written "By …": one author's element
    sits inside "By A, B and C", and the nearest element holds just one of them."""
    best, explicit = found, bool(_BY_LINE.match(claim.value))
    near = [
        other
        for other in bylines
        if claim.line is not None
        and other.line is not None
        and abs(other.line - claim.line) <= _BYLINE_LINES
    ]
    for other in near:
        names = _names([other], sites)[0]
        if set(best) < set(names) and len(names) <= _MAX_AUTHORS:
            best, explicit = names, bool(_BY_LINE.match(other.value))
    if claim.source == "html:author-link":  # one link per author, side by side
        links = _names([c for c in near if c.source == claim.source], sites)[0]
        if set(best) < set(links) and len(links) <= _MAX_AUTHORS:
            best = links
    return best, explicit


_BYLINE_LINES = 25
_MAX_AUTHORS = 6


def _claimed_authors(claims: list[Claim], sites: set[str]) -> tuple[list[str], str | None]:
    """The authors the page claims in structured form: its JSON-LD and meta author lists;
    without them, the first name of the markup spread over the page (microdata,
    ``rel=author`` links), which teasers carry too."""
    direct = [claim for claim in claims if claim.source not in _PAGE_WIDE_SOURCES]
    if (found := _names(direct, sites))[0]:
        return found
    for claim in claims:
        if (first := _names([claim], sites))[0]:
            return first
    return [], None


_PAGE_WIDE_SOURCES = frozenset({"microdata:author", "html:rel-author"})


def _as_claimed(name: str, alone: list[str]) -> str:
    """A shown name with the page's words glued on ("Amanda Cappelli Fox",
    "Liz Stinsonlong") is the name written alone that it starts with; a shown name
    that is a fragment of one written alone ("Bruno Rodrigues" of "Bruno Henrique
    Rodrigues") is the whole one."""
    words = name.split()
    for other in alone:
        if name != other and name.startswith(other) and len(other.split()) >= 2:
            return other
    for other in alone:
        whole = other.split()
        # the same first and last names, more between: not a word glued on at the end
        # ("Kori Schulman Special" is no fuller name of "Kori Schulman")
        if set(words) < set(whole) and (whole[0], whole[-1]) == (words[0], words[-1]):
            return other
    return name


def _nearest_first(claims: list[Claim], line: int | None) -> list[Claim]:
    """Claims above ``line`` from the nearest up, then those below it in page order."""
    if line is None:
        return claims
    above = [c for c in claims if c.line is not None and c.line <= line]
    below = [c for c in claims if c not in above]
    # nearest line first; claims on one line (minified pages put all on one) in page order
    return sorted(above, key=lambda c: -(c.line or 0)) + below


def _of_site(name: str, sites: set[str]) -> bool:
    """The site's own name, or its first words ("Folha de" of "Folha de S.Paulo",
    "Washington Post" of "Washington Post Live"): a byline cut from the masthead."""
    words = name.lower().split()
    for site in sites:
        site_words = site.split()
        if site_words[: len(words)] == words or site_words[1 : len(words) + 1] == words:
            return True
    return False


def _names(claims: list[Claim], sites: set[str]) -> tuple[list[str], str | None]:
    """The people the claims name, and the source of the first claim that named one."""
    names: list[str] = []
    source: str | None = None
    for claim in claims:
        if claim.value.startswith(("http://", "https://", "/")):
            continue
        value = html.unescape(claim.value)  # JSON-LD written with entities: "O&#039;Neil"
        for name in parse_byline(value) or split_names(value):
            if not _of_site(name, sites) and name not in names:
                names.append(name)
                source = source or claim.source
    return names, source


def _published(
    article: Article, meta: PageMeta, doc: RawDocument, dom: list[DomBlock], story_line: int | None
) -> None:
    """The first plausible date in order of trust: structured claims, ``<time>`` elements
    nearest the story, a date line by the headline, the URL, then what the text gave."""
    if article.published.source == "caller":
        return
    structured = sorted((c for c in meta.published if c.line is None), key=_date_rank)
    timed = _nearest_first([c for c in meta.published if c.line is not None], story_line)
    # A date in the URL is fixed when the story goes out, in the newsroom's own time
    # zone; a claim that disagrees with it is a stale template value, a sidebar's <time>
    # or a UTC timestamp that crossed midnight.
    day = _url_day(doc.url or "")
    if day is not None:
        article.published = Published(value=day.isoformat(), evidence=doc.url, source="url")
        article.provenance["published"] = "url"
        return
    if _take_date(article, [*structured, *timed]):
        _prefer_local_day(article, meta.published)
        return
    if article.published.source == "text.date_line":
        return
    _take_date(article, _dates_above_story(dom, story_line))


def _prefer_local_day(article: Article, claims: list[Claim]) -> None:
    """A UTC timestamp an evening story crosses midnight with ("2023-12-24T01:06Z") gives
    the day after the one the newsroom printed; when the page also states the local time
    ("2023-12-23 17:06:51"), the newsroom's day is the publication day."""
    value = article.published.value
    evidence = article.published.evidence or ""
    if value is None or not _UTC_STAMP.search(evidence):
        return
    day = dt.date.fromisoformat(value)
    for claim in claims:
        local = parse_iso_day(claim.value)
        if local == day - dt.timedelta(days=1) and _LOCAL_STAMP.search(claim.value):
            article.published = Published(
                value=local.isoformat(), evidence=claim.value, source=claim.source
            )
            article.provenance["published"] = claim.source
            return


_UTC_STAMP = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]00:?00)$")
_LOCAL_STAMP = re.compile(r"\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-](?!00:?00)\d\d:?\d\d)?$")


def _modified(article: Article, meta: PageMeta) -> None:
    """The last change the page declares, when it is a real day not before publication
    (a template's modified date older than the story is stale). A page that gives only
    its last change (a wiki page, a guide kept up to date) is dated by it, and the
    source says so: ``modified:<where>``."""
    published = parse_iso_day(article.published.value or "")
    for claim in sorted(meta.modified, key=_date_rank):
        day = parse_iso_day(claim.value)
        if day is not None and plausible(day) and (published is None or day >= published):
            article.modified = Modified(
                value=day.isoformat(), evidence=claim.value, source=claim.source
            )
            article.provenance["modified"] = claim.source
            if published is None:
                source = f"modified:{claim.source}"
                article.published = Published(
                    value=day.isoformat(), evidence=claim.value, source=source
                )
                article.provenance["published"] = source
            return


def _take_date(article: Article, claims: list[Claim]) -> bool:
    for claim in claims:
        day = parse_iso_day(claim.value) or _prose_day(claim.value)
        if day is not None and plausible(day):
            article.published = Published(
                value=day.isoformat(), evidence=claim.value, source=claim.source
            )
            article.provenance["published"] = claim.source
            return True
    return False


def _dates_above_story(dom: list[DomBlock], story_line: int | None) -> list[Claim]:
    """Short lines carrying a date just above the story ("By Jane Doe Dec 21, 2023")."""
    if story_line is None:
        return []
    above = [block for block in dom if (line := source_line(block.element)) and line <= story_line]
    return [
        Claim(block.text, "text.date_above_story")
        for block in reversed(above[-_DATE_LOOKBACK:])
        if len(block.text) <= 120 and find_dates(block.text)
    ]


def _url_day(url: str) -> dt.date | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    month = (match[2] or match[4]).lower()
    number = MONTHS.get(month[:3]) if month.isalpha() else int(month)
    try:
        day = dt.date(int(match[1]), number or 0, int(match[3] or match[5]))
    except ValueError:
        return None
    return day if plausible(day) else None


def _date_rank(claim: Claim) -> int:
    for rank, prefix in enumerate(_DATE_RANK):
        if claim.source.startswith(prefix):
            return rank
    return len(_DATE_RANK)


def _prose_day(value: str) -> dt.date | None:
    dates = find_dates(value)
    return dates[0].value if dates else None
