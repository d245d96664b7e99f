"""Writing one record: its row, its quotes and figures, its full text and its story.

Called inside the ingest's batch transaction; nothing here commits on its own.
"""

from __future__ import annotations

import sqlite3

from datasketch import MinHash

from copydesk.corpus.syndication import CopyFinder, edits, signature, to_bytes
from copydesk.record import Article, from_json, to_json


def store_article(conn: sqlite3.Connection, finder: CopyFinder, article: Article, key: str) -> bool:
    """Insert the record; False when a document with the same content key exists."""
    revision = 1
    if article.url:
        row = conn.execute(
            "SELECT MAX(revision) FROM documents WHERE url = ?", (article.url,)
        ).fetchone()
        revision = (row[0] or 0) + 1
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
            to_json(article).decode(),
            to_bytes(minhash) if minhash is not None else None,
        ),
    )
    if cursor.rowcount == 0:
        return False
    document_id = int(cursor.lastrowid or 0)
    if story_id is None:
        story_id = int(
            conn.execute(
                "INSERT INTO stories (agency, first_document) VALUES (?, ?)",
                (_agency(article), document_id),
            ).lastrowid
            or 0
        )
        conn.execute("UPDATE documents SET story_id = ? WHERE id = ?", (story_id, document_id))
    if minhash is not None:
        finder.add(document_id, minhash)
    _children(conn, document_id, article)
    return True


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
        conn.execute(
            "INSERT INTO quotes (document_id, position, kind, speaker, speaker_type, cue, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (document_id, position, quote.kind, speaker, speaker_type, quote.cue, quote.text),
        )
        conn.execute(
            "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
            (document_id * 10_000 + position, quote.text, speaker or ""),
        )
    for position, figure in enumerate(article.figures):
        conn.execute(
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
        )
        conn.execute(
            "INSERT INTO figures_fts (rowid, counted, text) VALUES (?, ?, ?)",
            (document_id * 10_000 + position, figure.counted or "", figure.text),
        )
