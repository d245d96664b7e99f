"""Readers: paths, folders, standard input, gzip and JSONL into a stream of documents.

A reader never stops a batch for one bad input: it yields an ``IngestError`` in the
document's place, so the caller can record it and go on. Memory stays flat: files are
read one at a time and JSONL line by line.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import msgspec

from copydesk.errors import IngestError
from copydesk.ingest.decode import clean_text, decode_bytes
from copydesk.ingest.document import ContentKind, RawDocument
from copydesk.ingest.limits import DEFAULT_LIMITS, Limits
from copydesk.ingest.warc import read_warc

STDIN = "-"
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SKIPPED_NAMES = re.compile(r"^\.|~$")

Item = RawDocument | IngestError


class _JsonlRow(msgspec.Struct, kw_only=True):
    url: str | None = None
    html: str | None = None
    text: str | None = None
    published: str | None = None
    source: str | None = None


def read_documents(
    paths: Iterable[str], *, limits: Limits = DEFAULT_LIMITS, published: str | None = None
) -> Iterator[Item]:
    """Yield a document (or the error that stands in for it) for every input, in order."""
    for name in paths:
        if name == STDIN:
            stdin = sys.stdin.buffer
            if _is_warc(stdin, []):
                yield from read_warc(stdin, "<stdin>", limits, published)
            else:
                yield from _read_stream(stdin, "<stdin>", limits, published)
            continue
        path = Path(name)
        if path.is_dir():  # in a folder, only files that are documents by their name
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and _wanted(p) and _is_document_name(p)
            )
            for file in files:
                yield from _read_file(file, limits, published)
        elif path.exists():
            yield from _read_file(path, limits, published)
        else:
            yield IngestError("no such file or folder", source=name)


def document_files(folder: Path) -> list[Path]:
    """The files of a folder read as documents: by their name, hidden files left out."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and _wanted(p) and _is_document_name(p)
    )


def document_from_bytes(
    data: bytes,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    kind: ContentKind | None = None,
) -> RawDocument:
    """Decode one document's bytes, sniffing whether it is HTML when ``kind`` is not given."""
    text = decode_bytes(data, source=source, declared=_declared_charset(data))
    return RawDocument(
        source=source, content=text, kind=kind or sniff_kind(text), url=url, published=published
    )


def sniff_kind(text: str) -> ContentKind:
    return "html" if _HTML_SNIFF.search(text[:4096]) else "text"


_DOCUMENT_SUFFIXES = {
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".shtml",
    ".jsonl",
    ".ndjson",
    ".warc",
    ".gz",
}


def _is_document_name(path: Path) -> bool:
    return path.suffix.lower() in _DOCUMENT_SUFFIXES or not path.suffix


def _wanted(path: Path) -> bool:
    return not any(_SKIPPED_NAMES.search(part) for part in path.parts)


def _read_file(path: Path, limits: Limits, published: str | None) -> Iterator[Item]:
    source = str(path)
    try:
        with path.open("rb") as handle:
            if _is_warc(handle, path.suffixes):
                yield from read_warc(handle, source, limits, published)
                return
            names = [suffix.lower() for suffix in path.suffixes]
            if set(names[-2:]) & _JSONL_SUFFIXES:
                stream = gzip.GzipFile(fileobj=handle) if names[-1:] == [".gz"] else handle
                yield from _read_jsonl(stream, source, limits, published)
                return
            size = path.stat().st_size
            if size > limits.max_bytes and not path.name.endswith(".gz"):
                yield _too_large(source, size, limits)
                return
            yield from _read_stream(handle, source, limits, published, suffixes=path.suffixes)
    except OSError as exc:
        yield IngestError(f"cannot read: {exc.strerror or exc}", source=source)


def _is_warc(handle: BinaryIO, suffixes: list[str]) -> bool:
    """By name (.warc, .warc.gz) or by the first bytes, compressed or not."""
    names = [s.lower() for s in suffixes]
    if ".warc" in names[-2:]:
        return True
    head = handle.peek(1024)[:1024] if isinstance(handle, io.BufferedReader) else b""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(47).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _read_stream(
    handle: BinaryIO,
    source: str,
    limits: Limits,
    published: str | None,
    suffixes: list[str] | None = None,
) -> Iterator[Item]:
    suffixes = [s.lower() for s in suffixes or []]
    head = handle.peek(2)[:2] if isinstance(handle, io.BufferedReader) else b""
    compressed = head == b"\x1f\x8b" or (suffixes[-1:] == [".gz"])
    try:
        data = _read_limited(gzip.GzipFile(fileobj=handle) if compressed else handle, limits)
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestError(f"broken gzip data: {exc}", source=source)
        return
    if data is None:
        yield IngestError(
            f"larger than the {limits.max_bytes // (1024 * 1024)} MiB limit per document",
            source=source,
        )
        return
    try:
        yield document_from_bytes(data, source=source, published=published)
    except IngestError as exc:
        yield exc


def _read_limited(handle: BinaryIO | gzip.GzipFile, limits: Limits) -> bytes | None:
    """Read at most ``limits.max_bytes``; None if there was more (a gzip bomb stops here)."""
    data = handle.read(limits.max_bytes + 1)
    return None if len(data) > limits.max_bytes else data


def _read_jsonl(
    stream: BinaryIO | gzip.GzipFile, source: str, limits: Limits, published: str | None
) -> Iterator[Item]:
    """One document per line, read as a stream: memory stays flat whatever the dump's size;
    a line over the size limit is refused on its own."""
    decoder = msgspec.json.Decoder(_JsonlRow)
    number = 0
    try:
        while True:
            line = stream.readline(limits.max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > limits.max_bytes and not line.endswith(b"\n"):
                yield _too_large(f"{source}:{number}", len(line), limits)
                while line and not line.endswith(b"\n"):  # skip the rest of the line
                    line = stream.readline(limits.max_bytes)
                continue
            if line.strip():
                yield _jsonl_item(decoder, line, f"{source}:{number}", limits, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield IngestError(f"broken data after line {number}: {exc}", source=source)


def _jsonl_item(
    decoder: msgspec.json.Decoder[_JsonlRow],
    line: bytes,
    where: str,
    limits: Limits,
    published: str | None,
) -> Item:
    try:
        row = decoder.decode(line)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        return IngestError(f"not a JSON object with url/html/text: {exc}", source=where)
    content, kind = (row.html, "html") if row.html is not None else (row.text, "text")
    if content is None:
        return IngestError("the JSON object has neither 'html' nor 'text'", source=where)
    if len(content) > limits.max_bytes:
        return _too_large(where, len(content), limits)
    return RawDocument(
        source=row.source or where,
        content=clean_text(content),
        kind=kind,  # type: ignore[arg-type]
        url=row.url,
        published=row.published or published,
    )


def _too_large(source: str, size: int, limits: Limits) -> IngestError:
    return IngestError(
        f"{size / (1024 * 1024):.1f} MiB is over the {limits.max_bytes // (1024 * 1024)} MiB "
        "limit per document (raise it with --max-bytes)",
        source=source,
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None
