"""``POST /api/extract`` under the per-document time budget, outside the server process.

A hostile body can hang the parser in C code, where nothing in the server's own process
could stop it, and it would take a thread (and memory) of the server with it. So the
body goes to a *service* process, which hands it to a worker under ``runner``'s budget
(the worker is killed past ``timeout`` seconds, as in ``extract`` and ``ingest``) and
answers the record, the error, or the timeout.

The service is a fresh interpreter (``python -m copydesk.serve.extract_service``), not a
fork: uvicorn's process runs threads (the thread pool of sync routes), and a child
forked from a threaded process may inherit a lock another thread held, and hang; nor a
``multiprocessing`` spawn, which re-imports the caller's main module (a script that
calls ``uvicorn.run`` at its top would start a second server). The service is
single-threaded, so it forks its workers as ``runner`` does. It talks over a socket
pair and ends when the server's end closes. Services start on the first request and
stop with the app; there are ``slots`` of them, one document each at a time, and a
request that finds none free within the budget is answered 503.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection

import msgspec

from copydesk.errors import CopydeskError, ExtractError

# The module the service runs as its main (apart, so that it is not imported twice).
SERVICE = "copydesk.serve.extract_service"
# Past the budget, how long the server waits for the service to report the timeout
# (it kills the worker first) before it gives up on the service itself.
GRACE_SECONDS = 10.0


class ExtractTimeout(ExtractError):
    """A body whose extraction ran past the server's per-document budget."""


class ServerBusy(CopydeskError):
    """Every extraction slot stayed busy for as long as one document may take."""


class Job(msgspec.Struct, frozen=True):
    """One body to read, as ``copydesk.api.extract`` takes it (picklable)."""

    source: str
    text: str | None = None
    data: bytes | None = None
    url: str | None = None
    published: str | None = None
    understand: bool = True
    max_bytes: int = 4 * 1024 * 1024


class Extractor:
    """Reads bodies in service processes, each document within ``timeout`` seconds."""

    def __init__(self, *, timeout: float, slots: int = 1) -> None:
        self.timeout = timeout
        self.slots = max(1, slots)
        self._free: queue.Queue[_Service] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Service] = []
        self._closed = False

    def extract(self, job: Job) -> bytes:
        """The record of ``job`` as JSON bytes (``to_json``).

        Raises the ``CopydeskError`` reading it raised, ``ExtractTimeout`` past the
        budget, or ``ServerBusy`` when no slot came free in time.
        """
        service = self._acquire(job.source)
        try:
            answer = service.ask(job, self.timeout + GRACE_SECONDS)
        except _ServiceLost:
            self._replace(service)
            raise ExtractTimeout(self._late_message(), source=job.source) from None
        self._free.put(service)
        return _result(answer, job.source, self._late_message())

    def close(self) -> None:
        """Stop every service (and with it its worker)."""
        with self._lock:
            self._closed = True
            services, self._all = self._all, []
        for service in services:
            service.stop()

    def _late_message(self) -> str:
        return (
            f"timeout: not done after {self.timeout:g} s, stopped "
            "(the server's budget per document: copydesk serve --timeout)"
        )

    def _acquire(self, source: str) -> _Service:
        with self._lock:
            if self._closed:
                raise ServerBusy("the server is shutting down", source=source)
            if self._free.empty() and len(self._all) < self.slots:
                service = _Service(self.timeout)
                self._all.append(service)
                return service
        try:
            return self._free.get(timeout=self.timeout + GRACE_SECONDS)
        except queue.Empty:
            raise ServerBusy(
                f"every extraction slot ({self.slots}) stayed busy for "
                f"{self.timeout + GRACE_SECONDS:g} s; try again later",
                source=source,
            ) from None

    def _replace(self, service: _Service) -> None:
        """A service that stopped answering is killed, and a fresh one takes its slot."""
        service.kill()
        with self._lock:
            if service in self._all:
                self._all.remove(service)
            if self._closed:
                return
            fresh = _Service(self.timeout)
            self._all.append(fresh)
        self._free.put(fresh)


def _result(answer: object, source: str, late: str) -> bytes:
    """The service's answer as record bytes, or the error it stands for."""
    if isinstance(answer, bytes):
        return answer
    if isinstance(answer, CopydeskError):
        raise answer
    stage, message = answer if isinstance(answer, tuple) else ("worker", str(answer))
    if stage == "timeout":
        raise ExtractTimeout(late, source=source)
    raise ExtractError(str(message), source=source)


class _ServiceLost(Exception):
    """The service died or went silent past the budget and its grace."""


class _Service:
    """One service process and the socket to it."""

    def __init__(self, timeout: float) -> None:
        ours, theirs = socket.socketpair()
        with ours, theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", SERVICE, str(theirs.fileno()), repr(timeout)],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
            self.conn = Connection(ours.detach())

    def ask(self, job: Job, wait: float) -> object:
        try:
            self.conn.send(job)
            if not self.conn.poll(wait):
                raise _ServiceLost
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _ServiceLost from exc

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        with contextlib.suppress(OSError):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()  # the service sees the end of its jobs and returns
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.kill()
