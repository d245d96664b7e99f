"""WARC archives built here from the project's own fixtures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from conftest import fixture
from copydesk.cli import cli
from copydesk.errors import ReadError
from copydesk.read import RawDocument, read_documents
from copydesk.read.warc import SkippedRecord

PAGE = (
    "<html><head><title>Storm | City Herald</title>"
    '<meta property="article:published_time" content="2024-10-08T18:42:00Z"></head>'
    "<body><nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
    "<article><h1>Storm knocks out power to 80,000 homes</h1>"
    + "".join(f"<p>{p}</p>" for p in fixture("ap-story.txt").read_text().split("\n\n")[5:8])
    + "</article><footer>© 2024 City Herald</footer></body></html>"
)


def warc_record(
    url: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    encoding: str | None = None,
) -> bytes:
    extra = f"Content-Encoding: {encoding}\r\n" if encoding else ""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-10-09T07:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def build_warc(path: Path, *records: bytes) -> Path:
    path.write_bytes(b"".join(records))
    return path


def test_response_records_become_documents_and_the_rest_is_skipped(tmp_path: Path) -> None:
    warc = build_warc(
        tmp_path / "crawl.warc.gz",
        warc_record("https://herald.example/storm", PAGE.encode()),
        warc_record("https://herald.example/logo.png", b"\x89PNG....", "image/png"),
        warc_record("https://herald.example/gone", b"", status="404 Not Found"),
        warc_record(
            "https://herald.example/storm-gz", gzip.compress(PAGE.encode()), encoding="gzip"
        ),
    )
    items = list(read_documents([str(warc)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if isinstance(i, SkippedRecord)]
    assert [d.url for d in docs] == [
        "https://herald.example/storm",
        "https://herald.example/storm-gz",
    ]
    assert docs[0].kind == "html" and docs[0].fetched is not None
    assert docs[0].source.startswith(f"{warc}@")
    assert docs[1].content == docs[0].content
    assert len(skipped) == 2 and "image/png" in str(skipped[0])


def test_truncated_archive_reports_the_break_and_keeps_what_came_before(tmp_path: Path) -> None:
    good = warc_record("https://herald.example/storm", PAGE.encode())
    warc = build_warc(tmp_path / "broken.warc.gz", good, b"\x1f\x8b this is not gzip")
    items = list(read_documents([str(warc)]))
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], ReadError) and "broken WARC" in str(items[-1])


def test_cli_extracts_a_warc_to_jsonl(tmp_path: Path) -> None:
    warc = build_warc(
        tmp_path / "crawl.warc.gz",
        warc_record("https://herald.example/storm", PAGE.encode()),
        warc_record("https://herald.example/logo.png", b"\x89PNG....", "image/png"),
        warc_record("https://herald.example/storm-2", PAGE.encode()),
    )
    result = CliRunner().invoke(cli, ["extract", str(warc)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert records[0]["url"] == "https://herald.example/storm"
    assert records[0]["headline"] == "Storm knocks out power to 80,000 homes"
    assert records[0]["published"]["value"] == "2024-10-08"
    assert records[0]["body"][0].startswith("A fast-moving storm knocked out power")
    assert records[0]["dateline"]["agency"] == "AP"
    assert "Skipped 1 archive records" in result.stderr
