"""A scale task's work without Spark: parts, markers, reruns, budgets, and the loader."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scale_warcs import build

from copydesk import scale, tables
from copydesk.errors import CorpusError, ReadError
from copydesk.read.limits import Limits
from copydesk.scale import load
from copydesk.scale.manifest import open_warc, read_manifest, warc_key
from copydesk.scale.task import process_warc

LIMITS = Limits()


@pytest.fixture
def warc(tmp_path: Path) -> str:
    return str(build(tmp_path / "crawl.warc.gz"))


def _rows(out: Path, table: str) -> list[dict[str, object]]:
    parts = sorted((out / table).glob("*.parquet"))
    return [row for p in parts for row in pq.read_table(p).to_pylist(maps_as_pydicts="strict")]


def test_every_response_is_one_row_of_articles_or_errors(warc: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = process_warc(warc, str(out), understand=False, limits=LIMITS)
    assert result.done and not result.already and result.problem is None
    articles, errors = _rows(out, "articles"), _rows(out, "errors")
    assert len(articles) == 4 and result.rows["articles"] == 4
    assert [(e["stage"], e["message"]) for e in errors] == [
        ("skipped", "HTTP status 404, not a page")
    ]
    assert result.other_records == 1  # the request record
    assert len({a["content_hash"] for a in articles}) == 3  # one page met twice
    assert all(a["document_id"] == a["source"] and "@" in a["source"] for a in articles)
    assert (out / "_warcs" / f"{warc_key(warc)}.json").is_file()


def test_parts_have_the_fixed_schemas(warc: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process_warc(warc, str(out), understand=False, limits=LIMITS)
    for table in tables.TABLES:
        (part,) = (out / table).glob("*.parquet")
        found = pq.read_schema(part)
        assert found.equals(tables.schema(table))
        assert found.metadata == tables.schema(table).metadata
    assert not list(out.rglob("*.tmp"))


def test_a_done_warc_is_skipped_and_a_redone_one_replaces_its_rows(
    warc: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process_warc(warc, str(out), understand=False, limits=LIMITS)
    assert process_warc(warc, str(out), understand=False, limits=LIMITS).already
    # a task that died after its parts but before its marker is retried whole
    (out / "_warcs" / f"{warc_key(warc)}.json").unlink()
    again = process_warc(warc, str(out), understand=False, limits=LIMITS)
    assert again.done and not again.already
    assert len(_rows(out, "articles")) == 4


def test_a_page_past_its_time_budget_is_an_errors_row(warc: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process_warc(warc, str(out), understand=False, limits=Limits(timeout=0.000_001))
    errors = _rows(out, "errors")
    assert not _rows(out, "articles")
    assert sum(e["stage"] == "timeout" for e in errors) == 4
    assert all("--timeout" in e["message"] for e in errors if e["stage"] == "timeout")


def test_an_unreadable_warc_writes_nothing_and_says_why(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = str(tmp_path / "gone.warc.gz")
    result = process_warc(missing, str(out), understand=False, limits=LIMITS)
    assert not result.done and "cannot open the WARC" in (result.problem or "")
    assert not list(out.rglob("*.parquet")) and not list(out.rglob("*.json"))


def test_the_manifest_skips_blanks_and_repeats(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.txt"
    manifest.write_text("# crawl of Monday\n\na.warc.gz\n a.warc.gz \ns3://bucket/b.warc.gz\n")
    assert read_manifest(manifest) == [str(Path("a.warc.gz").resolve()), "s3://bucket/b.warc.gz"]
    with pytest.raises(ReadError, match="cannot read the manifest"):
        read_manifest(tmp_path / "none.txt")


def test_a_remote_warc_without_its_package_names_the_fix() -> None:
    try:
        import fsspec  # noqa: F401
    except ImportError:
        with pytest.raises(ReadError, match="pip install fsspec s3fs"):
            open_warc("s3://bucket/b.warc.gz")
    else:
        pytest.skip("fsspec is installed here, so the missing-package message cannot show")


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])


def test_load_stores_each_document_once_and_a_reload_adds_nothing(
    warc: str, tmp_path: Path
) -> None:
    out, db = tmp_path / "out", tmp_path / "news.db"
    process_warc(warc, str(out), understand=False, limits=LIMITS)
    first = load(out, db=db)
    assert (first.read, first.stored, first.duplicates, first.skipped) == (4, 3, 1, 1)
    assert not first.complete  # process_warc alone writes no _SUCCESS
    counts = {t: _count(db, t) for t in ("documents", "document_urls", "errors", "stories")}
    assert counts["documents"] == 3 and counts["errors"] == 0
    second = load(out, db=db)
    assert (second.stored, second.upgraded) == (0, 0)
    assert {t: _count(db, t) for t in counts} == counts


def test_load_of_an_empty_folder_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="copydesk scale run"):
        load(tmp_path, db=tmp_path / "news.db")


def test_an_empty_manifest_gives_every_table_with_its_schema(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.txt"
    manifest.write_text("# nothing this week\n")
    summary = scale.run(manifest, tmp_path / "out")  # no WARC to do: Spark is not started
    assert summary.complete and summary.warcs == 0 and (tmp_path / "out" / "_SUCCESS").is_file()
    for table in tables.TABLES:
        read = pq.read_table(tmp_path / "out" / table)
        assert read.num_rows == 0 and read.schema.equals(tables.schema(table))


def test_a_run_over_done_warcs_only_marks_success(warc: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process_warc(warc, str(out), understand=False, limits=LIMITS)
    manifest = tmp_path / "manifest.txt"
    manifest.write_text(f"{warc}\n")
    summary = scale.run(manifest, out)
    assert (summary.already, summary.done, summary.complete) == (1, 0, True)
    assert load(out, db=tmp_path / "news.db").complete


def test_a_file_with_no_warc_record_is_not_done_and_says_why(tmp_path: Path) -> None:
    out = tmp_path / "out"
    notes = tmp_path / "notes.warc.gz"
    notes.write_text("just some notes, not an archive\n", encoding="utf-8")
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    for path in (notes, empty):
        result = process_warc(str(path), str(out), understand=False, limits=LIMITS)
        assert not result.done, path
        assert "no WARC record could be read from it" in (result.problem or "")
    assert not list(out.rglob("*.parquet")) and not list(out.rglob("*.json"))
