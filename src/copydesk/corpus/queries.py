"""Questions over the store: full-text search, quotes, figures, stories, errors.

Each function returns typed rows, newest first where time matters. A quote or figure
that ran in several copies of one wire story is returned once per story, with the number
of places it ran (``copies``). Questions with words look at the newest 2,000 full-text
matches, so they stay fast however common the words are in a large corpus.

Words come as people type them (``query_text`` reads them; FTS5 syntax only with
``syntax="fts5"``). ``limit`` is a number of rows from 0 (none) to ``MAX_LIMIT``;
``offset`` skips rows, up to ``MAX_OFFSET``; ``since`` is an ISO day (``2024-03-14``).
Anything else is a ``CorpusError`` that says what was given and what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Literal

import msgspec

from copydesk.corpus import cjk, query_text
from copydesk.corpus.speaker_queries import Provenance, ids_for, provenance
from copydesk.corpus.store import Store
from copydesk.errors import CopydeskError, CorpusError, NotFoundError
from copydesk.extraction.dates import parse_iso_day
from copydesk.record import Article, Place, from_json

MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000
# The largest id SQLite can hold (a signed 64-bit integer).
_MAX_ID = 2**63 - 1
Syntax = Literal["plain", "fts5"]


class SearchHit(msgspec.Struct):
    id: int
    headline: str | None
    published: str | None
    url: str | None
    snippet: str
    site: str | None = None


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
    url: str | None = None
    site: str | None = None
    headline: str | None = None
    speaker_id: int | None = None  # the speaker across articles (``copydesk speakers``)
    provenance: Provenance | None = None
    # How likely the attribution is right (0-1), as the record scored it; None when the
    # record was stored before quotes were scored.
    confidence: float | None = None


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


class ThreadDocument(msgspec.Struct):
    id: int
    url: str | None
    site: str | None
    headline: str | None
    published: str | None
    story_id: int | None


class ThreadRow(msgspec.Struct):
    """One thread with every document in it, oldest first (``stories`` counts a wire
    story and its copies once)."""

    id: int
    title: str | None
    first_published: str | None
    last_published: str | None
    stories: int
    documents: list[ThreadDocument]


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


def search(
    store: Store, query: str, *, limit: int = 20, offset: int = 0, syntax: Syntax = "plain"
) -> list[SearchHit]:
    """Documents whose headline or body match ``query``, best first, ``limit`` of them
    after the first ``offset``. ``syntax="fts5"`` reads the query as SQLite FTS5 syntax."""
    _check_page(limit, offset)
    _check_length(query)
    if syntax == "fts5":
        match: str | None = query
    elif syntax == "plain":
        parsed = query_text.parse(query)
        paired = cjk.cjk_query(parsed)
        if paired is not None:
            return _search_cjk(store, parsed, paired, limit, offset)
        match = query_text.to_fts5(parsed)
    else:
        raise CorpusError(f"unknown search syntax {syntax!r}: use 'plain' or 'fts5'")
    if not match:
        return []
    fts5 = syntax == "fts5"
    # Rank first (FTS5 sorts rowids by bm25 without building snippets), then make the
    # snippets of the few rows shown.
    top = [
        r[0]
        for r in store.query(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
            " ORDER BY rank LIMIT ? OFFSET ?",
            (match, limit or -1, offset),
            user_fts5=fts5,
        )
    ]
    hits = []
    for rowid in top:  # one row at a time: FTS5 seeks a rowid, but scans for a rowid list
        row = store.query(
            """SELECT d.id, d.headline, d.published, d.url, d.site,
                      snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet
               FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
               WHERE documents_fts MATCH ? AND documents_fts.rowid = ?""",
            (match, rowid),
            user_fts5=fts5,
        )
        if row:
            r = row[0]
            hits.append(
                SearchHit(r["id"], r["headline"], r["published"], r["url"], r["snippet"], r["site"])
            )
    return hits


def _search_cjk(
    store: Store, parsed: query_text.Query, paired: query_text.Query, limit: int, offset: int
) -> list[SearchHit]:
    """A query with CJK words: the documents with CJK text from the character-pair index
    (``corpus.cjk``), the others from the word index, in one ranking; the snippet is the
    body around the first word asked for."""
    words, pairs = query_text.to_fts5(parsed), query_text.to_fts5(paired)
    if not words or not pairs:
        return []
    top = store.query(
        """SELECT rowid, rank FROM documents_cjk WHERE documents_cjk MATCH ?
           UNION ALL
           SELECT rowid, rank FROM documents_fts WHERE documents_fts MATCH ?
               AND rowid NOT IN (SELECT rowid FROM documents_cjk)
           ORDER BY rank LIMIT ? OFFSET ?""",
        (pairs, words, limit or -1, offset),
    )
    asked = cjk.first_run(parsed)
    hits = []
    for rowid, _ in top:
        row = store.query(
            """SELECT d.id, d.headline, d.published, d.url, d.site, f.body
               FROM documents d JOIN documents_fts f ON f.rowid = d.id WHERE d.id = ?""",
            (rowid,),
        )
        if row:
            r = row[0]
            snippet = _around(r["body"] or "", asked if asked in (r["body"] or "") else None)
            hit = SearchHit(r["id"], r["headline"], r["published"], r["url"], snippet, r["site"])
            hits.append(hit)
    return hits


def _around(body: str, run: str | None, width: int = 30) -> str:
    """Words of ``body`` around ``run``, marked as FTS5's snippets mark a match."""
    at = body.find(run) if run else -1
    if at < 0:
        return body[: 2 * width] + ("…" if len(body) > 2 * width else "")
    assert run is not None
    start, end = max(0, at - width), min(len(body), at + len(run) + width)
    before, after = ("…" if start else ""), ("…" if end < len(body) else "")
    return f"{before}{body[start:at]}[{run}]{body[at + len(run) : end]}{after}"


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    min_confidence: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes by ``speaker`` and ``about`` words of their text, each with its provenance.

    ``speaker`` is any name the speaker went by in any article, with or without a title
    ("President Obama", "Barack Obama", "Obama"); a name the store links to no speaker
    is matched by its words against the quotes' own speaker names. ``min_confidence``
    keeps quotes whose attribution scored at least that (unscored quotes are left out).
    """
    _check_page(limit, offset, most=MAX_DEDUP_OFFSET)
    day = _day(since)
    floor = _confidence(min_confidence)
    if speaker is not None:
        _check_length(speaker)
    speaker_ids = ids_for(store, speaker) if speaker else []
    speaker_match = None if speaker_ids else _words_match(speaker, "speaker", drop_common=True)
    about_match = _words_match(about, "text")
    if _NOTHING in (speaker_match, about_match):
        return []
    match = query_text.combine(speaker_match, about_match)
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
    where = ["1 = 1"]
    if speaker_ids:
        where.append(f"q.speaker_id IN ({','.join('?' * len(speaker_ids))})")
        params.extend(speaker_ids)
    if day:
        where.append("d.published >= ?")
        params.append(day)
    if floor is not None:
        where.append("q.confidence >= ?")
        params.append(floor)
    rows = store.query(
        f"""SELECT q.document_id, d.story_id, d.published, q.speaker, q.speaker_type, q.kind,
                   q.cue, q.text, d.url, d.site, d.headline, q.speaker_id, q.family_id,
                   q.confidence
            FROM {source} WHERE {" AND ".join(where)}
            ORDER BY d.published DESC, q.document_id DESC LIMIT ?""",
        (*params, _fetched(limit, offset)),
    )
    kept = _once_per_story(rows, ("story_id", "text"), limit and offset + limit)[offset:]
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
            r["url"],
            r["site"],
            r["headline"],
            r["speaker_id"],
            provenance(store, r["family_id"], r["document_id"]),
            r["confidence"],
        )
        for r in kept
    ]


def _confidence(value: float | None) -> float | None:
    """A ``min_confidence`` checked to be a probability."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise CorpusError(f"the confidence {value!r} is out of range: give a number from 0 to 1")
    return float(value)


