"""The store under faults: each is one CorpusError in a user's words, and nothing lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from corpus_builders import article, build, make_read_only, new_index, small_disk

from copydesk.corpus import Store, queries
from copydesk.corpus.writes import store_article
from copydesk.errors import CorpusError


@contextmanager
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder to fill, then made read-only by ``make_read_only``."""
    if os.geteuid() == 0:
        with small_disk(tmp_path / "ro", "4m") as folder:
            yield folder
        return
    folder = tmp_path / "ro"
    folder.mkdir()
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        for path in folder.iterdir():
            path.chmod(0o644)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all " * 300)
    for readonly in (True, False):
        with pytest.raises(CorpusError, match="not an SQLite database") as caught:
            Store(junk, readonly=readonly)
        assert str(junk) in str(caught.value)


def test_a_damaged_database(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [article(n, f"flood word{n} " * 60) for n in range(200)])
    data = bytearray(db.read_bytes())
    for page in range(3 * 4096, len(data), 4096):
        data[page + 8 : page + 400] = b"\xff" * 392
    db.write_bytes(bytes(data))
    with pytest.raises(CorpusError, match="damaged") as caught, Store(db, readonly=True) as store:
        queries.search(store, "flood", limit=500)
        list(queries.records(store))
    assert "restore it from a copy" in str(caught.value)


def test_a_record_that_is_not_utf8(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [article(1)])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET record = CAST(X'FFFE7B22' AS TEXT)")
    with Store(db, readonly=True) as store:
        with pytest.raises(CorpusError, match="not UTF-8 in column 'record'"):
            queries.show(store, 1)
        with pytest.raises(CorpusError, match="not UTF-8"):
            list(queries.records(store))
    with sqlite3.connect(db) as conn:
        conn.execute("""UPDATE documents SET record = '{"body": 3}'""")
    with Store(db, readonly=True) as store, pytest.raises(CorpusError, match="document 1 is"):
        queries.show(store, 1)


@pytest.mark.parametrize("name", ["news#1.db", "a?b.db", "100%.db", "sp ace.db"])
def test_a_database_path_is_a_path_not_a_uri(tmp_path: Path, name: str) -> None:
    db = build(tmp_path / name, [article(1, "floods in the valley")])
    with Store(db, readonly=True) as store:
        assert [hit.id for hit in queries.search(store, "floods")] == [1]
    made = {path.name for path in tmp_path.iterdir()}
    assert made <= {name, f"{name}-wal", f"{name}-shm"}, "no stray file such as 'news'"


def test_missing_places_are_named(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such database"):
        Store(tmp_path / "typo.db", readonly=True)
    assert not (tmp_path / "typo.db").exists(), "a question never creates a database"
    with pytest.raises(CorpusError, match="does not exist"):
        Store(tmp_path / "nowhere" / "news.db")
    with pytest.raises(CorpusError, match="a folder, not a database"):
        Store(tmp_path)


def test_a_read_only_database_is_searchable_but_not_writable(tmp_path: Path) -> None:
    with read_only_folder(tmp_path) as folder:
        db = build(folder / "news.db", [article(1, "floods in the valley")])
        make_read_only(folder)
        with Store(db, readonly=True) as store:
            assert [hit.id for hit in queries.search(store, "floods")] == [1]
        with pytest.raises(CorpusError, match="the database is read-only"):
            Store(db)


def test_a_read_only_database_with_an_old_schema_says_so(tmp_path: Path) -> None:
    with read_only_folder(tmp_path) as folder:
        db = build(folder / "news.db", [article(1)])
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 6")
        conn.close()
        make_read_only(folder)
        with pytest.raises(CorpusError, match="needs migrating"):
            Store(db, readonly=True)


def fill(store: Store, start: int, count: int, text: str) -> None:
    with store.transaction() as conn:
        index = new_index()
        for n in range(start, start + count):
            store_article(conn, index, article(n, text), f"key-{n}", minhash=None)


def stored(db: Path) -> int:
    with Store(db, readonly=True) as store:
        return int(store.query("SELECT COUNT(*) FROM documents")[0][0])


def test_a_full_database_keeps_every_batch_before(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [article(0)])
    with Store(db) as store:
        pages = store.query("PRAGMA page_count")[0][0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 40}")
        with pytest.raises(CorpusError, match="full while writing; nothing written in this batch"):
            for batch in range(1000):
                fill(store, 1 + batch * 10, 10, "flood " * 400)
    assert stored(db) == 1 + batch * 10, "every batch before the failing one is whole"


def test_a_full_disk_keeps_every_batch_before(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "1m") as folder:
        db = build(folder / "news.db", [article(0)])
        with Store(db) as store, pytest.raises(CorpusError, match="the disk is full"):
            for batch in range(1000):
                fill(store, 1 + batch * 10, 10, "flood " * 400)
        assert stored(db) == 1 + batch * 10
        with Store(db, readonly=True) as store:
            assert store.query("PRAGMA integrity_check")[0][0] == "ok"


WRITER = """
import sys, time
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from corpus_builders import article, new_index
from copydesk.corpus import Store
from copydesk.corpus.writes import store_article
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
with Store(sys.argv[1]) as store:
    for batch in range(20):
        with store.transaction() as conn:
            index = new_index()
            for n in range(5):
                key = f"{sys.argv[4]}-{batch}-{n}"
                store_article(conn, index, article(n, key), key, minhash=None)
"""


def test_two_writers_on_a_new_database_take_turns(tmp_path: Path) -> None:
    db, go = tmp_path / "new.db", tmp_path / "go"
    here = str(Path(__file__).parent)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(go), here, name],
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("first", "second", "third")
    ]
    go.touch()
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0], errors
    assert stored(db) == 3 * 20 * 5
