"""SQLite's errors, told in a user's words: what is wrong with which file, and what to do.

Every sqlite3 error the store meets passes through ``explain``, so that no message of
SQLite's reaches a user alone ("file is not a database") and no traceback at all. The
primary result code decides the words; SQLite's own text follows in parentheses for
whoever wants to search for it.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path

from copydesk.errors import CorpusError

# Primary result codes (https://sqlite.org/rescode.html).
BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '([^']*)'")


def code_of(exc: sqlite3.Error) -> int | None:
    """The primary result code of an sqlite3 error (None for errors of the sqlite3 module
    itself, such as a text that does not decode)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(exc: sqlite3.Error) -> bool:
    return code_of(exc) in (BUSY, LOCKED) or "database is locked" in str(exc)


def explain(exc: sqlite3.Error, path: str, doing: str) -> CorpusError:
    """The CorpusError to raise for ``exc``, met while ``doing`` (e.g. "writing") on the
    database at ``path``."""
    return CorpusError(f"{_words(exc, path, doing)} ({_raw(exc)})", source=path)


def _raw(exc: sqlite3.Error) -> str:
    text = str(exc)
    return text[:200] + "…" if len(text) > 200 else text


def _words(exc: sqlite3.Error, path: str, doing: str) -> str:
    code = code_of(exc)
    undecodable = _UNDECODABLE.search(str(exc))
    if undecodable:
        return (
            f"the database holds text that is not UTF-8 in column '{undecodable.group(1)}'"
            f" while {doing}: the file is damaged or was written by another program"
        )
    if code in (BUSY, LOCKED):
        return (
            f"the database is busy while {doing}: another process kept it locked for too"
            " long (another ingest?); try again when it has finished"
        )
    if code == READONLY:
        return read_only(doing)
    if code == FULL:
        kept = "; nothing written in this batch was kept" if doing == "writing" else ""
        return f"the disk is full while {doing}{kept}: free some space and run it again"
    if code == CORRUPT:
        return (
            f"the database file is damaged (malformed) while {doing}: restore it from a"
            " copy, or ingest the documents again into a new database"
        )
    if code == NOTADB:
        return "this file is not an SQLite database, so not a copydesk one: check the path"
    if code == CANTOPEN:
        return cannot_open(path)
    if code == IOERR:
        return f"the disk failed while {doing}: check the disk and the file"
    return f"the database could not answer while {doing}: it may be damaged, or not copydesk's"


def read_only(doing: str) -> str:
    return (
        f"the database is read-only: it cannot be changed while {doing}; check the"
        " permissions of the file and of its folder"
    )


def cannot_open(path: str) -> str:
    """Why a database file cannot be opened, found by looking at the path."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        return "this is a folder, not a database file: name a file such as news.db"
    if not folder.is_dir():
        return f"cannot open the database: the folder '{folder}' does not exist"
    if not os.access(folder, os.X_OK):
        return f"cannot open the database: the folder '{folder}' cannot be entered"
    if target.exists() and not os.access(target, os.R_OK):
        return "cannot open the database: the file cannot be read (permission denied)"
    if is_read_only_place(target):
        return "the database is read-only: its folder is on a read-only disk or not writable"
    return "cannot open the database file"


def is_read_only_place(target: Path) -> bool:
    """True when ``target`` (or, for a new file, its folder) cannot be written by us."""
    probe = target if target.exists() else target.parent
    try:
        on_read_only_disk = bool(os.statvfs(probe).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    return on_read_only_disk or not os.access(probe, os.W_OK)


def os_error_words(exc: OSError) -> str:
    """An OSError as a short phrase ("the disk is full", "permission denied")."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the disk is read-only"
    return exc.strerror or str(exc)
