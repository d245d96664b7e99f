"""The output folder of a scale run: one Parquet part per WARC per table, and markers.

    DIR/articles/part-KEY.parquet   (and errors/, quotes/, figures/, actors/)
    DIR/_warcs/KEY.json             the WARC is done: its location and its row counts
    DIR/_SUCCESS                    every WARC of the last run's manifest is done

A part is written under a temporary name and moved into place when whole, and a WARC's
marker only after all five of its parts, so a task killed at any moment leaves either
nothing of that WARC or all of it; its retry writes the same names again. Names starting
with ``_`` are skipped by Spark, DuckDB and pyarrow readers of the folder.

The folder is reached through ``pyarrow.fs``: a local path, or ``s3://``, ``gs://`` and
``hdfs://`` where a cluster's workers share the output.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from copydesk import tables
from copydesk.errors import ReadError

MARKERS = "_warcs"
SUCCESS = "_SUCCESS"
_FLUSH_ROWS = 256  # rows held per table before they are written as a row group


class Output:
    """The output folder, on whatever filesystem its URI names."""

    def __init__(self, uri: str | Path) -> None:
        text = str(uri)
        self.uri = text if "://" in text else str(Path(text).resolve())
        try:
            self.fs, self.root = pafs.FileSystem.from_uri(self.uri)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as exc:
            raise ReadError(f"cannot use as an output folder: {exc}", source=text) from exc

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def create_dirs(self) -> None:
        for name in (*tables.TABLES, MARKERS):
            self.fs.create_dir(self.path(name), recursive=True)

    def prepare(self) -> None:
        """Create the folders and drop an old ``_SUCCESS``: this run is not done yet."""
        self.create_dirs()
        if self.exists(SUCCESS):
            self.fs.delete_file(self.path(SUCCESS))

    def exists(self, *parts: str) -> bool:
        found: bool = self.fs.get_file_info(self.path(*parts)).type != pafs.FileType.NotFound
        return found

    def done(self) -> dict[str, dict[str, Any]]:
        """The marker of every WARC already done, by its key."""
        if not self.exists(MARKERS):
            return {}
        found = {}
        for info in self.fs.get_file_info(pafs.FileSelector(self.path(MARKERS))):
            if info.is_file and info.base_name.endswith(".json"):
                with self.fs.open_input_stream(info.path) as stream:
                    found[info.base_name.removesuffix(".json")] = json.loads(stream.read())
        return found

    def part(self, table: str, key: str) -> str:
        return self.path(table, f"part-{key}.parquet")

    def mark_done(self, key: str, marker: dict[str, Any]) -> None:
        self._put(self.path(MARKERS, f"{key}.json"), json.dumps(marker).encode())

    def mark_success(self, summary: dict[str, Any]) -> None:
        self._put(self.path(SUCCESS), json.dumps(summary).encode())

    def fill_empty_tables(self) -> None:
        """Give a table that no WARC wrote (an empty manifest) one empty part, so that
        every table of every output has its schema on disk."""
        for table in tables.TABLES:
            selector = pafs.FileSelector(self.path(table), allow_not_found=True)
            if not any(i.base_name.endswith(".parquet") for i in self.fs.get_file_info(selector)):
                self._put_table(self.path(table, "part-empty.parquet"), tables.to_table(table, []))

    def _put(self, path: str, data: bytes) -> None:
        temporary = f"{path}.{uuid.uuid4().hex}.tmp"
        with self.fs.open_output_stream(temporary) as stream:
            stream.write(data)
        self.fs.move(temporary, path)

    def _put_table(self, path: str, table: pa.Table) -> None:
        temporary = f"{path}.{uuid.uuid4().hex}.tmp"
        pq.write_table(table, temporary, filesystem=self.fs)
        self.fs.move(temporary, path)


class Parts:
    """The five parts of one WARC, streamed: rows are written in row groups as they
    come, so memory stays flat however large the WARC; ``commit`` moves them into place."""

    def __init__(self, output: Output, key: str) -> None:
        output.create_dirs()
        self.output = output
        self.key = key
        self.counts = dict.fromkeys(tables.TABLES, 0)
        self._held: dict[str, list[tables.Row]] = {t: [] for t in tables.TABLES}
        tag = uuid.uuid4().hex  # a speculative copy of the task writes elsewhere
        self._temporary = {t: f"{output.part(t, key)}.{tag}.tmp" for t in tables.TABLES}
        self._writers = {
            t: pq.ParquetWriter(self._temporary[t], tables.schema(t), filesystem=output.fs)
            for t in tables.TABLES
        }

    def add(self, table: str, rows: list[tables.Row]) -> None:
        held = self._held[table]
        held.extend(rows)
        self.counts[table] += len(rows)
        if len(held) >= _FLUSH_ROWS:
            self._flush(table)

    def commit(self) -> dict[str, int]:
        """Write what is held, close every part and move it into place; the counts."""
        for table in tables.TABLES:
            self._flush(table)
            self._writers[table].close()
        for table in tables.TABLES:
            self.output.fs.move(self._temporary[table], self.output.part(table, self.key))
        return dict(self.counts)

    def abandon(self) -> None:
        for table in tables.TABLES:
            self._writers[table].close()
            self.output.fs.delete_file(self._temporary[table])

    def _flush(self, table: str) -> None:
        if self._held[table]:
            self._writers[table].write_table(tables.to_table(table, self._held[table]))
            self._held[table] = []


def part_files(output: Output, table: str, keys: Iterable[str]) -> list[str]:
    """The part of ``table`` for each WARC key given, where it exists."""
    return [p for p in (output.part(table, k) for k in keys) if output.fs.get_file_info(p).is_file]
