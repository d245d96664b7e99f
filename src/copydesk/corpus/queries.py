"""Questions over the store: full-text search, quotes, figures, stories, errors.

Each function returns typed rows, newest first where time matters. A quote or figure
that ran in several copies of one wire story is returned once per story, with the number
of places it ran (``copies``). Questions with words look at the newest 2,000 full-text
matches, so they stay fast however common the words are in a large corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from copydesk.corpus.store import Store
from copydesk.errors import CorpusError
from copydesk.record import Article, from_json


class SearchHit(msgspec.Struct):
    id: int
    headline: str | None
    published: str | None
    url: str | None
    snippet: str


class QuoteRow(msgspec.Struct):
    document_id: int
    story_id: int | None
    published: str | None
    speaker: str | None
    speaker_type: str | None
    kind: str | None
    cue: str | None
    text: str
    copies: int


class FigureRow(msgspec.Struct):
    document_id: int
    story_id: int | None
    published: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: bool
    counted: str | None
    claimant: str | None
    as_of: str | None
    text: str | None
    copies: int


class ThreadRow(msgspec.Struct):
    id: int
    title: str | None
    first_published: str | None
    last_published: str | None
    stories: int
    documents: int


class CopyRow(msgspec.Struct):
    document_id: int
    url: str | None
    site: str | None
    published: str | None
    headline: str | None
    original: bool
    added_paragraphs: int | None
    cut_paragraphs: int | None


class ErrorRow(msgspec.Struct):
    input: str
    stage: str
    message: str
    at: str


def search(store: Store, query: str, *, limit: int = 20) -> list[SearchHit]:
    # Rank first (FTS5 sorts rowids by bm25 without building snippets), then make the
    # snippets of the few rows shown.
    top = [
        r[0]
        for r in store.query(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
    ]
    hits = []
    for rowid in top:  # one row at a time: FTS5 seeks a rowid, but scans for a rowid list
        row = store.query(
            """SELECT d.id, d.headline, d.published, d.url,
                      snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet
               FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
               WHERE documents_fts MATCH ? AND documents_fts.rowid = ?""",
            (query, rowid),
        )
        if row:
            r = row[0]
            hits.append(SearchHit(r["id"], r["headline"], r["published"], r["url"], r["snippet"]))
    return hits


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    limit: int = 50,
) -> list[QuoteRow]:
    match = _match(("speaker", _words_query(speaker) if speaker else None), ("text", about))
    # With words to match, the full-text hits drive the join (CROSS JOIN keeps that
    # order); without, the newest documents do.
    source = (
        "(SELECT rowid AS key FROM quotes_fts WHERE quotes_fts MATCH ?"
        f" ORDER BY rowid DESC LIMIT {_NEWEST_MATCHES}) AS hits "
        "CROSS JOIN quotes q ON q.rowid = hits.key "
        "JOIN documents d ON d.id = q.document_id"
        if match
        else "documents d JOIN quotes q ON q.document_id = d.id"
    )
    params: list[object] = [match] if match else []
    where = "1 = 1"
    if since:
        where = "d.published >= ?"
        params.append(since)
    rows = store.query(
        f"""SELECT q.document_id, d.story_id, d.published, q.speaker, q.speaker_type, q.kind,
                   q.cue, q.text
            FROM {source} WHERE {where}
            ORDER BY d.published DESC, q.document_id DESC LIMIT ?""",
        (*params, limit * _OVERFETCH),
    )
    return [
        QuoteRow(
            r["document_id"],
            r["story_id"],
            r["published"],
            r["speaker"],
            r["speaker_type"],
            r["kind"],
            r["cue"],
            r["text"],
            _copies(store, r["story_id"]),
        )
        for r in _once_per_story(rows, ("story_id", "text"), limit)
    ]


def figures(
    store: Store,
    *,
    unit: str | None = None,
    about: str | None = None,
    since: str | None = None,
    limit: int = 50,
) -> list[FigureRow]:
    if about:
        source = (
            "(SELECT rowid AS key FROM figures_fts WHERE figures_fts MATCH ?"
            f" ORDER BY rowid DESC LIMIT {_NEWEST_MATCHES}) AS hits "
            "CROSS JOIN figures g ON g.rowid = hits.key "
            "JOIN documents d ON d.id = g.document_id"
        )
        params: list[object] = [about]
    else:  # a unit's timeline is read in date order straight from its index
        source = "figures g INDEXED BY figures_unit_as_of JOIN documents d ON d.id = g.document_id"
        params = []
    conditions = ["1 = 1"]
    if unit:
        conditions.append("g.unit = ?")
        params.append(unit)
    if since:
        conditions.append("d.published >= ?")
        params.append(since)
    where = " AND ".join(conditions)
    select = f"""SELECT g.document_id, d.story_id, d.published, g.value, g.low, g.high, g.unit,
                        g.approx, g.counted, g.claimant, g.as_of, g.text
                 FROM {source} WHERE {where}"""
    # Dated figures first, in date order; then the undated ones.
    rows = store.query(
        f"{select} AND g.as_of IS NOT NULL ORDER BY g.as_of LIMIT ?",
        (*params, limit * _OVERFETCH),
    )
    if len(rows) < limit * _OVERFETCH:
        rows += store.query(
            f"{select} AND g.as_of IS NULL LIMIT ?", (*params, limit * _OVERFETCH - len(rows))
        )
    return [
        FigureRow(
            r["document_id"],
            r["story_id"],
            r["published"],
            r["value"],
            r["low"],
            r["high"],
            r["unit"],
            bool(r["approx"]),
            r["counted"],
            r["claimant"],
            r["as_of"],
            r["text"],
            _copies(store, r["story_id"]),
        )
        for r in _once_per_story(rows, ("story_id", "value", "unit", "counted"), limit)
    ]


def _copies(store: Store, story_id: int | None) -> int:
    """How many documents of the story ran it (the story's copies, its original included)."""
    if story_id is None:
        return 1
    return int(store.query("SELECT COUNT(*) FROM documents WHERE story_id = ?", (story_id,))[0][0])


# Rows fetched per row shown: copies of one story collapse into one row of the answer.
_OVERFETCH = 20
# Full-text questions look at the newest matches only (rowids grow with ingest order):
# a word in half the corpus must not make every question read half the corpus.
_NEWEST_MATCHES = 2000


def _once_per_story(rows: list[Any], key: tuple[str, ...], limit: int) -> list[Any]:
    seen: set[tuple[object, ...]] = set()
    kept = []
    for row in rows:
        identity = tuple(row[k] for k in key)
        if identity not in seen:
            seen.add(identity)
            kept.append(row)
            if len(kept) == limit:
                break
    return kept


def _match(*parts: tuple[str, str | None]) -> str | None:
    """One FTS5 query over named columns: ``speaker : "Jane Doe" AND text : (Armenia)``."""
    terms = [f"{column} : ({value})" for column, value in parts if value]
    return " AND ".join(terms) or None


_COMMON = frozenset("a an the of and or for to in on at by with from".split())


def _words_query(text: str) -> str:
    """The distinctive words of a name as an FTS5 AND query; common words would make the
    index read long lists for nothing."""
    words = [w for w in re.findall(r"\w+", text) if w.lower() not in _COMMON] or re.findall(
        r"\w+", text
    )
    return " AND ".join(f'"{w}"' for w in words) or '""'


def threads(store: Store, *, since: str | None = None, limit: int = 50) -> list[ThreadRow]:
    rows = store.query(
        """SELECT t.id, t.title, t.first_published, t.last_published, t.size AS stories,
                  (SELECT COUNT(*) FROM stories s JOIN documents d ON d.story_id = s.id
                   WHERE s.thread_id = t.id) AS documents
           FROM threads t
           WHERE t.last_published >= ? OR t.last_published IS NULL
           ORDER BY t.last_published DESC, t.id DESC LIMIT ?""",
        (since or "", limit),
    )
    return [
        ThreadRow(
            r["id"],
            r["title"],
            r["first_published"],
            r["last_published"],
            r["stories"],
            r["documents"],
        )
        for r in rows
    ]


def story(store: Store, story_id: int) -> list[CopyRow]:
    """Where one wire story ran: its original and every copy, with each copy's edits."""
    rows = store.query(
        """SELECT d.id, d.url, d.site, d.published, d.headline, s.first_document = d.id AS first,
                  d.added_paragraphs, d.cut_paragraphs
           FROM documents d JOIN stories s ON s.id = d.story_id
           WHERE d.story_id = ?
           ORDER BY first DESC, d.published IS NULL, d.published, d.id""",
        (story_id,),
    )
    if not rows:
        raise CorpusError(f"no story with id {story_id}", source=store.path)
    return [
        CopyRow(
            r["id"],
            r["url"],
            r["site"],
            r["published"],
            r["headline"],
            bool(r["first"]),
            r["added_paragraphs"],
            r["cut_paragraphs"],
        )
        for r in rows
    ]


def show(store: Store, document_id: int) -> Article:
    rows = store.query("SELECT record FROM documents WHERE id = ?", (document_id,))
    if not rows:
        raise CorpusError(f"no document with id {document_id}", source=store.path)
    return from_json(rows[0]["record"])


def errors(store: Store, *, limit: int = 100) -> list[ErrorRow]:
    rows = store.query(
        "SELECT input, stage, message, at FROM errors ORDER BY id DESC LIMIT ?", (limit,)
    )
    return [ErrorRow(r["input"], r["stage"], r["message"], r["at"]) for r in rows]


def records(store: Store) -> Iterator[Article]:
    """Every stored record, in the order they were stored (for export)."""
    cursor = store.db.execute("SELECT record FROM documents ORDER BY id")
    for (record,) in cursor:
        yield from_json(record)
