"""What people type into a search box, read as words and phrases, then written as FTS5.

User text is never pasted into FTS5 syntax: it is parsed into words and phrases, and the
FTS5 query is written from those, each one a double-quoted string. The plain syntax is
small on purpose:

    flood shelters          every word must occur (words are ANDed)
    "flood waters"          a phrase: these words, in this order
    Armenia OR Azerbaijan   either term (OR joins the terms on each side of it)
    -sport  -"match report" leave out documents that have it

Everything else is read as text, never as syntax. Punctuation and FTS5's operators
(``( ) * : ^ + { }``, ``NEAR``, ``NOT``, a quote left open) separate words or are dropped;
``AND`` is dropped, since words are ANDed anyway. A word joined by hyphens or apostrophes
(``Nagorno-Karabakh``, ``Côte d'Ivoire``, ``O'Brien``) becomes the phrase its parts
make, which is how the full-text index split it when it was stored. A query left with no
words matches nothing; so does one with exclusions only (FTS5 cannot list "everything
but").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The characters the index's unicode61 tokenizer keeps in a token: letters and digits.
_WORD = re.compile(r"[^\W_]+")
# A phrase in quotes (an unclosed one runs to the end), or a run of other characters.
_TOKEN = re.compile(r'(?P<neg>-*)(?:"(?P<phrase>[^"]*)"?|(?P<chunk>[^\s"]+))')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})
_COMMON = frozenset("a an the of and or for to in on at by with from".split())


@dataclass(frozen=True)
class Phrase:
    """Words that must occur together, in order (one word is a phrase of one)."""

    words: tuple[str, ...]

    def fts5(self) -> str:
        # Only letters and digits reach here, so there is nothing to escape; the
        # doubling keeps that true if the word pattern ever widens.
        return '"' + " ".join(self.words).replace('"', '""') + '"'


@dataclass(frozen=True)
class Query:
    """All of ``groups`` (each group: any of its phrases), none of ``excluded``."""

    groups: tuple[tuple[Phrase, ...], ...] = ()
    excluded: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        """False when nothing can match: no positive words."""
        return bool(self.groups)


def parse(text: str) -> Query:
    """Read user text in the plain syntax (see the module docstring); never raises."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    groups: list[list[Phrase]] = []
    excluded: list[Phrase] = []
    join_next = False  # an OR was read after the last group
    for match in _TOKEN.finditer(text):
        chunk = match.group("chunk")
        if chunk in ("OR", "AND") and not match.group("neg"):
            join_next = chunk == "OR" and bool(groups)
            continue
        words = tuple(_WORD.findall(match.group("phrase") or chunk or ""))
        if not words:
            continue  # punctuation or operators alone: nothing to search for
        phrase = Phrase(words)
        if match.group("neg"):
            excluded.append(phrase)
        elif join_next:
            groups[-1].append(phrase)
        else:
            groups.append([phrase])
        join_next = False
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


def without_common(query: Query) -> Query:
    """The query less its lone common words (``of``, ``the``…), when others remain: a name
    like "Bank of England" should not make the index read the list for "of"."""
    kept = tuple(
        group
        for group in query.groups
        if not (len(group) == 1 and len(group[0].words) == 1 and _is_common(group[0]))
    )
    return Query(kept or query.groups, query.excluded)


def _is_common(phrase: Phrase) -> bool:
    return phrase.words[0].lower() in _COMMON


def to_fts5(query: Query, column: str | None = None) -> str | None:
    """The FTS5 query for ``query``, every phrase limited to ``column`` when given; None
    when nothing can match. ``column`` is a name of ours, never user text."""
    if not query:
        return None
    prefix = f"{column} : " if column else ""

    def term(phrase: Phrase) -> str:
        return prefix + phrase.fts5()

    positive = " AND ".join(
        "(" + " OR ".join(term(p) for p in group) + ")" for group in query.groups
    )
    if not query.excluded:
        return positive
    return f"({positive}) NOT (" + " OR ".join(term(p) for p in query.excluded) + ")"


def combine(*parts: str | None) -> str | None:
    """Several FTS5 queries that must all match (e.g. a speaker and a topic)."""
    present = [f"({part})" for part in parts if part]
    return " AND ".join(present) or None
