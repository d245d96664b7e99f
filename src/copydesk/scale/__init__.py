"""Scale: the per-document pipeline as a Spark job over WARC files, and its loader.

    copydesk.scale.run("manifest.txt", "out/", master="local[2]")
    copydesk.scale.load("out/", db="news.db")

``run`` reads a manifest of WARCs (local paths; ``s3://``, ``gs://``, ``https://`` with
fsspec), runs one Spark task per WARC, and writes ``out/articles``, ``errors``,
``quotes``, ``figures`` and ``actors`` as Parquet under the fixed schemas of
``copydesk.tables``, then ``out/_SUCCESS``. A rerun into the same folder does only the
WARCs not done yet, and a retried task replaces its WARC's rows. ``load`` stores the
records as ``ingest`` would, once: a second load adds nothing.

PySpark is the ``[spark]`` extra and is imported only when ``run`` starts a job.
"""

from __future__ import annotations

import time
from pathlib import Path

import msgspec

from copydesk.errors import ScaleError
from copydesk.read.limits import DEFAULT_LIMITS, Limits
from copydesk.scale.job import run_job
from copydesk.scale.load import LoadSummary, load
from copydesk.scale.manifest import read_manifest, warc_key
from copydesk.scale.output import Output
from copydesk.scale.task import WarcResult


class ScaleSummary(msgspec.Struct, kw_only=True):
    """What a run did. ``complete``: every WARC of the manifest is done and ``_SUCCESS``
    is written. ``unread`` lists ``(warc, why)`` for WARCs that could not be opened;
    nothing of them was written, and a rerun tries them again. ``rows`` counts the rows
    written by this run, per table. ``startup_seconds`` is Spark's fixed cost, apart
    from ``seconds``, the job itself; ``task_seconds`` adds up the tasks' own seconds, so
    ``task_seconds / seconds`` is how many ran at once on average."""

    out: str
    warcs: int = 0
    done: int = 0
    already: int = 0
    unread: list[tuple[str, str]] = msgspec.field(default_factory=list)
    rows: dict[str, int] = msgspec.field(default_factory=dict)
    other_records: int = 0
    startup_seconds: float = 0.0
    seconds: float = 0.0
    task_seconds: float = 0.0
    complete: bool = False


def run(
    manifest: str | Path,
    out: str | Path,
    *,
    master: str | None = "local[1]",
    understand: bool = True,
    partitions: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ScaleSummary:
    """Run the pipeline over every WARC of ``manifest`` into the folder ``out``.

    ``master`` is a Spark master URL (``local[N]``, ``spark://host:7077``, ``yarn``);
    ``None`` takes the one ``spark-submit`` or the notebook set. ``partitions`` caps the
    number of tasks (default: one per WARC). Raises ``ScaleError`` when Spark cannot
    start or a task fails past its retries, ``ReadError`` for an unreadable manifest.
    """
    locations = read_manifest(manifest)
    output = Output(out)
    output.prepare()
    done = output.done()
    todo = [w for w in locations if warc_key(w) not in done]
    summary = ScaleSummary(out=output.uri, warcs=len(locations))
    summary.already = len(locations) - len(todo)
    if todo:
        started = time.monotonic()
        results, summary.startup_seconds = run_job(
            todo,
            output.uri,
            master=master,
            understand=understand,
            partitions=partitions,
            limits=limits,
        )
        summary.seconds = time.monotonic() - started - summary.startup_seconds
        _count(summary, results)
    output.fill_empty_tables()
    summary.complete = not summary.unread
    if summary.complete:
        output.mark_success(msgspec.to_builtins(summary))
    return summary


def _count(summary: ScaleSummary, results: list[WarcResult]) -> None:
    for result in results:
        if result.problem is not None:
            summary.unread.append((result.location, result.problem))
        elif result.already:
            summary.already += 1
        else:
            summary.done += 1
            summary.other_records += result.other_records
            summary.task_seconds += result.seconds
            for table, count in result.rows.items():
                summary.rows[table] = summary.rows.get(table, 0) + count


__all__ = ["LoadSummary", "ScaleError", "ScaleSummary", "load", "run"]
