"""WARC and WARC.gz archives: every HTML response record becomes a document.

FastWARC reads the archive as a stream, so memory stays flat whatever its size. Each
document's source names the archive and the record's byte offset (``crawl.warc.gz@8812``)
so a failing page can be found again. Records that are not pages (images, redirects,
errors) are reported as skipped, with the reason, not silently dropped.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

import brotli
from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from copydesk.errors import IngestError
from copydesk.ingest.decode import decode_bytes
from copydesk.ingest.document import RawDocument
from copydesk.ingest.limits import Limits

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class SkippedRecord(IngestError):
    """A WARC record that is not a readable page (an image, a redirect, an error page)."""


def read_warc(
    handle: BinaryIO, source: str, limits: Limits, published: str | None
) -> Iterator[RawDocument | IngestError]:
    """Yield a document, or the reason it was skipped, for each response record."""
    records = ArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=True)
    offset = 0
    try:
        for record in records:
            offset = record.stream_pos
            yield _document(record, f"{source}@{offset}", limits, published)
    except (OSError, ValueError) as exc:
        yield IngestError(f"broken WARC data after offset {offset}: {exc}", source=source)


def _document(
    record: WarcRecord, where: str, limits: Limits, published: str | None
) -> RawDocument | IngestError:
    url = record.headers.get("WARC-Target-URI")
    status = record.http_headers.status_code if record.http_headers else None
    if status != 200:
        return SkippedRecord(f"HTTP status {status}, not a page", source=where)
    content_type = (record.http_content_type or "").lower()
    if content_type and not content_type.startswith(_PAGE_TYPES):
        return SkippedRecord(f"content type {content_type}, not a page", source=where)
    body = record.reader.read(limits.max_bytes + 1)
    if len(body) > limits.max_bytes:
        return IngestError(
            f"larger than the {limits.max_bytes // (1024 * 1024)} MiB limit", source=where
        )
    encoding = (record.http_headers.get("Content-Encoding") or "").lower().strip()
    try:
        body = _decompress(body, encoding, limits)
    except ValueError as exc:
        return IngestError(str(exc), source=where)
    try:
        text = decode_bytes(body, source=where, declared=record.http_charset)
    except IngestError as exc:
        return exc
    fetched = record.record_date.isoformat() if record.record_date else None
    return RawDocument(
        source=where,
        content=text,
        kind="text" if content_type.startswith("text/plain") else "html",
        url=url,
        published=published,
        fetched=fetched,
    )


def _decompress(body: bytes, encoding: str, limits: Limits) -> bytes:
    """Undo an HTTP Content-Encoding, never producing more than the size limit."""
    if encoding in ("", "identity"):
        return body
    try:
        if encoding in ("gzip", "x-gzip", "deflate"):
            wbits = 15 if encoding == "deflate" else 47  # 47: gzip or zlib header
            inflated = zlib.decompressobj(wbits).decompress(body, limits.max_bytes + 1)
        elif encoding == "br":
            inflated = brotli.decompress(body)
        else:
            raise ValueError(f"unknown content encoding {encoding!r}")
    except (zlib.error, brotli.error) as exc:
        raise ValueError(f"broken {encoding} content: {exc}") from exc
    if len(inflated) > limits.max_bytes:
        raise ValueError("the decompressed page is over the size limit")
    return inflated
