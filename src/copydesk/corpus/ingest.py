"""Ingest: documents in, records stored exactly once, in batches that survive a crash.

Reading happens in this process, extraction and understanding in worker processes (each
document within its time budget, see ``copydesk.runner``), and writing again in this
process alone (SQLite wants one writer). Each document is keyed by a hash of its
content: a rerun skips what is stored (or, with understanding asked for, upgrades what
was stored without it), a byte-identical copy under another name or URL adds that place
to the stored document, and a changed page at a known URL becomes its next revision. A
batch of records is written in one transaction, so ``kill -9`` at any moment loses at
most the batch in flight, which the rerun redoes. A failing document goes to the errors
table with its stage and message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import NamedTuple

import msgspec
from tqdm import tqdm

from copydesk.corpus.speakers import link_unlinked
from copydesk.corpus.store import Store
from copydesk.corpus.syndication import CopyFinder, from_bytes, signature, to_bytes
from copydesk.corpus.threads import TermStats, Thread, ThreadIndex, decode_terms
from copydesk.corpus.writes import (
    Index,
    record_error,
    record_place,
    store_article,
    stored_keys,
    upgrade_article,
)
from copydesk.errors import CopydeskError
from copydesk.read import DEFAULT_LIMITS, Limits, RawDocument, read_documents
from copydesk.read.document import Skipped, content_key
from copydesk.read.files import Item, document_files
from copydesk.record import Article, from_json, to_json
from copydesk.runner import Failure, max_workers, process_document, run_budgeted, stage_of


class IngestSummary(msgspec.Struct, kw_only=True):
    """What an ingest did, counted: every document read ends in exactly one column.

    ``upgraded`` are stored records that lacked understanding and now have it.
    """

    read: int = 0
    stored: int = 0
    upgraded: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0


class _Job(NamedTuple):
    key: str
    document: RawDocument
    upgrade: bool  # the stored record of this key lacks understanding


class _Done(NamedTuple):
    key: str
    source: str
    record: bytes | None
    stage: str | None
    error: str | None
    minhash: bytes | None = None
    upgrade: bool = False


def ingest(
    paths: Iterable[str],
    db: str,
    *,
    workers: int | None = None,
    understand: bool = True,
    published: str | None = None,
    language: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    batch_size: int = 20,
    progress: bool = True,
    on_failure: Callable[[Failure], None] | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
) -> IngestSummary:
    """Read every document under ``paths`` into the database at ``db``.

    Documents are written in the order they are read, so the store (ids, copies,
    threads) is the same however many workers ran; a slow one holds back the writes
    after it until it finishes or passes ``limits.timeout``, when it is stopped and
    recorded as failed.
    ``on_failure`` is told of each failed document as it is recorded, ``on_skipped`` of
    each input left out as no document (a file of another type, an archive's image).
    """
    paths = list(paths)  # read twice: counted for the progress bar, then read
    summary = IngestSummary()
    with Store(db) as store:
        with store.transaction() as conn:
            link_unlinked(conn)  # quotes stored before speakers were kept
        index = open_index(store)
        places: list[tuple[str, str | None, str]] = []  # copies skipped before extraction
        read = read_documents(paths, limits=limits, published=published, language=language)
        jobs = _jobs(stored_keys(store), read, summary, understand, places, on_skipped)
        tqdm.monitor_interval = 0  # no monitor thread alive when the workers fork
        bar = tqdm(
            desc="ingest",
            unit="doc",
            total=_known_total(paths) if progress else None,
            disable=not progress,
            dynamic_ncols=True,
        )
        pending: list[_Done] = []
        finished = run_budgeted(
            jobs,
            partial(_work, understand=understand, limits=limits),
            source_of=_source_of,
            timeout=limits.timeout,
            workers=max_workers(workers),
            ordered=True,  # the store (ids, threads) is the same however the work ran
            tick=_FLUSH_SECONDS,
        )
        for done in finished:
            if done is not None:
                bar.update(1)
                pending.append(_as_done(done.job, done.result))
            if len(pending) >= batch_size or (pending and done is None):
                _write(store, index, pending, summary, on_failure)
                pending = []
        _write(store, index, pending, summary, on_failure)
        with store.transaction() as conn:  # last: the documents they copy are all written
            for key, url, source in places:
                record_place(conn, key, url, source)
        bar.close()
    return summary


# With documents in flight but none finished for this long, what is finished is written.
_FLUSH_SECONDS = 0.5


def _jobs(
    known: dict[str, bool],
    items: Iterable[Item],
    summary: IngestSummary,
    understand: bool,
    places: list[tuple[str, str | None, str]],
    on_skipped: Callable[[Skipped], None] | None,
) -> Iterator[_Job | _Done]:
    """Work for the workers; read errors pass through to be recorded in their place, and
    the name and URL of each byte-identical copy go to ``places``."""
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped += 1
            if on_skipped is not None:
                on_skipped(item)
            continue
        summary.read += 1
        if isinstance(item, CopydeskError):
            yield _Done("", item.source or "?", None, "read", item.reason)
            continue
        key = content_key(item)
        understood = known.get(key)
        if understood is None:
            known[key] = understand
            yield _Job(key, item, upgrade=False)
        elif understand and not understood:
            known[key] = True
            yield _Job(key, item, upgrade=True)
        else:
            summary.duplicates += 1
            places.append((key, item.url, item.source))


def _source_of(job: _Job | _Done) -> str:
    return job.document.source if isinstance(job, _Job) else job.source


def _as_done(job: _Job | _Done, result: _Done | Failure) -> _Done:
    """A worker's answer, or the failure (timeout, a dead worker) that stands for it."""
    if isinstance(result, _Done):
        return result
    key = job.key if isinstance(job, _Job) else ""
    return _Done(key, result.source, None, result.stage, result.message)


def _work(job: _Job | _Done, *, understand: bool, limits: Limits) -> _Done:
    """Extract (and understand) one document; runs in a worker process."""
    if isinstance(job, _Done):
        return job  # a read error, passed along to be recorded
    try:
        article = process_document(job.document, understand=understand, limits=limits)
    except CopydeskError as exc:
        return _Done(job.key, job.document.source, None, stage_of(exc), exc.reason)
    minhash = signature(article.body)
    return _Done(
        job.key,
        job.document.source,
        to_json(article),
        None,
        None,
        to_bytes(minhash) if minhash is not None else None,
        job.upgrade,
    )


def _write(
    store: Store,
    index: Index,
    batch: list[_Done],
    summary: IngestSummary,
    on_failure: Callable[[Failure], None] | None,
) -> None:
    if not batch:
        return
    failures = []
    with store.transaction() as conn:
        for done in batch:
            if done.record is None:
                failure = Failure(done.source, done.stage or "extract", done.error or "")
                record_error(conn, *failure)
                failures.append(failure)
                summary.failed += 1
                continue
            article: Article = from_json(done.record)
            minhash = from_bytes(done.minhash) if done.minhash else None
            if done.upgrade:
                upgrade_article(
                    conn, index, done.key, article, record_json=done.record, minhash=minhash
                )
                summary.upgraded += 1
            elif store_article(
                conn, index, article, done.key, record_json=done.record, minhash=minhash
            ):
                summary.stored += 1
            else:
                summary.duplicates += 1
    if on_failure is not None:  # told once the batch is committed
        for failure in failures:
            on_failure(failure)


def _known_total(paths: Iterable[str]) -> int | None:
    """How many documents a run will read, when each input file is one document (so the
    progress bar can show an ETA); None for archives and dumps, whose count is unknown."""
    total = 0
    for name in paths:
        path = Path(name)
        files = document_files(path) if path.is_dir() else [path]
        for file in files:
            suffixes = {s.lower() for s in file.suffixes}
            if name == "-" or suffixes & {".jsonl", ".ndjson", ".warc"}:
                return None
            total += 1
    return total


def open_index(store: Store) -> Index:
    """What a writer keeps in memory across a run (the copy finder and the threads), read
    from the store: ``ingest`` and ``scale load`` start from it."""
    return Index(_load_copies(store), ThreadIndex(_load_threads(store), _load_term_stats(store)))


def _load_term_stats(store: Store) -> TermStats:
    stats = TermStats()
    for row in store.iterate("SELECT term, stories FROM thread_terms"):
        if row[0]:
            stats.seen[row[0]] = int(row[1])
        else:
            stats.stories = int(row[1])
    return stats


def _load_threads(store: Store) -> list[Thread]:
    rows = store.query(
        "SELECT id, title, first_published, last_published, size, terms FROM threads"
    )
    return [
        Thread(
            int(r["id"]),
            r["title"] or "",
            r["first_published"],
            r["last_published"],
            int(r["size"]),
            decode_terms(r["terms"]),
        )
        for r in rows
    ]


def _load_copies(store: Store) -> CopyFinder:
    finder = CopyFinder()
    for row in store.query("SELECT id, minhash FROM documents WHERE minhash IS NOT NULL"):
        finder.add(int(row["id"]), from_bytes(row["minhash"]))
    return finder


__all__ = ["IngestSummary", "ingest", "open_index"]
