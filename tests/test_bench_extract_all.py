"""bench/extract_all.py: each set's truth is read as its README says, scored as it says,
and a whole run prints one row per system per set per half, on a set built here."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from conftest import fixture

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
import _failures
import _scores
import _sets
import extract_all
from _readers import Reading
from _sets import Page

NEWS = fixture("html/news-article.html")
NEWS_URL = "https://herald.example/news/2024/03/12/cycle-lanes"
STORY = (
    "The city council voted on Monday evening to build six kilometres of protected cycle "
    "lanes through the centre, after a debate that lasted more than four hours.\n"
    "Supporters said the lanes would make the streets safer for children cycling to school, "
    "while several shop owners warned that losing parking spaces would cost them customers.\n"
    "12 comments Great news for everyone who cycles to work every day in this city, finally "
    "some progress."
)


def test_the_utc_day_of_a_zoned_moment_and_the_stated_day_otherwise() -> None:
    assert _scores.day("2016-09-19T23:30:00-04:00", utc=True) == "2016-09-20"
    assert _scores.day("2016-09-19T23:30:00-04:00", utc=False) == "2016-09-19"
    assert _scores.day("2016-12-12", utc=True) == "2016-12-12"
    assert _scores.day(None, utc=True) == ""


def test_lead_strict_at_the_start_loose_within_500_characters() -> None:
    body = "Kicker line\n\nThe first words of the story go on here."
    assert _scores.lead_hits(body, "Kicker line The first") == (True, True)
    assert _scores.lead_hits(body, "The first words") == (False, True)
    assert _scores.lead_hits("x" * 600 + body, "The first words") == (False, False)


def test_names_in_any_script_and_checked_none_is_right_when_none_found() -> None:
    assert _sets.norm_name("José  García-Ruiz") == "jose garcia ruiz"
    assert _sets.norm_name("汐街コナ") == "汐街コナ"
    assert _sets.names("Ann Lee and Bo Chan") == frozenset({"ann lee", "bo chan"})
    assert _scores.author_f1([], frozenset()) == 1.0
    assert _scores.author_f1(["Ann Lee"], frozenset({"ann lee", "bo chan"})) == pytest.approx(2 / 3)


def test_score_leaves_out_what_the_system_does_not_give() -> None:
    page = Page("s", "k", "", "", body="one two three four five", title="T", date="2020-01-02")
    reading = Reading("one two three four five", title="T", date="2020-01-02")
    got = _scores.score([page], [reading], frozenset({"body", "date"}))
    assert got["f1"] == 1.0 and got["date"] == 1.0 and got["empty"] == 0.0
    assert "title" not in got and "authors" not in got and "lead" not in got


def test_a_missed_block_is_shown_with_the_reason_copydesk_gave() -> None:
    page = Page("aeb", "k", NEWS.read_text(encoding="utf-8"), NEWS_URL, body=STORY)
    body = "\n\n".join(STORY.split("\n")[:2]) + "\n\nA paragraph the truth does not hold at all."
    lines = list(_failures.worst([page], [Reading(body)], 1))
    assert lines[0].startswith("- `k` F1 ")
    assert any("missed" in line and "[comments]" in line for line in lines)
    assert any("leaked" in line and "does not hold" in line for line in lines)


def _bench_folder(root: Path) -> None:
    """An aeb-shaped set of two copies of the fixture page, one in each half."""
    html = root / "aeb" / "html"
    html.mkdir(parents=True)
    truth = {}
    for key in ("a", "b"):  # sha1 puts "a" in one half and "b" in the other
        (html / f"{key}.html.gz").write_bytes(gzip.compress(NEWS.read_bytes()))
        truth[key] = {"articleBody": STORY, "url": NEWS_URL}
    (root / "aeb" / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")


def test_a_run_prints_a_row_per_half_and_names_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert {extract_all.half("a"), extract_all.half("b")} == {"tune", "check"}
    _bench_folder(tmp_path)
    monkeypatch.setattr(_sets, "SHARED", tmp_path)
    monkeypatch.setattr(extract_all, "_PAGES", [])
    argv = ["extract_all.py", "--only", "copydesk,nosuch", "--set", "aeb", "--set", "naeb"]
    monkeypatch.setattr(sys, "argv", [*argv, "--failures", "1", "--failures-half", "check"])
    extract_all.main()
    out = capsys.readouterr().out
    assert "skipped: set 'naeb' not found" in out
    assert "skipped: no system 'nosuch'" in out
    rows = [line for line in out.splitlines() if line.startswith("| aeb |")]
    assert [row.split(" | ")[1] for row in rows] == ["tune", "check"]
    assert "| **macro** | check | copydesk | 1 sets |" in out
    assert "worst pages, check half: aeb" in out and "[comments]" in out


def test_failures_rank_by_the_gap_to_trafilatura_when_asked() -> None:
    html = NEWS.read_text(encoding="utf-8")
    pages = [Page("aeb", key, html, NEWS_URL, body=STORY) for key in ("both", "ours")]
    half_story = STORY.split("\n")[0]
    ours, theirs = [Reading(""), Reading(half_story)], [Reading(""), Reading(STORY)]
    by_own = [line for line in _failures.worst(pages, ours, 2, theirs) if line.startswith("- ")]
    by_gap = [
        line
        for line in _failures.worst(pages, ours, 2, theirs, by_gap=True)
        if line.startswith("- ")
    ]
    assert by_own[0].startswith("- `both` F1 0.000, trafilatura 0.000")
    assert by_gap[0].startswith("- `ours` F1 ") and "trafilatura 1.000" in by_gap[0]
