"""Export the stored records as JSON Lines or Parquet for pandas, polars and DuckDB."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from copydesk.corpus.queries import records
from copydesk.corpus.store import Store
from copydesk.errors import CorpusError
from copydesk.record import to_builtins, to_json


def export_jsonl(store: Store, out: BinaryIO) -> int:
    """Write one record per line, the same JSON ``copydesk extract`` prints; the count."""
    count = 0
    for article in records(store):
        out.write(to_json(article) + b"\n")
        count += 1
    return count


def export_parquet(store: Store, path: str | Path) -> int:
    """Write the records as a Parquet table (nested fields stay nested); the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [to_builtins(article) for article in records(store)]
    if not rows:
        raise CorpusError("nothing to export: the database holds no records", source=store.path)
    try:
        pq.write_table(pa.Table.from_pylist(rows), str(path))
    except (pa.ArrowException, OSError) as exc:
        raise CorpusError(f"cannot write Parquet to {path}: {exc}", source=store.path) from exc
    return len(rows)
