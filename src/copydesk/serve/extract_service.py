"""The extraction service ``serve.extractor`` starts: ``python -m`` this module.

It reads jobs from the socket it is handed, runs each in a worker under ``runner``'s
budget, and answers each in turn: the record's JSON, the ``CopydeskError`` reading it
raised, or the ``(stage, message)`` of a timeout or a dead worker. It ends when the
server closes its end (its workers go with it).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from copydesk.errors import CopydeskError
from copydesk.read import Limits
from copydesk.runner import Failure, run_budgeted
from copydesk.serve.extractor import Job


def serve_jobs(conn: Connection, timeout: float) -> None:
    """The service's loop: each job to a budgeted worker, each answer back, in turn.

    One document at a time, so ``run_budgeted`` asks for the next job only once the
    last one is answered (its reading of ``jobs`` blocks on the pipe meanwhile)."""
    for done in run_budgeted(_jobs(conn), _read, source_of=_source, timeout=timeout):
        if done is None:
            continue
        result = done.result
        answer: Any = (result.stage, result.message) if isinstance(result, Failure) else result
        try:
            conn.send(answer)
        except OSError:  # the server went away
            return


def _jobs(conn: Connection) -> Iterator[Job]:
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if isinstance(job, Job):
            yield job
        else:  # answered at once, so the server is not left waiting on it
            conn.send(("worker", f"not a job: {type(job).__name__}"))


def _source(job: Job) -> str:
    return job.source


def _read(job: Job) -> bytes | CopydeskError:
    """In the worker: the record's JSON, or the error (kept whole: it pickles)."""
    from copydesk import api
    from copydesk.record import to_json

    limits = Limits(max_bytes=job.max_bytes)
    content: dict[str, Any] = {"text": job.text} if job.text is not None else {"data": job.data}
    try:
        record = api.extract(
            url=job.url,
            published=job.published,
            understand=job.understand,
            limits=limits,
            source=job.source,
            **content,
        )
    except CopydeskError as exc:
        return exc
    return to_json(record)


def main(argv: list[str]) -> None:
    """``python -m copydesk.serve.extract_service FD TIMEOUT``: serve jobs on socket ``FD``."""
    serve_jobs(Connection(int(argv[0])), float(argv[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
