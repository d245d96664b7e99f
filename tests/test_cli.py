"""The CLI through CliRunner, checked through the Python API (sqlite-utils' habit)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import copydesk
from conftest import fixture, sample
from copydesk.cli import cli


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_one_file_prints_one_json_record_equal_to_the_api() -> None:
    path = sample("wire-story.txt")
    result = run("extract", str(path))
    assert result.exit_code == 0, result.output
    record = copydesk.from_json(result.stdout)
    expected = copydesk.extract(text=path.read_text(encoding="utf-8"), source=str(path))
    assert record == expected


def test_several_files_print_jsonl_in_input_order() -> None:
    paths = [fixture("ap-story.txt"), sample("wire-story.txt"), fixture("naive-page.txt")]
    result = run("extract", *map(str, paths))
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(p) for p in paths]


def test_stdin_and_published_option() -> None:
    result = run(
        "extract", "-", "--published", "2024-03-15", stdin=sample("wire-story.txt").read_text()
    )
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["source"] == "<stdin>"
    assert record["published"]["value"] == "2024-03-15"


def test_bad_document_is_reported_and_the_rest_still_written(tmp_path: Path) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 20)
    result = run("extract", str(binary), str(sample("wire-story.txt")))
    assert result.exit_code == 1
    assert f"Error: {binary}: looks like binary data" in result.stderr
    assert json.loads(result.stdout)["headline"].startswith("Flood waters")
    assert "Traceback" not in result.output


def test_empty_file_gives_an_empty_honest_record(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("extract", str(empty))
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["body"] == [] and record["headline"] is None


def test_markdown_and_text_formats() -> None:
    md = run("extract", str(sample("wire-story.txt")), "--format", "md").stdout
    assert md.startswith("*UPDATE 2*\n# Flood waters")
    assert "**VELMAR, March 14 (Reuters) -** Rising flood waters" in md
    text = run("extract", str(sample("wire-story.txt")), "--format", "text").stdout
    assert text.startswith("Flood waters force thousands")


def test_usage_error_exit_code() -> None:
    result = run("extract")
    assert result.exit_code == 2
    result = run("extract", "x.txt", "--format", "xml")
    assert result.exit_code == 2
    result = run("extract", "x.txt", "--published", "yesterday")
    assert result.exit_code == 2
    assert "'yesterday' is not a date" in result.output


def test_schema_command_prints_the_committed_schema() -> None:
    printed = json.loads(run("schema").stdout)
    committed = json.loads(
        (Path(__file__).parent.parent / "schema" / "article.schema.json").read_text()
    )
    assert printed == committed


def test_a_file_that_is_no_document_is_named_and_counted_as_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "story.txt").write_text(sample("wire-story.txt").read_text(), encoding="utf-8")
    (folder / "photo.jpg").write_bytes(bytes(range(256)) * 8)
    extracted = run("extract", str(folder), "--no-understand")
    assert extracted.exit_code == 0, extracted.output
    assert copydesk.from_json(extracted.stdout).source == str(folder / "story.txt")
    assert f"Skipped: {folder / 'photo.jpg'}: not a document by its name (.jpg)" in extracted.stderr
    assert "Skipped 1 file(s) that are not documents" in extracted.stderr
    db = str(tmp_path / "news.db")
    ingested = run("ingest", str(folder), "--db", db, "--no-understand", "--no-progress")
    assert ingested.exit_code == 0, ingested.output
    assert f"Skipped: {folder / 'photo.jpg'}" in ingested.stderr
    assert "stored 1, upgraded 0, duplicates 0, failed 0, skipped 1" in ingested.stderr


SCRIPT_HEAD = '<?xml version="1.0"?>\n<script>\n' + "var tracking = 1; // analytics\n" * 300
STORY_HTML = (
    "</script><html><head><title>Flood waters rise</title></head><body><article>"
    "<h1>Flood waters rise in Velmar</h1>"
    + "".join(
        f"<p>Paragraph {i}: the river rose two metres overnight and 4,200 people left.</p>"
        for i in range(6)
    )
    + "</article></body></html>"
)


def test_a_page_whose_first_kilobytes_are_script_is_read_as_html(tmp_path: Path) -> None:
    for name in ("scripted.html", "scripted"):
        path = tmp_path / name
        path.write_text(SCRIPT_HEAD + STORY_HTML, encoding="utf-8")
        result = run("extract", str(path), "--no-understand")
        assert result.exit_code == 0, result.output
        article = copydesk.from_json(result.stdout)
        assert article.headline == "Flood waters rise in Velmar", name
        assert len(article.body) == 6 and "tracking" not in article.body_text


def test_a_story_of_spans_and_breaks_is_read_and_dropped_text_keeps_a_reason(
    tmp_path: Path,
) -> None:
    line = (
        "The river rose by two metres overnight and many people left their homes, officials said."
    )
    spans = tmp_path / "spans.html"
    spans.write_text("<html><body>" + f"<span>{line}</span><br>" * 5 + "</body></html>", "utf-8")
    article = copydesk.from_json(run("extract", str(spans), "--no-understand").stdout)
    assert article.body == [line] * 5
    labels = tmp_path / "labels.html"
    labels.write_text(
        "<html><body>" + "<span>Menu item.</span><br>" * 5 + "</body></html>", "utf-8"
    )
    empty = copydesk.from_json(run("extract", str(labels), "--no-understand").stdout)
    assert not empty.body and [b.text for b in empty.boilerplate] == ["Menu item."] * 5
    assert all(b.reason for b in empty.boilerplate)


def test_a_document_met_under_a_second_name_shows_both_places(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from lxml import html

    from copydesk.serve import app

    text = sample("wire-story.txt").read_text(encoding="utf-8")
    first, mirror = tmp_path / "story.txt", tmp_path / "mirror-of-story.txt"
    first.write_text(text, encoding="utf-8")
    mirror.write_text(text, encoding="utf-8")
    db = str(tmp_path / "news.db")
    assert run("ingest", str(first), str(mirror), "--db", db, "--no-understand").exit_code == 0
    [hit] = copydesk.api.search("Velmar", db=db)
    shown = copydesk.from_json(run("show", str(hit.id), "--db", db).stdout)
    assert [p.source for p in shown.places] == [str(mirror)]
    with TestClient(app(db)) as client:
        record = client.get(f"/api/articles/{hit.id}", headers={"host": "localhost"}).json()
        assert [p["source"] for p in record["places"]] == [str(mirror)]
        page = client.get(f"/articles/{hit.id}", headers={"host": "localhost"}).text
        assert str(mirror) in " ".join(html.fromstring(page).xpath("//ul[@class='places']//text()"))
