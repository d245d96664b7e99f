"""What the pages show, worked out from records and rows: pure functions, no HTTP.

The record keeps the body once, with quotes, figures and times as character spans into
it; a page needs the body cut into pieces, each knowing which marks cover it. These
functions do that cutting (and the other small reshaping pages need) so templates only
loop and escape, and so the cutting can be tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from copydesk.record import BODY_SEPARATOR, Article, Figure, Quote, Span, TimeExpression
from copydesk.serve.schemas import Edit

# How many speaker colours the stylesheet defines (.speaker-0 … .speaker-7).
SPEAKER_COLOURS = 8


@dataclass(frozen=True)
class Piece:
    """A run of body text and the marks over all of it (None where there is none)."""

    text: str
    speaker: int | None = None  # the speaker's colour, when the run is inside a quote
    quote: str | None = None  # what hovering the quote shows
    figure: str | None = None
    time: str | None = None


def speaker_colours(quotes: Iterable[Quote]) -> dict[str, int]:
    """One colour per speaker, in order of first quote (unnamed speakers share one)."""
    colours: dict[str, int] = {}
    for quote in quotes:
        name = _speaker_name(quote)
        if name not in colours:
            colours[name] = len(colours) % SPEAKER_COLOURS
    return colours


def _speaker_name(quote: Quote) -> str:
    return quote.speaker.name if quote.speaker else "unattributed"


def quote_title(quote: Quote) -> str:
    """What a reader sees on hovering a quote: who, what kind, which cue."""
    parts = [_speaker_name(quote), f"{quote.kind} quote"]
    if quote.cue:
        parts.append(f"cue: {quote.cue}")
    # The record gives quotes no confidence (stances have one); say so rather than invent.
    parts.append("confidence: not scored")
    return " · ".join(parts)


def figure_title(figure: Figure) -> str:
    value = _number(figure.value) if figure.value is not None else "?"
    parts = [f"{'≈' if figure.approx else ''}{value} {figure.unit or ''}".strip()]
    if figure.counted:
        parts.append(f"of {figure.counted}")
    if figure.claimant:
        parts.append(f"per {figure.claimant}")
    if figure.as_of:
        parts.append(f"as of {figure.as_of}")
    return " · ".join(parts)


def time_title(time: TimeExpression) -> str:
    return f"{time.type}: {time.value}" if time.value else time.type


def _number(value: float) -> str:
    """A number as people write it: 11,000,000 rather than 1.1e+07."""
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def number(value: float | None) -> str:
    return "" if value is None else _number(value)


@dataclass(frozen=True)
class _Mark:
    span: Span
    title: str
    colour: int | None = None


def marked_paragraphs(article: Article) -> list[list[Piece]]:
    """The body, paragraph by paragraph, cut where any quote, figure or time starts or ends."""
    colours = speaker_colours(article.quotes)
    quotes = [
        _Mark(span, quote_title(q), colours[_speaker_name(q)])
        for q in article.quotes
        for span in (q.fragments or [q.span])  # a quote's words, not the cue between them
    ]
    figures = [_Mark(f.span, figure_title(f)) for f in article.figures]
    times = [_Mark(t.span, time_title(t)) for t in article.times]
    spans = [mark.span for mark in (*quotes, *figures, *times)]
    paragraphs = []
    start = 0
    for text in article.body:
        end = start + len(text)
        cuts = sorted({start, end, *_inside(spans, start, end)})
        pieces = []
        for a, b in pairwise(cuts):
            quote = _covering(quotes, a)
            pieces.append(
                Piece(
                    text=text[a - start : b - start],
                    speaker=quote.colour if quote else None,
                    quote=quote.title if quote else None,
                    figure=_title(_covering(figures, a)),
                    time=_title(_covering(times, a)),
                )
            )
        paragraphs.append(pieces)
        start = end + len(BODY_SEPARATOR)
    return paragraphs


def _inside(spans: Iterable[Span], start: int, end: int) -> Iterable[int]:
    for span in spans:
        for offset in (span.start, span.end):
            if start < offset < end:
                yield offset


def _covering(marks: Sequence[_Mark], offset: int) -> _Mark | None:
    """The first mark whose span holds ``offset``."""
    for mark in marks:
        if mark.span.start <= offset < mark.span.end:
            return mark
    return None


def _title(mark: _Mark | None) -> str | None:
    return mark.title if mark else None


_DATE_PARTS = re.compile(r"^(-?\d+)(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def as_of_key(as_of: str | None) -> tuple[int, int, int, int]:
    """Sort key reading ``as_of`` as a date ("196" before "1920"); undated ones last."""
    found = _DATE_PARTS.match(as_of or "")
    if not found:
        return (1, 0, 0, 0)
    year, month, day = found.groups()
    return (0, int(year), int(month or 0), int(day or 0))


def edits(original: Sequence[str], copy: Sequence[str]) -> list[Edit]:
    """The paragraphs a copy cut from, and added to, the original, in reading order."""
    changes: list[Edit] = []
    matcher = SequenceMatcher(a=list(original), b=list(copy), autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            changes.extend(Edit(op="cut", text=text) for text in original[a1:a2])
        if op in ("insert", "replace"):
            changes.extend(Edit(op="added", text=text) for text in copy[b1:b2])
    return changes
