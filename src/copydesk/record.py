"""The article record: the one typed contract every stage reads and writes.

Each stage fills its own fields and never reaches back into an earlier one. The body
text exists once: ``body`` is the list of paragraphs, and every span elsewhere in the
record (mentions, quotes, figures, times) is a pair of character offsets into
``Article.body_text``, which is the paragraphs joined by one blank line (``"\\n\\n"``).

msgspec is used rather than pydantic or dataclasses because records are built and
serialised by the million during corpus ingest: msgspec Structs are typed, validate
on decode, produce a JSON Schema from the same types, and encode several times faster
than the alternatives.
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec

SCHEMA_VERSION = "1.7"
BODY_SEPARATOR = "\n\n"

# ``listing`` is a section front or index of teasers; ``live_blog`` a story told in timed
# entries (``Article.entries``); ``opinion`` and ``review`` are articles of that genre.
PageType = Literal["article", "listing", "live_blog", "gallery", "opinion", "review", "no_text"]
ActorType = Literal["person", "organization", "anonymous", "unknown"]
QuoteKind = Literal["direct", "indirect", "mixed"]


class Span(msgspec.Struct, frozen=True):
    """Half-open character offsets ``[start, end)`` into ``Article.body_text``."""

    start: int
    end: int


class Dateline(msgspec.Struct, kw_only=True):
    """The place/agency/date prefix of the first paragraph (``KYIV, Sept 25 (Reuters) -``)."""

    text: str
    place: str | None = None
    agency: str | None = None
    date: str | None = None


class Published(msgspec.Struct, kw_only=True):
    """When the story was published, with the evidence a reviewer can check. ``value``
    is the day; ``time`` the moment (ISO 8601 with its zone) where the source gives one
    (a feed item, a JSONL row, ``article:published_time``)."""

    value: str | None = None
    time: str | None = None
    evidence: str | None = None
    source: str | None = None


class Modified(Published, kw_only=True):
    """When the page says the story was last changed, with its evidence; never before
    ``published``."""


class Credits(msgspec.Struct, kw_only=True):
    """People credited by role, from credit lines and photo credits."""

    reporters: list[str] = msgspec.field(default_factory=list)
    writers: list[str] = msgspec.field(default_factory=list)
    editors: list[str] = msgspec.field(default_factory=list)
    photographers: list[str] = msgspec.field(default_factory=list)
    agencies: list[str] = msgspec.field(default_factory=list)


class Caption(msgspec.Struct, kw_only=True):
    text: str
    credit: str | None = None
    photographer: str | None = None
    agency: str | None = None
    date: str | None = None


class Boilerplate(msgspec.Struct, kw_only=True):
    """A dropped segment and the snake_case name of the rule that dropped it."""

    text: str
    reason: str


class Place(msgspec.Struct, kw_only=True, frozen=True):
    """Another place the store met the same document, byte for byte: its URL (if it
    had one) and the input it came from."""

    url: str | None = None
    source: str


class Notice(msgspec.Struct, kw_only=True, frozen=True):
    """Something a reader or a stage did to the document that a user must know about:
    a limit that cut it, bad bytes replaced, a charset that could not be trusted.

    ``code`` is a snake_case name to count by (``blocks_cut``, ``bad_bytes_replaced``);
    ``message`` says it in words, naming the limit and how to lift it.
    """

    code: str
    message: str


class Mention(msgspec.Struct, kw_only=True):
    text: str
    span: Span


class Actor(msgspec.Struct, kw_only=True):
    """One person, organisation or group in the story. ``name`` is the fullest form the
    story uses; ``aliases`` every other form it is called by ("Reeves", "Mr. Reeves")."""

    id: str
    name: str
    type: ActorType = "unknown"
    aliases: list[str] = msgspec.field(default_factory=list)
    roles: list[str] = msgspec.field(default_factory=list)
    mentions: list[Mention] = msgspec.field(default_factory=list)


class Speaker(msgspec.Struct, kw_only=True):
    """Who a quote is attributed to; ``confidence`` is how likely the attribution is right."""

    name: str
    type: ActorType = "unknown"
    actor: str | None = None
    mention: Mention | None = None
    confidence: float | None = None


class Quote(msgspec.Struct, kw_only=True):
    text: str
    kind: QuoteKind
    span: Span
    speaker: Speaker | None = None
    cue: str | None = None
    fragments: list[Span] = msgspec.field(default_factory=list)
    confidence: float | None = None


class Stance(msgspec.Struct, kw_only=True):
    """What someone believes, wants, expects, supports or opposes, as the story reports
    it ("voters want change", "her support for the bill"): not their words, so not a
    quote. ``confidence`` is the stance model's probability."""

    text: str
    span: Span
    holder: Speaker
    cue: str
    confidence: float


