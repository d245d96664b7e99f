"""Chinese, Japanese and Korean words findable by search: an index of character pairs.

These scripts write words without spaces, so FTS5's unicode61 tokenizer keeps a whole
run of them as one token, and a two-character word inside it ("東京" in "東京都知事")
is never found. Beside the word index, a document with CJK text has a row in
``documents_cjk`` whose text is its own with every CJK run written as its overlapping
pairs ("東京 京都 都知 知事"), as Lucene's CJK analyser indexes it; a query's CJK words
become the phrase of their pairs, which matches wherever the word stands. The other
words stay as they are, and a query without CJK never looks at this index, so English
search costs what it did.
"""

from __future__ import annotations

import re

from copydesk.corpus.query_text import Phrase, Query
from copydesk.extraction.headline import CJK

_RUN = re.compile(f"(?:{CJK.pattern})+")  # a run of the scripts written without spaces


def has_cjk(text: str) -> bool:
    return _RUN.search(text) is not None


def pairs(text: str) -> str:
    """``text`` with each CJK run written as its overlapping character pairs, each a
    token of its own (a run of one character stays one)."""
    return _RUN.sub(lambda m: " " + " ".join(_pairs_of(m.group())) + " ", text)


def _pairs_of(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_query(query: Query) -> Query | None:
    """``query`` as the pair index reads it, or None when it has no CJK word (then the
    word index answers it)."""
    phrases = [p for group in query.groups for p in group] + list(query.excluded)
    if not any(has_cjk(word) for phrase in phrases for word in phrase.words):
        return None
    return Query(
        tuple(tuple(_paired(p) for p in group) for group in query.groups),
        tuple(_paired(p) for p in query.excluded),
    )


def _paired(phrase: Phrase) -> Phrase:
    return Phrase(tuple(token for word in phrase.words for token in pairs(word).split()))


def first_run(query: Query) -> str | None:
    """The first CJK run the query looks for, to show a hit's words around it."""
    for group in query.groups:
        for phrase in group:
            for word in phrase.words:
                if match := _RUN.search(word):
                    return match.group()
    return None
