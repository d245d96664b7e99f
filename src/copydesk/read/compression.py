"""HTTP Content-Encoding undone with a bound on the output, whatever the input claims.

A 3 KB brotli record can expand to gigabytes, so no decoder here is ever asked for
everything: each produces at most ``limit + 1`` bytes while it streams, and a page that
would be larger is refused with the limit named. Compressed data cut short is an error
too, never a page extracted from its first half without a word.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable

import brotli
from fastwarc.stream_io import ZstdReader  # zstd comes with our WARC reader: no new dependency

from copydesk.errors import ReadError

MIB = 1024 * 1024
_PIECE = MIB
_MAX_CODINGS = 4  # "gzip, br" is real; a longer chain is an attack


class _OverLimit(Exception):
    pass


def decompress(body: bytes, encoding: str, *, source: str, max_bytes: int) -> bytes:
    """Undo ``encoding`` (a Content-Encoding value; "gzip, br" is undone right to left).

    Raises ``ReadError`` naming ``source`` for an unknown coding, broken or cut data,
    or output over ``max_bytes``.
    """
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
    if len(codings) > _MAX_CODINGS:
        raise ReadError(f"content encoded {len(codings)} times over: {encoding!r}", source=source)
    for coding in reversed(codings):
        decoder = _DECODERS.get(coding)
        if decoder is None:
            raise ReadError(f"unknown content encoding {coding!r}", source=source)
        try:
            body = decoder(body, max_bytes)
        except _OverLimit:
            raise ReadError(over_limit_message(max_bytes), source=source) from None
        except (zlib.error, brotli.error, OSError, EOFError) as exc:
            raise ReadError(f"broken {coding} content: {exc}", source=source) from exc
    return body


def over_limit_message(max_bytes: int) -> str:
    return (
        f"decompressed content is over the {max_bytes / MIB:g} MiB limit "
        "(raise it with --max-bytes)"
    )


def _identity(body: bytes, limit: int) -> bytes:
    return body


def _inflate(body: bytes, limit: int, wbits: int) -> bytes:
    """zlib, gzip (members one after another) or raw deflate, never past ``limit``: pulled
    a piece at a time, as zlib's buffer for one large request would grow to twice it."""
    chunks: list[bytes] = []
    size = 0
    data = body
    while True:
        decoder = zlib.decompressobj(wbits)
        while data and size <= limit:
            chunks.append(decoder.decompress(data, min(limit + 1 - size, _PIECE)))
            size += len(chunks[-1])
            data = decoder.unconsumed_tail
        if size > limit:
            raise _OverLimit
        if not decoder.eof:
            raise EOFError("the compressed data is cut short")
        data = decoder.unused_data
        if not data or wbits != 47 or not data.startswith(b"\x1f\x8b"):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _gzip(body: bytes, limit: int) -> bytes:
    return _inflate(body, limit, 47)  # 47: a gzip or a zlib header, as servers send both


def _deflate(body: bytes, limit: int) -> bytes:
    """ "deflate" is meant to be zlib-wrapped, but servers send raw deflate too, and
    browsers accept both; the zlib header is two bytes that tell which."""
    wrapped = len(body) >= 2 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0
    return _inflate(body, limit, 15 if wrapped else -15)


def _brotli(body: bytes, limit: int) -> bytes:
    """Brotli through its streaming decoder, pulled a piece at a time so that memory
    stays within the bound and one piece (the buffer overshoots a large limit)."""
    decoder = brotli.Decompressor()
    chunks = [decoder.process(body, output_buffer_limit=min(limit + 1, _PIECE))]
    size = len(chunks[0])
    while size <= limit and not decoder.is_finished() and not decoder.can_accept_more_data():
        chunks.append(decoder.process(b"", output_buffer_limit=min(limit + 1 - size, _PIECE)))
        size += len(chunks[-1])
    if size > limit:
        raise _OverLimit
    if not decoder.is_finished():
        raise EOFError("the compressed data is cut short")
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _zstd(body: bytes, limit: int) -> bytes:
    out = ZstdReader(io.BytesIO(body)).read(limit + 1)
    if len(out) > limit:
        raise _OverLimit
    return bytes(out)


_DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "identity": _identity,
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
}
