"""Export: written whole or not at all, never onto the database, errors naming the path."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from corpus_builders import article, build, small_disk

from copydesk.corpus import Store
from copydesk.corpus.export import export
from copydesk.errors import CorpusError
from copydesk.record import from_json


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return build(tmp_path / "news.db", [article(n) for n in range(3)])


def test_jsonl_and_parquet_are_written_in_place(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with Store(db, readonly=True) as store:
        assert export(store, str(out), format="jsonl") == 3
        assert export(store, str(tmp_path / "out.parquet"), format="parquet") == 3
    assert [from_json(line).source for line in out.read_bytes().splitlines()] == [
        "doc-0.txt",
        "doc-1.txt",
        "doc-2.txt",
    ]
    assert {p.name for p in tmp_path.iterdir()} >= {"out.jsonl", "out.parquet"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")], "no temporary left"
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    "spelling", ["{db}", "{db}-wal", "{db}-shm", "{folder}/../{folder_name}/news.db"]
)
def test_never_onto_the_database(db: Path, spelling: str) -> None:
    target = spelling.format(db=db, folder=db.parent, folder_name=db.parent.name)
    before = db.read_bytes()
    with Store(db, readonly=True) as store, pytest.raises(CorpusError, match="the database"):
        export(store, target, format="jsonl")
    assert db.read_bytes() == before


def test_never_onto_a_hard_link_of_the_database(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "other-name.db"
    os.link(db, link)
    with Store(db, readonly=True) as store, pytest.raises(CorpusError, match="the database"):
        export(store, str(link), format="parquet")


def test_a_failure_leaves_the_old_file_whole(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("the old export\n")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET record = CAST(X'FF' AS TEXT) WHERE id = 3")
    with Store(db, readonly=True) as store, pytest.raises(CorpusError, match="not UTF-8"):
        export(store, str(out), format="jsonl")
    assert out.read_text() == "the old export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_bad_places_are_named(db: Path, tmp_path: Path) -> None:
    with Store(db, readonly=True) as store:
        with pytest.raises(CorpusError, match="is a folder") as caught:
            export(store, str(tmp_path), format="jsonl")
        assert str(tmp_path) in str(caught.value)
        with pytest.raises(CorpusError, match="does not exist"):
            export(store, str(tmp_path / "missing" / "out.jsonl"), format="jsonl")
        with pytest.raises(CorpusError, match="unknown export format 'xml'"):
            export(store, str(tmp_path / "out.xml"), format="xml")
        with pytest.raises(CorpusError, match="standard output"):
            export(store, "-", format="parquet")
        assert export(store, os.devnull, format="jsonl") == 3
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


def test_a_full_disk_leaves_the_old_file_whole(db: Path, tmp_path: Path) -> None:
    big = build(tmp_path / "big.db", [article(n, "flood " * 2000) for n in range(100)])
    with small_disk(tmp_path / "disk", "512k") as folder:
        out = folder / "out.jsonl"
        out.write_text("the old export\n")
        with Store(big, readonly=True) as store, pytest.raises(CorpusError) as caught:
            export(store, str(out), format="jsonl")
        assert "the disk is full" in str(caught.value) and str(out) in str(caught.value)
        assert out.read_text() == "the old export\n"
        assert [p.name for p in folder.iterdir()] == ["out.jsonl"]
