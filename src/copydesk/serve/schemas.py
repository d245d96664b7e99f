"""What the HTTP API answers, as msgspec types, and their OpenAPI description.

The rows are the Python API's own types (``SearchHit``, ``QuoteRow``, the ``Article``
record), so HTTP, the CLI and ``copydesk.api`` give the same answers. Responses are
encoded by msgspec, as the store encodes records, and their schemas in ``/openapi.json``
are generated from the same types, so the documentation cannot drift from what is sent.
"""

from __future__ import annotations

from typing import Any

import msgspec

# The row types copydesk.api returns; imported from where api gets them until api lists
# them in an ``__all__`` (strict mypy refuses implicit re-exports). Types only: no query.
from copydesk.api import (
    CopyRow,
    ErrorRow,
    FigureRow,
    OutletSources,
    QuoteRow,
    SearchHit,
    SpeakerRow,
    ThreadRow,
)
from copydesk.record import Article

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """An error as RFC 9457 (formerly 7807) describes it: what went wrong, in words."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[dict[str, Any]] | None = None


class SearchPage(msgspec.Struct, kw_only=True):
    """One page of search results; ``next`` is the ``offset`` of the next page, if any."""

    items: list[SearchHit]
    next: int | None


class QuotePage(msgspec.Struct, kw_only=True):
    """Quotes, newest first, each with its attribution's ``confidence`` (0-1, or null
    where the record did not score it)."""

    items: list[QuoteRow]
    next: int | None


class SpeakerPage(msgspec.Struct, kw_only=True):
    """Speakers across the store, most quoted first: canonical name, aliases, roles with
    the days they were seen, and quote and outlet counts."""

    items: list[SpeakerRow]
    next: int | None


class OutletSourcesPage(msgspec.Struct, kw_only=True):
    """Per outlet, its quotes and the share of them from anonymous sources, the most
    reliant first."""

    items: list[OutletSources]
    next: int | None


class FigurePage(msgspec.Struct, kw_only=True):
    """Figures in as-of date order (undated ones last); values are numbers."""

    items: list[FigureRow]
    next: int | None


class ThreadPage(msgspec.Struct, kw_only=True):
    items: list[ThreadRow]
    next: int | None


class ErrorPage(msgspec.Struct, kw_only=True):
    items: list[ErrorRow]
    next: int | None


class Edit(msgspec.Struct, kw_only=True):
    """A paragraph a copy added to, or cut from, the original."""

    op: str
    text: str


class StoryCopy(msgspec.Struct, kw_only=True):
    copy: CopyRow
    edits: list[Edit]


class StoryPage(msgspec.Struct, kw_only=True):
    """Where one wire story ran: the original first, then each copy with its edits."""

    id: int
    copies: list[StoryCopy]


RESPONSE_TYPES: tuple[type[msgspec.Struct], ...] = (
    Problem,
    SearchPage,
    QuotePage,
    SpeakerPage,
    OutletSourcesPage,
    FigurePage,
    ThreadPage,
    ErrorPage,
    StoryPage,
    Article,
)

_ENCODER = msgspec.json.Encoder()


def encode(value: msgspec.Struct) -> bytes:
    return _ENCODER.encode(value)


def components() -> dict[str, Any]:
    """The OpenAPI ``components.schemas`` of every response type."""
    _, schemas = msgspec.json.schema_components(
        RESPONSE_TYPES, ref_template="#/components/schemas/{name}"
    )
    return schemas


def ref(kind: type[msgspec.Struct]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{kind.__name__}"}


def ok(kind: type[msgspec.Struct], description: str) -> dict[int | str, dict[str, Any]]:
    """The documented 200 response of an operation answering ``kind``."""
    return {
        200: {"description": description, "content": {"application/json": {"schema": ref(kind)}}}
    }


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error responses of an operation: each one a ``Problem``."""
    titles = {
        400: "Bad request: a query the store cannot read",
        404: "Not found",
        413: "Body over the size limit",
        415: "Media type not accepted",
        422: "Invalid parameters",
        500: "Server error",
        503: "Busy: every extraction slot stayed taken (try again later)",
    }
    return {
        status: {
            "description": titles[status],
            "content": {PROBLEM_MEDIA_TYPE: {"schema": ref(Problem)}},
        }
        for status in statuses
    }
