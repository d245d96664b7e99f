"""Story threads from headline items, through ``ingest`` and ``threads --json``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from copydesk import api
from copydesk.cli import cli
from copydesk.corpus.threads import TermStats, words_of
from copydesk.record import Article

ITEMS = [
    ("https://a.example/1", "Flood waters rise in Velmar as the river bursts its banks", "09:00"),
    ("https://b.example/1", "Nordtek names Ana Ruiz chief executive of the chipmaker", "09:10"),
    ("https://c.example/1", "Velmar flood: 4,200 people leave their homes", "10:00"),
    ("https://a.example/2", "Velmar river flood waters begin to recede", "15:00"),
    ("https://d.example/1", "Nordtek shares jump after Ana Ruiz is named chief", "16:00"),
    ("https://e.example/1", "Hochwasser in Velmar: Fluss tritt über die Ufer", "17:00"),
]


def items(path: Path, rows: list[tuple[str, str, str]]) -> str:
    lines = [
        json.dumps({"url": url, "title": title, "published": f"2024-03-14T{at}:00Z"})
        for url, title, at in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def threads_json(db: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["threads", "--db", db, "--json", "--limit", "0"])
    assert result.exit_code == 0, result.output
    listed: list[dict[str, object]] = json.loads(result.output)
    return listed


def grouped(listed: list[dict[str, object]]) -> set[frozenset[str]]:
    return {
        frozenset(str(doc["url"]) for doc in thread["documents"])  # type: ignore[attr-defined]
        for thread in listed
    }


def test_headline_items_thread_by_story_and_list_their_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    api.ingest([items(tmp_path / "items.jsonl", ITEMS)], db=db, workers=1)
    listed = threads_json(db)
    groups = grouped(listed)
    flood = {"https://a.example/1", "https://c.example/1", "https://a.example/2"}
    assert frozenset(flood) in groups or any(flood < group for group in groups)
    assert frozenset({"https://b.example/1", "https://d.example/1"}) in groups
    chip = next(t for t in listed if "https://b.example/1" in grouped([t]).pop())
    documents = chip["documents"]
    assert isinstance(documents, list)
    assert [doc["published"] for doc in documents] == sorted(doc["published"] for doc in documents)
    assert set(documents[0]) >= {"id", "url", "headline", "published"}


def test_a_rerun_changes_no_thread(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    path = items(tmp_path / "items.jsonl", ITEMS)
    api.ingest([path], db=db, workers=1)
    before = threads_json(db)
    with sqlite3.connect(db) as conn:
        terms = conn.execute("SELECT * FROM thread_terms ORDER BY term").fetchall()
    again = api.ingest([path], db=db, workers=2)
    assert again.stored == 0 and again.duplicates == len(ITEMS)
    assert threads_json(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT * FROM thread_terms ORDER BY term").fetchall() == terms


def test_two_threads_that_grow_together_become_one(tmp_path: Path) -> None:
    """Two items with no word in common start two threads; a third that shares words
    with both pulls them into one thread, and the emptied thread is gone."""
    db = str(tmp_path / "news.db")
    rows = [
        ("https://a.example/1", "Velmar levees hold overnight", "09:00"),
        ("https://b.example/1", "Army engineers repair bridges", "09:05"),
        ("https://c.example/1", "Velmar levees hold as army engineers repair bridges", "09:10"),
        ("https://d.example/1", "Velmar levees: army engineers repair bridges overnight", "09:20"),
    ]
    api.ingest([items(tmp_path / "items.jsonl", rows)], db=db, workers=1)
    listed = threads_json(db)
    assert grouped(listed) == {frozenset(url for url, _title, _at in rows)}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM threads").fetchone() == (1,)


def test_words_are_unicode_stems_without_the_language_s_stop_words() -> None:
    headline = "Hochwasser: Die Flüsse treten über die Ufer"
    german = Article(source="t", headline=headline, language="de")
    words = set(words_of(german))
    assert {"hochwa", "flüsse", "treten", "ufer"} <= words
    assert not words & {"die", "über"}
    japanese = Article(source="t", headline="東京で地震", language="ja")
    assert {"東京", "地震"} <= set(words_of(japanese))  # CJK as character pairs


def test_a_word_every_story_has_weighs_less_than_a_rare_one() -> None:
    stats = TermStats()
    for words in ({"flood", "says"}, {"chips", "says"}, {"rates", "says"}):
        stats.count(words)
    assert stats.idf("says") < stats.idf("flood") < stats.idf("never-seen")


def test_since_keeps_dated_threads_and_limit_zero_means_every_row(tmp_path: Path) -> None:
    dump = tmp_path / "items.jsonl"
    rows = [
        {"url": "https://a.example/1", "title": "Velmar flood waters rise", "published": d}
        for d in ("2024-03-14T23:30:00-05:00",)
    ]
    rows += [
        {"url": "https://b.example/1", "title": "Nordtek names a new chief executive"},
        {
            "url": "https://c.example/1",
            "title": "Comet survey finds 300 objects",
            "published": "2024-03-15T02:00:00Z",
        },
    ]
    dump.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "news.db")
    api.ingest([str(dump)], db=db, workers=1)
    run = CliRunner().invoke
    listed = threads_json(db)
    assert len(listed) == 3
    # by instant: 23:30 at -05:00 is 04:30 UTC on the 15th, after the comet; undated last
    assert [t["title"] for t in listed][-1] == "Nordtek names a new chief executive"
    late = run(cli, ["threads", "--db", db, "--json", "--since", "9999-12-31"])
    assert late.exit_code == 0 and json.loads(late.output) == [], "undated threads are not 'since'"
    since = run(cli, ["threads", "--db", db, "--json", "--since", "2024-03-15"])
    assert [t["title"] for t in json.loads(since.output)] == ["Comet survey finds 300 objects"]
    for command in (["search", "flood OR chief OR comet"], ["errors"]):
        every = run(cli, [*command, "--db", db, "--json", "--limit", "0"])
        many = run(cli, [*command, "--db", db, "--json", "--limit", "10000"])
        assert every.exit_code == 0 and json.loads(every.output) == json.loads(many.output)
    assert (
        len(
            json.loads(
                run(
                    cli, ["search", "flood OR chief OR comet", "--db", db, "--json", "--limit", "0"]
                ).output
            )
        )
        == 3
    )
