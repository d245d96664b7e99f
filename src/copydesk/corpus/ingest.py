"""Ingest: documents in, records stored exactly once, in batches that survive a crash.

Reading happens in this process, extraction and understanding in worker processes, and
writing again in this process alone (SQLite wants one writer). Each document is keyed
by its URL and a hash of its content: a rerun skips what is stored, and a changed page
at a known URL becomes its next revision. A batch of records is written in one
transaction, so ``kill -9`` at any moment loses at most the batch in flight, which the
rerun redoes. A failing document goes to the errors table with its stage and message.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

import msgspec
from tqdm import tqdm

from copydesk.corpus.store import Store
from copydesk.corpus.syndication import CopyFinder, from_bytes, signature, to_bytes
from copydesk.corpus.threads import Thread, ThreadIndex, decode_terms
from copydesk.corpus.writes import Index, record_error, store_article
from copydesk.errors import CopydeskError
from copydesk.extract import extract_document
from copydesk.ingest import DEFAULT_LIMITS, Limits, RawDocument, read_documents
from copydesk.ingest.files import document_files
from copydesk.ingest.warc import SkippedRecord
from copydesk.record import Article, from_json, to_json


class IngestSummary(msgspec.Struct, kw_only=True):
    """What an ingest did, counted: every document read ends in exactly one column."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0


class _Job(NamedTuple):
    key: str
    document: RawDocument
    understand: bool
    limits: Limits


class _Done(NamedTuple):
    key: str
    source: str
    record: bytes | None
    stage: str | None
    error: str | None
    minhash: bytes | None = None


def content_key(document: RawDocument) -> str:
    """The identity of a page: its URL (or source) and the exact content it had."""
    digest = hashlib.sha256()
    digest.update((document.url or document.source).encode())
    digest.update(b"\0")
    digest.update(document.content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def ingest(
    paths: Iterable[str],
    db: str,
    *,
    workers: int | None = None,
    understand: bool = True,
    published: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    batch_size: int = 20,
    progress: bool = True,
) -> IngestSummary:
    """Read every document under ``paths`` into the database at ``db``."""
    summary = IngestSummary()
    with Store(db) as store:
        index = Index(_load_copies(store), ThreadIndex(_load_threads(store)))
        known = {str(row[0]) for row in store.query("SELECT content_hash FROM documents")}
        jobs = _jobs(known, paths, summary, understand, published, limits)
        bar = tqdm(
            desc="ingest",
            unit="doc",
            total=_known_total(paths) if progress else None,
            disable=not progress,
            dynamic_ncols=True,
        )
        pending: list[_Done] = []
        for done in _run(jobs, workers or os.cpu_count() or 1):
            bar.update(1)
            pending.append(done)
            if len(pending) >= batch_size:
                _write(store, index, pending, summary)
                pending = []
        _write(store, index, pending, summary)
        bar.close()
    return summary


def _jobs(
    known: set[str],
    paths: Iterable[str],
    summary: IngestSummary,
    understand: bool,
    published: str | None,
    limits: Limits,
) -> Iterator[_Job | _Done]:
    """Work for the pool; runs in the pool's feeder thread, so it touches no database."""
    for item in read_documents(paths, limits=limits, published=published):
        if isinstance(item, SkippedRecord):
            summary.skipped += 1
            continue
        summary.read += 1
        if isinstance(item, CopydeskError):
            yield _Done("", item.source or "?", None, "ingest", item.reason)
            continue
        key = content_key(item)
        if key in known:
            summary.duplicates += 1
            continue
        known.add(key)
        yield _Job(key, item, understand, limits)


def _run(jobs: Iterator[_Job | _Done], workers: int) -> Iterator[_Done]:
    if workers <= 1:
        yield from map(_work, jobs)
        return
    context = get_context("spawn" if os.name == "nt" else "fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(_work, jobs, chunksize=2)


def _work(job: _Job | _Done) -> _Done:
    """Extract (and understand) one document; runs in a worker process."""
    if isinstance(job, _Done):
        return job  # a read error, passed along to be recorded in order
    stage = "extract"
    try:
        article = extract_document(job.document, limits=job.limits)
        if job.understand:
            from copydesk.understand import understand  # the model loads in the worker

            stage = "understand"
            article = understand(article)
    except CopydeskError as exc:
        return _Done(job.key, job.document.source, None, stage, exc.reason)
    minhash = signature(article.body)
    return _Done(
        job.key,
        job.document.source,
        to_json(article),
        None,
        None,
        to_bytes(minhash) if minhash is not None else None,
    )


def _write(store: Store, index: Index, batch: list[_Done], summary: IngestSummary) -> None:
    if not batch:
        return
    with store.transaction() as conn:
        for done in batch:
            if done.record is None:
                record_error(conn, done.source, done.stage or "extract", done.error or "")
                summary.failed += 1
                continue
            article: Article = from_json(done.record)
            stored = store_article(
                conn,
                index,
                article,
                done.key,
                record_json=done.record,
                minhash=from_bytes(done.minhash) if done.minhash else None,
            )
            if stored:
                summary.stored += 1
            else:
                summary.duplicates += 1


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


__all__ = ["IngestSummary", "content_key", "ingest"]
