"""The embedded store: one SQLite file, opened in WAL mode, migrated by number.

All SQL of the project lives in this sub-package. Values go in as ``?`` parameters,
multi-step writes run in one transaction, and every sqlite3 error is turned into a
``CorpusError`` that names the database file. WAL lets readers query while an ingest
writes; ``synchronous=NORMAL`` keeps every committed batch safe across a crash.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from copydesk.corpus.migrations import MIGRATIONS
from copydesk.errors import CorpusError

SCHEMA_VERSION = len(MIGRATIONS)


class Store:
    """A connection to a copydesk database, migrated to the current schema on open."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        try:
            if readonly:
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=30)
            else:
                self.db = sqlite3.connect(self.path, timeout=30)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise CorpusError(f"cannot open the database: {exc}", source=self.path) from exc
        self._migrate(readonly)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        try:
            with self.db:
                yield self.db
        except sqlite3.Error as exc:
            raise CorpusError(f"database write failed: {exc}", source=self.path) from exc

    def query(self, sql: str, params: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            message = str(exc)
            if "fts5" in message or "syntax error" in message:
                raise CorpusError(
                    f"the search query is not valid full-text syntax ({message}); "
                    'quote phrases with "..." and avoid stray operators',
                    source=self.path,
                ) from exc
            raise CorpusError(f"query failed: {message}", source=self.path) from exc

    def _migrate(self, readonly: bool) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise CorpusError(
                f"the database has schema version {version}, newer than this copydesk "
                f"({SCHEMA_VERSION}): upgrade copydesk to read it",
                source=self.path,
            )
        if version == SCHEMA_VERSION:
            return
        if readonly:
            raise CorpusError(
                f"the database has schema version {version} and needs migrating to "
                f"{SCHEMA_VERSION}: open it once for writing (copydesk ingest)",
                source=self.path,
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:
                self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
            except sqlite3.Error as exc:
                self.db.rollback()
                raise CorpusError(f"migration {number} failed: {exc}", source=self.path) from exc
