"""What a reader hands to extraction: one document's content and what is known about it."""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from copydesk.record import Notice

ContentKind = Literal["text", "html"]


class RawDocument(msgspec.Struct, kw_only=True, frozen=True):
    """One input document, decoded to text but otherwise untouched.

    ``published`` is a date the caller vouches for (``--published``, a JSONL field);
    ``fetched`` is when a crawler saw the page (a WARC record's date), used only as the
    last fallback for the publication date. ``warnings`` are what the reader had to do
    to the input (bad bytes replaced, a bogus charset ignored); they reach the record.
    """

    source: str
    content: str
    kind: ContentKind = "text"
    url: str | None = None
    published: str | None = None
    fetched: str | None = None
    warnings: tuple[Notice, ...] = ()


def content_key(document: RawDocument) -> str:
    """The identity of a document: the exact content it had, whatever its name or URL
    (the same page under a second file name or address is one document, both kept)."""
    return hashlib.sha256(document.content.encode("utf-8", "surrogatepass")).hexdigest()
