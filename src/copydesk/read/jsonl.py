"""JSONL dumps: one ``{"url", "html" | "text", "published", "source"}`` object a line,
or a headline item ``{"url", "title", "summary"?, "published"}`` as a feed gives it.

Read as a stream, so memory stays flat whatever the dump's size. Every line gives
exactly one item: its document, or an ``ReadError`` whose source is ``FILE:LINE`` and
whose message says what is wrong with that line (bad UTF-8, not JSON, not an object, a
field of the wrong type, nesting too deep, neither html nor text). A bad line never
stops the lines after it; a compressed dump cut short reports the break and keeps the
lines before it.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

import msgspec

from copydesk.errors import ReadError
from copydesk.read.decode import clean_text
from copydesk.read.document import LANGUAGE_EXPECTED, RawDocument, language_tag
from copydesk.read.limits import MIB, Limits

Item = RawDocument | ReadError
# A stream is JSONL when its first non-blank line opens a JSON object with a key (or
# is "{}"): plain text and HTML never start that way.
_JSONL_HEAD = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*(?:"|\})')


class _JsonlRow(msgspec.Struct, kw_only=True):
    url: str | None = None
    html: str | None = None
    text: str | None = None
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None


def looks_like_jsonl(head: bytes) -> bool:
    """Whether the first bytes of a stream (decompressed) are the start of a JSONL dump."""
    return _JSONL_HEAD.match(head) is not None


def read_jsonl(
    stream: BinaryIO | gzip.GzipFile, source: str, limits: Limits, published: str | None
) -> Iterator[Item]:
    """One document per line; a line over the size limit is refused on its own."""
    decoder = msgspec.json.Decoder(_JsonlRow)
    number = 0
    try:
        while True:
            line = stream.readline(limits.max_bytes + 1)
            if not line:
                return
            number += 1
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if len(line) > limits.max_bytes and not line.endswith(b"\n"):
                yield too_large(f"{source}:{number}", len(line), limits)
                while line and not line.endswith(b"\n"):  # skip the rest of the line
                    line = stream.readline(limits.max_bytes)
                continue
            if line.strip():
                yield _item(decoder, line, f"{source}:{number}", limits, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadError(f"broken data after line {number}: {exc}", source=source)


def _item(
    decoder: msgspec.json.Decoder[_JsonlRow],
    line: bytes,
    where: str,
    limits: Limits,
    published: str | None,
) -> Item:
    row = _decode(decoder, line, where)
    if isinstance(row, ReadError):
        return row
    content, kind = (row.html, "html") if row.html is not None else (row.text, "text")
    if content is None and (row.title or row.summary):
        content = row.summary or ""  # a headline item: the title is its headline
    if content is None:
        return ReadError("the JSON object has no 'html', 'text' or 'title' to read", source=where)
    if len(content) > limits.max_bytes:
        return too_large(where, len(content), limits)
    language = language_tag(row.language) if row.language is not None else None
    if row.language is not None and language is None:
        return ReadError(
            f"language={row.language!r} is not {LANGUAGE_EXPECTED}",
            source=where,
        )
    return RawDocument(
        source=row.source or where,
        content=clean_text(content),
        kind=kind,  # type: ignore[arg-type]
        url=row.url,
        headline=clean_text(row.title).strip() or None if row.title else None,
        published=row.published or published,
        language=language,
    )


def _decode(
    decoder: msgspec.json.Decoder[_JsonlRow], line: bytes, where: str
) -> _JsonlRow | ReadError:
    """The line's row, or the error naming what is wrong with it."""
    try:
        return decoder.decode(line)
    except UnicodeDecodeError as exc:
        return ReadError(f"not valid UTF-8 at byte {exc.start} of the line", source=where)
    except msgspec.ValidationError as exc:
        return ReadError(
            f"not a JSON object with string url/html/text/title/summary/published/source: {exc}",
            source=where,
        )
    except msgspec.DecodeError as exc:
        return ReadError(f"not JSON: {exc}", source=where)
    except RecursionError:
        return ReadError("JSON nested too deep to read", source=where)


def too_large(source: str, size: int, limits: Limits) -> ReadError:
    return ReadError(
        f"{size / MIB:.1f} MiB is over the {limits.max_bytes / MIB:g} MiB "
        "limit per document (raise it with --max-bytes)",
        source=source,
    )
