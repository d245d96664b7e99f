"""RSS and Atom feeds: each item a headline document (its title, link, date and summary).

Feeds are read with feedparser, which copes with the malformed XML real feeds carry
(unclosed entities, wrong encodings, RSS 0.9x to Atom 1.0). An item is what a newsroom
wire monitor sees: a headline, a link, a time and, sometimes, a summary; it becomes a
``RawDocument`` whose ``headline`` is the title and whose content is the summary's text.
A feed the parser cannot read at all is one ``ReadError``; an item with neither title
nor summary is an error of its own and the other items are kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from collections.abc import Iterator
from typing import Any

from copydesk.errors import ReadError
from copydesk.read.decode import clean_text
from copydesk.read.document import RawDocument
from copydesk.record import Notice

Item = RawDocument | ReadError

# A feed's root element, after an XML declaration, comments or a doctype.
_FEED_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*>\s*)*"
    rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_BREAK = re.compile(r"<(?:br|/p|/div|/li|/h\d)\b[^>]{0,200}>", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """Whether a document's first bytes open an RSS, RDF or Atom feed."""
    return _FEED_ROOT.match(head[:4096]) is not None


def read_feed(data: bytes, source: str, published: str | None) -> Iterator[Item]:
    """One headline document per item, in feed order; ``source`` is ``FILE:ITEM``."""
    import feedparser  # imported when a feed is met: it costs 50 ms

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries: list[Any] = list(parsed.entries)
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f": {problem}" if problem else ""
        yield ReadError(f"a feed with no items{reason}", source=source)
        return
    warnings = _feed_warnings(parsed)
    if warnings and len(_ITEM_OPEN.findall(data)) != len(entries):
        # an item feedparser's repair ran into the next one ("<description>" never
        # closed): read each item apart, so that none takes another's fields
        yield from _items_apart(data, source, published)
        return
    for number, entry in enumerate(entries, start=1):
        yield _item(entry, f"{source}:{number}", published, warnings)


_ITEM_OPEN = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]")
_ROOT_OPEN = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)\b[^>]*>")
_ITEM_CLOSE = re.compile(rb"</(?:[\w-]+:)?(?:item|entry)\s*>")


def _items_apart(data: bytes, source: str, published: str | None) -> Iterator[Item]:
    """Each item of a damaged feed parsed alone, under the feed's own root element (for
    its namespaces), by its position; one that still cannot be read is an error."""
    import feedparser

    root = _ROOT_OPEN.search(data)
    opening = root.group(0) if root else b"<rss>"
    rss = opening.lstrip(b"<").lower().startswith(b"rss")
    closing = b"</" + re.split(rb"[\s>]", opening[1:], maxsplit=1)[0] + b">"
    starts = [m.start() for m in _ITEM_OPEN.finditer(data)]
    for number, start in enumerate(starts, start=1):
        end = starts[number] if number < len(starts) else len(data)
        chunk = data[start:end]
        if close := _ITEM_CLOSE.search(chunk):
            chunk = chunk[: close.end()]
        body = b"<channel>" + chunk + b"</channel>" if rss else chunk
        parsed = feedparser.parse(opening + body + closing, sanitize_html=False)
        where = f"{source}:{number}"
        if len(parsed.entries) != 1:
            yield ReadError("a feed item that cannot be read apart from the others", source=where)
            continue
        notices = _item_warnings(parsed, closed=close is not None)
        yield _item(parsed.entries[0], where, published, notices)


def _item_warnings(parsed: Any, *, closed: bool) -> tuple[Notice, ...]:
    if not parsed.get("bozo") and closed:
        return ()
    return (
        Notice(
            code="feed_repaired",
            message="the feed is not well-formed; this item was read on its own, "
            "as far as it goes",
        ),
    )


def _item(entry: Any, where: str, published: str | None, warnings: tuple[Notice, ...]) -> Item:
    title = _plain(str(entry.get("title") or ""))
    summary = _summary(entry)
    if not title and not summary:
        return ReadError("a feed item with neither a title nor a summary", source=where)
    link = entry.get("link") or None
    moment, evidence, notices = (published, None, ()) if published else _item_time(entry)
    return RawDocument(
        source=where,
        content=summary,
        kind="text",
        url=str(link) if link else None,
        headline=title or None,
        published=moment,
        published_evidence=evidence,
        warnings=(*warnings, *notices),
    )


def _summary(entry: Any) -> str:
    """The item's own text: its content if the feed carries it, else its summary."""
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if value:
            return _plain(str(value))
    return _plain(str(entry.get("summary") or ""))


def _plain(markup: str) -> str:
    """The text of a feed field, which is often escaped HTML: tags gone, entities read,
    paragraphs kept apart by a blank line."""
    import html

    text = _BREAK.sub("\n\n", markup)
    text = html.unescape(_TAG.sub(" ", text))
    paragraphs = (_SPACE.sub(" ", part).strip() for part in text.split("\n\n"))
    return clean_text("\n\n".join(part for part in paragraphs if part))


def _item_time(entry: Any) -> tuple[str | None, str | None, tuple[Notice, ...]]:
    """The item's publication time as ISO 8601 with the publisher's own offset ("Mon, 10
    Mar 2014 23:30:00 -0500" is 2014-03-10T23:30:00-05:00: the 10th where it was
    written, not the 11th in UTC), the words it was read from, and what was wrong with
    them; its update time when it gives no other."""
    for key in ("published", "updated", "created"):
        written = entry.get(key)
        if not isinstance(written, str) or not written.strip():
            continue
        moment = _written_time(written)
        if moment is not None and moment.tzinfo is None:
            return moment.isoformat(), written, (_no_zone(written),)
        if moment is not None:
            return moment.isoformat().replace("+00:00", "Z"), written, ()
        parsed = entry.get(f"{key}_parsed")  # a form only feedparser reads: UTC
        if isinstance(parsed, time.struct_time):
            utc = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
            return utc.isoformat().replace("+00:00", "Z"), written, ()
        unread = Notice(
            code="published_unusable",
            message=f"the item's date {written!r} could not be read as a date; it was not used",
        )
        return None, None, (unread,)
    return None, None, ()


def _written_time(written: str) -> dt.datetime | None:
    """RSS's RFC 822 date or Atom's ISO 8601 one, as written (naive without a zone)."""
    import email.utils

    text = written.strip()
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _no_zone(written: str) -> Notice:
    return Notice(
        code="published_without_zone",
        message=f"the item's date {written!r} gives no time zone: its day is kept as "
        "written, its moment is unknown",
    )


def _feed_warnings(parsed: Any) -> tuple[Notice, ...]:
    """A feed feedparser had to repair is still read; its items say so."""
    problem = parsed.get("bozo_exception")
    if not parsed.get("bozo") or type(problem).__name__ == "CharacterEncodingOverride":
        return ()  # an encoding declared one way and read another is not damage
    return (
        Notice(
            code="feed_repaired",
            message=f"the feed is not well-formed ({problem}); its items were read anyway",
        ),
    )
