"""Found spans by their place in the text, for "does anything found already cover these
characters?" at a cost that grows with the answer, not with all that was found.

Quotes and stances each give way to an earlier one reporting the same words; a body of
thousands of attributions would otherwise compare every new one with all before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items kept with the character range they cover, sorted by where it starts."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._items: list[tuple[int, T]] = []
        self._longest = 0

    def add(self, start: int, end: int, item: T) -> None:
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._items.insert(at, (end, item))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> Iterator[T]:
        """The items whose range shares a character with ``start``–``end``."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_left(self._starts, end)
        return (item for item_end, item in self._items[low:high] if item_end > start)
