"""The span index answers what a slow scan of everything found would answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copydesk.understand.span_index import SpanIndex

spans = st.tuples(st.integers(0, 500), st.integers(1, 120)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=40), spans)
def test_overlapping_matches_a_full_scan(
    found: list[tuple[int, int]], probe: tuple[int, int]
) -> None:
    index: SpanIndex[int] = SpanIndex()
    for number, (start, end) in enumerate(found):
        index.add(start, end, number)
    start, end = probe
    expected = {n for n, (s, e) in enumerate(found) if s < end and e > start}
    assert set(index.overlapping(start, end)) == expected
