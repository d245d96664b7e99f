"""Bounds on a page's markup, applied before libxml2 sees it, and flattening for a page
nested past the parser's depth limit.

The bounds are ones real pages never come near and hostile ones cross on purpose:
libxml2 builds an element's attributes in quadratic time and a node per tag. Each bound
that changes a page returns a ``Notice`` for its record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.extraction.html.dom import BLOCK_TAGS
from copydesk.read.limits import MAX_ATTRIBUTES, MAX_TAGS
from copydesk.record import Notice

# A tag of more than MAX_ATTRIBUTES attributes is at least twice that long (a name and a
# separator each), so only a stretch of markup that long without a ">" can hold one.
_LONG_RUN = 2 * MAX_ATTRIBUTES
_TAG_OPEN = re.compile(rb"<[a-zA-Z][^\s/>]*")
# One attribute as HTML's tokenizer reads it: a name up to white space, "/", ">" or "=",
# then perhaps a value, quoted (a quote left open runs to the end) or bare.
_ATTRIBUTE = rb"""[\s/]*+[^\s/>][^\s/>=]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]++))?+"""
_SEPARATORS = b" \t\n\r\f/\"'"
_KEPT_ATTRIBUTES = re.compile(rb"(?:%s){0,%d}+" % (_ATTRIBUTE, MAX_ATTRIBUTES))
_MORE_ATTRIBUTES = re.compile(rb"(?:%s)*+" % _ATTRIBUTE)
_RAW_TEXT = re.compile(rb"<(/?)(?:script|style|textarea|title|xmp)\b", re.IGNORECASE)


def bound_markup(data: bytes) -> tuple[bytes, list[Notice]]:
    """``data`` held to ``MAX_ATTRIBUTES`` per element and ``MAX_TAGS`` per page, with a
    notice for each bound that cut it. A normal page passes through unchanged."""
    notices: list[Notice] = []
    data, cut = cap_attributes(data)
    if cut:
        notices.append(
            Notice(
                code="attributes_cut",
                message=(
                    f"kept the first {MAX_ATTRIBUTES:,} attributes of {cut:,} "
                    f"element{'s' if cut > 1 else ''} that had more"
                ),
            )
        )
    data, tags = cap_tags(data)
    if tags:
        notices.append(
            Notice(
                code="markup_cut",
                message=(
                    f"read the first {MAX_TAGS:,} of {tags:,} tags; the markup after them "
                    "was not read"
                ),
            )
        )
    return data, notices


def cap_attributes(data: bytes) -> tuple[bytes, int]:
    """``data`` with every element past ``MAX_ATTRIBUTES`` attributes cut to its first
    ones, and how many were cut: libxml2 adds each attribute by walking the ones before
    it, so one element of 60,000 takes half a minute."""
    pieces: list[bytes] = []
    done = cut = 0
    raw = _RawText(data)
    for start, end in long_runs(data, _LONG_RUN):
        tag = _first_tag(data, max(start, done), end)
        if tag is None or _separators(data[tag.end() : end]) < MAX_ATTRIBUTES:
            continue
        kept = _KEPT_ATTRIBUTES.match(data, tag.end())
        more = _MORE_ATTRIBUTES.match(data, kept.end()) if kept else None
        if kept is None or more is None or more.end() == kept.end():
            continue
        if raw.inside(tag.start()):
            continue
        pieces.append(data[done : kept.end()])
        done = more.end()
        cut += 1
    if not cut:
        return data, 0
    pieces.append(data[done:])
    return b"".join(pieces), cut


def _first_tag(data: bytes, start: int, end: int) -> re.Match[bytes] | None:
    """The first tag opened between ``start`` and ``end``, a stretch without a ">": a tag
    opened there runs to its end at least, so every "<" after its own is inside it."""
    first = data.find(b"<", start, end)
    if first < 0:
        return None
    return _TAG_OPEN.match(data, first, end) or _TAG_OPEN.search(data, first, end)


def _separators(markup: bytes) -> int:
    """How many bytes of ``markup`` may begin an attribute (white space, "/", a quote that
    closes a value): more than the attributes it holds, counted in C."""
    return len(markup) - len(markup.translate(None, _SEPARATORS))


def long_runs(data: bytes, length: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each stretch of ``data`` of at least ``length`` bytes without a ">".

    It looks ``length`` bytes ahead and goes on from the last ">" there (no stretch that
    long can start before it), so a page of ordinary markup costs a few steps in Python
    per ``length`` bytes and one backward search in C each.
    """
    position = 0
    while position + length <= len(data):
        last = data.rfind(b">", position, position + length)
        if last >= 0:
            position = last + 1
            continue
        end = data.find(b">", position + length)
        end = len(data) if end < 0 else end
        yield position, end
        position = end + 1


