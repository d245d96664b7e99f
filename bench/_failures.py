"""copydesk's worst pages of a set, each with what it missed and what leaked into its body.

A missed block is a truth paragraph of which under half the shingles reach the body; it
is shown with the reason copydesk gave when it set the text aside (its ``boilerplate``
record, or "caption" when the text went to a caption), so a failure reads as a kind
("dropped as sidebar"), not a score. A leaked block is a body paragraph mostly absent
from the truth. Postlight has no body truth: its pages are listed by a missed lead.
"""

from __future__ import annotations

from collections.abc import Iterator

from _aeb_metric import page_counts, shingles
from _readers import Reading
from _scores import lead_hits, page_f1
from _sets import Page

_SHOWN = 120
_BLOCKS = 3


def worst(
    pages: list[Page],
    readings: list[Reading],
    count: int,
    peer: list[Reading] | None = None,
    by_gap: bool = False,
) -> Iterator[str]:
    """Markdown lines for the ``count`` lowest-scoring pages, or (``by_gap``) those where
    copydesk trails ``peer`` (trafilatura's readings) the most; the peer's F1 is shown
    beside copydesk's, since a page both get wrong is often a partial truth."""
    pairs = list(zip(pages, readings, strict=True))
    if pairs and pairs[0][0].body is None:
        yield from _lead_misses(pairs, count)
        return
    own = [page_f1(page_counts(p.body or "", r.body)) for p, r in pairs]
    theirs = zip(pages, peer, strict=True) if peer else iter(())
    other = [page_f1(page_counts(p.body or "", r.body)) for p, r in theirs]
    gap = by_gap and bool(other)
    order = sorted(range(len(pairs)), key=lambda i: own[i] - other[i] if gap else own[i])
    for i in order[:count]:
        page, reading = pairs[i]
        beside = f", trafilatura {other[i]:.3f}" if i < len(other) else ""
        yield f"- `{page.key}` F1 {own[i]:.3f}{beside} ({len(reading.body)} chars out)"
        reasons = _set_aside(page)
        for text, share in _uncovered(page.body or "", reading.body)[:_BLOCKS]:
            yield f"  - missed {share:.0%}: {_clip(text)} [{_reason(text, reasons)}]"
        for text, share in _uncovered(reading.body, page.body or "")[:_BLOCKS]:
            yield f"  - leaked {share:.0%}: {_clip(text)}"


def _lead_misses(pairs: list[tuple[Page, Reading]], count: int) -> Iterator[str]:
    misses = [(p, r) for p, r in pairs if p.lead is not None and not lead_hits(r.body, p.lead)[0]]
    for page, reading in misses[:count]:
        yield f"- `{page.key}` lead missed: want {_clip(page.lead or '')}"
        yield f"  - got: {_clip(reading.body)}"


def _uncovered(text: str, other: str) -> list[tuple[str, float]]:
    """Paragraphs of ``text`` (with their share of its shingles) under half in ``other``,
    largest first."""
    seen = set(shingles(other))
    total = max(1, sum(shingles(text).values()))
    found = []
    for block in (b for b in text.split("\n") if b.strip()):
        own = shingles(block)
        size = sum(own.values())
        if sum(n for s, n in own.items() if s in seen) < size / 2:
            found.append((block, size / total))
    return sorted(found, key=lambda pair: -pair[1])


def _set_aside(page: Page) -> list[tuple[str, str]]:
    """(text, reason) of everything copydesk put outside the body of this page."""
    import copydesk

    article = copydesk.extract(html=page.html, url=page.url or None, understand=False)
    found = [(b.text, b.reason) for b in article.boilerplate]
    found += [(c.text, "caption") for c in article.captions]
    return found


def _reason(text: str, set_aside: list[tuple[str, str]]) -> str:
    """The reason of the set-aside text that holds most of ``text``'s shingles."""
    own = set(shingles(text))
    best, reason = 0, "not in the record"
    for other, why in set_aside:
        overlap = len(own & set(shingles(other)))
        if overlap > best:
            best, reason = overlap, why
    return reason if best >= len(own) / 2 else f"{reason}?" if best else reason


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return (flat[:_SHOWN] + "…") if len(flat) > _SHOWN else flat
