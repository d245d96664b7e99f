"""Each document's pipeline under its wall-clock budget, in worker processes.

A hostile page can hang the parser inside C code (libxml2 on an element of a million
attributes), where no Python signal reaches it. The only budget that always holds is a
process that can be killed: documents go to worker processes, the parent waits for each
answer until the document's deadline, and a worker past it is killed, its document
reported as timed out and a fresh worker started. A worker that dies (a crash, the
kernel's OOM killer) costs its one document, never the batch.

The per-document function is the same for ``extract``, ``ingest`` and ``scale``:
``process_document`` extracts and, when asked, understands; the caller's ``finish``
turns the record into what the caller keeps (ingest adds its MinHash there, in the
worker, where the cost is spread over the cores).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Generic, NamedTuple, TypeVar, cast

import msgspec

from copydesk.errors import CopydeskError, UnderstandError
from copydesk.extraction import extract_document
from copydesk.read.document import RawDocument
from copydesk.read.limits import Limits
from copydesk.record import Article, Notice

J = TypeVar("J")  # what the caller hands in for one document
R = TypeVar("R")  # what the worker hands back


class Failure(NamedTuple):
    """A document that produced no record: the stage it failed in and why."""

    source: str
    stage: str
    message: str


def process_document(document: RawDocument, *, understand: bool, limits: Limits) -> Article:
    """Extract one document and, if asked, understand it; ``CopydeskError`` names it.

    A failure to understand does not cost the extraction: the record is kept, not
    marked understood, with the failure in its warnings.
    """
    article = extract_document(document, limits=limits)
    if not understand:
        return article
    from copydesk.understand import understand as run_understand  # loads the model

    try:
        return run_understand(article)
    except UnderstandError as exc:
        notice = Notice(code="understanding_failed", message=exc.reason)
        return msgspec.structs.replace(article, warnings=[*article.warnings, notice])


def stage_of(exc: CopydeskError) -> str:
    """The stage an error belongs to, by its class: ``ExtractError`` is ``extract``."""
    return type(exc).__name__.removesuffix("Error").lower() or "extract"


class Done(NamedTuple, Generic[J, R]):
    """One finished document: the job as given and the worker's answer or failure."""

    job: J
    result: R | Failure


