"""Scoring readings against a set's truth, as ../shared/bench/README.md says for each set.

Main text is the AEB metric (``_aeb_metric``); title exact after white-space
normalisation; authors a set of normalised names (F1), or Readability's byline as one
normalised string; the date the calendar day (UTC for Postlight's ISO stamps); the lead
Postlight's first words at the start of the body (strict) or within its first 500
characters (loose), white space removed from both.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from collections.abc import Callable, Set

from _aeb_metric import Counts, page_counts, summarise
from _readers import Reading
from _sets import Page, norm_name

_SPACE = re.compile(r"\s+")
_LOOSE_LEAD = 500
METRICS = ("precision", "recall", "f1", "empty", "title", "authors", "date", "lead", "lead500")


def norm_text(value: str | None) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", value or "")).strip()


def author_f1(
    found: list[str], expected: Set[str], norm: Callable[[str], str] = norm_name
) -> float:
    """F1 of the names found against the expected (already normalised) names."""
    got = {n for name in found if (n := norm(name))}
    if not got and not expected:
        return 1.0
    hits = len(got & expected)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(got), hits / len(expected)
    return 2 * precision * recall / (precision + recall)


def day(value: str | None, utc: bool) -> str:
    """The calendar day of a date or moment; the UTC day when ``utc`` and it has a zone."""
    text = (value or "").strip()
    if utc and len(text) > 10:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text[:10]
        if moment.tzinfo is not None:
            return moment.astimezone(dt.UTC).date().isoformat()
    return text[:10]


def lead_hits(body: str, first_words: str) -> tuple[bool, bool]:
    """(strict, loose): the first words open the body / start in its first 500 chars."""
    flat, want = _SPACE.sub("", body), _SPACE.sub("", first_words)
    at = flat.find(want) if want else -1
    return at == 0, 0 <= at < _LOOSE_LEAD


def page_f1(counts: Counts) -> float:
    """One page's shingle F1 (the set's F1 is not a mean of these: a diagnostic)."""
    denominator = 2 * counts.tp + counts.fp + counts.fn
    return 2 * counts.tp / denominator if denominator else 1.0


def score(pages: list[Page], readings: list[Reading], gives: frozenset[str]) -> dict[str, float]:
    """Every metric the pages can score and the system gives; others are absent."""
    result: dict[str, float] = {}
    bodied = [(p, r) for p, r in zip(pages, readings, strict=True) if p.body is not None]
    if bodied and "body" in gives:
        counts = [page_counts(p.body or "", r.body) for p, r in bodied]
        result.update({k: v for k, v in summarise(counts).items() if k != "accuracy"})
        result["empty"] = float(sum(not r.body.strip() for _p, r in bodied))
    _mean_into(result, "title", _titles(pages, readings), "title" in gives)
    _mean_into(result, "authors", _authors(pages, readings), "authors" in gives)
    _mean_into(result, "date", _dates(pages, readings), "date" in gives)
    pairs = zip(pages, readings, strict=True)
    leads = [lead_hits(r.body, p.lead) for p, r in pairs if p.lead is not None]
    _mean_into(result, "lead", [float(s) for s, _ in leads], "body" in gives)
    _mean_into(result, "lead500", [float(loose) for _, loose in leads], "body" in gives)
    return result


def _mean_into(result: dict[str, float], key: str, values: list[float], given: bool) -> None:
    if values and given:
        result[key] = statistics.mean(values)


def _titles(pages: list[Page], readings: list[Reading]) -> list[float]:
    return [
        float(norm_text(r.title) == norm_text(p.title))
        for p, r in zip(pages, readings, strict=True)
        if p.title is not None
    ]


def _authors(pages: list[Page], readings: list[Reading]) -> list[float]:
    values = []
    for p, r in zip(pages, readings, strict=True):
        if p.authors is not None:
            values.append(author_f1(r.authors or [], p.authors))
        elif p.byline is not None:
            values.append(float(norm_name(", ".join(r.authors or [])) == norm_name(p.byline)))
    return values


def _dates(pages: list[Page], readings: list[Reading]) -> list[float]:
    return [
        float(day(r.date, p.date_utc) == day(p.date, p.date_utc))
        for p, r in zip(pages, readings, strict=True)
        if p.date is not None
    ]
