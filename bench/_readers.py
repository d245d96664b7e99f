"""Each system as one timed reading of a page (body, and the metadata it gives).

copydesk is read as a user calls it: ``copydesk.extract(html=..., url=...)`` once, body and
metadata together. A peer's timed call is its body extractor from ``_peers`` (the call the
AEB speed table times); its metadata, where it has any, comes from a second call that is
not timed, so speed stays "extraction as in bench/extract_aeb.py" for every system.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass

from _peers import readability_lxml, resiliparse, trafilatura_default


@dataclass(frozen=True)
class Reading:
    """What one system made of one page. ``None``: the system does not give the field."""

    body: str
    title: str | None = None
    authors: list[str] | None = None
    date: str | None = None  # a day, or an ISO moment with its zone


@dataclass(frozen=True)
class System:
    name: str
    timed: Callable[[str, str], Reading]
    untimed: Callable[[str, str], Reading] | None  # adds metadata to the timed reading
    needs: tuple[str, ...]  # modules it imports; missing ones mean "not installed"
    gives: frozenset[str]  # the fields it reads: body, title, authors, date


def copydesk_reading(html: str, url: str) -> Reading:
    """Body with its dateline in front (truths keep the dateline); title as in
    bench/metadata_naeb.py; the date as the stated moment where there is one."""
    import copydesk

    article = copydesk.extract(html=html, url=url or None, understand=False)
    body = list(article.body)
    if body and article.dateline:
        body[0] = f"{article.dateline.text} {body[0]}"
    title = article.headline
    if article.kicker and title:
        title = f"{article.kicker}: {title}"
    published = article.published
    moment = published.time if published.time and published.value else None
    date = moment if moment and moment.startswith(published.value or "") else published.value
    return Reading("\n\n".join(body), title, list(article.authors), date)


def _body_only(extractor: Callable[[str, str], str]) -> Callable[[str, str], Reading]:
    def read(html: str, url: str) -> Reading:
        return Reading(extractor(html, url))

    return read


def trafilatura_meta(html: str, url: str) -> Reading:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if not isinstance(doc, trafilatura.settings.Document):
        return Reading("", None, [], None)
    authors = [a.strip() for a in re.split(r";|,| and ", doc.author or "") if a.strip()]
    return Reading("", doc.title, authors, doc.date)


def readability_meta(html: str, url: str) -> Reading:
    """readability-lxml's title (the page's <title>, as Readability.js keeps it)."""
    from readability import Document  # type: ignore[import-untyped]

    return Reading("", str(Document(html).title()), None, None)


_META = frozenset({"body", "title", "authors", "date"})
SYSTEMS: dict[str, System] = {
    "copydesk": System("copydesk", copydesk_reading, None, ("copydesk",), _META),
    "trafilatura": System(
        "trafilatura",
        _body_only(trafilatura_default),
        trafilatura_meta,
        ("trafilatura",),
        _META,
    ),
    "readability-lxml": System(
        "readability-lxml",
        _body_only(readability_lxml),
        readability_meta,
        ("readability", "html_text", "lxml_html_clean"),
        frozenset({"body", "title"}),
    ),
    "resiliparse": System(
        "resiliparse", _body_only(resiliparse), None, ("resiliparse",), frozenset({"body"})
    ),
}


def missing(system: System) -> list[str]:
    """The modules ``system`` needs that are not installed."""
    return [name for name in system.needs if importlib.util.find_spec(name) is None]


def merged(timed: Reading, extra: Reading) -> Reading:
    """The timed body with the untimed call's metadata."""
    return Reading(timed.body, extra.title, extra.authors, extra.date)