def max_workers(requested: int | None) -> int:
    """Workers the machine can run: at most one per core, at least one."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(requested or cores or 1, cores or 1))


def run_budgeted(
    jobs: Iterable[J],
    work: Callable[[J], R],
    *,
    source_of: Callable[[J], str],
    timeout: float,
    workers: int = 1,
    ordered: bool = False,
    tick: float | None = None,
) -> Iterator[Done[J, R] | None]:
    """Run ``work`` on every job in worker processes, each within ``timeout`` seconds.

    Answers come as they finish (``ordered=False``) or in the order of ``jobs``; a slow
    document holds back nothing but itself, and in order only until its deadline. With
    ``tick``, ``None`` is yielded whenever that many seconds pass with no answer, so a
    caller can flush what it holds. ``work`` runs in a forked worker and must return a
    picklable value; a ``CopydeskError`` it raises becomes that document's ``Failure``,
    and so does any other exception (a bug costs one document, not the batch).
    """
    pool = _Pool(work, source_of, workers, timeout)
    feed = iter(jobs)
    held: dict[int, Done[J, R]] = {}
    next_out = submitted = 0
    exhausted = False
    try:
        while True:
            while not exhausted and pool.can_take(ordered, submitted - next_out):
                job = next(feed, _END)
                if job is _END:
                    exhausted = True
                    break
                pool.submit(submitted, cast(J, job))
                submitted += 1
            if exhausted and pool.idle:
                return  # everything answered; in order, the last answer was flushed below
            answers = pool.collect(tick)
            if not answers and tick is not None:
                yield None
            for number, done in answers:
                if ordered:
                    held[number] = done
                else:
                    yield done
            while next_out in held:
                yield held.pop(next_out)
                next_out += 1
    finally:
        pool.close()


_END = object()


class _Pool(Generic[J, R]):
    """Forked workers, each with its own pipe, one document at a time each."""

    def __init__(
        self, work: Callable[[J], R], source_of: Callable[[J], str], size: int, timeout: float
    ) -> None:
        self.work = work
        self.source_of = source_of
        self.size = max(1, size)
        self.timeout = timeout
        self.free: deque[_Worker[J, R]] = deque()
        self.running: dict[Connection, tuple[_Worker[J, R], int, J, float]] = {}
        self.workers: list[_Worker[J, R]] = []

    @property
    def busy(self) -> int:
        return len(self.running)

    @property
    def idle(self) -> bool:
        return not self.running

    def can_take(self, ordered: bool, outstanding: int) -> bool:
        """Room for one more job: a free worker, and (in order) a bounded backlog."""
        if len(self.running) >= self.size:
            return False
        return not ordered or outstanding < self.size * 4

    def submit(self, number: int, job: J) -> None:
        """Hand ``job`` to a free worker; one that died while idle is replaced first."""
        while True:
            worker = self.free.popleft() if self.free else self._start()
            try:
                worker.conn.send(job)
            except OSError:  # the worker is gone (the OOM killer): try a fresh one
                self._retire(worker)
                continue
            break
        self.running[worker.conn] = (worker, number, job, time.monotonic() + self.timeout)

    def collect(self, tick: float | None) -> list[tuple[int, Done[J, R]]]:
        """Answers that arrive before the nearest deadline (or the tick); kills the late."""
        if not self.running:
            return []
        nearest = min(deadline for *_, deadline in self.running.values())
        wait_for = max(0.0, nearest - time.monotonic())
        if tick is not None:
            wait_for = min(wait_for, tick)
        answers = []
        for ready in wait(list(self.running), timeout=wait_for):
            worker, number, job, _ = self.running.pop(cast(Connection, ready))
            try:
                result: R | Failure = worker.conn.recv()
                self.free.append(worker)
            except (EOFError, OSError):
                result = Failure(self.source_of(job), "worker", worker.death())
                self._retire(worker)
            if isinstance(result, Failure) and not result.source:
                result = result._replace(source=self.source_of(job))
            answers.append((number, Done(job, result)))
        now = time.monotonic()
        for conn, (worker, number, job, deadline) in list(self.running.items()):
            if now >= deadline:
                del self.running[conn]
                self._retire(worker)
                message = (
                    f"timeout: not done after {self.timeout:g} s, stopped "
                    "(raise the budget: --timeout, or Limits.timeout)"
                )
                failure = Failure(self.source_of(job), "timeout", message)
                answers.append((number, Done(job, failure)))
        return answers

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()

    def _start(self) -> _Worker[J, R]:
        worker = _Worker(self.work)
        self.workers.append(worker)
        return worker

    def _retire(self, worker: _Worker[J, R]) -> None:
        worker.kill()
        self.workers.remove(worker)


class _Worker(Generic[J, R]):
    def __init__(self, work: Callable[[J], R]) -> None:
        context = get_context("fork")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()

    def death(self) -> str:
        """Why the worker stopped answering, in a user's words."""
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"the worker reading it died (signal {-code}; out of memory?)"
        return f"the worker reading it stopped (exit code {code})"

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # a worker that is already gone
            self.conn.send(_END_OF_WORK)
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


_END_OF_WORK = "end-of-work"


def _serve(conn: Connection, work: Callable[[J], R]) -> None:
    """A worker's loop: one job in, one answer (or a Failure) out, until told to stop."""
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(job, str) and job == _END_OF_WORK:
            return
        answer: object
        try:
            answer = work(job)
        except CopydeskError as exc:
            answer = Failure(exc.source or "", stage_of(exc), exc.reason)
        except MemoryError:
            answer = Failure("", "worker", "out of memory while reading it")
        except Exception as exc:  # a bug must cost one document, and say what it was
            answer = Failure("", "worker", f"reading it failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(answer)
        except Exception as exc:  # an answer that cannot cross the pipe (unpicklable)
            conn.send(Failure("", "worker", f"its answer could not be sent back: {exc}"))