def figures(
    store: Store,
    *,
    unit: str | None = None,
    about: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[FigureRow]:
    """Figures of ``unit`` about the words ``about``, dated ones first in date order.

    ``as_of`` is ordered as the date it stands for (``as_of_order``), not as text."""
    _check_page(limit, offset, most=MAX_DEDUP_OFFSET)
    day = _day(since)
    match = _words_match(about)
    if match == _NOTHING:
        return []
    if match:
        source = (
            "(SELECT rowid AS key FROM figures_fts WHERE figures_fts MATCH ?"
            f" ORDER BY rowid DESC LIMIT {_NEWEST_MATCHES}) AS hits "
            "CROSS JOIN figures g ON g.rowid = hits.key "
            "JOIN documents d ON d.id = g.document_id"
        )
        params: list[object] = [match]
    else:  # a unit's figures are found from its index, then put in date order
        source = "figures g INDEXED BY figures_unit_as_of JOIN documents d ON d.id = g.document_id"
        params = []
    conditions = ["1 = 1"]
    if unit:
        conditions.append("g.unit = ?")
        params.append(unit)
    if day:
        conditions.append("d.published >= ?")
        params.append(day)
    where = " AND ".join(conditions)
    select = f"""SELECT g.document_id, d.story_id, d.published, g.value, g.low, g.high, g.unit,
                        g.approx, g.counted, g.claimant, g.as_of, g.text
                 FROM {source} WHERE {where}"""
    # Dated figures first, in date order; then the undated ones.
    wanted = _fetched(limit, offset)
    rows = store.query(
        f"{select} AND g.as_of IS NOT NULL"
        f" ORDER BY {as_of_order('g.as_of')}, g.document_id, g.position LIMIT ?",
        (*params, wanted),
    )
    if wanted < 0 or len(rows) < wanted:
        rows += store.query(
            f"{select} AND g.as_of IS NULL ORDER BY g.document_id, g.position LIMIT ?",
            (*params, wanted - len(rows) if wanted >= 0 else -1),
        )
    kept = _once_per_story(rows, ("story_id", "value", "unit", "counted"), limit and offset + limit)
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
        for r in kept[offset:]
    ]


