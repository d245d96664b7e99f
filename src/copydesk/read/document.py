"""What a reader hands to extraction: one document's content and what is known about it."""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from copydesk.errors import ReadError
from copydesk.record import Notice


class Skipped(ReadError):
    """An input left out because it is no document: a file of another type in a folder
    (``not_a_document``), a WARC record that is not a page. ``kind`` says why, in
    snake_case, so that skips can be counted by reason."""

    def __init__(self, message: str, *, source: str, kind: str) -> None:
        super().__init__(message, source=source)
        self.kind = kind


ContentKind = Literal["text", "html"]


class RawDocument(msgspec.Struct, kw_only=True, frozen=True):
    """One input document, decoded to text but otherwise untouched.

    ``published`` is a date the caller vouches for (``--published``, a JSONL field, a
    feed item's time: ISO 8601, a day or a time with its zone); ``headline`` is a title
    the source gives apart from the text (a feed item's or a JSONL row's ``title``);
    ``fetched`` is when a crawler saw the page (a WARC record's date), kept as the
    record's ``fetched`` and never taken for the publication date; ``language`` is the
    body's language as the caller states it, which wins over what the page claims and
    what its words suggest. ``warnings`` are what
    the reader had to do to the input (bad bytes replaced, a bogus charset ignored); they
    reach the record.
    """

    source: str
    content: str
    kind: ContentKind = "text"
    url: str | None = None
    headline: str | None = None
    published: str | None = None
    fetched: str | None = None
    warnings: tuple[Notice, ...] = ()
    language: str | None = None  # an ISO 639-1 code the caller vouches for (--language)
    # the words ``published`` was read from, where they are not ISO 8601 already (a
    # feed's "Mon, 10 Mar 2014 23:30:00 -0500")
    published_evidence: str | None = None


# What a language must be, in the errors that refuse one.
LANGUAGE_EXPECTED = "a two-letter language code (fr, de, en-GB)"


def language_tag(value: str) -> str | None:
    """The ISO 639-1 code of a caller's language ("fr", "FR", "fr-CA", "pt_BR"), or None
    when it is no two-letter code."""
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return primary if len(primary) == 2 and primary.isascii() and primary.isalpha() else None


def content_key(document: RawDocument) -> str:
    """The identity of a document: the exact content it had, whatever its name or URL
    (the same page under a second file name or address is one document, both kept).

    A headline item (a feed entry) is too short for its text to say which it is: two
    outlets' items may share a title, so its link is part of its identity."""
    if document.headline is not None:  # a headline item is its link and title, not text
        identity = f"{document.url or ''}\n{document.headline}\n{document.content}"
    else:
        identity = document.content
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
