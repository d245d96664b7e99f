"""Story threads: the articles about one unfolding event, linked as they arrive.

A story (a wire story with its copies counts once) is described by its salient words —
names and nouns of its headline and opening paragraphs, with the names of its actors
weighted up — and joins the thread whose words it shares most, discounted by the days
between them (an event a month old is a different event). Without a close enough thread
it starts a new one. Threads are updated incrementally, so ingest order matters little
and a rerun changes nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from copydesk.extract.dates import parse_iso_day
from copydesk.record import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_STOP = frozenset(
    """
    the and for that with was were has have had this from said says will would could
    their they them its his her about after before over into more than also been not but
    who what when where which while being are is our out all one two new year years
    week last first other some any can may might just like very only most such there
    these those then than because reuters associated press told according
    """.split()
)
_TERMS = 40
_PROBE_TERMS = 12
_PROBE_TERMS = 12
_JOIN = 0.22
_HALF_LIFE_DAYS = 6.0
_WINDOW_DAYS = 30


@dataclass
class Thread:
    id: int
    title: str
    first: str | None
    last: str | None
    size: int
    terms: dict[str, float] = field(default_factory=dict)


def terms_of(article: Article) -> dict[str, float]:
    """The words that say what a story is about, weighted."""
    text = " ".join([article.headline or "", *article.body[:4]])
    counts = Counter(word.lower() for word in _WORD.findall(text) if word.lower() not in _STOP)
    for actor in article.actors:
        if actor.type in ("person", "organization"):
            for part in actor.name.lower().split():
                if part not in _STOP and len(part) > 2:
                    counts[part] += 2
    top = counts.most_common(_TERMS)
    norm = math.sqrt(sum(c * c for _, c in top)) or 1.0
    return {word: count / norm for word, count in top}


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def decay(a: str | None, b: str | None) -> float:
    day_a, day_b = parse_iso_day(a or ""), parse_iso_day(b or "")
    if day_a is None or day_b is None:
        return 0.8  # undated: neither near nor far
    days = abs((day_a - day_b).days)
    if days > _WINDOW_DAYS:
        return 0.0
    return float(0.5 ** (days / _HALF_LIFE_DAYS))


class ThreadIndex:
    """Threads and an inverted index from their words, so a new story is compared only
    with the threads that share one of its strongest words."""

    def __init__(self, threads: list[Thread]) -> None:
        self.threads: dict[int, Thread] = {}
        self.by_term: dict[str, set[int]] = {}
        for thread in threads:
            self.add(thread)

    def add(self, thread: Thread) -> None:
        self.threads[thread.id] = thread
        for word in thread.terms:
            self.by_term.setdefault(word, set()).add(thread.id)

    def candidates(self, terms: dict[str, float]) -> list[Thread]:
        strongest = sorted(terms, key=lambda w: -terms[w])[:_PROBE_TERMS]
        ids: set[int] = set()
        for word in strongest:
            ids |= self.by_term.get(word, set())
        return [self.threads[i] for i in sorted(ids)]


def best_thread(
    threads: list[Thread], terms: dict[str, float], published: str | None
) -> Thread | None:
    best, best_score = None, _JOIN
    for thread in threads:
        score = similarity(terms, thread.terms) * decay(published, thread.last or thread.first)
        if score >= best_score:
            best, best_score = thread, score
    return best


def merge(thread: Thread, terms: dict[str, float], published: str | None) -> None:
    """Fold a story's words into its thread (a running centroid, renormalised)."""
    combined: dict[str, float] = {}
    for word, weight in thread.terms.items():
        combined[word] = combined.get(word, 0.0) + weight * thread.size
    for word, weight in terms.items():
        combined[word] = combined.get(word, 0.0) + weight
    top = sorted(combined.items(), key=lambda item: -item[1])[: _TERMS * 2]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    thread.terms = {word: weight / norm for word, weight in top}
    thread.size += 1
    if published:
        thread.first = min(filter(None, [thread.first, published]), default=published)
        thread.last = max(filter(None, [thread.last, published]), default=published)


def encode_terms(terms: dict[str, float]) -> str:
    return json.dumps(terms, separators=(",", ":"))


def decode_terms(text: str) -> dict[str, float]:
    loaded: dict[str, float] = json.loads(text)
    return loaded
