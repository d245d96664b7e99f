"""``scale load``: a scale run's tables into the SQLite store, through the corpus writes.

Records go in by the same functions ``ingest`` uses (``store_article``,
``upgrade_article``, ``record_error``), keyed by the same content hash, which the Spark
task computed from each page's content and kept in the articles table: so syndicated
copies and story threads are found as in an ingest, a page met in two WARCs is one
document with two places, and a second load of the same output adds nothing. Rows are
read batch by batch and each batch is one transaction, so memory stays flat and an
interrupted load is finished by running it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from copydesk import tables
from copydesk.corpus.ingest import IngestSummary, open_index
from copydesk.corpus.queries import stored_keys
from copydesk.corpus.speakers import link_unlinked
from copydesk.corpus.store import Store
from copydesk.corpus.writes import Index, record_error, store_article, upgrade_article
from copydesk.errors import CorpusError
from copydesk.record import to_json
from copydesk.scale.output import SUCCESS, Output, part_files
from copydesk.scale.task import SKIPPED_STAGE

_BATCH_ROWS = 200


class LoadSummary(IngestSummary, kw_only=True):
    """What a load did, counted as an ingest counts, over ``warcs`` finished WARCs.

    ``complete`` is false when the output's run had not finished (no ``_SUCCESS``): what
    was done is loaded, and a later load, after the run is finished, adds the rest.
    """

    warcs: int = 0
    complete: bool = False


def load(out_dir: str | Path, *, db: str | Path) -> LoadSummary:
    """Load the finished WARCs of the scale output at ``out_dir`` into the store at ``db``."""
    output = Output(out_dir)
    done = sorted(output.done())
    if not done:
        raise CorpusError(
            "no finished WARC here: run `copydesk scale run MANIFEST --out DIR` first",
            source=str(out_dir),
        )
    summary = LoadSummary(warcs=len(done), complete=output.exists(SUCCESS))
    with Store(db) as store:
        with store.transaction() as conn:
            link_unlinked(conn)  # quotes stored before speakers were kept
        index = open_index(store)
        known = stored_keys(store)
        for rows in _batches(output, "articles", done):
            with store.transaction() as conn:
                for row in rows:
                    _store(conn, index, known, row, summary)
        for rows in _batches(output, "errors", done):
            with store.transaction() as conn:
                for row in rows:
                    if row["stage"] == SKIPPED_STAGE:  # as ingest counts: not read
                        summary.skipped += 1
                        continue
                    summary.read += 1
                    record_error(conn, row["source"], row["stage"], row["message"])
                    summary.failed += 1
    return summary


def _batches(output: Output, table: str, keys: list[str]) -> Iterator[list[dict[str, Any]]]:
    for path in part_files(output, table, keys):
        try:
            with output.fs.open_input_file(path) as handle:
                parquet = pq.ParquetFile(handle)
                _check_schema(parquet.schema_arrow, table, path)
                for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
                    yield batch.to_pylist(maps_as_pydicts="strict")
        except (OSError, pa.ArrowException) as exc:
            raise CorpusError(f"cannot read the {table} part: {exc}", source=path) from exc


def _check_schema(found: pa.Schema, table: str, path: str) -> None:
    """Refuse a part of another schema version: its rows would not be this record."""
    fixed = tables.schema(table)
    version = (found.metadata or {}).get(_VERSION, b"none").decode()
    if version != fixed.metadata[_VERSION].decode() or not found.equals(fixed):
        raise CorpusError(
            f"a {table} part of record schema {version}, not "
            f"{fixed.metadata[_VERSION].decode()}: run `copydesk scale run` again with this "
            "copydesk into a new folder",
            source=path,
        )


_VERSION = b"copydesk.schema_version"


def _store(
    conn: sqlite3.Connection,
    index: Index,
    known: dict[str, bool],
    row: dict[str, Any],
    summary: LoadSummary,
) -> None:
    """One articles row in, as ``ingest`` would store the page it came from."""
    summary.read += 1
    key = row.get("content_hash")
    if not key:
        raise CorpusError(
            "an articles row without content_hash: only `copydesk scale run` output loads",
            source=row.get("source"),
        )
    article = tables.article_from_row(row)
    record = to_json(article)
    understood = known.get(key)
    if understood is None:
        known[key] = article.understood
        written = store_article(conn, index, article, key, record_json=record)
        summary.stored += 1 if written else 0
        summary.duplicates += 0 if written else 1
    elif article.understood and not understood:
        known[key] = True
        upgrade_article(conn, index, key, article, record_json=record)
        summary.upgraded += 1
    else:
        store_article(conn, index, article, key, record_json=record)  # keeps a new place
        summary.duplicates += 1
