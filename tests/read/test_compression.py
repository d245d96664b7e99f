"""Content-Encoding undone with the output bounded while it streams."""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zlib

import brotli
import pytest
from fastwarc.stream_io import ZstdWriter

from copydesk.errors import ReadError
from copydesk.read.compression import MIB, decompress

PAGE = b"<html><body><p>Storm knocks out power to 80,000 homes.</p></body></html>" * 200


def _zstd(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = ZstdWriter(out)
    writer.write(data)
    writer.close()
    return out.getvalue()


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    "encoding,body",
    [
        ("gzip", gzip.compress(PAGE)),
        ("x-gzip", gzip.compress(PAGE)),
        ("gzip", gzip.compress(PAGE[:100]) + gzip.compress(PAGE[100:])),  # two members
        ("deflate", zlib.compress(PAGE)),
        ("deflate", _raw_deflate(PAGE)),  # raw deflate, as browsers accept
        ("br", brotli.compress(PAGE)),
        ("zstd", _zstd(PAGE)),
        ("gzip, br", brotli.compress(gzip.compress(PAGE))),
        ("identity", PAGE),
        ("", PAGE),
    ],
)
def test_each_content_encoding_is_undone(encoding: str, body: bytes) -> None:
    assert decompress(body, encoding, source="x", max_bytes=MIB) == PAGE


@pytest.mark.parametrize(
    "encoding,body",
    [
        ("gzip", gzip.compress(PAGE)[:-12]),
        ("deflate", zlib.compress(PAGE)[:-12]),
        ("br", brotli.compress(PAGE)[:-4]),
        ("zstd", _zstd(PAGE)[:-4]),
        ("br", b"not brotli at all"),
    ],
)
def test_cut_or_broken_content_is_an_error_not_half_a_page(encoding: str, body: bytes) -> None:
    with pytest.raises(ReadError, match=rf"^rec@7: broken {encoding} content"):
        decompress(body, encoding, source="rec@7", max_bytes=MIB)


def test_an_unknown_coding_is_named() -> None:
    with pytest.raises(ReadError, match="unknown content encoding 'compress'"):
        decompress(PAGE, "compress", source="x", max_bytes=MIB)


def _brotli_bomb(mib: int) -> bytes:
    packer = brotli.Compressor(quality=1)
    zeros = bytes(MIB)
    return b"".join(packer.process(zeros) for _ in range(mib)) + packer.finish()


def _gzip_bomb(mib: int) -> bytes:
    packer = zlib.compressobj(9, wbits=31)
    zeros = bytes(MIB)
    return b"".join(packer.compress(zeros) for _ in range(mib)) + packer.flush()


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_bomb_stops_at_the_limit_without_allocating_what_it_claims(encoding: str) -> None:
    bomb = _brotli_bomb(256) if encoding == "br" else _gzip_bomb(256)
    assert len(bomb) < 300_000  # 256 MiB of output claimed
    tracemalloc.start()
    try:
        with pytest.raises(ReadError, match=r"over the 4 MiB limit \(raise it with --max-byt"):
            decompress(bomb, encoding, source="x", max_bytes=4 * MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MIB + 2 * MIB
