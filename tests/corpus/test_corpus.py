"""The corpus through the CLI and the Python API: ingest, reruns, copies, queries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

import copydesk
from conftest import fixture, sample
from copydesk import api
from copydesk.cli import cli
from copydesk.corpus import Store
from copydesk.errors import CorpusError

STORY = sample("wire-story.txt").read_text(encoding="utf-8")


def jsonl(path: Path, rows: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return str(path)


def count(db: Path, sql: str = "SELECT COUNT(*) FROM documents") -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_ingest_is_idempotent_and_counts_everything(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    inputs = [str(sample("wire-story.txt")), str(fixture("ap-story.txt")), str(fixture("html"))]
    first = api.ingest(inputs, db=str(db), workers=1, understand=False)
    assert (first.read, first.stored, first.failed) == (5, 5, 0)
    again = api.ingest(inputs, db=str(db), workers=2, understand=False)
    assert (again.read, again.stored, again.duplicates) == (5, 0, 5)
    assert count(db) == 5


def test_a_changed_page_is_a_new_revision_of_its_url(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    url = "https://herald.example/floods"
    api.ingest(
        [jsonl(tmp_path / "a.jsonl", [{"url": url, "text": STORY}])],
        db=str(db),
        workers=1,
        understand=False,
    )
    changed = STORY.replace("12 shelters", "15 shelters")
    api.ingest(
        [jsonl(tmp_path / "b.jsonl", [{"url": url, "text": changed}])],
        db=str(db),
        workers=1,
        understand=False,
    )
    assert count(db, f"SELECT MAX(revision) FROM documents WHERE url = '{url}'") == 2


def test_wire_copies_join_one_story_with_their_edits(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    paragraphs = STORY.split("\n\n")
    copy = "\n\n".join(
        ["Floods drive 4,200 from homes", *paragraphs[3:8], "Follow us for more local news."]
    )
    other = fixture("ap-story.txt").read_text(encoding="utf-8")
    rows = [
        {"url": "https://wire.example/original", "text": STORY},
        {"url": "https://local.example/copy", "text": copy},
        {"url": "https://other.example/storm", "text": other},
    ]
    api.ingest([jsonl(tmp_path / "wire.jsonl", rows)], db=str(db), workers=1, understand=False)
    with sqlite3.connect(db) as conn:
        stories = dict(conn.execute("SELECT url, story_id FROM documents"))
        edits = conn.execute(
            "SELECT added_paragraphs, cut_paragraphs FROM documents WHERE url LIKE '%copy'"
        ).fetchone()
    assert stories["https://local.example/copy"] == stories["https://wire.example/original"]
    assert stories["https://other.example/storm"] != stories["https://wire.example/original"]
    assert edits[1] >= 1, "the copy cut the last paragraph"
    ran = api.story(stories["https://wire.example/original"], db=str(db))
    assert [(row.url, row.original) for row in ran] == [
        ("https://wire.example/original", True),
        ("https://local.example/copy", False),
    ]


def test_broken_documents_are_recorded_and_the_rest_stored(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    binary = tmp_path / "photo.html"
    binary.write_bytes(bytes(range(256)) * 20)
    bad_rows = jsonl(tmp_path / "rows.jsonl", [{"url": "https://x.example/1"}])
    summary = api.ingest(
        [str(binary), str(tmp_path / "missing.txt"), bad_rows, str(sample("wire-story.txt"))],
        db=str(db),
        workers=1,
        understand=False,
    )
    assert (summary.stored, summary.failed) == (1, 3)
    messages = {row.input: row.message for row in api.errors(db=str(db))}
    assert "looks like binary data" in messages[str(binary)]
    assert "no such file" in messages[str(tmp_path / "missing.txt")]
    assert "no 'html', 'text' or 'title'" in messages[f"{bad_rows}:1"]


def test_questions_through_the_cli_match_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    api.ingest([str(sample("wire-story.txt"))], db=db, workers=1)
    runner = CliRunner()
    result = runner.invoke(cli, ["quotes", "--db", db, "--speaker", "Lind", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows == msgspec.to_builtins(api.quotes(db=db, speaker="Lind"))
    assert rows and all("Lind" in row["speaker"] for row in rows)
    figures = api.figures(db=db, unit="person")
    assert [(f.value, f.claimant) for f in figures] == [(4200, "regional officials")]
    hits = api.search('"flood waters"', db=db)
    assert hits and "flood" in hits[0].snippet.lower()
    table = runner.invoke(cli, ["figures", "--db", db, "--unit", "person"])
    assert "regional officials" in table.stdout


def test_typed_text_is_searched_and_fts5_errors_are_the_users(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    api.ingest([str(sample("wire-story.txt"))], db=db, workers=1, understand=False)
    assert api.search("AND (", db=db) == [], "stray operators are no syntax"
    assert api.search("flood-waters", db=db), "a hyphenated word is the phrase"
    result = CliRunner().invoke(cli, ["search", "AND (", "--db", db])
    assert result.exit_code == 0 and "Traceback" not in result.output
    with pytest.raises(CorpusError, match="not valid FTS5 syntax"):
        api.search("AND (", db=db, syntax="fts5")
    fts = CliRunner().invoke(cli, ["search", "AND (", "--fts", "--db", db])
    assert fts.exit_code == 1 and fts.stderr.startswith("Error: ")


def test_a_newer_database_is_refused_not_misread(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(CorpusError, match="schema version 99, newer"):
        Store(db)


def test_export_jsonl_and_parquet_round_trip(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    api.ingest(
        [str(sample("wire-story.txt")), str(fixture("ap-story.txt"))],
        db=db,
        workers=1,
        understand=False,
    )
    out = tmp_path / "out.jsonl"
    assert api.export(str(out), db=db) == 2
    records = [copydesk.from_json(line) for line in out.read_bytes().splitlines()]
    assert {r.source for r in records} == {
        str(sample("wire-story.txt")),
        str(fixture("ap-story.txt")),
    }
    import pyarrow.parquet as pq

    parquet = tmp_path / "out.parquet"
    assert api.export(str(parquet), db=db, format="parquet") == 2
    table = pq.read_table(parquet)
    assert table.num_rows == 2 and "headline" in table.column_names


def test_stories_of_one_event_share_a_thread(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    second_day = (
        "Flood waters recede in northern river valley as residents return\n\n"
        "VELMAR, March 16 (Reuters) - Flood waters began to recede in the northern river "
        "valley on Saturday, and many of the 4,200 people forced from their homes in Velmar "
        "returned to clear mud from their houses, the regional emergency service said.\n\n"
        "Mayor Marta Lind said the levees had held overnight and that the shelters in schools "
        "and sports halls would close on Monday.\n\n"
        "Army engineers were still working on two bridges in the valley, officials said."
    )
    unrelated = fixture("bloomberg-story.txt").read_text(encoding="utf-8")
    rows = [
        {"url": "https://wire.example/floods-1", "text": STORY, "published": "2024-03-14"},
        {"url": "https://wire.example/floods-2", "text": second_day, "published": "2024-03-16"},
        {"url": "https://wire.example/chips", "text": unrelated, "published": "2024-03-15"},
    ]
    api.ingest([jsonl(tmp_path / "week.jsonl", rows)], db=db, workers=1)
    threads = api.threads(db=db)
    sizes = sorted(thread.stories for thread in threads)
    assert sizes == [1, 2], "the two flood stories are one thread, the chip story another"
    flood = next(t for t in threads if t.stories == 2)
    assert (flood.first_published, flood.last_published) == ("2024-03-14", "2024-03-16")


def test_an_older_database_is_migrated_in_place(tmp_path: Path) -> None:
    from copydesk.corpus.migrations import MIGRATIONS

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
    with Store(db) as store:
        assert store.query("PRAGMA user_version")[0][0] == len(MIGRATIONS)
        assert store.query("SELECT COUNT(*) FROM threads")[0][0] == 0
    with pytest.raises(CorpusError, match="needs migrating"):
        with sqlite3.connect(tmp_path / "older.db") as conn:
            conn.executescript(MIGRATIONS[0])
            conn.execute("PRAGMA user_version = 1")
        Store(tmp_path / "older.db", readonly=True)
