"""The REST API under ``/api``: one route per ``copydesk.api`` function, read only.

Each route parses its parameters, calls the Python API and encodes the answer with
msgspec; errors go to ``problems``. Lists answer ``{items, next}``: ``next`` is the
``offset`` of the following page, or null on the last one.
"""

from __future__ import annotations

import codecs
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import AfterValidator
from starlette.concurrency import run_in_threadpool

from copydesk import api
from copydesk.api import ThreadRow
from copydesk.errors import ExtractError
from copydesk.record import Article, to_json
from copydesk.serve import schemas, views
from copydesk.serve.extractor import Extractor, Job
from copydesk.serve.problems import BodyTooLarge, UnsupportedMedia, too_large
from copydesk.serve.schemas import (
    ErrorPage,
    FigurePage,
    OutletSourcesPage,
    QuotePage,
    SearchPage,
    SpeakerPage,
    StoryCopy,
    StoryPage,
    ThreadPage,
)

# SQLite integers are signed 64-bit: a larger id is not a row, it is an overflow.
MAX_ID = 2**63 - 1
MAX_LIMIT = 100
# How deep a list may be paged: quotes and figures fold copies of a story together
# after reading, so their offsets cost rows read (copydesk.corpus.queries.MAX_DEDUP_OFFSET).
MAX_OFFSET = 10_000
MAX_SEARCH_OFFSET = 10_000

