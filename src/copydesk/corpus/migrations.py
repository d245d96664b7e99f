"""Schema changes, in order. Never edit a released step: add the next one.

The database's ``PRAGMA user_version`` is the number of steps applied. The store runs
the steps still missing in one transaction, statement by statement (``statements``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

MIGRATIONS: list[str] = [
    # 1: documents, their revisions, syndicated stories, quotes, figures, full text, errors
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        agency TEXT,
        first_document INTEGER
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        revision INTEGER NOT NULL DEFAULT 1,
        story_id INTEGER REFERENCES stories(id),
        page_type TEXT,
        headline TEXT,
        site TEXT,
        language TEXT,
        published TEXT,
        agency TEXT,
        added_paragraphs INTEGER,
        cut_paragraphs INTEGER,
        record TEXT NOT NULL,
        minhash BLOB,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_url ON documents(url);
    CREATE INDEX documents_story ON documents(story_id);
    CREATE INDEX documents_published ON documents(published);
    CREATE TABLE quotes (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT,
        speaker TEXT,
        speaker_type TEXT,
        cue TEXT,
        text TEXT NOT NULL,
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX quotes_speaker ON quotes(speaker);
    CREATE TABLE figures (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT,
        value REAL,
        low REAL,
        high REAL,
        unit TEXT,
        approx INTEGER,
        counted TEXT,
        claimant TEXT,
        as_of TEXT,
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX figures_unit ON figures(unit);
    CREATE VIRTUAL TABLE documents_fts USING fts5(headline, body, tokenize = 'unicode61');
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker, tokenize = 'unicode61');
    CREATE VIRTUAL TABLE figures_fts USING fts5(counted, text, tokenize = 'unicode61');
    CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        input TEXT NOT NULL,
        stage TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        UNIQUE (input, message)
    );
    """,
    # 2: story threads — stories about one unfolding event, linked over time
    """
    CREATE TABLE threads (
        id INTEGER PRIMARY KEY,
        title TEXT,
        first_published TEXT,
        last_published TEXT,
        size INTEGER NOT NULL DEFAULT 0,
        terms TEXT NOT NULL
    );
    ALTER TABLE stories ADD COLUMN thread_id INTEGER REFERENCES threads(id);
    CREATE INDEX stories_thread ON stories(thread_id);
    """,
    # 3: find quotes and figures from their full-text rows without scanning them all
    """
    CREATE INDEX quotes_text_key ON quotes(document_id * 10000 + position);
    CREATE INDEX figures_text_key ON figures(document_id * 10000 + position);
    """,
    # 4: a figure timeline by unit is read in date order straight from an index
    """
    CREATE INDEX figures_unit_as_of ON figures(unit, as_of);
    """,
    # 5: full-text rows of quotes and figures keyed by their own rowid (a join by rowid
    #    instead of by a computed key, which SQLite would not look up by index)
    """
    DROP INDEX quotes_text_key;
    DROP INDEX figures_text_key;
    DELETE FROM quotes_fts;
    INSERT INTO quotes_fts (rowid, text, speaker)
        SELECT rowid, text, COALESCE(speaker, '') FROM quotes;
    DELETE FROM figures_fts;
    INSERT INTO figures_fts (rowid, counted, text)
        SELECT rowid, COALESCE(counted, ''), COALESCE(text, '') FROM figures;
    """,
    # 6: the newest threads straight from an index
    """
    CREATE INDEX threads_last_published ON threads(last_published);
    """,
    # 7: one document, several places — the other URLs and sources of byte-identical
    #    copies (the document's own url and source stay in documents)
    """
    CREATE TABLE document_urls (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        url TEXT,
        source TEXT NOT NULL
    );
    CREATE UNIQUE INDEX document_urls_place
        ON document_urls(document_id, COALESCE(url, ''), source);
    """,
    # 8: whether understanding ran on the stored record, so that a rerun with it upgrades
    #    the records stored without. Records before schema 1.5 do not say: those with any
    #    actors, quotes, figures or times were understood.
    """
    ALTER TABLE documents ADD COLUMN understood INTEGER NOT NULL DEFAULT 0;
    UPDATE documents SET understood = CASE
        WHEN NOT json_valid(record) THEN 0
        WHEN json_type(record, '$.understood') IN ('true', 'false')
            THEN json_extract(record, '$.understood')
        ELSE COALESCE(json_array_length(record, '$.actors'), 0)
            + COALESCE(json_array_length(record, '$.quotes'), 0)
            + COALESCE(json_array_length(record, '$.figures'), 0)
            + COALESCE(json_array_length(record, '$.times'), 0) > 0
    END;
    """,
    # 9: how many stories each word stem of the threads has been seen in (its IDF); the
    #    row '' counts the stories. Threads made before start counting from here.
    """
    CREATE TABLE thread_terms (term TEXT PRIMARY KEY, stories INTEGER NOT NULL) WITHOUT ROWID;
    """,
    # 10: one speaker across articles (every name they go by, their roles with the days
    #     they were seen), and each quote's speaker, words and family (its appearances
    #     across copies and rewrites). Quotes stored before are linked by the next ingest.
    """
    CREATE TABLE speakers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        surname TEXT NOT NULL
    );
    CREATE INDEX speakers_surname ON speakers(surname, type);
    CREATE TABLE speaker_names (
        key TEXT NOT NULL,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        name TEXT NOT NULL,
        PRIMARY KEY (key, speaker_id, name)
    );
    CREATE INDEX speaker_names_speaker ON speaker_names(speaker_id);
    CREATE TABLE speaker_roles (
        speaker_id INTEGER NOT NULL REFERENCES speakers(id),
        role TEXT NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        PRIMARY KEY (speaker_id, role)
    );
    ALTER TABLE quotes ADD COLUMN speaker_id INTEGER REFERENCES speakers(id);
    ALTER TABLE quotes ADD COLUMN text_key TEXT;
    ALTER TABLE quotes ADD COLUMN family_id INTEGER;
    CREATE INDEX quotes_speaker_id ON quotes(speaker_id);
    CREATE INDEX quotes_words ON quotes(text_key);
    CREATE INDEX quotes_family ON quotes(family_id);
    """,
    # 11: CJK words findable: the text of each document with CJK in it, every CJK run as
    # its character pairs (corpus/cjk.py), filled now for the documents already stored
    # (``cjk_pairs`` and ``has_cjk`` are the store's own SQL functions)
    """
    CREATE VIRTUAL TABLE documents_cjk USING fts5(terms, tokenize = 'unicode61');
    INSERT INTO documents_cjk (rowid, terms)
        SELECT rowid, cjk_pairs(headline || ' ' || body) FROM documents_fts
        WHERE has_cjk(headline || ' ' || body);
    """,
    # 12: each quote's confidence beside it, so that listing quotes, and keeping those
    # above a confidence, reads no record (read once here from the stored records)
    """
    ALTER TABLE quotes ADD COLUMN confidence REAL;
    UPDATE quotes SET confidence = (
        SELECT json_extract(d.record, '$.quotes[' || quotes.position || '].confidence')
        FROM documents d WHERE d.id = quotes.document_id);
    """,
    # 13: a quote's provenance (its family's appearances and wordings) read from
    # indexes alone: a wire quote's family can hold thousands of copies, and each
    # documents row holds its whole record, so a lookup of its url and day by row is slow
    """
    CREATE INDEX IF NOT EXISTS quotes_family_cover ON quotes(family_id, text_key, document_id);
    DROP INDEX IF EXISTS quotes_family;
    CREATE INDEX IF NOT EXISTS documents_places ON documents(id, published, site, url);
    """,
    # 14: words that name nobody in particular ("it", "They", "officials") are no speaker
    # across the store (corpus/speakers.py ``names_nobody``, the store's SQL function):
    # their quotes keep their words and lose the speaker they were linked to
    """
    UPDATE quotes SET speaker_id = NULL
        WHERE speaker_id IN (SELECT id FROM speakers WHERE names_nobody(name));
    DELETE FROM speaker_names
        WHERE speaker_id IN (SELECT id FROM speakers WHERE names_nobody(name));
    DELETE FROM speaker_roles
        WHERE speaker_id IN (SELECT id FROM speakers WHERE names_nobody(name));
    DELETE FROM speakers WHERE names_nobody(name);
    """,
]


def statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one by one (a semicolon inside a string or
    a trigger body does not end a statement: SQLite's own completeness test decides)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \n;"):
        yield pending.strip()
