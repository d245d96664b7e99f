"""Writing one record: its row, its quotes and figures, its full text and its story.

Called inside the ingest's batch transaction; nothing here commits on its own. A
document is its content: a byte-identical copy under another URL or file name is kept
as another place of the one document (``record_place``), and a record stored without
understanding is upgraded in place when a later run understands it (``upgrade_article``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from datasketch import MinHash

from copydesk.corpus import cjk
from copydesk.corpus.queries import stored_keys
from copydesk.corpus.speakers import set_links, speaker_ids
from copydesk.corpus.syndication import CopyFinder, edits, signature, to_bytes
from copydesk.corpus.threads import (
    Thread,
    ThreadIndex,
    absorb,
    encode_terms,
    join,
    weigh,
    words_of,
)
from copydesk.record import Article, from_json, to_json


class Index:
    """What the writer keeps in memory across a run: the copy finder and the threads."""

    def __init__(self, finder: CopyFinder, threads: ThreadIndex) -> None:
        self.finder = finder
        self.threads = threads


@dataclass(frozen=True)
class Written:
    """What ``store_article`` did with one record.

    ``stored``: a new document row was written. Otherwise the content was stored
    already, as ``document_id``; ``new_place`` says its URL or source was new and is now
    kept beside it. The truth value is ``stored``, so ``if store_article(...)`` reads as
    before.
    """

    document_id: int
    stored: bool
    new_place: bool = False

    def __bool__(self) -> bool:
        return self.stored


def store_article(
    conn: sqlite3.Connection,
    index: Index,
    article: Article,
    key: str,
    *,
    record_json: bytes | None = None,
    minhash: MinHash | Literal["compute"] | None = "compute",
) -> Written:
    """Insert the record, or, when a document with the same content key exists, keep
    this record's URL and source as another place of that document.

    Ingest workers pass the record's JSON and its MinHash already computed, so that the
    single writer process does as little as possible.
    """
    known = _document_of(conn, key)
    if known is not None:
        return Written(known, False, record_place(conn, key, article.url, article.source))
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
               cut_paragraphs, record, minhash, understood)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
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
            int(article.understood),
        ),
    )
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
    return Written(document_id, True)


def record_place(conn: sqlite3.Connection, key: str, url: str | None, source: str) -> bool:
    """Keep ``url`` and ``source`` as one more place of the document with content ``key``
    (a byte-identical copy met under another name); True when the place was new.

    The ingest calls this for a copy it skips before extracting, so that no URL is lost.
    """
    row = conn.execute(
        "SELECT id, url, source FROM documents WHERE content_hash = ?", (key,)
    ).fetchone()
    if row is None or (row[1], row[2]) == (url, source):
        return False
    cursor = conn.execute(
        "INSERT OR IGNORE INTO document_urls (document_id, url, source) VALUES (?, ?, ?)",
        (row[0], url, source),
    )
    return cursor.rowcount > 0


def upgrade_article(
    conn: sqlite3.Connection,
    index: Index,
    key: str,
    article: Article,
    *,
    record_json: bytes | None = None,
    minhash: MinHash | Literal["compute"] | None = "compute",
) -> bool:
    """Replace the stored record with content ``key`` by ``article`` (the same document
    with more layers, e.g. understood now), with its quotes and figures and their full
    text; False when no such document is stored.

    The document keeps its id, its story and its thread: the content is the same, only
    what was made of it grew. Runs in the caller's transaction.
    """
    document_id = _document_of(conn, key)
    if document_id is None:
        return False
    if minhash == "compute":
        minhash = signature(article.body)
    for child in ("quotes", "figures"):
        conn.execute(
            f'DELETE FROM "{child}_fts" WHERE rowid IN'
            f' (SELECT rowid FROM "{child}" WHERE document_id = ?)',
            (document_id,),
        )
        conn.execute(f'DELETE FROM "{child}" WHERE document_id = ?', (document_id,))
    conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (document_id,))
    conn.execute("DELETE FROM documents_cjk WHERE rowid = ?", (document_id,))
    conn.execute(
        """UPDATE documents SET page_type = ?, headline = ?, site = ?, language = ?,
               published = ?, agency = ?, record = ?, minhash = COALESCE(?, minhash),
               understood = ?
           WHERE id = ?""",
        (
            article.page_type,
            article.headline,
            article.site,
            article.language,
            article.published.value,
            _agency(article),
            (record_json or to_json(article)).decode(),
            to_bytes(minhash) if minhash is not None else None,
            int(article.understood),
            document_id,
        ),
    )
    if minhash is not None and document_id not in index.finder.signatures:
        index.finder.add(document_id, minhash)
    _children(conn, document_id, article)
    return True


def _document_of(conn: sqlite3.Connection, key: str) -> int | None:
    row = conn.execute("SELECT id FROM documents WHERE content_hash = ?", (key,)).fetchone()
    return int(row[0]) if row else None


def _thread(conn: sqlite3.Connection, threads: ThreadIndex, article: Article) -> int | None:
    """The thread a new story joins (or starts); None for a page with nothing to read.

    The story's words are counted into the corpus's word statistics first (kept in
    ``thread_terms``, the row ``''`` holding the number of stories), so its own rare
    words weigh as rare. A thread that grew close to another absorbs it: its stories
    move over and the other thread is gone.
    """
    if not article.body and not article.headline:
        return None
    counts = words_of(article)
    _count_words(conn, threads, set(counts))
    terms = weigh(counts, threads.stats)
    published = article.published.time or article.published.value
    thread = threads.best(terms, published)
    if thread is None:
        cursor = conn.execute(
            "INSERT INTO threads (title, first_published, last_published, size, terms)"
            " VALUES (?, ?, ?, 0, '{}')",
            (article.headline, published, published),
        )
        thread = Thread(int(cursor.lastrowid or 0), article.headline or "", published, published, 0)
    else:
        threads.remove(thread)
    join(thread, terms, published)
    for other in threads.mergeable(thread):
        threads.remove(other)
        absorb(thread, other)
        conn.execute("UPDATE stories SET thread_id = ? WHERE thread_id = ?", (thread.id, other.id))
        conn.execute("DELETE FROM threads WHERE id = ?", (other.id,))
    threads.add(thread)
    conn.execute(
        "UPDATE threads SET first_published = ?, last_published = ?, size = ?, terms = ?"
        " WHERE id = ?",
        (thread.first, thread.last, thread.size, encode_terms(thread.terms), thread.id),
    )
    return thread.id


def _count_words(conn: sqlite3.Connection, threads: ThreadIndex, words: set[str]) -> None:
    threads.stats.count(words)
    conn.executemany(
        "INSERT INTO thread_terms (term, stories) VALUES (?, 1)"
        " ON CONFLICT (term) DO UPDATE SET stories = stories + 1",
        [("",), *((word,) for word in sorted(words))],
    )


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
    text = f"{article.headline or ''} {article.body_text}"
    if cjk.has_cjk(text):
        conn.execute(
            "INSERT INTO documents_cjk (rowid, terms) VALUES (?, ?)", (document_id, cjk.pairs(text))
        )
    speakers = speaker_ids(article, conn)
    for position, quote in enumerate(article.quotes):
        speaker = quote.speaker.name if quote.speaker else None
        speaker_type = quote.speaker.type if quote.speaker else None
        row = conn.execute(
            "INSERT INTO quotes (document_id, position, kind, speaker, speaker_type, cue, text,"
            " confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                position,
                quote.kind,
                speaker,
                speaker_type,
                quote.cue,
                quote.text,
                quote.confidence,
            ),
        ).lastrowid
        conn.execute(
            "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
            (row, quote.text, speaker or ""),
        )
        set_links(conn, int(row or 0), quote.text, speakers[position])
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


__all__ = [
    "Index",
    "Written",
    "record_error",
    "record_place",
    "store_article",
    "stored_keys",
    "upgrade_article",
]
