"""One document, several places; records upgraded in place; limits on what is asked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from corpus_builders import article, build, new_index

from copydesk.corpus import Store, queries
from copydesk.corpus.migrations import MIGRATIONS
from copydesk.corpus.writes import record_place, store_article, upgrade_article
from copydesk.errors import CorpusError
from copydesk.record import to_json


def test_a_byte_identical_copy_keeps_its_url_on_the_one_document(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [])
    first = article(1, "floods", url="https://a.example/floods")
    again = article(1, "floods", url="https://b.example/copy")
    with Store(db) as store, store.transaction() as conn:
        index = new_index()
        written = store_article(conn, index, first, "same-content", minhash=None)
        copy = store_article(conn, index, again, "same-content", minhash=None)
        repeat = store_article(conn, index, again, "same-content", minhash=None)
        assert record_place(conn, "same-content", None, "folder/copy.html")
        assert not record_place(conn, "no-such-content", None, "x.html")
    assert written and written.stored and written.document_id == 1
    assert not copy and (copy.document_id, copy.new_place) == (1, True)
    assert not repeat and not repeat.new_place, "a place is kept once"
    with Store(db, readonly=True) as store:
        assert queries.urls(store, 1) == [
            ("https://a.example/floods", "doc-1.txt"),
            ("https://b.example/copy", "doc-1.txt"),
            (None, "folder/copy.html"),
        ]
        assert store.query("SELECT COUNT(*) FROM documents")[0][0] == 1


def test_a_record_stored_without_understanding_is_upgraded_in_place(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [article(1, "The mayor spoke of the levees.")])
    with Store(db, readonly=True) as store:
        assert queries.stored_keys(store) == {"key-doc-1.txt": False}
        story_before = store.query("SELECT story_id FROM documents WHERE id = 1")[0][0]
    understood = article(
        1,
        "The mayor spoke of the levees.",
        quotes=[("Marta Lind", "the levees held")],
        figures=[(4200.0, "person", "people")],
        understood=True,
    )
    with Store(db) as store, store.transaction() as conn:
        index = new_index()
        assert upgrade_article(conn, index, "key-doc-1.txt", understood, minhash=None)
        assert not upgrade_article(conn, index, "unknown", understood, minhash=None)
    with Store(db, readonly=True) as store:
        assert queries.stored_keys(store) == {"key-doc-1.txt": True}
        assert [q.speaker for q in queries.quotes(store, speaker="Lind")] == ["Marta Lind"]
        assert [q.text for q in queries.quotes(store, about="levees")] == ["the levees held"]
        assert [f.value for f in queries.figures(store, about="people")] == [4200.0]
        assert queries.show(store, 1).understood
        assert store.query("SELECT story_id FROM documents WHERE id = 1")[0][0] == story_before
        assert [hit.id for hit in queries.search(store, "levees")] == [1]
    # Upgrading again replaces, never doubles, the quotes and their full-text rows.
    with Store(db) as store, store.transaction() as conn:
        upgrade_article(conn, new_index(), "key-doc-1.txt", understood, minhash=None)
    with Store(db, readonly=True) as store:
        assert store.query("SELECT COUNT(*) FROM quotes")[0][0] == 1
        assert store.query("SELECT COUNT(*) FROM quotes_fts")[0][0] == 1
        assert store.query("SELECT COUNT(*) FROM documents_fts")[0][0] == 1


def test_migration_backfills_understood_from_old_records(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for script in MIGRATIONS[:6]:
        conn.executescript(script)
    records = {
        "plain": {"source": "a"},
        "with-quotes": {"source": "b", "quotes": [{"text": "x"}]},
        "with-times": {"source": "c", "times": [{"text": "x"}]},
        "says-false": {"source": "d", "understood": False, "actors": [{"id": "x"}]},
        "says-true": {"source": "e", "understood": True},
    }
    for key, record in [*records.items(), ("broken", None)]:
        conn.execute(
            "INSERT INTO documents (source, content_hash, record) VALUES ('s', ?, ?)",
            (key, json.dumps(record) if record else "{not json"),
        )
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert queries.stored_keys(store) == {
            "plain": False,
            "with-quotes": True,
            "with-times": True,
            "says-false": False,
            "says-true": True,
            "broken": False,
        }


def test_new_records_store_whether_they_were_understood(tmp_path: Path) -> None:
    db = build(tmp_path / "news.db", [article(1, understood=True), article(2)])
    with Store(db, readonly=True) as store:
        assert queries.stored_keys(store) == {"key-doc-1.txt": True, "key-doc-2.txt": False}
    assert to_json(article(1, understood=True))  # the builder makes valid records


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("limits") / "news.db"
    build(db, [article(n, "flood", quotes=[("Anna", "flood")]) for n in range(3)])
    return Store(db, readonly=True)


@pytest.mark.parametrize("limit", [-1, 10_001, 10**20, 10**18])
def test_limits_are_bounded_everywhere(store: Store, limit: int) -> None:
    for ask in (
        lambda: queries.search(store, "flood", limit=limit),
        lambda: queries.quotes(store, limit=limit),
        lambda: queries.figures(store, limit=limit),
        lambda: queries.threads(store, limit=limit),
        lambda: queries.errors(store, limit=limit),
    ):
        with pytest.raises(CorpusError, match=r"the limit .* is out of range: .* 0 to 10,000"):
            ask()


def test_limit_zero_is_every_row_and_offsets_are_checked(store: Store) -> None:
    every = queries.search(store, "flood", limit=10_000)
    assert len(every) == 3
    assert [h.id for h in queries.search(store, "flood", limit=0)] == [h.id for h in every]
    assert len(queries.quotes(store, limit=0)) == len(queries.quotes(store, limit=10_000))
    assert len(queries.figures(store, limit=0)) == len(queries.figures(store, limit=10_000))
    assert len(queries.errors(store, limit=0)) == len(queries.errors(store, limit=10_000))
    with pytest.raises(CorpusError, match="the offset -1 is out of range"):
        queries.search(store, "flood", offset=-1)
    with pytest.raises(CorpusError, match="offset"):
        queries.search(store, "flood", offset=10**20)


@pytest.mark.parametrize("since", ["garbage", "2019-13-01", "2019-02-30", "19-01-01"])
def test_since_must_be_a_real_date(store: Store, since: str) -> None:
    for ask in (
        lambda: queries.quotes(store, since=since),
        lambda: queries.figures(store, since=since),
        lambda: queries.threads(store, since=since),
    ):
        with pytest.raises(CorpusError, match="not a real ISO date"):
            ask()
    assert queries.quotes(store, since="2019-01-01T10:00:00Z") == []


@pytest.mark.parametrize("number", [-1, 0, 10**20])
def test_ids_out_of_range_are_no_such_thing(store: Store, number: int) -> None:
    with pytest.raises(CorpusError, match=f"no document with id {number}"):
        queries.show(store, number)
    with pytest.raises(CorpusError, match=f"no story with id {number}"):
        queries.story(store, number)


def test_quotes_stored_before_their_confidence_column_get_it_from_their_records(
    tmp_path: Path,
) -> None:
    from conftest import sample
    from copydesk import api

    db = str(tmp_path / "news.db")
    api.ingest([str(sample("wire-story.txt"))], db=db, workers=1)
    scored = [q.confidence for q in api.quotes(db=db, limit=0)]
    assert scored and all(c is not None for c in scored)
    with sqlite3.connect(db) as conn:  # the store as migration 11 left it
        conn.execute("ALTER TABLE quotes DROP COLUMN confidence")
        conn.execute("PRAGMA user_version = 11")
    with Store(db):  # opened for writing: migrated
        pass
    assert [q.confidence for q in api.quotes(db=db, limit=0)] == scored
    top = max(c for c in scored if c is not None)
    kept = api.quotes(db=db, min_confidence=top, limit=0)
    assert len(set(scored)) > 1, "the sample's quotes score alike: the filter goes untested"
    assert kept and len(kept) < len(scored)
    assert all(q.confidence is not None and q.confidence >= top for q in kept)
