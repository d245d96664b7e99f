from __future__ import annotations

import codecs

import pytest

from copydesk.errors import IngestError
from copydesk.ingest.decode import decode_bytes

TEXT = "“Ça coûte 5 €,” said the café owner — naïvely."


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_legacy_and_utf8_text_decode_without_mojibake(encoding: str) -> None:
    data = (TEXT + " " + TEXT).encode(encoding)
    assert decode_bytes(data, source="x") == TEXT + " " + TEXT


def test_cyrillic_legacy_encoding() -> None:
    text = (
        "Правительство заявило в понедельник, что цены на энергию "
        "не будут расти в ближайшие месяцы."
    )
    assert decode_bytes(text.encode("cp1251"), source="x") == text


@pytest.mark.parametrize(
    "bom,encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF8, "utf-8")]
)
def test_byte_order_mark_decides(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + TEXT.encode(encoding), source="x") == TEXT


def test_declared_charset_is_used_when_it_decodes() -> None:
    assert decode_bytes(TEXT.encode("cp1252"), source="x", declared="windows-1252") == TEXT


def test_binary_data_is_refused_with_the_source_named() -> None:
    with pytest.raises(IngestError, match=r"^photo\.jpg: looks like binary data"):
        decode_bytes(bytes(range(256)) * 20, source="photo.jpg")


def test_control_characters_and_crlf_are_cleaned() -> None:
    assert decode_bytes(b"a\x00b\r\nc\x07", source="x") == "ab\nc"
