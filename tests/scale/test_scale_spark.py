"""A small local[1] Spark job over one WARC of the project's own pages, then its load.

PySpark is the optional ``[spark]`` extra. Off CI, a machine without it skips this
module; on CI (``CI`` set) a missing PySpark is a failure, since CI installs the extra.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scale_warcs import build

from copydesk import scale, tables

if not os.environ.get("CI"):
    pytest.importorskip("pyspark", reason="PySpark (the [spark] extra) is not installed")


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, scale.ScaleSummary]:
    folder = tmp_path_factory.mktemp("scale")
    warc = build(folder / "crawl.warc.gz")
    manifest = folder / "manifest.txt"
    manifest.write_text(f"{warc}\n")
    out = folder / "out"
    return out, scale.run(manifest, out, master="local[1]")


def test_every_response_is_a_row_and_the_run_is_marked_done(
    job: tuple[Path, scale.ScaleSummary],
) -> None:
    out, summary = job
    assert summary.complete and (out / "_SUCCESS").is_file()
    assert (summary.warcs, summary.done, summary.unread) == (1, 1, [])
    assert summary.rows["articles"] + summary.rows["errors"] == 5
    articles = pq.read_table(out / "articles").to_pylist(maps_as_pydicts="strict")
    assert len(articles) == 4 and all(a["understood"] for a in articles)
    quotes = pq.read_table(out / "quotes")
    assert quotes.num_rows == summary.rows["quotes"] > 0
    assert set(quotes.column("document_id").to_pylist()) <= {a["document_id"] for a in articles}


def test_every_table_has_its_fixed_schema(job: tuple[Path, scale.ScaleSummary]) -> None:
    out, _ = job
    for table in tables.TABLES:
        found = pq.read_table(out / table).schema
        assert found.equals(tables.schema(table)), table


def test_a_rerun_skips_the_done_warc_without_starting_spark(
    job: tuple[Path, scale.ScaleSummary],
) -> None:
    out, _ = job
    manifest = out.parent / "manifest.txt"
    again = scale.run(manifest, out, master="local[1]")
    assert (again.already, again.done, again.startup_seconds) == (1, 0, 0.0)
    assert again.complete
    assert pq.read_table(out / "articles").num_rows == 4


def test_load_stores_every_article_once_and_a_reload_adds_nothing(
    job: tuple[Path, scale.ScaleSummary], tmp_path: Path
) -> None:
    out, _ = job
    db = tmp_path / "news.db"
    first = scale.load(out, db=db)
    assert first.complete and (first.stored, first.duplicates) == (3, 1)
    with sqlite3.connect(db) as conn:
        before = conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM quotes),"
            " (SELECT COUNT(*) FROM document_urls), (SELECT COUNT(*) FROM errors)"
        ).fetchone()
    assert before[0] == 3 and before[1] > 0
    second = scale.load(out, db=db)
    assert second.stored == 0 and second.upgraded == 0
    with sqlite3.connect(db) as conn:
        after = conn.execute(
            "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM quotes),"
            " (SELECT COUNT(*) FROM document_urls), (SELECT COUNT(*) FROM errors)"
        ).fetchone()
    assert after == before


def test_scale_run_names_a_file_with_no_warc_record_and_exits_1(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from copydesk.cli import cli

    notes = tmp_path / "notes.warc"
    notes.write_text("just some notes, not an archive\n", encoding="utf-8")
    manifest = tmp_path / "manifest.txt"
    manifest.write_text(f"{notes}\n")
    out = tmp_path / "out"
    for _ in range(2):  # not marked done: the next run tries it again
        result = CliRunner().invoke(cli, ["scale", "run", str(manifest), "--out", str(out)])
        assert result.exit_code == 1, result.output
        assert f"Error: {notes}: no WARC record could be read from it" in result.stderr
        assert "done 0, already done 0, unread 1" in result.stderr
