"""Bytes to text: BOM, a declared charset, strict UTF-8, then statistical detection.

Scraped news arrives in every encoding a CMS ever produced (cp1252 from old US papers,
cp1251 from Russian sites, Shift_JIS, GB18030). A wrong guess turns every curly quote
into mojibake and breaks quote detection downstream, so the order matters: a byte-order
mark is certain, a declared charset is usually right, valid UTF-8 is almost never an
accident, and only then do we ask charset-normalizer to guess.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from copydesk.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab and newline: NULs and friends that crash peers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SNIFF = 4096


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Decode ``data`` to text, or raise ``IngestError`` naming ``source``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return clean_text(data.decode(encoding, errors="replace"))
    if _looks_binary(data[:_SNIFF]):
        raise IngestError("looks like binary data, not text or HTML", source=source)
    if declared:
        try:
            return clean_text(data.decode(_codec_name(declared)))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return clean_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    guessed = _guess_encoding(data[: 512 * 1024])
    if guessed is None:
        raise IngestError("cannot tell the text encoding", source=source)
    return clean_text(data.decode(guessed, errors="replace"))


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
    """Normalise line ends and drop control characters that no text should carry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def _codec_name(declared: str) -> str:
    name = declared.strip().strip("\"'").lower()
    # Browsers read these labels as their supersets; so must we.
    return {
        "iso-8859-1": "cp1252",
        "latin-1": "cp1252",
        "ascii": "cp1252",
        "us-ascii": "cp1252",
        "gb2312": "gb18030",
        "gbk": "gb18030",
    }.get(name, name)


def _looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if head.count(b"\x00") > max(8, len(head) // 100):
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 10)
