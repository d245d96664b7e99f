from __future__ import annotations

import codecs
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.errors import ReadError
from copydesk.read.decode import clean_text, decode_bytes, decode_text, text_codec

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
    with pytest.raises(ReadError, match=r"^photo\.jpg: looks like binary data"):
        decode_bytes(bytes(range(256)) * 20, source="photo.jpg")


def test_control_characters_and_crlf_are_cleaned() -> None:
    assert decode_bytes(b"a\x00b\r\nc\x07", source="x") == "ab\nc"


# --- nearly-valid UTF-8, bogus charsets, normalisation (issue 15) ---------------------

FRENCH = "Le café est très bon, dit l’élève à l’école de Besançon. " * 4


def test_utf8_with_a_few_bad_bytes_is_read_as_utf8_with_a_notice() -> None:
    data = FRENCH.encode() + b"caf\xe9 \xff\xfe " + FRENCH.encode()
    text, notices = decode_text(data, source="x")
    assert "café est très" in text and "cafķ" not in text
    assert text.count("\ufffd") == 3
    [notice] = notices
    assert notice.code == "bad_bytes_replaced" and "3 invalid" in notice.message


def test_legacy_text_is_not_mistaken_for_nearly_valid_utf8() -> None:
    text, notices = decode_text(FRENCH.encode("cp1252"), source="x")
    assert text == clean_text(FRENCH) and notices == ()


@pytest.mark.parametrize("encoding", ["shift_jis", "gb18030", "euc_kr", "cp1251"])
def test_legacy_multibyte_text_is_not_read_as_utf8(encoding: str) -> None:
    sentence = {
        "shift_jis": "東京都は月曜日、新しい条例を発表した。価格は上昇を続けている。",
        "gb18030": "北京市政府星期一宣布了新的规定。经济学家说，能源价格将继续上涨。",
        "euc_kr": "서울시는 월요일 새로운 조례를 발표했다. 에너지 가격이 계속 오를 것이다.",
        "cp1251": "Правительство заявило в понедельник, что цены не будут расти.",
    }[encoding] * 3
    _, notices = decode_text(sentence.encode(encoding), source="x")
    assert all(n.code != "bad_bytes_replaced" for n in notices)


@pytest.mark.parametrize(
    "charset",
    ["undefined", "punycode", "idna", "rot13", "base64", "x-user-defined", "utf-7", "zz\x00"],
)
def test_a_bogus_declared_charset_is_ignored_with_a_notice(charset: str) -> None:
    text, notices = decode_text(TEXT.encode(), source="x", declared=charset)
    assert text == TEXT
    assert [n.code for n in notices] == ["charset_ignored"]


def test_a_real_declared_charset_gives_no_notice() -> None:
    assert text_codec("ISO-8859-1") == "cp1252"
    assert decode_text(TEXT.encode("cp1252"), source="x", declared='"latin-1"') == (TEXT, ())


def test_zero_width_and_bidi_controls_are_removed_but_zwj_and_zwnj_kept() -> None:
    hidden = "Sam\u200bantha\u00ad Pow\u2060er\u200e\u202a\u2066\ufeff"
    assert clean_text(hidden) == "Samantha Power"
    persian = "می\u200cخواهم"  # ZWNJ is spelling in Persian
    family = "\U0001f468\u200d\U0001f469"  # ZWJ joins an emoji sequence
    assert clean_text(persian) == persian and clean_text(family) == family


def test_text_is_normalised_to_nfc() -> None:
    assert clean_text("cafe\u0301") == "café"
    assert decode_bytes("Zoe\u0308".encode(), source="x") == "Zoë"


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=600),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    st.one_of(st.none(), st.text(max_size=20), st.sampled_from(["undefined", "utf-16", "idna"])),
)
def test_any_bytes_decode_to_clean_text_or_an_ingest_error(
    data: bytes, declared: str | None
) -> None:
    try:
        text, _ = decode_text(data, source="fuzz", declared=declared)
    except ReadError as exc:
        assert str(exc).startswith("fuzz: ")
        return
    assert isinstance(text, str)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u200b\u2060\ufeff\ud800-\udfff]", text)
    assert unicodedata.is_normalized("NFC", text)
