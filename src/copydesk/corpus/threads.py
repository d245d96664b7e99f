"""Story threads: the articles about one unfolding event, linked as they arrive.

A story (a wire story with its copies counts once) is described by the words of its
headline and opening paragraphs, in any language: Unicode word tokens cut to a stem
(their first ``_STEM`` letters, which joins "tapering" and "taper" without a stemmer
per language), less the language's stop words (spaCy's lists). Each word is weighted
by its rarity across the stories seen so far (IDF, kept in the store, so it grows
with the corpus), and names (capitalised words, actors) count more. A story joins the
thread whose centroid it is closest to, discounted by the hours between them; without a
close enough thread it starts one. A thread that has grown toward another merges with
it: a single pass over stories in arrival order would otherwise leave an event split
in the pieces its first reports came in. Everything is incremental: a story already
stored is never threaded again, so a rerun changes nothing.

The words of the story's URL path count too, at less than a headline word: a feed item
is often a headline alone, and its link's slug ("…/malaysia-airlines-search-indian-ocean")
says what the story is about in words the headline may not use.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlsplit

from copydesk.extraction.headline import CJK
from copydesk.record import Article

_WORD = re.compile(r"[^\W\d_][\w'’]*")
_STEM = 6  # letters kept of a word
_NAME_WEIGHT = 1.5  # a capitalised word or an actor's name against a plain word
_SLUG_WEIGHT = 0.6  # a word of the URL's path against a plain word of the headline
_SLUG_WORD = re.compile(r"[^\W\d_]{3,}")
_URL_FORMS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cms", "index"})
_PARAGRAPHS = 2  # opening paragraphs read beside the headline
_PROBE_TERMS = 12  # a story is compared with the threads sharing its strongest words
_JOIN = 0.12  # least similarity, after the time discount, to join a thread
_MERGE = 0.2  # least similarity of two threads' centroids to merge them
_CENTROID_TERMS = 400  # words a thread keeps (its strongest)
_HALF_LIFE_HOURS = 24.0 * 6
_WINDOW_HOURS = 24.0 * 30

Terms = dict[str, float]


@dataclass
class Thread:
    id: int
    title: str
    first: str | None
    last: str | None
    size: int
    terms: Terms = field(default_factory=dict)


@dataclass
class TermStats:
    """How many stories each word stem has been seen in, and how many stories in all:
    the IDF that tells a name from a word every headline uses."""

    stories: int = 0
    seen: Counter[str] = field(default_factory=Counter)

    def count(self, words: set[str]) -> None:
        self.stories += 1
        self.seen.update(words)

    def idf(self, word: str) -> float:
        return math.log((self.stories + 1) / (self.seen[word] + 1)) + 1


def words_of(article: Article) -> dict[str, float]:
    """A story's word stems, names counted up."""
    stop = _stop_words(article.language or "en")
    counts: dict[str, float] = {}
    for text in (article.headline or "", *article.body[:_PARAGRAPHS]):
        for word in _WORD.findall(text):
            for stem in _stems(word, stop):
                counts[stem] = counts.get(stem, 0.0) + (_NAME_WEIGHT if word[0].isupper() else 1.0)
    for word in _slug_words(article.url):
        for stem in _stems(word, stop):
            counts[stem] = counts.get(stem, 0.0) + _SLUG_WEIGHT
    for actor in article.actors:
        if actor.type in ("person", "organization"):
            for word in _WORD.findall(actor.name):
                for stem in _stems(word, stop):
                    counts[stem] = counts.get(stem, 0.0) + _NAME_WEIGHT
    return counts


def _slug_words(url: str | None) -> list[str]:
    """The words of a URL's path, less the names of file formats."""
    if not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    words = _SLUG_WORD.findall(path.replace("_", " "))
    return [word for word in words if word.lower() not in _URL_FORMS]


def _stems(word: str, stop: frozenset[str]) -> list[str]:
    """A word's stem; a run of CJK characters (written without spaces) as its pairs."""
    lower = word.lower().replace("’", "'")
    if CJK.match(lower):
        return [lower[i : i + 2] for i in range(max(len(lower) - 1, 1))]
    if lower.endswith("'s"):
        lower = lower[:-2]
    if len(lower) < 2 or lower in stop:
        return []
    return [lower[:_STEM]]