def as_of_order(column: str) -> str:
    """SQL for the first day of the period an ``as_of`` value names, as sortable text.

    ``as_of`` is a date as the time normaliser writes it: ``2024``, ``2024-03``,
    ``2024-03-14``, ``2024-Q1``, ``2024-W11``, ``2024-SU``, or a decade or century by
    its leading digits (``196`` is the 1960s, ``19`` the 1900s). As text, ``2024-Q1``
    would sort after December; this puts each where its period starts, and a coarser
    period before a finer one starting the same day."""
    year = f"substr({column}, 1, 4)"
    part = f"substr({column}, 6)"
    week = (
        f"date({year} || '-01-04', '-6 days', 'weekday 1', "
        f"'+' || ((CAST(substr({column}, 7, 2) AS INTEGER) - 1) * 7) || ' days')"
    )
    quarter = f"printf('%02d', (CAST(substr({column}, 7, 1) AS INTEGER) - 1) * 3 + 1)"
    return f"""(CASE
        WHEN {column} GLOB '[0-9][0-9]' THEN {column} || '00'
        WHEN {column} GLOB '[0-9][0-9][0-9]' THEN {column} || '0'
        WHEN {part} GLOB 'Q[1-4]' THEN {year} || '-' || {quarter}
        WHEN {part} GLOB 'W[0-9][0-9]*' THEN COALESCE({week}, {column})
        WHEN {part} = 'SP' THEN {year} || '-03'
        WHEN {part} = 'SU' THEN {year} || '-06'
        WHEN {part} = 'FA' THEN {year} || '-09'
        WHEN {part} = 'WI' THEN {year} || '-12'
        ELSE {column} END)"""


def _copies(store: Store, story_id: int | None) -> int:
    """How many documents of the story ran it (the story's copies, its original included)."""
    if story_id is None:
        return 1
    return int(store.query("SELECT COUNT(*) FROM documents WHERE story_id = ?", (story_id,))[0][0])


# Rows fetched per row shown: copies of one story collapse into one row of the answer.
_OVERFETCH = 20


def _fetched(limit: int, offset: int) -> int:
    """The rows to read for a page of ``limit`` after ``offset`` (-1, all, for limit 0)."""
    return (offset + limit) * _OVERFETCH if limit else -1


# Quotes and figures collapse copies after reading, so a page past ``offset`` rows reads
# ``offset`` rows first: deep pages are bounded (search, threads and errors page in SQL).
MAX_DEDUP_OFFSET = 10_000
# Full-text questions look at the newest matches only (rowids grow with ingest order):
# a word in half the corpus must not make every question read half the corpus.
_NEWEST_MATCHES = 2000


def _once_per_story(rows: list[Any], key: tuple[str, ...], limit: int) -> list[Any]:
    """The first row of each story, ``limit`` of them (0: every one)."""
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


# What ``_words_match`` answers for a filter given whose text holds no word: it matches
# nothing (rather than being dropped, which would answer for every speaker).
_NOTHING = ""


