"""Writing one record: its row, its quotes and figures, its full text and its story.

Called inside the ingest's batch transaction; nothing here commits on its own.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

from datasketch import MinHash

from copydesk.corpus.syndication import CopyFinder, edits, signature, to_bytes
from copydesk.corpus.threads import (
    Thread,
    ThreadIndex,
    best_thread,
    encode_terms,
    merge,
    terms_of,
)
from copydesk.record import Article, from_json, to_json


class Index:
    """What the writer keeps in memory across a run: the copy finder and the threads."""

    def __init__(self, finder: CopyFinder, threads: ThreadIndex) -> None:
        self.finder = finder
        self.threads = threads


def store_article(
    conn: sqlite3.Connection,
    index: Index,
    article: Article,
    key: str,
    *,
    record_json: bytes | None = None,
    minhash: MinHash | Literal["compute"] | None = "compute",
) -> bool:
    """Insert the record; False when a document with the same content key exists.

    Ingest workers pass the record's JSON and its MinHash already computed, so that the
    single writer process does as little as possible.
    """
    finder = index.finder
    revision = 1
    if article.url:
        row = conn.execute(
            "SELECT MAX(revision) FROM documents WHERE url = ?", (article.url,)
        ).fetchone()
        revision = (row[0] or 0) + 1
    if minhash == "compute":
        minhash = signature(article.body)
    story_id, added, cut = _story(conn, finder, article, minhash)
    cursor = conn.execute(
        """INSERT INTO documents (source, url, content_hash, revision, story_id, page_type,
               headline, site, language, published, agency, added_paragraphs,
               cut_paragraphs, record, minhash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (content_hash) DO NOTHING""",
        (
            article.source,
            article.url,
            key,
            revision,
            story_id,
            article.page_type,
            article.headline,
            article.site,
            article.language,
            article.published.value,
            _agency(article),
            added,
            cut,
            (record_json or to_json(article)).decode(),
            to_bytes(minhash) if minhash is not None else None,
        ),
    )
    if cursor.rowcount == 0:
        return False
    document_id = int(cursor.lastrowid or 0)
    if story_id is None:
        thread_id = _thread(conn, index.threads, article)
        story_id = int(
            conn.execute(
                "INSERT INTO stories (agency, first_document, thread_id) VALUES (?, ?, ?)",
                (_agency(article), document_id, thread_id),
            ).lastrowid
            or 0
        )
        conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, document_id))
    if minhash is not None:
        finder.add(document_id, minhash)
    _children(conn, document_id, article)
    return True


def _thread(conn: sqlite3.Connection, threads: ThreadIndex, article: Article) -> int | None:
    """The thread a new story joins (or starts); None for a page with no story."""
    if not article.body:
        return None
    terms = terms_of(article)
    published = article.published.value
    thread = best_thread(threads.candidates(terms), terms, published)
    if thread is None:
        cursor = conn.execute(
            "INSERT INTO threads (title, first_published, last_published, size, terms)"
            " VALUES (?, ?, ?, 0, ?)",
            (article.headline, published, published, encode_terms(terms)),
        )
        thread = Thread(int(cursor.lastrowid or 0), article.headline or "", published, published, 0)
    merge(thread, terms, published)
    threads.add(thread)
    conn.execute(
        "UPDATE threads SET first_published = ?, last_published = ?, size = ?, terms = ?"
        " WHERE id = ?",
        (thread.first, thread.last, thread.size, encode_terms(thread.terms), thread.id),
    )
    return thread.id


def record_error(conn: sqlite3.Connection, source: str, stage: str, message: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO errors (input, stage, message) VALUES (?, ?, ?)",
        (source, stage, message),
    )


def _story(
    conn: sqlite3.Connection, finder: CopyFinder, article: Article, minhash: MinHash | None
) -> tuple[int | None, int | None, int | None]:
    if minhash is None:
        return None, None, None
    match = finder.original_of(minhash)
    if match is None:
        return None, None, None
    row = conn.execute(
        "SELECT story_id, record FROM documents WHERE id = ?", (match.document_id,)
    ).fetchone()
    original = from_json(row[1])
    added, cut = edits(original.body, article.body)
    return int(row[0]), added, cut


def _agency(article: Article) -> str | None:
    agencies = article.credits.agencies or (
        [article.dateline.agency] if article.dateline and article.dateline.agency else []
    )
    return agencies[0] if agencies else None


def _children(conn: sqlite3.Connection, document_id: int, article: Article) -> None:
    conn.execute(
        "INSERT INTO documents_fts (rowid, headline, body) VALUES (?, ?, ?)",
        (document_id, article.headline or "", article.body_text),
    )
    for position, quote in enumerate(article.quotes):
        speaker = quote.speaker.name if quote.speaker else None
        speaker_type = quote.speaker.type if quote.speaker else None
        row = conn.execute(
            "INSERT INTO quotes (document_id, position, kind, speaker, speaker_type, cue, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document_id, position, quote.kind, speaker, speaker_type, quote.cue, quote.text),
        ).lastrowid
        conn.execute(
            "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
            (row, quote.text, speaker or ""),
        )
    for position, figure in enumerate(article.figures):
        row = conn.execute(
            "INSERT INTO figures (document_id, position, text, value, low, high, unit, approx,"
            " counted, claimant, as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                position,
                figure.text,
                figure.value,
                figure.low,
                figure.high,
                figure.unit,
                int(figure.approx),
                figure.counted,
                figure.claimant,
                figure.as_of,
            ),
        ).lastrowid
        conn.execute(
            "INSERT INTO figures_fts (rowid, counted, text) VALUES (?, ?, ?)",
            (row, figure.counted or "", figure.text),
        )
