"""The per-document budget: a document past its time is stopped, the batch goes on."""

from __future__ import annotations

import os
import signal
import time

import pytest

from copydesk.errors import ExtractError
from copydesk.runner import Done, Failure, max_workers, run_budgeted


def _work(job: str) -> str:
    if job == "hang":
        time.sleep(120)
    if job == "slow":
        time.sleep(0.6)
    if job == "die":
        os.kill(os.getpid(), signal.SIGKILL)
    if job == "bad":
        raise ExtractError("cannot read it", source="bad.html")
    if job == "unnamed":
        raise ExtractError("cannot read it")
    return job.upper()


def _answers(jobs: list[str], **options: object) -> list[Done[str, str]]:
    return [
        done
        for done in run_budgeted(jobs, _work, source_of=lambda job: f"{job}.txt", **options)  # type: ignore[arg-type]
        if done is not None
    ]


def test_answers_come_in_input_order_when_asked() -> None:
    jobs = ["a", "slow", "b", "c", "d"]
    answers = _answers(jobs, timeout=30, workers=2, ordered=True)
    assert [done.job for done in answers] == jobs
    assert [done.result for done in answers] == ["A", "SLOW", "B", "C", "D"]


def test_a_hanging_document_is_stopped_and_the_rest_are_answered() -> None:
    answers = _answers(["a", "hang", "b"], timeout=0.5, workers=1, ordered=True)
    assert [done.result for done in answers if not isinstance(done.result, Failure)] == ["A", "B"]
    failure = answers[1].result
    assert isinstance(failure, Failure)
    assert failure.stage == "timeout" and failure.source == "hang.txt"
    assert "--timeout" in failure.message


def test_a_dead_worker_costs_its_document_only() -> None:
    answers = _answers(["a", "die", "b"], timeout=30, workers=1, ordered=True)
    failure = answers[1].result
    assert isinstance(failure, Failure) and failure.stage == "worker"
    assert "signal 9" in failure.message
    assert [answers[0].result, answers[2].result] == ["A", "B"]


def test_errors_raised_by_the_work_name_their_document() -> None:
    answers = _answers(["bad", "unnamed"], timeout=30)
    assert answers[0].result == Failure("bad.html", "extract", "cannot read it")
    assert answers[1].result == Failure("unnamed.txt", "extract", "cannot read it")


def test_unordered_answers_are_not_held_behind_a_slow_one() -> None:
    answers = _answers(["slow", "a", "b", "c"], timeout=30, workers=2)
    assert [done.job for done in answers][-1] == "slow"
    assert sorted(done.job for done in answers) == ["a", "b", "c", "slow"]


def test_ticks_come_while_a_document_is_in_flight() -> None:
    items = list(run_budgeted(["slow"], _work, source_of=str, timeout=30, tick=0.1))
    assert items[-1] is not None and items[-1].result == "SLOW"
    assert None in items[:-1]


def test_nothing_in_nothing_out() -> None:
    assert _answers([], timeout=1) == []


@pytest.mark.parametrize("requested", [None, 1, 2, 1000])
def test_workers_never_outnumber_the_cores(requested: int | None) -> None:
    cores = len(os.sched_getaffinity(0))
    assert 1 <= max_workers(requested) <= cores
    if requested:
        assert max_workers(requested) == min(requested, cores)