Id = Annotated[int, Path(ge=1, le=MAX_ID, description="the store's id")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Confidence = Annotated[
    float | None,
    Query(
        ge=0,
        le=1,
        description="only quotes whose attribution scored at least this (0-1); "
        "unscored quotes are left out",
    ),
]
DAY = r"^\d{4}-\d{2}-\d{2}$"


def real_day(value: str | None) -> str | None:
    """A YYYY-MM-DD that is a day of the calendar (2024-02-30 is not): else 422."""
    if value is not None:
        date.fromisoformat(value)  # ValueError names the problem; FastAPI answers 422
    return value


Since = Annotated[
    str | None,
    Query(
        pattern=DAY,
        json_schema_extra={"format": "date"},
        description="only rows published on or after this day (YYYY-MM-DD)",
    ),
    AfterValidator(real_day),
]
Words = Annotated[str | None, Query(max_length=500)]

JSON = "application/json"
BODY = "<request body>"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def json(value: Any) -> Response:
    return Response(schemas.encode(value), media_type=JSON)


T = TypeVar("T")


def page(rows: list[T], limit: int, offset: int) -> tuple[list[T], int | None]:
    """A page of ``rows`` asked for one past ``limit`` at ``offset``, and ``next``."""
    more = len(rows) > limit
    return rows[:limit], (offset + limit if more else None)


def router(db: str, *, max_bytes: int, extractor: Extractor) -> APIRouter:
    """The API over the store at ``db``; ``max_bytes`` bounds ``POST /api/extract``,
    whose documents ``extractor`` reads under the time budget."""
    routes = APIRouter(prefix="/api", tags=["api"])
    bad = schemas.problems(400, 422, 500)

    @routes.get(
        "/search",
        summary="Full-text search over headlines and bodies",
        responses={**schemas.ok(SearchPage, "matches, best first"), **bad},
    )
    def search(
        q: Annotated[str, Query(max_length=500, description="words as a person types them")],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_SEARCH_OFFSET)] = 0,
        syntax: Literal["plain", "fts5"] = "plain",
    ) -> Response:
        hits = api.search(q, db=db, limit=limit + 1, offset=offset, syntax=syntax)
        more = len(hits) > limit
        return json(SearchPage(items=hits[:limit], next=offset + limit if more else None))

    @routes.get(
        "/articles/{article_id}",
        summary="One stored record, as `copydesk export` writes it",
        responses={
            **schemas.ok(Article, "the article record"),
            **schemas.problems(404, 422, 500),
        },
    )
    def article(article_id: Id) -> Response:
        return Response(to_json(api.show(article_id, db=db)), media_type=JSON)

    @routes.get(
        "/quotes",
        summary="Quotes by speaker and topic, once per story",
        responses={**schemas.ok(QuotePage, "quotes, newest first"), **bad},
    )
    def quotes(
        speaker: Words = None,
        about: Words = None,
        since: Since = None,
        min_confidence: Confidence = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Response:
        rows = api.quotes(
            db=db,
            speaker=speaker,
            about=about,
            since=since,
            min_confidence=min_confidence,
            limit=limit + 1,
            offset=offset,
        )
        items, more = page(rows, limit, offset)
        return json(QuotePage(items=items, next=more))

    @routes.get(
        "/speakers",
        summary="Speakers across articles, most quoted first: aliases, roles, quotes",
        responses={**schemas.ok(SpeakerPage, "speakers, most quoted first"), **bad},
    )
    def speakers(
        name: Annotated[
            str | None,
            Query(max_length=500, description="any name the speaker goes by, or a surname"),
        ] = None,
        limit: Limit = 20,
        offset: Offset = 0,
    ) -> Response:
        rows = api.speakers(db=db, name=name or None, limit=limit + 1, offset=offset)
        items, more = page(rows, limit, offset)
        return json(SpeakerPage(items=items, next=more))

    @routes.get(
        "/sources/anonymous",
        summary="Per outlet, the share of its quotes from anonymous sources",
        responses={**schemas.ok(OutletSourcesPage, "outlets, most reliant first"), **bad},
    )
    def anonymous_sources(limit: Limit = 20, offset: Offset = 0) -> Response:
        rows = api.anonymous_sources(db=db)[offset : offset + limit + 1]
        items, more = page(rows, limit, offset)
        return json(OutletSourcesPage(items=items, next=more))

    @routes.get(
        "/figures",
        summary="Figures over time: numbers as numbers, in as-of date order",
        responses={**schemas.ok(FigurePage, "figures, oldest as-of date first"), **bad},
    )
    def figures(
        unit: Words = None,
        about: Words = None,
        since: Since = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> Response:
        rows = api.figures(
            db=db, unit=unit, about=about, since=since, limit=limit + 1, offset=offset
        )
        items, more = page(rows, limit, offset)
        return json(FigurePage(items=items, next=more))

    @routes.get(
        "/threads",
        summary="Story threads, newest first",
        responses={**schemas.ok(ThreadPage, "threads"), **bad},
    )
    def threads(since: Since = None, limit: Limit = 20, offset: Offset = 0) -> Response:
        rows = api.threads(db=db, since=since, limit=limit + 1, offset=offset)
        items, more = page(rows, limit, offset)
        return json(ThreadPage(items=items, next=more))

    @routes.get(
        "/threads/{thread_id}",
        summary="One story thread",
        responses={**schemas.ok(ThreadRow, "the thread"), **schemas.problems(404, 422, 500)},
    )
    def thread(thread_id: Id) -> Response:
        return json(find_thread(db, thread_id))

    @routes.get(
        "/stories/{story_id}",
        summary="Where one wire story ran: the original and every copy with its edits",
        responses={**schemas.ok(StoryPage, "the copies"), **schemas.problems(404, 422, 500)},
    )
    def story(story_id: Id) -> Response:
        return json(story_page(db, story_id))

    @routes.get(
        "/errors",
        summary="Documents that failed, newest first",
        responses={**schemas.ok(ErrorPage, "failures"), **bad},
    )
    def errors(limit: Limit = 20, offset: Offset = 0) -> Response:
        rows = api.errors(db=db, limit=limit + 1, offset=offset)
        items, more = page(rows, limit, offset)
        return json(ErrorPage(items=items, next=more))

    @routes.post(
        "/extract",
        summary="Read one document sent as the body (text or HTML); stores nothing",
        description=(
            f"The body is read, never fetched from a URL; up to {max_bytes} bytes, within "
            f"{extractor.timeout:g} s (past it: 422 naming the timeout; the server goes on)."
        ),
        responses={
            **schemas.ok(Article, "the record of the document"),
            **schemas.problems(413, 415, 422, 500, 503),
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                # Any text is a body to read (JSON-looking text too), so no type to violate.
                "content": {
                    "text/plain": {"schema": {"description": "the page as plain text"}},
                    "text/html": {"schema": {"description": "the page as HTML"}},
                },
            }
        },
    )
    async def extract(
        request: Request,
        url: Annotated[str | None, Query(max_length=2000, description="where it ran")] = None,
        published: Annotated[
            str | None,
            Query(
                pattern=DAY,
                json_schema_extra={"format": "date"},
                description="a publication date the caller vouches for",
            ),
            AfterValidator(real_day),
        ] = None,
        understand: bool = True,
    ) -> Response:
        media, charset = media_type(request.headers.get("content-type", ""))
        body = await read_body(request, max_bytes)
        job = Job(
            source=BODY,
            text=decode(body, charset) if media == "text/plain" else None,
            data=None if media == "text/plain" else body,
            url=url,
            published=published,
            understand=understand,
            max_bytes=max_bytes,
        )
        record = await run_in_threadpool(extractor.extract, job)
        return Response(record, media_type=JSON)

    return routes


def media_type(header: str) -> tuple[str, str | None]:
    """The body's media type and charset; raises ``UnsupportedMedia`` for other types."""
    media, _, rest = header.partition(";")
    media = media.strip().lower()
    if media != "text/plain" and media not in _HTML_TYPES:
        raise UnsupportedMedia(
            f"a body of type {media or 'none'!r} cannot be read: send text/plain or text/html",
            source=BODY,
        )
    charset = None
    for param in rest.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return media, charset


def decode(body: bytes, charset: str | None) -> str:
    """Text in the charset the request declares (UTF-8 when it declares none)."""
    name = charset or "utf-8"
    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise UnsupportedMedia(f"charset {name!r} is unknown", source=BODY) from exc
    try:
        return body.decode(name)
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"the body is not {name} text ({exc.reason} at byte {exc.start}); "
            "declare its charset, or send it as text/html to have it detected",
            source=BODY,
        ) from exc


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The body, refused with ``BodyTooLarge`` as soon as it passes ``max_bytes`` (a body
    sent without a length is counted as it streams; ``BodyLimit`` refuses declared ones)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise BodyTooLarge(too_large(max_bytes), source=BODY)
    return bytes(body)


def find_thread(db: str, thread_id: int) -> ThreadRow:
    """One thread by id, with its documents."""
    return api.thread(thread_id, db=db)


def story_page(db: str, story_id: int) -> StoryPage:
    """The copies of one story, each with the paragraphs it added to or cut from the
    original."""
    rows = api.story(story_id, db=db)
    original = next((row for row in rows if row.original), rows[0])
    first = api.show(original.document_id, db=db).body
    copies = []
    for row in rows:
        changes = (
            [] if row is original else views.edits(first, api.show(row.document_id, db=db).body)
        )
        copies.append(StoryCopy(copy=row, edits=changes))
    return StoryPage(id=story_id, copies=copies)