@cache
def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for the language (English for one spaCy does not list)."""
    import importlib

    try:
        module = importlib.import_module(f"spacy.lang.{language}.stop_words")
    except (ImportError, ValueError):
        module = importlib.import_module("spacy.lang.en.stop_words")
    return frozenset(word.replace("’", "'") for word in module.STOP_WORDS)


def weigh(counts: dict[str, float], stats: TermStats) -> Terms:
    """The story's unit vector of word weights (count × IDF)."""
    weights = {word: count * stats.idf(word) for word, count in counts.items()}
    return _unit({word: weight for word, weight in weights.items() if weight > 0})


def _unit(weights: Terms) -> Terms:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {word: weight / norm for word, weight in weights.items()}


def similarity(a: Terms, b: Terms) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(word, 0.0) for word, weight in a.items())


def decay(a: str | None, b: str | None) -> float:
    """How much nearer in time makes two stories likelier to be one event."""
    moment_a, moment_b = _moment(a), _moment(b)
    if moment_a is None or moment_b is None:
        return 0.8  # undated: neither near nor far
    hours = abs((moment_a - moment_b).total_seconds()) / 3600
    if hours > _WINDOW_HOURS:
        return 0.0
    return float(0.5 ** (hours / _HALF_LIFE_HOURS))


def _moment(value: str | None) -> dt.datetime | None:
    """An ISO day or datetime as a moment in UTC (a day as its noon)."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(value) <= 10:
        moment = moment.replace(hour=12)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class ThreadIndex:
    """Threads, the word statistics, and an inverted index from words to threads, so a
    new story is compared only with the threads that share one of its strongest words."""

    def __init__(self, threads: list[Thread], stats: TermStats | None = None) -> None:
        self.threads: dict[int, Thread] = {}
        self.by_term: dict[str, set[int]] = {}
        self.stats = stats or TermStats()
        for thread in threads:
            self.add(thread)

    def add(self, thread: Thread) -> None:
        self.threads[thread.id] = thread
        for word in thread.terms:
            self.by_term.setdefault(word, set()).add(thread.id)

    def remove(self, thread: Thread) -> None:
        del self.threads[thread.id]
        for word in thread.terms:
            self.by_term.get(word, set()).discard(thread.id)

    def candidates(self, terms: Terms, *, besides: int | None = None) -> list[Thread]:
        strongest = sorted(terms, key=lambda w: -terms[w])[:_PROBE_TERMS]
        ids: set[int] = set()
        for word in strongest:
            ids |= self.by_term.get(word, set())
        if besides is not None:
            ids.discard(besides)
        return [self.threads[i] for i in sorted(ids)]

    def best(self, terms: Terms, published: str | None) -> Thread | None:
        """The thread a story with these words joins, or None to start one."""
        best, best_score = None, _JOIN
        for thread in self.candidates(terms):
            score = similarity(terms, thread.terms) * decay(published, thread.last)
            if score >= best_score:
                best, best_score = thread, score
        return best

    def mergeable(self, thread: Thread) -> list[Thread]:
        """Threads close enough to ``thread`` to be the same event."""
        return [
            other
            for other in self.candidates(thread.terms, besides=thread.id)
            if similarity(thread.terms, other.terms) * decay(thread.last, other.last) >= _MERGE
        ]


def join(thread: Thread, terms: Terms, published: str | None) -> None:
    """Fold a story's words into its thread (a running centroid, renormalised)."""
    _fold(thread, terms, 1, published, published)


def absorb(thread: Thread, other: Thread) -> None:
    """Fold a whole thread into ``thread``, weighted by the stories each holds."""
    _fold(thread, other.terms, other.size, other.first, other.last)


def _fold(thread: Thread, terms: Terms, size: int, first: str | None, last: str | None) -> None:
    combined = {word: weight * thread.size for word, weight in thread.terms.items()}
    for word, weight in terms.items():
        combined[word] = combined.get(word, 0.0) + weight * size
    strongest = sorted(combined.items(), key=lambda item: -item[1])[:_CENTROID_TERMS]
    thread.terms = _unit(dict(strongest))
    thread.size += size
    thread.first = min(filter(None, [thread.first, first]), default=None)
    thread.last = max(filter(None, [thread.last, last]), default=None)


def encode_terms(terms: Terms) -> str:
    return json.dumps(terms, separators=(",", ":"), ensure_ascii=False)


def decode_terms(text: str) -> Terms:
    loaded: Terms = json.loads(text)
    return loaded
