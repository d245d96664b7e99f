"""Bytes to text: BOM, a declared charset, UTF-8 (even with a few bad bytes), then detection.

Scraped news arrives in every encoding a CMS ever produced (cp1252 from old US papers,
cp1251 from Russian sites, Shift_JIS, GB18030). A wrong guess turns every curly quote
into mojibake and breaks quote detection downstream, so the order matters: a byte-order
mark is certain, a declared charset is usually right, valid UTF-8 is almost never an
accident, UTF-8 with a handful of bad bytes is still UTF-8 (a page cut and pasted from
two sources), and only then do we ask charset-normalizer to guess.

Whatever the bytes, decoding ends in text or an ``ReadError``: a bogus declared
charset (``undefined``, ``punycode``, ``base64``) is ignored with a notice, never obeyed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from copydesk.errors import ReadError
from copydesk.record import Notice

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Removed on reading, from every reader's text:
# - control characters other than tab and newline (NULs and friends that crash peers);
# - zero-width and bidi controls that split a word without showing (ZWSP, word joiner,
#   a stray BOM, LRM/RLM, ALM, the embeddings, overrides and isolates, soft hyphen), so
#   "Sam\u200bantha" is the same name as "Samantha";
# - lone surrogates, which no UTF-8 output can carry.
# ZWNJ and ZWJ (U+200C, U+200D) stay: Persian, Indic scripts and emoji need them.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u061c\u200b\u200e\u200f"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
_SNIFF = 4096
_REPLACEMENT_UTF8 = "\ufffd".encode()
_ASCII = bytes(range(128))
# A legacy encoding read as UTF-8 gives far more invalid sequences than valid ones: none
# valid for cp1252, cp1251, cp1253, cp1255, cp1256, KOI8-R; at most 0.4 valid per invalid
# for Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, cp866 (measured on news sentences). Three valid
# multi-byte characters to each invalid one is over seven times beyond chance: that is
# UTF-8 (a French paragraph with a few stray bytes has about four).
_VALID_PER_BAD = 3
# Python codecs that are text encodings by their type but not charsets a page can use:
# they transform rather than decode (punycode, idna), always fail (undefined), or are a
# known vector for smuggling markup past filters (UTF-7, which browsers refuse too).
_NOT_WEB_CHARSETS = frozenset(
    {"undefined", "punycode", "idna", "utf-7", "unicode-escape", "raw-unicode-escape"}
)
# Browsers read these labels as their supersets; so must we.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}


def decode_text(
    data: bytes, *, source: str, declared: str | None = None
) -> tuple[str, tuple[Notice, ...]]:
    """Decode ``data`` to clean text, with notices of what decoding had to do.

    Raises ``ReadError`` naming ``source`` for binary data or bytes no encoding fits;
    nothing else escapes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return clean_text(data.decode(encoding, errors="replace")), ()
    if _looks_binary(data[:_SNIFF]):
        raise ReadError("looks like binary data, not text or HTML", source=source)
    notices: list[Notice] = []
    if declared:
        codec = text_codec(declared)
        if codec is None:
            notices.append(
                Notice(
                    code="charset_ignored",
                    message=f"declared charset {declared[:40]!r} is unknown or not a text "
                    "encoding; the encoding was detected instead",
                )
            )
        else:
            try:
                return clean_text(data.decode(codec)), ()
            except ValueError:  # UnicodeError and the odd codec's own complaint
                pass  # a wrong declaration is common; fall through to detection
    text, notice = _utf8(data)
    if text is not None:
        return clean_text(text), (*notices, *notice)
    guessed = _guess_encoding(data[: 512 * 1024])
    if guessed is None:
        raise ReadError("cannot tell the text encoding", source=source)
    try:
        return clean_text(data.decode(guessed, errors="replace")), tuple(notices)
    except (ValueError, LookupError) as exc:  # a guess no codec can follow through
        raise ReadError(f"cannot decode as {guessed}: {exc}", source=source) from exc


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """The text of :func:`decode_text`, for callers that keep no notices."""
    return decode_text(data, source=source, declared=declared)[0]


def text_codec(declared: str) -> str | None:
    """The Python codec for a declared charset label, or None when it is not one a page
    may use (unknown, a bytes-to-bytes codec like base64, or a transform like punycode)."""
    name = declared.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_WEB_CHARSETS:
        return None
    return info.name


def _utf8(data: bytes) -> tuple[str | None, tuple[Notice, ...]]:
    """UTF-8 text, strict or nearly so; (None, ()) when the bytes are some other encoding.

    Counting is exact and cheap: every ASCII byte decodes to itself, so the non-ASCII
    characters are the decoded length less the ASCII byte count, and the bad sequences
    are the replacement characters the data did not itself contain.
    """
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(_REPLACEMENT_UTF8)
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    valid = len(text) - ascii_bytes - bad
    if bad <= 0 or valid < _VALID_PER_BAD * bad:
        return None, ()
    notice = Notice(
        code="bad_bytes_replaced",
        message=f"{bad} invalid UTF-8 byte sequence{'s' if bad != 1 else ''} replaced "
        "with U+FFFD; the rest is valid UTF-8",
    )
    return text, (notice,)


def _guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best guess; on a tie, the web's most common legacy codec.

    Short Western texts decode equally cleanly as cp1250, cp1252 and cp1257; the tie is
    settled for cp1252, which is what the page almost always was.
    """
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence - 0.01
        if match.encoding == "cp1252" and tied:
            return "cp1252"
    return str(best.encoding)


def clean_text(text: str) -> str:
    """Normalise what every reader hands on: line ends to ``\\n``, Unicode to NFC, and
    invisible characters (controls, zero-width and bidi marks) removed, so the same
    word is the same string wherever it came from. One regex pass; NFC only when needed.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head.count(b"\x00") > max(8, len(head) // 100):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 10)
