"""WARC and WARC.gz archives: every HTML response record becomes a document.

FastWARC reads the archive as a stream, so memory stays flat whatever its size. Each
document's source names the archive and the record's byte offset (``crawl.warc.gz@8812``)
so a failing page can be found again. Records that are not pages (images, redirects,
requests) are reported as skipped, with a reason and a ``kind`` to count them by.

Archives break: a record declares more bytes than follow it (a crawler killed mid-write,
a hostile ``Content-Length: 10^18``), a gzip member is cut, headers are garbage. Such a
record is reported as truncated or broken, never extracted from what little is there,
and reading goes on from the next record start found in the raw bytes, so one bad
record does not swallow the records after it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from copydesk.errors import ReadError
from copydesk.read.compression import MIB, decompress
from copydesk.read.decode import decode_text
from copydesk.read.document import RawDocument, Skipped
from copydesk.read.limits import Limits

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Where a record may start: a plain WARC version line, or a gzip member (checked by
# inflating its first bytes) in a .warc.gz.
_RECORD_START = re.compile(rb"WARC/1\.[01]\r?\n|\x1f\x8b\x08")
_SCAN = MIB

Item = RawDocument | ReadError


class SkippedRecord(Skipped):
    """A WARC record that is not a readable page (an image, a redirect, a request):
    ``kind`` is ``not_response``, ``not_http``, ``http_status`` or ``content_type``."""


class TruncatedRecord(ReadError):
    """A record that declares more bytes than the archive holds after it, or whose
    headers are cut; reading resumes at the next record start."""


def read_warc(
    handle: BinaryIO, source: str, limits: Limits, published: str | None
) -> Iterator[Item]:
    """Yield a document, the reason it was skipped, or the error in its place, for each
    record; after a truncated or broken record, go on from the next record start."""
    start: int | None = None
    while True:
        broken = yield from _read_records(handle, source, limits, published, start)
        if broken is None:
            return
        last, exc, held = broken
        start = _next_record_start(handle, last) if handle.seekable() else None
        if exc is None:
            pass  # a truncated record, already reported
        elif start is None or not _record_readable_at(handle, start):
            if held is not None:  # the record before was whole; what follows is broken
                yield held
            if start is None:  # garbage to the end (or a stream we cannot search)
                yield ReadError(f"broken WARC data after offset {last}: {exc}", source=source)
            else:
                yield ReadError(f"broken WARC record: {exc}", source=f"{source}@{start}")
                start = _next_record_start(handle, start)
        elif held is not None:  # a record follows, but not where the last one ended: its
            # declared length was wrong, so its content is not to be trusted
            yield TruncatedRecord(
                f"broken: its declared length does not end where a record starts ({exc})",
                source=f"{source}@{last}",
            )
        else:  # garbage before the next record
            yield ReadError(f"broken WARC data after offset {last}: {exc}", source=source)
        if start is None:
            return
        handle.seek(start)


_Break = tuple[int, Exception | None, Item | None]


def _read_records(
    handle: BinaryIO,
    source: str,
    limits: Limits,
    published: str | None,
    start: int | None,
) -> Generator[Item, None, _Break | None]:
    """Read records until the archive ends (None) or breaks. A break gives the offset of
    the last record start seen, the error (None for a truncated record, already yielded)
    and the last record's item, held back until the next record header proved its length
    right."""
    last = start or 0
    held: Item | None = None
    try:
        for record in ArchiveIterator(handle, parse_http=True):
            if held is not None:
                yield held
                held = None
            last = record.stream_pos
            item = _item(record, f"{source}@{last}", limits, published)
            if isinstance(item, TruncatedRecord):
                yield item
                return last, None, None
            held = item
    except (OSError, ValueError) as exc:
        return last, exc, held
    if held is not None:
        yield held
    return None


def _record_readable_at(handle: BinaryIO, at: int) -> bool:
    """Whether one whole record can be read at ``at`` (a probe; the caller seeks back)."""
    handle.seek(at)
    try:
        for record in ArchiveIterator(handle, parse_http=False):
            declared = record.content_length
            return record.reader.consume() >= declared
    except (OSError, ValueError):
        return False
    return False


def _item(record: WarcRecord, where: str, limits: Limits, published: str | None) -> Item:
    """One record's document or error; the whole record is read (or skipped) here."""
    declared = _declared_length(record)
    if declared is None:
        return TruncatedRecord("truncated: the WARC headers are cut short", source=where)
    remaining = record.content_length
    skip = _skip_reason(record, where)
    body = b"" if skip else record.reader.read(limits.max_bytes + 1)
    missing = remaining - len(body) - record.reader.consume()
    if missing > 0:
        return TruncatedRecord(
            f"truncated: declares {declared} bytes, {declared - missing} present", source=where
        )
    if skip:
        return skip
    if len(body) > limits.max_bytes:
        return ReadError(
            f"larger than the {limits.max_bytes / MIB:g} MiB limit per document "
            "(raise it with --max-bytes)",
            source=where,
        )
    encoding = record.http_headers.get("Content-Encoding") if record.http_headers else None
    return _document(record, body, encoding or "", where, limits, published)


def _declared_length(record: WarcRecord) -> int | None:
    value = (record.headers.get("Content-Length") or "").strip()
    return int(value) if value.isdigit() else None


def _skip_reason(record: WarcRecord, where: str) -> SkippedRecord | None:
    if record.record_type != WarcRecordType.response:
        kind = record.headers.get("WARC-Type") or "unknown"
        return SkippedRecord(f"a {kind} record, not a response", source=where, kind="not_response")
    if record.http_headers is None:
        return SkippedRecord("not an HTTP response", source=where, kind="not_http")
    status = record.http_headers.status_code
    if status != 200:
        return SkippedRecord(f"HTTP status {status}, not a page", source=where, kind="http_status")
    content_type = (record.http_content_type or "").lower()
    if content_type and not content_type.startswith(_PAGE_TYPES):
        return SkippedRecord(
            f"content type {content_type}, not a page", source=where, kind="content_type"
        )
    return None


def _document(
    record: WarcRecord,
    body: bytes,
    encoding: str,
    where: str,
    limits: Limits,
    published: str | None,
) -> Item:
    try:
        body = decompress(body, encoding, source=where, max_bytes=limits.max_bytes)
        text, notices = decode_text(body, source=where, declared=record.http_charset)
    except ReadError as exc:
        return exc
    fetched = record.record_date.isoformat() if record.record_date else None
    content_type = (record.http_content_type or "").lower()
    return RawDocument(
        source=where,
        content=text,
        kind="text" if content_type.startswith("text/plain") else "html",
        url=record.headers.get("WARC-Target-URI"),
        published=published,
        fetched=fetched,
        warnings=notices,
    )


def _next_record_start(handle: BinaryIO, after: int) -> int | None:
    """The offset of the first record start past ``after`` in the raw archive, or None.

    Read in pieces, so a gigabyte of garbage costs time but not memory.
    """
    pos = after + 1
    while True:
        handle.seek(pos)
        chunk = handle.read(_SCAN)
        for match in _RECORD_START.finditer(chunk):
            at = pos + match.start()
            if match.group().startswith(b"WARC") or _gzip_record_at(handle, at):
                return at
        if len(chunk) < _SCAN:
            return None
        pos += len(chunk) - 16  # overlap, so a start across two pieces is still found


def _gzip_record_at(handle: BinaryIO, at: int) -> bool:
    handle.seek(at)
    try:
        return zlib.decompressobj(31).decompress(handle.read(1024), 8).startswith(b"WARC/")
    except zlib.error:
        return False
