from __future__ import annotations

import gzip
import json
from pathlib import Path

from copydesk.errors import ReadError
from copydesk.read import Limits, RawDocument, read_documents


def test_folder_is_read_in_sorted_order_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / ".hidden.txt").write_text("skip me")
    docs = list(read_documents([str(tmp_path)]))
    assert [d.content for d in docs if isinstance(d, RawDocument)] == ["first", "second"]


def test_missing_path_is_an_error_in_its_place(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    items = list(read_documents([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert isinstance(items[0], ReadError) and "no such file" in str(items[0])
    assert isinstance(items[1], RawDocument)


def test_gzip_and_html_sniffing(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<!doctype html><html><body><p>Hi</p></body></html>"))
    [doc] = read_documents([str(path)])
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 5_000_000))
    [item] = read_documents([str(path)], limits=Limits(max_bytes=1_000_000))
    assert isinstance(item, ReadError) and "limit" in str(item)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2048)
    [item] = read_documents([str(path)], limits=Limits(max_bytes=1024))
    assert isinstance(item, ReadError)
    assert str(item).startswith(str(path)) and "--max-bytes" in str(item)


def test_broken_gzip_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt.gz"
    path.write_bytes(gzip.compress(b"hello world" * 100)[:30])
    [item] = read_documents([str(path)])
    assert isinstance(item, ReadError) and "gzip" in str(item)


def test_jsonl_rows_with_one_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    rows = [
        json.dumps({"url": "https://example.org/a", "text": "A story.", "published": "2024-01-02"}),
        "{not json",
        json.dumps({"url": "https://example.org/b"}),
        json.dumps({"url": "https://example.org/c", "html": "<p>C</p>"}),
    ]
    path.write_text("\n".join(rows) + "\n")
    items = list(read_documents([str(path)]))
    assert isinstance(items[0], RawDocument)
    assert (items[0].url, items[0].published, items[0].source) == (
        "https://example.org/a",
        "2024-01-02",
        f"{path}:1",
    )
    assert isinstance(items[1], ReadError) and items[1].source == f"{path}:2"
    assert isinstance(items[2], ReadError) and "no 'html', 'text' or 'title'" in str(items[2])
    assert isinstance(items[3], RawDocument) and items[3].kind == "html"


def test_a_jsonl_dump_larger_than_the_limit_streams_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    rows = [
        json.dumps({"url": f"https://x.example/{n}", "text": "A story. " * 10}) for n in range(50)
    ]
    rows.insert(10, json.dumps({"url": "https://x.example/huge", "text": "x" * 5000}))
    path.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode()))
    items = list(read_documents([str(path)], limits=Limits(max_bytes=1000)))
    assert sum(isinstance(i, RawDocument) for i in items) == 50
    [error] = [i for i in items if isinstance(i, ReadError)]
    assert error.source == f"{path}:11" and "limit" in str(error)
