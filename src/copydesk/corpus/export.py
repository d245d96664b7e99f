"""Export the store's tables as JSON Lines, Parquet or CSV for pandas, R and DuckDB.

An export never leaves a half-written file where a whole one was: it writes a temporary
file beside the output and renames it into place only once every record is in it. So a
damaged database or a full disk leaves the old file as it was. It never writes onto the
database it reads (nor its ``-wal`` and ``-shm`` files), however the path is spelled.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from copydesk.corpus.faults import os_error_words
from copydesk.corpus.queries import Damaged, all_errors, keyed_records, records
from copydesk.corpus.store import Store
from copydesk.errors import CorpusError
from copydesk.record import to_json

# The files SQLite keeps beside a database while it is in use.
_DATABASE_FILES = ("", "-wal", "-shm", "-journal")


def export(
    store: Store,
    output: str,
    *,
    format: str = "jsonl",
    table: str = "articles",
    on_damaged: Damaged | None = None,
) -> int:
    """Write one table of the store to ``output`` (``-``: standard output, JSON Lines of
    the articles only); the number of rows written.

    The articles as ``jsonl`` are the records themselves, the JSON ``copydesk extract``
    prints; every other table and format is flat rows under the fixed schema of
    ``copydesk.tables``, the same for any corpus, an empty one included. With
    ``on_damaged``, a record that cannot be read is handed to it and the rest go on."""
    from copydesk import tables  # pyarrow loads only for an export

    if table not in tables.TABLES:
        raise CorpusError(f"no table {table!r}: the tables are {', '.join(tables.TABLES)}")
    if format not in tables.FORMATS:
        raise CorpusError(f"unknown export format {format!r}: use {', '.join(tables.FORMATS)}")
    records_as_json = table == "articles" and format == "jsonl"
    if output == "-":
        if not records_as_json:
            raise CorpusError(
                f"the {table} table as {format} cannot be written to standard output: name a file"
            )
        return export_jsonl(store, sys.stdout.buffer, on_damaged=on_damaged)
    target = _checked_target(store, output)
    if records_as_json:
        return _write(target, output, lambda path: _jsonl_file(store, path, on_damaged))
    rows = _rows(store, table, on_damaged)
    return _write(target, output, lambda path: tables.write_rows(table, rows, path, format=format))


def export_jsonl(store: Store, out: BinaryIO, *, on_damaged: Damaged | None = None) -> int:
    """Write one record per line, the same JSON ``copydesk extract`` prints; the count."""
    count = 0
    for article in records(store, on_damaged=on_damaged):
        out.write(to_json(article) + b"\n")
        count += 1
    return count


def _rows(store: Store, table: str, on_damaged: Damaged | None) -> Iterator[dict[str, Any]]:
    """The rows of ``table``, record by record, so memory stays flat."""
    from copydesk import tables

    if table == "errors":
        for error in all_errors(store):
            yield tables.error_row(error.input, error.stage, error.message)
        return
    for document_id, key, article in keyed_records(store, on_damaged=on_damaged):
        yield from tables.rows_of(article, str(document_id), content_hash=key)[table]


def _jsonl_file(store: Store, path: Path, on_damaged: Damaged | None) -> int:
    with path.open("wb") as handle:
        count = export_jsonl(store, handle, on_damaged=on_damaged)
        handle.flush()
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # on disk before the rename
            os.fsync(handle.fileno())
    return count


def _checked_target(store: Store, output: str) -> Path:
    """The real path ``output`` names, once it is known to be a place we may write."""
    target = Path(os.path.realpath(output))
    if target.is_dir():
        raise CorpusError("this is a folder: name a file to export to", source=output)
    if not target.parent.is_dir():
        raise CorpusError(f"the folder '{target.parent}' does not exist", source=output)
    database = os.path.realpath(store.path)
    for suffix in _DATABASE_FILES:
        if str(target) == database + suffix or _same_file(target, Path(database + suffix)):
            raise CorpusError(
                "this is the database being exported (or one of its files): name another"
                " file, or the export would destroy the corpus",
                source=output,
            )
    if target.exists() and not os.access(target, os.W_OK):
        raise CorpusError("cannot write the file: permission denied", source=output)
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _write(target: Path, output: str, write: Callable[[Path], int]) -> int:
    """Run ``write`` on a temporary file beside ``target``, then rename it into place.

    A device or a pipe (``/dev/null``) is written to directly: it cannot be replaced.
    """
    if target.exists() and not target.is_file():
        return _guarded(output, lambda: write(target))
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise CorpusError(f"cannot write here: {os_error_words(exc)}", source=output) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        count = _guarded(output, lambda: write(temporary))
        temporary.chmod(_mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _guarded(output: str, step: Callable[[], int]) -> int:
    try:
        return step()
    except OSError as exc:
        kept = "the file was left as it was" if Path(output).exists() else "nothing was written"
        raise CorpusError(
            f"cannot write the export: {os_error_words(exc)}; {kept}", source=output
        ) from exc


def _mode_for(target: Path) -> int:
    """The permissions the output gets: those of the file it replaces, or the usual ones
    for a new file (a temporary file is made private, and must not stay so)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