def _words_match(
    text: str | None, column: str | None = None, *, drop_common: bool = False
) -> str | None:
    """The FTS5 query for a filter's words, limited to ``column``; None for no filter
    (none given), ``_NOTHING`` for a filter that can match nothing."""
    if text is None or not text.strip():
        return None
    _check_length(text)
    query = query_text.parse(text)
    if drop_common:
        query = query_text.without_common(query)
    return query_text.to_fts5(query, column) or _NOTHING


# Longer than any question a person types; past it, parsing and matching would cost
# seconds for one request.
MAX_QUERY_CHARS = 2_000


def _check_length(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise CorpusError(
            f"the query is {len(text):,} characters long; ask with at most {MAX_QUERY_CHARS:,}"
        )


def _check_page(limit: int, offset: int = 0, *, most: int = MAX_OFFSET) -> None:
    """Refuse a limit or offset the database cannot honour (negative, or huge)."""
    if not _whole(limit) or not 0 <= limit <= MAX_LIMIT:
        raise CorpusError(
            f"the limit {limit!r} is out of range: give a number of rows from 0 to"
            f" {MAX_LIMIT:,} (0 gives every one)"
        )
    if not _whole(offset) or not 0 <= offset <= most:
        raise CorpusError(
            f"the offset {offset!r} is out of range: give a number of rows to skip from 0"
            f" to {most:,}"
        )


def _whole(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool)


def _day(since: str | None) -> str | None:
    """``since`` as an ISO day, checked to be a real date."""
    if since is None or since == "":
        return None
    day = parse_iso_day(since)
    if day is None:
        raise CorpusError(
            f"the date {since!r} is not a real ISO date: give it as YYYY-MM-DD, e.g. 2024-03-14"
        )
    return day.isoformat()


def _check_id(number: int, what: str, store: Store) -> None:
    if not _whole(number) or not 1 <= number <= _MAX_ID:
        raise NotFoundError(
            f"no {what} with id {number!r}: ids are whole numbers from 1", source=store.path
        )


_THREAD_ROWS = """SELECT t.id, t.title, t.first_published, t.last_published, t.size AS stories
           FROM threads t"""


def threads(
    store: Store, *, since: str | None = None, limit: int = 50, offset: int = 0
) -> list[ThreadRow]:
    """Threads still running on or after ``since``, newest first; ``limit`` 0 gives all
    (a researcher checking the threads wants every one, each with its documents)."""
    _check_page(limit, offset)
    day = _day(since)
    # ``since`` is a day as the publisher wrote it; the order is by instant (a story's
    # time with its offset: 23:30 at -05:00 comes after 02:00 UTC the next day),
    # undated threads last
    rows = store.query(
        f"""{_THREAD_ROWS}
           WHERE {"substr(t.last_published, 1, 10) >= ?" if day else "1 = 1"}
           ORDER BY julianday(t.last_published) IS NULL, julianday(t.last_published) DESC,
                    t.last_published DESC, t.id DESC
           LIMIT ? OFFSET ?""",
        (*([day] if day else []), limit or -1, offset),
    )
    return _with_documents(store, rows)


def thread(store: Store, thread_id: int) -> ThreadRow:
    """One thread and its documents, oldest first."""
    _check_id(thread_id, "thread", store)
    rows = store.query(f"{_THREAD_ROWS} WHERE t.id = ?", (thread_id,))
    if not rows:
        raise NotFoundError(f"no thread with id {thread_id}", source=store.path)
    return _with_documents(store, rows)[0]


def _with_documents(store: Store, rows: list[Any]) -> list[ThreadRow]:
    members: dict[int, list[ThreadDocument]] = {int(r["id"]): [] for r in rows}
    ids = list(members)
    for start in range(0, len(ids), _IDS_PER_QUERY):
        chunk = ids[start : start + _IDS_PER_QUERY]
        found = store.query(
            f"""SELECT s.thread_id, d.id, d.url, d.site, d.headline, d.published, d.story_id
               FROM stories s JOIN documents d ON d.story_id = s.id
               WHERE s.thread_id IN ({", ".join("?" * len(chunk))})
               ORDER BY d.published IS NULL, d.published, d.id""",
            tuple(chunk),
        )
        for r in found:
            members[int(r["thread_id"])].append(
                ThreadDocument(
                    r["id"], r["url"], r["site"], r["headline"], r["published"], r["story_id"]
                )
            )
    return [
        ThreadRow(
            r["id"],
            r["title"],
            r["first_published"],
            r["last_published"],
            r["stories"],
            members[int(r["id"])],
        )
        for r in rows
    ]


_IDS_PER_QUERY = 500  # below SQLite's limit on bound parameters


def story(store: Store, story_id: int) -> list[CopyRow]:
    """Where one wire story ran: its original and every copy, with each copy's edits."""
    _check_id(story_id, "story", store)
    rows = store.query(
        """SELECT d.id, d.url, d.site, d.published, d.headline, s.first_document = d.id AS first,
                  d.added_paragraphs, d.cut_paragraphs
           FROM documents d JOIN stories s ON s.id = d.story_id
           WHERE d.story_id = ?
           ORDER BY first DESC, d.published IS NULL, d.published, d.id""",
        (story_id,),
    )
    if not rows:
        raise NotFoundError(f"no story with id {story_id}", source=store.path)
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
    _check_id(document_id, "document", store)
    rows = store.query("SELECT record FROM documents WHERE id = ?", (document_id,))
    if not rows:
        raise NotFoundError(f"no document with id {document_id}", source=store.path)
    article = _record(store, document_id, rows[0]["record"])
    article.places = [Place(url=url, source=source) for url, source in urls(store, document_id)[1:]]
    return article


def urls(store: Store, document_id: int) -> list[tuple[str | None, str]]:
    """Every place a document was met, as ``(url, source)``: its own first, then those
    of byte-identical copies, in the order they came."""
    _check_id(document_id, "document", store)
    rows = store.query(
        """SELECT url, source FROM (
               SELECT url, source, 0 AS rank FROM documents WHERE id = ?
               UNION ALL
               SELECT url, source, rowid AS rank FROM document_urls WHERE document_id = ?)
           ORDER BY rank""",
        (document_id, document_id),
    )
    if not rows:
        raise NotFoundError(f"no document with id {document_id}", source=store.path)
    return [(r["url"], r["source"]) for r in rows]


def stored_keys(store: Store) -> dict[str, bool]:
    """The content key of every stored document, and whether it was understood: an
    ingest skips what is stored, and upgrades what was stored without understanding."""
    rows = store.query("SELECT content_hash, understood FROM documents")
    return {str(r[0]): bool(r[1]) for r in rows}


def errors(store: Store, *, limit: int = 100, offset: int = 0) -> list[ErrorRow]:
    _check_page(limit, offset)
    rows = store.query(
        "SELECT input, stage, message, at FROM errors ORDER BY id DESC LIMIT ? OFFSET ?",
        (limit or -1, offset),
    )
    return [ErrorRow(r["input"], r["stage"], r["message"], r["at"]) for r in rows]


def all_errors(store: Store) -> Iterator[ErrorRow]:
    """Every recorded failure, oldest first (for export)."""
    for r in store.iterate("SELECT input, stage, message, at FROM errors ORDER BY id"):
        yield ErrorRow(r["input"], r["stage"], r["message"], r["at"])


def records(store: Store, *, on_damaged: Damaged | None = None) -> Iterator[Article]:
    """Every stored record, in the order they were stored (for export)."""
    for _, _, article in keyed_records(store, on_damaged=on_damaged):
        yield article


# Told of each stored record that cannot be read, which is then skipped; without one, the
# first such record stops the read.
Damaged = Callable[[CorpusError], None]


def keyed_records(
    store: Store, *, on_damaged: Damaged | None = None
) -> Iterator[tuple[int, str, Article]]:
    """Every stored record with its document id and content key, in the order stored.

    Records are read as bytes, so one holding text that is not UTF-8 is a damaged
    record like any other, not an error of the whole read."""
    sql = "SELECT id, content_hash, CAST(record AS BLOB) FROM documents ORDER BY id"
    for row in store.iterate(sql):
        try:
            yield int(row[0]), str(row[1]), _record(store, int(row[0]), row[2])
        except CorpusError as exc:
            if on_damaged is None:
                raise
            on_damaged(exc)


def _record(store: Store, document_id: int, record: bytes | str) -> Article:
    try:
        return from_json(record)
    except CopydeskError as exc:
        reason = "it holds text that is not UTF-8" if _not_utf8(record) else exc.reason
        raise CorpusError(
            f"the stored record of document {document_id} is damaged: {reason}",
            source=store.path,
        ) from exc


def _not_utf8(record: bytes | str) -> bool:
    try:
        if isinstance(record, bytes):
            record.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
