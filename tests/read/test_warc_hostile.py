"""WARC archives that lie about their lengths, are cut short, or are mangled at random."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.errors import ReadError
from copydesk.read import Limits, RawDocument, read_documents
from copydesk.read.warc import SkippedRecord, TruncatedRecord

PAGE = b"<html><body><article><h1>Storm</h1><p>Power is out.</p></article></body></html>"


def record(
    url: str,
    body: bytes = PAGE,
    *,
    declared: int | None = None,
    packed: bool = True,
    warc_type: str = "response",
    headers: str = "Content-Type: text/html; charset=utf-8\r\n",
    status: str = "200 OK",
) -> bytes:
    headers = headers if headers.endswith("\r\n") else headers + "\r\n"
    http = f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {url}\r\n"
        "WARC-Date: 2024-10-09T07:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype={warc_type}\r\n"
        f"Content-Length: {len(http) if declared is None else declared}\r\n\r\n"
    ).encode()
    raw = head + http + b"\r\n\r\n"
    return gzip.compress(raw) if packed else raw


def read(path: Path, data: bytes, limits: Limits | None = None) -> list[RawDocument | ReadError]:
    path.write_bytes(data)
    return list(read_documents([str(path)], limits=limits or Limits()))


def urls(items: list[RawDocument | ReadError]) -> list[str | None]:
    return [i.url for i in items if isinstance(i, RawDocument)]


@pytest.mark.parametrize("packed", [True, False], ids=["warc.gz", "warc"])
def test_a_huge_declared_length_is_truncated_and_does_not_swallow_the_next_record(
    tmp_path: Path, packed: bool
) -> None:
    path = tmp_path / ("a.warc.gz" if packed else "a.warc")
    items = read(
        path,
        record("https://x.example/1", packed=packed)
        + record("https://x.example/liar", declared=10**18, packed=packed)
        + record("https://x.example/2", packed=packed),
    )
    assert urls(items) == ["https://x.example/1", "https://x.example/2"]
    [error] = [i for i in items if isinstance(i, ReadError)]
    assert isinstance(error, TruncatedRecord)
    assert error.source is not None and error.source.startswith(f"{path}@")
    assert f"truncated: declares {10**18} bytes, " in str(error) and " present" in str(error)


@pytest.mark.parametrize("packed", [True, False], ids=["warc.gz", "warc"])
def test_a_record_cut_short_at_the_end_is_reported_not_extracted(
    tmp_path: Path, packed: bool
) -> None:
    cut = record("https://x.example/cut", packed=packed)
    items = read(tmp_path / "a.warc", record("https://x.example/1", packed=packed) + cut[:-40])
    assert urls(items) == ["https://x.example/1"]
    assert isinstance(items[-1], TruncatedRecord) and "truncated" in str(items[-1])
    assert not any(isinstance(i, SkippedRecord) for i in items)  # not "not a page"


def test_a_cut_gzip_member_is_an_error_naming_the_offset_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    first = record("https://x.example/1")
    cut = record("https://x.example/cut")[:-30]
    items = read(tmp_path / "a.warc.gz", first + cut + record("https://x.example/2"))
    assert urls(items) == ["https://x.example/1", "https://x.example/2"]
    [error] = [i for i in items if isinstance(i, ReadError)]
    assert not isinstance(error, SkippedRecord)
    assert error.source == f"{tmp_path / 'a.warc.gz'}@{len(first)}"
    assert "broken WARC record" in str(error)


@pytest.mark.parametrize("packed", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("error", [100, -50])
def test_a_record_whose_length_is_wrong_is_reported_not_extracted(
    tmp_path: Path, packed: bool, error: int
) -> None:
    http_length = len(record("u", packed=False).split(b"\r\n\r\n", 1)[1]) - 4
    liar = record("https://x.example/liar", declared=http_length + error, packed=packed)
    first = record("https://x.example/1", packed=packed)
    items = read(tmp_path / "a.warc", first + liar + record("https://x.example/2", packed=packed))
    assert urls(items) == ["https://x.example/1", "https://x.example/2"]
    [bad] = [i for i in items if isinstance(i, ReadError)]
    assert bad.source == f"{tmp_path / 'a.warc'}@{len(first)}"
    assert "declared length does not end where a record starts" in str(bad)


def test_garbage_after_the_last_record_keeps_the_record(tmp_path: Path) -> None:
    items = read(tmp_path / "a.warc.gz", record("https://x.example/1") + b"\x1f\x8b not gzip")
    assert urls(items) == ["https://x.example/1"]
    assert isinstance(items[-1], ReadError) and "broken WARC data after offset 0" in str(items[-1])


def test_skipped_records_have_a_kind_to_count_by(tmp_path: Path) -> None:
    items = read(
        tmp_path / "a.warc.gz",
        record("https://x.example/req", b"", warc_type="request")
        + record("https://x.example/logo.png", b"\x89PNG", headers="Content-Type: image/png\r\n")
        + record("https://x.example/gone", b"", status="404 Not Found")
        + record("https://x.example/1"),
    )
    assert [i.kind for i in items if isinstance(i, SkippedRecord)] == [
        "not_response",
        "content_type",
        "http_status",
    ]
    assert urls(items) == ["https://x.example/1"]


def test_a_brotli_bomb_record_is_refused_at_the_limit_and_the_next_is_read(
    tmp_path: Path,
) -> None:
    packer = brotli.Compressor(quality=1)
    bomb = b"".join(packer.process(bytes(1 << 20)) for _ in range(64)) + packer.finish()
    items = read(
        tmp_path / "a.warc.gz",
        record("https://x.example/bomb", bomb, headers="Content-Encoding: br\r\n")
        + record("https://x.example/1"),
        Limits(max_bytes=1 << 20),
    )
    assert urls(items) == ["https://x.example/1"]
    assert "decompressed content is over the 1 MiB limit" in str(items[0])


def test_a_bogus_charset_in_the_http_header_is_ignored_with_a_warning(tmp_path: Path) -> None:
    page = "<html><body><p>Le café est fermé.</p></body></html>".encode()
    [doc] = read(
        tmp_path / "a.warc.gz",
        record("https://x.example/1", page, headers="Content-Type: text/html; charset=undefined"),
    )
    assert isinstance(doc, RawDocument) and "café" in doc.content
    assert [w.code for w in doc.warnings] == ["charset_ignored"]


ARCHIVE = record("https://x.example/1") + record("https://x.example/2", b"<p>two</p>")
PLAIN = record("https://x.example/1", packed=False) + record("https://x.example/2", packed=False)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from([ARCHIVE, PLAIN]),
    st.lists(st.tuples(st.integers(0, len(PLAIN)), st.integers(0, 255)), max_size=6),
    st.integers(0, len(PLAIN)),
)
def test_a_mangled_archive_never_raises(
    tmp_path: Path, archive: bytes, flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(archive[: max(cut, 1)])
    for at, value in flips:
        if at < len(data):
            data[at] = value
    items = read(tmp_path / "fuzz.warc", bytes(data))
    assert all(isinstance(i, RawDocument | ReadError) for i in items)
