"""What the CLI promises under bad input: honest exit codes, bounded options, no loss."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import copydesk
from conftest import sample
from copydesk import api
from copydesk.cli import _cell, cli
from copydesk.read import DEFAULT_LIMITS
from copydesk.read.document import RawDocument
from copydesk.runner import process_document


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


def _stories(folder: Path, count: int) -> list[Path]:
    story = sample("wire-story.txt").read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = folder / f"story-{n:02}.txt"
        path.write_text(story.replace("4,200", f"{4200 + n:,}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_ingest_exits_1_when_a_document_failed_and_stores_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    _stories(folder, 5)
    (folder / "broken.html").write_bytes(bytes(range(256)) * 20)
    db = str(tmp_path / "news.db")
    result = run("ingest", str(folder), "--db", db, "--no-understand", "--no-progress")
    assert result.exit_code == 1
    assert "stored 5" in result.stderr and "failed 1" in result.stderr
    assert f"Error: {folder / 'broken.html'}: looks like binary" in result.stderr
    assert [error.input for error in api.errors(db=db)] == [str(folder / "broken.html")]
    again = run("ingest", str(folder), "--db", db, "--no-understand", "--no-progress")
    assert "stored 0" in again.stderr and "duplicates 5" in again.stderr


def _sleepy(document: RawDocument, **_: object) -> copydesk.Article:
    if "hang" in document.source:
        time.sleep(120)
    return process_document(document, understand=False, limits=DEFAULT_LIMITS)


def test_a_document_past_its_timeout_is_reported_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api, "process_document", _sleepy)
    good = _stories(tmp_path, 2)
    hang = tmp_path / "hang.txt"
    hang.write_text("Headline\n\nA body that never finishes being read, said the mayor.")
    result = run("extract", str(good[0]), str(hang), str(good[1]), "--timeout", "0.5")
    assert result.exit_code == 1
    assert f"Error: {hang}: timeout" in result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert sources == [str(good[0]), str(good[1])]


@pytest.mark.parametrize("limit", ["-1", "100000000000000000000", "10001"])
def test_limits_out_of_range_are_usage_errors(tmp_path: Path, limit: str) -> None:
    for command in ("search", "quotes", "figures", "threads", "errors"):
        args = [command, "x"] if command == "search" else [command]
        result = run(*args, "--limit", limit, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == 2, (command, result.output)
        assert "--limit" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("since", ["2019-13-01", "garbage", "2019-02-30"])
def test_bad_dates_are_usage_errors_naming_the_option(since: str) -> None:
    for command in ("quotes", "figures", "threads"):
        result = run(command, "--since", since)
        assert result.exit_code == 2 and "--since" in result.output


def test_a_future_published_date_is_refused_not_dropped() -> None:
    result = run("extract", str(sample("wire-story.txt")), "--published", "9999-12-31")
    assert result.exit_code == 2
    assert "plausible" in result.output
    with pytest.raises(copydesk.CopydeskError, match="plausible"):
        copydesk.extract(text="x", published="9999-12-31")


def test_an_archive_date_the_caller_vouches_for_is_kept() -> None:
    article = copydesk.extract(text="A story.\n\nIt ran long ago.", published="1989-10-27")
    assert (article.published.value, article.published.source) == ("1989-10-27", "caller")
    with pytest.raises(copydesk.CopydeskError, match="1800-01-01"):
        copydesk.extract(text="x", published="1700-01-01")


def test_a_negative_id_is_an_id_not_an_option(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    run("ingest", str(sample("wire-story.txt")), "--db", db, "--no-understand", "--no-progress")
    result = run("show", "-1", "--db", db)
    assert result.exit_code == 1
    assert "no document with id -1" in result.stderr


def test_more_workers_than_cores_are_capped(tmp_path: Path) -> None:
    paths = _stories(tmp_path, 3)
    result = run("extract", *map(str, paths), "--workers", "1000", "--no-understand")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


def test_markdown_escapes_the_page_html(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>Head &lt;script&gt;alert(1)&lt;/script&gt;</h1>"
        + "<p>A long enough paragraph of story text &lt;img src=x onerror=alert(1)&gt; "
        "that the reader keeps as the body of this article, said the mayor.</p>"
        * 3
        + "</article></body></html>"
    )
    result = run("extract", str(page), "--format", "md", "--no-understand")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "<img" not in result.stdout
    assert "&lt;img src=x onerror=alert(1)&gt;" in result.stdout


def test_table_cells_carry_no_terminal_controls() -> None:
    assert _cell("red \x1b[31mtext\x1b[0m \u202eevil\x9b2J") == "red [31mtext [0m evil 2J"


def test_warnings_reach_stderr_naming_the_document(tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    page.write_text("Headline\n\n" + "\n\n".join(f"Paragraph {n} of the story." for n in range(30)))
    result = run("extract", str(page), "--max-blocks", "10", "--no-understand")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert [notice["code"] for notice in record["warnings"]] == ["blocks_cut"]
    assert f"Warning: {page}: " in result.stderr


def test_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    forged = tmp_path / "evil\nError: forged.txt: fake.html"
    forged.write_bytes(bytes(range(256)) * 20)
    result = run("extract", str(forged))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert not any(line.startswith("Error: forged.txt") for line in lines)
    assert any("evil\\nError: forged.txt" in line for line in lines)


def test_export_leaves_out_a_damaged_record_and_keeps_the_rest(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    _stories(tmp_path, 3)
    run("ingest", str(tmp_path), "--db", str(db), "--no-understand", "--no-progress")
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET record = CAST(X'FFFE7B22' AS TEXT) WHERE id = 2")
    out = tmp_path / "out.jsonl"
    result = run("export", "--db", str(db), "-o", str(out))
    assert result.exit_code == 1
    assert "document 2 is damaged: it holds text that is not UTF-8" in result.stderr
    assert len(out.read_text().splitlines()) == 2


def test_export_tables_and_formats(tmp_path: Path) -> None:
    from copydesk import tables
    from copydesk.cli import EXPORT_FORMATS, TABLES

    assert (TABLES, EXPORT_FORMATS) == (tables.TABLES, tables.FORMATS)
    db = tmp_path / "news.db"
    run("ingest", str(sample("wire-story.txt")), "--db", str(db), "--no-progress")
    quotes_csv = tmp_path / "quotes.csv"
    result = run(
        "export", "--db", str(db), "--table", "quotes", "--format", "csv", "-o", str(quotes_csv)
    )
    assert result.exit_code == 0, result.output
    header, *rows = quotes_csv.read_text().splitlines()
    assert "speaker_name" in header and rows
    assert any("Marta Lind" in row for row in rows)
    empty = tmp_path / "empty.db"
    run("ingest", str(tmp_path / "none"), "--db", str(empty), "--no-progress")
    errors_parquet = tmp_path / "errors.parquet"
    result = run(
        "export",
        "--db",
        str(empty),
        "--table",
        "errors",
        "--format",
        "parquet",
        "-o",
        str(errors_parquet),
    )
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    written = pq.read_table(errors_parquet)
    assert written.num_rows == 1 and written.schema.equals(tables.schema("errors"))
    assert run("export", "--db", str(db), "--format", "csv").exit_code == 2


def test_search_hits_name_their_site(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    text = sample("wire-story.txt").read_text(encoding="utf-8")
    dump.write_text(json.dumps({"url": "https://www.example.org/flood", "text": text}) + "\n")
    db = str(tmp_path / "news.db")
    run("ingest", str(dump), "--db", db, "--no-understand", "--no-progress")
    (hit,) = api.search("Velmar flood", db=db)
    assert (hit.site, hit.url) == ("example.org", "https://www.example.org/flood")


def test_quote_rows_name_their_article(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    text = sample("wire-story.txt").read_text(encoding="utf-8")
    dump.write_text(json.dumps({"url": "https://www.example.org/flood", "text": text}) + "\n")
    db = str(tmp_path / "news.db")
    run("ingest", str(dump), "--db", db, "--no-progress")
    rows = api.quotes(db=db, speaker="Marta Lind")
    assert rows and {(row.site, row.url) for row in rows} == {
        ("example.org", "https://www.example.org/flood")
    }
    assert rows[0].headline and "Flood" in rows[0].headline


def test_a_thread_lists_its_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    paths = _stories(tmp_path, 2)
    run("ingest", *map(str, paths), "--db", db, "--no-understand", "--no-progress")
    (row, *_) = api.threads(db=db)
    assert api.thread(row.id, db=db) == row
    assert len(row.documents) >= 1
    assert all(doc.headline for doc in row.documents)
    with pytest.raises(copydesk.NotFoundError, match="no thread with id 999"):
        api.thread(999, db=db)
