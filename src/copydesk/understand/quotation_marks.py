"""Where quotations open and close, read from the marks alone.

The parser splits a long quotation into sentences and knows nothing of the marks
around them, so a quote that runs on for several sentences — or, by the newsroom
convention, over several paragraphs that each reopen with a mark and only the last one
closes — is found here, in one pass over the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_OPENING = "“«„"
_CLOSING = "”»"
_STRAIGHT = '"'
DOUBLED = "''"  # two apostrophes for a double mark, as some newspaper archives write it


_NOT_SPACE = re.compile(r"\S")  # what ``str.lstrip`` stops at


class Region(NamedTuple):
    """One quotation: from its opening mark to just after its closing mark."""

    start: int
    end: int


Regions = tuple[Region, ...]


@lru_cache(maxsize=1)
def quoted_regions(text: str) -> Regions:
    """Every quotation in the text, outermost only (the last text's answer is kept:
    quotes and stances both ask it of the same body).

    Curly marks say which way they face; a straight mark (or two apostrophes, ``''``)
    opens when none is open and closes otherwise. A paragraph that ends inside a
    quotation carries it on only when the next paragraph opens with a mark; otherwise
    the quotation stops at the break.
    """
    regions: list[Region] = []
    start = -1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        doubled = char == "'" and text.startswith(DOUBLED, i)
        if char == "\n" and start >= 0 and text.startswith("\n\n", i):
            resumes = _NOT_SPACE.search(text, i)  # where the next paragraph's words start
            following = resumes.start() if resumes is not None else n
            if following < n and text[following] in _OPENING + _STRAIGHT:
                i = following + 1  # the reopening mark is not a new quotation
                continue
            if text.startswith(DOUBLED, following):
                i = following + len(DOUBLED)
                continue
            regions.append(Region(start, i))
            start = -1
        elif start < 0 and (char in _OPENING + _STRAIGHT or doubled):
            start = i
        elif start >= 0 and (char in _CLOSING + _STRAIGHT or doubled):
            regions.append(Region(start, i + (len(DOUBLED) if doubled else 1)))
            start = -1
        i += len(DOUBLED) if doubled else 1
    if start >= 0:
        regions.append(Region(start, n))
    return tuple(regions)


def region_at(regions: Regions, offset: int) -> Region | None:
    """The quotation that holds the character at `offset`, if any."""
    low, high = 0, len(regions)
    while low < high:
        middle = (low + high) // 2
        if regions[middle].end <= offset:
            low = middle + 1
        else:
            high = middle
    if low < len(regions) and regions[low].start <= offset < regions[low].end:
        return regions[low]
    return None