class _RawText:
    """Whether a place lies inside a script, style or the like, where "<" opens no tag.
    Asked only about tags found too long, at rising places, so the page is read once."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.read_to = 0
        self.open = False

    def inside(self, at: int) -> bool:
        for tag in _RAW_TEXT.finditer(self.data, self.read_to, at):
            self.open = not tag.group(1)
        self.read_to = max(self.read_to, at)
        return self.open


def cap_tags(data: bytes) -> tuple[bytes, int]:
    """``data`` cut before its tag ``MAX_TAGS + 1``, and how many it held (0 when under):
    libxml2 makes a node of each, some 150 bytes apiece, and a 30 MB page of ``<p>``
    would hold ten million. A page under three bytes a tag cannot be over."""
    if len(data) <= 3 * MAX_TAGS:
        return data, 0
    tags = data.count(b"<")
    if tags <= MAX_TAGS:
        return data, 0
    at = -1
    for _ in range(MAX_TAGS + 1):
        at = data.find(b"<", at + 1)
    return data[:at], tags


# -- flattening, for a page nested past the parser's depth limit ---------------------

_ANY_TAG = re.compile(rb"<(/?)([a-zA-Z][^\s/<>]*)[^<>]*+>?")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
_RAW_ELEMENTS = frozenset(b"script style textarea title xmp".split())
_BLOCK_NAMES = frozenset(tag.encode() for tag in BLOCK_TAGS)


def flatten(data: bytes, depth: int) -> bytes:
    """``data`` with every element nested deeper than ``depth`` unwrapped: its tags
    removed (a block element's become a ``<br>``, so its text still ends a block) and
    its text kept. A close tag closes the nearest open element of its name, as in HTML;
    one with none open is left for the parser to ignore."""
    pieces: list[bytes] = []
    stack = _OpenElements()
    done = position = 0
    while (tag := _ANY_TAG.search(data, position)) is not None:
        closing, name = bool(tag.group(1)), tag.group(2).lower()
        position = tag.end()
        keep = True
        if closing:
            keep = stack.close(name)
        elif name not in _VOID and not tag.group(0).endswith(b"/>"):
            keep = stack.depth < depth
            stack.open(name, keep)
            if name in _RAW_ELEMENTS:  # its content is text, not tags
                end = re.compile(rb"</" + re.escape(name), re.IGNORECASE).search(data, position)
                position = len(data) if end is None else end.start()
        if not keep:
            pieces.append(data[done : tag.start()])
            pieces.append(b"<br>" if name in _BLOCK_NAMES else b"")
            done = tag.end()
    pieces.append(data[done:])
    return b"".join(pieces)


class _OpenElements:
    """The elements open at a point of the markup, each with whether its tags are kept;
    counted by name, so a close tag with none of its name open costs nothing."""

    def __init__(self) -> None:
        self.stack: list[tuple[bytes, bool]] = []
        self.counts: dict[bytes, int] = {}

    @property
    def depth(self) -> int:
        return len(self.stack)

    def open(self, name: bytes, kept: bool) -> None:
        self.stack.append((name, kept))
        self.counts[name] = self.counts.get(name, 0) + 1

    def close(self, name: bytes) -> bool:
        """Pop the open elements down to the nearest named ``name``; whether its close
        tag stays (its open tag was kept, or none is open and the parser ignores it)."""
        if not self.counts.get(name):
            return True
        while True:
            popped, kept = self.stack.pop()
            self.counts[popped] -= 1
            if popped == name:
                return kept
