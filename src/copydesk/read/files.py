"""Readers: paths, folders, standard input, gzip, JSONL and feeds into a stream of documents.

A reader never stops a batch for one bad input: it yields an ``ReadError`` in the
document's place, so the caller can record it and go on. Memory stays flat: files are
read one at a time and JSONL line by line. Standard input is sniffed: a WARC, a JSONL
dump (its first line a JSON object), an RSS or Atom feed (one document per item) or one
document.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import msgspec

from copydesk.errors import ReadError
from copydesk.read.compression import over_limit_message
from copydesk.read.decode import decode_text
from copydesk.read.document import ContentKind, RawDocument
from copydesk.read.feeds import looks_like_feed, read_feed
from copydesk.read.folders import document_files, walk_documents
from copydesk.read.jsonl import looks_like_jsonl, read_jsonl, too_large
from copydesk.read.limits import DEFAULT_LIMITS, Limits
from copydesk.read.warc import read_warc

__all__ = ["document_files", "document_from_bytes", "read_documents", "sniff_kind"]

STDIN = "-"
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}

Item = RawDocument | ReadError


def read_documents(
    paths: Iterable[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    published: str | None = None,
    language: str | None = None,
) -> Iterator[Item]:
    """Yield a document (or the error that stands in for it) for every input, in order.

    ``language`` is the caller's for every document that states none of its own (a
    JSONL row's ``language`` is its own)."""
    for item in _read_all(paths, limits, published):
        if language and isinstance(item, RawDocument) and item.language is None:
            yield msgspec.structs.replace(item, language=language)
        else:
            yield item


def _read_all(paths: Iterable[str], limits: Limits, published: str | None) -> Iterator[Item]:
    for name in paths:
        if name == STDIN:
            yield from _read_stdin(sys.stdin.buffer, limits, published)
            continue
        try:
            mode = os.stat(name).st_mode
        except FileNotFoundError:
            yield ReadError("no such file or folder", source=name)
            continue
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
            yield ReadError(f"cannot read: {reason or exc}", source=name)
            continue
        if stat.S_ISDIR(mode):  # in a folder, only files that are documents by their name
            for item in walk_documents(Path(name)):
                if isinstance(item, ReadError):
                    yield item
                else:
                    yield from _read_file(item, limits, published)
        else:
            yield from _read_file(Path(name), limits, published)


def document_from_bytes(
    data: bytes,
    *,
    source: str,
    url: str | None = None,
    published: str | None = None,
    kind: ContentKind | None = None,
    suffixes: Sequence[str] = (),
) -> RawDocument:
    """Decode one document's bytes, sniffing whether it is HTML when ``kind`` is not given.

    What decoding had to do (bad bytes replaced, a bogus charset ignored) is in
    ``warnings``. Raises ``ReadError`` naming ``source`` when the bytes are not text.
    """
    text, notices = decode_text(data, source=source, declared=_declared_charset(data))
    return RawDocument(
        source=source,
        content=text,
        kind=kind or sniff_kind(text, suffixes),
        url=url,
        published=published,
        warnings=notices,
    )


def sniff_kind(text: str, suffixes: Sequence[str] = ()) -> ContentKind:
    """HTML when its markup says so: in the first 4 KB, or further on when the file's
    name says HTML or its head is markup that holds no text (scripts, comments, an XML
    declaration, a style sheet), which a page may carry for many kilobytes before its
    first element."""
    if _HTML_SNIFF.search(text[:_SNIFF_BYTES]):
        return "html"
    named = bool({s.lower() for s in suffixes[-2:]} & _HTML_SUFFIXES)
    if (named or _MARKUP_HEAD.match(text)) and _HTML_SNIFF.search(text):
        return "html"
    return "text"


_SNIFF_BYTES = 4096
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_MARKUP_HEAD = re.compile(
    r"\A(?:\ufeff)?\s*<(?:script|!--|\?xml|style|meta|link|noscript)", re.IGNORECASE
)


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
                yield from read_jsonl(stream, source, limits, published)
                return
            size = path.stat().st_size
            if size > limits.max_bytes and not path.name.endswith(".gz"):
                yield too_large(source, size, limits)
                return
            yield from _read_stream(handle, source, limits, published, suffixes=path.suffixes)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        yield ReadError(f"cannot read: {reason or exc}", source=source)


def _read_stdin(stdin: BinaryIO, limits: Limits, published: str | None) -> Iterator[Item]:
    """Standard input is a WARC, a JSONL dump (gzipped or not) or one document."""
    if _is_warc(stdin, []):
        yield from read_warc(stdin, "<stdin>", limits, published)
    elif looks_like_jsonl(_head(stdin)):
        stream = gzip.GzipFile(fileobj=stdin) if _peek(stdin, 2) == b"\x1f\x8b" else stdin
        yield from read_jsonl(stream, "<stdin>", limits, published)
    else:
        yield from _read_stream(stdin, "<stdin>", limits, published)


def _peek(handle: BinaryIO, size: int) -> bytes:
    return handle.peek(size)[:size] if isinstance(handle, io.BufferedReader) else b""


def _head(handle: BinaryIO) -> bytes:
    """The first bytes of a stream, inflated when it is gzip, without consuming them."""
    head = _peek(handle, 1024)
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(47).decompress(head, 1024)
        except zlib.error:
            return b""
    return head


def _is_warc(handle: BinaryIO, suffixes: list[str]) -> bool:
    """By name (.warc, .warc.gz) or by the first bytes, compressed or not."""
    names = [s.lower() for s in suffixes]
    return ".warc" in names[-2:] or _head(handle).startswith(b"WARC/")


def _read_stream(
    handle: BinaryIO,
    source: str,
    limits: Limits,
    published: str | None,
    suffixes: list[str] | None = None,
) -> Iterator[Item]:
    suffixes = [s.lower() for s in suffixes or []]
    compressed = _peek(handle, 2) == b"\x1f\x8b" or (suffixes[-1:] == [".gz"])
    try:
        data = _read_limited(gzip.GzipFile(fileobj=handle) if compressed else handle, limits)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadError(f"broken gzip data: {exc}", source=source)
        return
    if data is None:
        message = over_limit_message(limits.max_bytes) if compressed else None
        yield (
            ReadError(message, source=source)
            if message
            else too_large(source, limits.max_bytes + 1, limits)
        )
        return
    if looks_like_feed(data):
        yield from read_feed(data, source, published)
        return
    try:
        yield document_from_bytes(data, source=source, published=published, suffixes=suffixes)
    except ReadError as exc:
        yield exc


def _read_limited(handle: BinaryIO | gzip.GzipFile, limits: Limits) -> bytes | None:
    """Read at most ``limits.max_bytes``; None if there was more (a gzip bomb stops here)."""
    data = handle.read(limits.max_bytes + 1)
    return None if len(data) > limits.max_bytes else data


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None
