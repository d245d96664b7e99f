"""The embedded store: one SQLite file, opened in WAL mode, migrated by number.

All SQL of the project lives in this sub-package. Values go in as ``?`` parameters,
multi-step writes run in one transaction, and every sqlite3 error — on opening,
migrating, reading or writing — becomes a ``CorpusError`` that names the database file
in a user's words (see ``faults``). WAL lets readers query while an ingest writes;
``synchronous=NORMAL`` keeps every committed batch safe across a crash.

A database path is a path, never an SQLite URI: ``news#1.db`` opens that file. Two
writers that open one new database at once take turns: the one that comes second
waits for the lock (``busy_timeout``) and finds the schema already made.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from copydesk.corpus import cjk, faults
from copydesk.corpus.migrations import MIGRATIONS, statements
from copydesk.corpus.speakers import names_nobody
from copydesk.errors import CorpusError

SCHEMA_VERSION = len(MIGRATIONS)
# How long a writer waits for another one's lock before it gives up, in seconds.
BUSY_TIMEOUT = 30.0

T = TypeVar("T")


class Store:
    """A connection to a copydesk database, migrated to the current schema on open.

    ``readonly`` opens an existing database for questions only: it never creates a
    file, never migrates, and works where the file or its folder cannot be written.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self.db = self._connect()
        self.db.create_function("cjk_pairs", 1, cjk.pairs, deterministic=True)
        self.db.create_function("has_cjk", 1, cjk.has_cjk, deterministic=True)
        self.db.create_function("names_nobody", 1, names_nobody, deterministic=True)
        try:
            with self._errors("opening"):
                self._configure()
                self._migrate()
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all.

        ``BEGIN IMMEDIATE`` takes the write lock first, so a second writer waits for it
        rather than failing half way through its batch.
        """
        with self._errors("writing"):
            self._retry_busy(lambda: self.db.execute("BEGIN IMMEDIATE"))
            try:
                yield self.db
            except BaseException:
                self.db.rollback()
                raise
            self.db.commit()

    def query(
        self, sql: str, params: tuple[object, ...] = (), *, user_fts5: bool = False
    ) -> list[sqlite3.Row]:
        """All rows of one question. ``user_fts5`` says the MATCH text is the user's own
        FTS5 syntax, so that an error in it is reported as the user's mistake."""
        with self._errors("reading", user_fts5=user_fts5):
            return self.db.execute(sql, params).fetchall()

    def iterate(self, sql: str, params: tuple[object, ...] = ()) -> Iterator[sqlite3.Row]:
        """The rows of one question, one at a time (for an export of the whole store)."""
        with self._errors("reading"):
            yield from self.db.execute(sql, params)

    @contextmanager
    def _errors(self, doing: str, *, user_fts5: bool = False) -> Iterator[None]:
        """Turn every sqlite3 error (and the binding errors of odd values) into a
        CorpusError naming this database."""
        try:
            yield
        except sqlite3.Error as exc:
            if user_fts5 and faults.code_of(exc) == 1:
                raise fts5_error(exc) from exc
            raise faults.explain(exc, self.path, doing) from exc
        except OverflowError as exc:
            raise CorpusError(
                f"a number is too large for the database while {doing} ({exc})", source=self.path
            ) from exc
        except UnicodeEncodeError as exc:
            raise CorpusError(
                f"a text holds characters that are not valid Unicode while {doing}",
                source=self.path,
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        target = Path(self.path)
        if target.is_dir():
            raise CorpusError(faults.cannot_open(self.path), source=self.path)
        if self.readonly and not target.exists():
            raise CorpusError(
                "no such database: ingest documents into it first (copydesk ingest)",
                source=self.path,
            )
        if not self.readonly and target.exists() and faults.is_read_only_place(target):
            raise CorpusError(faults.read_only("opening it for writing"), source=self.path)
        try:
            if not self.readonly:
                db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
            else:
                db = self._connect_readonly(target)
        except sqlite3.Error as exc:
            raise faults.explain(exc, self.path, "opening") from exc
        db.row_factory = sqlite3.Row
        return db

    def _connect_readonly(self, target: Path) -> sqlite3.Connection:
        """Open by a percent-encoded ``file:`` URI (so ``#`` and ``?`` stay in the name).

        A WAL database needs its ``-shm`` file; where the folder cannot be written and
        no writer left one, the file is opened as immutable: nobody can be writing it.
        """
        uri = target.resolve().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        try:
            db.execute("PRAGMA schema_version").fetchone()  # opening is lazy: touch it
            return db
        except sqlite3.Error as exc:
            db.close()
            if faults.code_of(exc) != faults.CANTOPEN or not faults.is_read_only_place(target):
                raise
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=BUSY_TIMEOUT)

    def _configure(self) -> None:
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.readonly:
            self.db.execute("PRAGMA query_only = ON")
            return
        if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            self._retry_busy(lambda: self.db.execute("PRAGMA journal_mode = WAL").fetchone())
        self.db.execute("PRAGMA synchronous = NORMAL")

    def _retry_busy(self, step: Callable[[], T]) -> T:
        """Run ``step``, waiting out another connection's lock. SQLite answers "locked"
        at once, without waiting, where waiting could deadlock (changing the journal
        mode, or a read turning into a write); here nothing is held, so wait."""
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                return step()
            except sqlite3.OperationalError as exc:
                if not faults.is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self._version()
        self._check_version(version)
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise CorpusError(
                f"the database has schema version {version} and needs migrating to "
                f"{SCHEMA_VERSION}: open it once for writing (copydesk ingest)",
                source=self.path,
            )
        with self._errors("migrating"):
            self._retry_busy(lambda: self.db.execute("BEGIN IMMEDIATE"))
            try:
                self._apply_from(self._version())  # another writer may have migrated it
            except BaseException:
                self.db.rollback()
                raise
            self.db.commit()

    def _apply_from(self, version: int) -> None:
        """Apply every step after ``version`` inside the caller's transaction."""
        self._check_version(version)
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in statements(script):
                self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {number:d}")

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise CorpusError(
                f"the database has schema version {version}, newer than this copydesk "
                f"({SCHEMA_VERSION}): upgrade copydesk to read it",
                source=self.path,
            )


def fts5_error(exc: sqlite3.Error) -> CorpusError:
    """An error in the user's own FTS5 query, told as theirs to fix."""
    detail = str(exc).removeprefix("fts5: ")
    if detail.startswith("no such column: "):
        name = detail.removeprefix("no such column: ")
        detail = f"'{name}' before ':' is not a column (the columns are headline and body)"
    elif detail == "unterminated string":
        detail = 'a quote (") is not closed'
    return CorpusError(
        f"the search query is not valid FTS5 syntax: {detail}; without the FTS5 option, "
        'words and "phrases" are read as typed'
    )
