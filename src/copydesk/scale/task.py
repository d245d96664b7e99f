"""One Spark task's work: WARCs in, their rows written as Parquet parts; no Spark here.

Each WARC is read as a stream (``read_warc``), and each page goes through the same
per-document function as ``extract`` and ``ingest`` (``process_document``), in a forked
worker under the same budgets (``run_budgeted``): a page that hangs the parser is killed
at ``limits.timeout`` and becomes an errors row, never a hung task. The language model is
loaded once per Python worker, before the forks, which share it.

Every response record of a WARC ends as one row of ``articles`` or of ``errors``; a
record that is not a response (a request, metadata) is only counted.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, suppress
from functools import partial
from typing import Any, BinaryIO, cast

import msgspec

from copydesk import tables
from copydesk.errors import CopydeskError, ReadError
from copydesk.read.document import RawDocument, content_key
from copydesk.read.limits import Limits
from copydesk.read.warc import SkippedRecord, read_warc
from copydesk.record import Article
from copydesk.runner import Failure, process_document, run_budgeted
from copydesk.scale.manifest import open_warc, warc_key
from copydesk.scale.output import MARKERS, Output, Parts

# Skipped responses (a 404, an image) are errors rows under this stage; ``scale load``
# counts them as skipped, as ``ingest`` does, rather than storing them as failures.
SKIPPED_STAGE = "skipped"


class WarcResult(msgspec.Struct, kw_only=True):
    """What one task did with one WARC.

    ``done``: its parts and marker are written (now, or by an earlier run when
    ``already``). ``problem``: why it could not be read at all; nothing of it was written,
    and a rerun tries it again. ``rows`` counts each table's rows; ``other_records`` the
    records that were not responses.
    """

    location: str
    key: str
    done: bool = False
    already: bool = False
    problem: str | None = None
    rows: dict[str, int] = msgspec.field(default_factory=dict)
    other_records: int = 0
    seconds: float = 0.0


def run_partition(
    locations: Iterable[str], *, out: str, understand: bool, limits: Limits
) -> Iterator[dict[str, Any]]:
    """Spark's ``mapPartitions`` function: each WARC of the partition, one after another."""
    for location in locations:
        yield msgspec.to_builtins(process_warc(location, out, understand=understand, limits=limits))


def process_warc(location: str, out: str, *, understand: bool, limits: Limits) -> WarcResult:
    """Read one WARC into its parts under ``out``; a WARC already done is left alone."""
    started = time.monotonic()
    output = Output(out)
    key = warc_key(location)
    if output.exists(MARKERS, f"{key}.json"):
        return WarcResult(location=location, key=key, done=True, already=True)
    if understand:
        _warm(limits)
    with ExitStack() as stack:
        try:
            handle = cast(BinaryIO, stack.enter_context(open_warc(location)))
        except (ReadError, OSError) as exc:  # only opening: a write error is no input's
            problem = exc.reason if isinstance(exc, ReadError) else f"cannot open the WARC: {exc}"
            return WarcResult(location=location, key=key, problem=problem)
        parts = Parts(output, key)
        try:
            other, unread = _fill(parts, handle, location, understand, limits)
        except BaseException:
            parts.abandon()
            raise
        if unread is not None:  # no record at all: not done, so a rerun tries it again
            parts.abandon()
            return WarcResult(location=location, key=key, problem=unread)
    rows = parts.commit()
    seconds = time.monotonic() - started
    output.mark_done(
        key, {"warc": location, "rows": rows, "other_records": other, "seconds": seconds}
    )
    return WarcResult(
        location=location, key=key, done=True, rows=rows, other_records=other, seconds=seconds
    )


def _fill(
    parts: Parts, handle: BinaryIO, location: str, understand: bool, limits: Limits
) -> tuple[int, str | None]:
    """Every record of the WARC into ``parts``: the number that were not responses, and
    why the file is no WARC when not one record could be read from it (None if one was)."""
    other = records = 0
    errors: list[str] = []

    def documents() -> Iterator[RawDocument]:
        nonlocal other, records
        for item in read_warc(handle, location, limits, None):
            records += isinstance(item, RawDocument | SkippedRecord)
            if isinstance(item, RawDocument):
                yield item
            elif isinstance(item, SkippedRecord) and item.kind == "not_response":
                other += 1
            else:
                stage = SKIPPED_STAGE if isinstance(item, SkippedRecord) else "ingest"
                errors.append(item.reason)
                parts.add("errors", [tables.error_row(item.source or location, stage, item.reason)])

    finished = run_budgeted(
        documents(),
        partial(process_document, understand=understand, limits=limits),
        source_of=_source_of,
        timeout=limits.timeout,
        workers=1,
        ordered=True,
    )
    for done in finished:
        if done is None:
            continue
        if isinstance(done.result, Failure):
            failure = done.result
            parts.add("errors", [tables.error_row(failure.source, failure.stage, failure.message)])
            continue
        _add_article(parts, done.result, done.job)
    if records:
        return other, None
    why = f": {errors[0]}" if errors else " (an empty file, or not a WARC file)"
    return other, f"no WARC record could be read from it{why}"


def _add_article(parts: Parts, article: Article, document: RawDocument) -> None:
    rows = tables.rows_of(article, document.source, content_hash=content_key(document))
    for table, table_rows in rows.items():
        parts.add(table, table_rows)


def _source_of(document: RawDocument) -> str:
    return document.source


_warmed = False


def _warm(limits: Limits) -> None:
    """Load the language model in this Python worker (once), before any fork needs it."""
    global _warmed
    if _warmed:
        return
    page = RawDocument(source="<warm-up>", content="Officials said on Monday it was fine.")
    with suppress(CopydeskError):  # the real pages will say what is wrong, each in its row
        process_document(page, understand=True, limits=limits)
    _warmed = True