class Figure(msgspec.Struct, kw_only=True):
    text: str
    span: Span
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    approx: bool = False
    counted: str | None = None
    claimant: str | None = None
    as_of: str | None = None


class TimeExpression(msgspec.Struct, kw_only=True):
    text: str
    span: Span
    type: Literal["date", "time", "duration", "set"] = "date"
    value: str | None = None
    resolved: bool = False


class Entry(msgspec.Struct, kw_only=True):
    """One timed entry of a live blog: its paragraphs in ``Article.body_text`` (``span``),
    the time it was posted and its own title, where the page gives them."""

    span: Span
    time: str | None = None
    title: str | None = None


class Article(msgspec.Struct, kw_only=True):
    """One news article as a copy editor reads it."""

    schema_version: str = SCHEMA_VERSION
    source: str
    page_type: PageType = "article"
    url: str | None = None
    site: str | None = None  # the host of ``url`` without ``www.`` ("example.com")
    site_name: str | None = None  # the name the site gives itself ("The Example Times")
    fetched: str | None = None  # when the page was crawled (a WARC's date), never ``published``
    language: str | None = None
    # how far the body's words bear ``language`` out (0-1; 1 when the caller gave it,
    # None when there is no language or no way to check it)
    language_confidence: float | None = None
    headline: str | None = None
    kicker: str | None = None
    dateline: Dateline | None = None
    published: Published = msgspec.field(default_factory=Published)
    modified: Modified = msgspec.field(default_factory=Modified)
    authors: list[str] = msgspec.field(default_factory=list)
    credits: Credits = msgspec.field(default_factory=Credits)
    captions: list[Caption] = msgspec.field(default_factory=list)
    body: list[str] = msgspec.field(default_factory=list)
    entries: list[Entry] = msgspec.field(default_factory=list)
    boilerplate: list[Boilerplate] = msgspec.field(default_factory=list)
    provenance: dict[str, str] = msgspec.field(default_factory=dict)
    actors: list[Actor] = msgspec.field(default_factory=list)
    quotes: list[Quote] = msgspec.field(default_factory=list)
    stances: list[Stance] = msgspec.field(default_factory=list)
    figures: list[Figure] = msgspec.field(default_factory=list)
    vague_figures: list[Figure] = msgspec.field(default_factory=list)
    times: list[TimeExpression] = msgspec.field(default_factory=list)
    understood: bool = False
    # the understanding layers that ran ("actors", "quotes", ...); where one did not, a
    # warning says why (``language_not_supported``)
    layers: list[str] = msgspec.field(default_factory=list)
    warnings: list[Notice] = msgspec.field(default_factory=list)
    # the other URLs and inputs the store met this same document under (a second
    # address of one page); filled by the store when it gives a record back
    places: list[Place] = msgspec.field(default_factory=list)

    @property
    def body_text(self) -> str:
        """The text every span points into: paragraphs joined by one blank line."""
        return BODY_SEPARATOR.join(self.body)


_ENCODER = msgspec.json.Encoder()


def to_json(article: Article) -> bytes:
    return _ENCODER.encode(article)


def to_builtins(article: Article) -> dict[str, Any]:
    result: dict[str, Any] = msgspec.to_builtins(article)
    return result


def from_json(data: bytes | str) -> Article:
    """Decode and validate a record; raises ``RecordError`` naming the problem."""
    from copydesk.errors import RecordError

    try:
        return msgspec.json.decode(data, type=Article)
    except msgspec.ValidationError as exc:
        raise RecordError(f"not a valid article record: {exc}") from exc
    except msgspec.DecodeError as exc:
        raise RecordError(f"not JSON: {exc}") from exc
    except UnicodeDecodeError as exc:  # msgspec checks UTF-8 inside strings as it goes
        raise RecordError(f"text that is not UTF-8 at byte {exc.start}") from exc


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the record, generated from the types above."""
    schema: dict[str, Any] = msgspec.json.schema(Article)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "copydesk article record"
    schema["description"] = f"schema_version {SCHEMA_VERSION}; spans index Article.body_text"
    return schema
