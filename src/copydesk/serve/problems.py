"""Errors become one shape at the HTTP edge: ``application/problem+json`` (RFC 9457).

The library raises ``CopydeskError`` subclasses; this module is the one place that maps
them, and every other failure (bad parameters, unknown routes, a crash), to a status and
a ``Problem``. Under ``/api`` the problem is JSON; pages get the same problem as HTML.

    CorpusError "no document/story with id N"   404
    CorpusError (a query the store cannot read)  400
    ExtractError, ReadError (an unreadable body) 422
    BodyTooLarge                                 413
    UnsupportedMedia                             415
    ExtractTimeout (a body past the budget)      422
    RecordError (a stored record that is bad)    500
    ServerBusy (no extraction slot came free)    503
    any other CopydeskError                      400
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from copydesk.errors import (
    CopydeskError,
    ExtractError,
    NotFoundError,
    ReadError,
    RecordError,
)
from copydesk.serve.extractor import ServerBusy
from copydesk.serve.schemas import PROBLEM_MEDIA_TYPE, Problem, encode

log = logging.getLogger("copydesk.serve")


class BodyTooLarge(CopydeskError):
    """A request body over the server's ``max_bytes``."""


class UnsupportedMedia(CopydeskError):
    """A request body of a media type the route does not read."""


# What a 503 (every extraction slot busy) tells a client to wait before asking again.
RETRY_AFTER_SECONDS = 5

_TITLES = {
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def too_large(max_bytes: int) -> str:
    return (
        f"the body is over this server's limit of {max_bytes} bytes "
        "(start it with a larger --max-bytes)"
    )


def status_for(error: CopydeskError) -> int:
    """The HTTP status that says what kind of failure ``error`` is."""
    if isinstance(error, BodyTooLarge):
        return 413
    if isinstance(error, UnsupportedMedia):
        return 415
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ExtractError | ReadError):
        return 422
    if isinstance(error, RecordError):
        return 500
    if isinstance(error, ServerBusy):
        return 503
    return 400


def problem(
    status: int, detail: str, *, instance: str, errors: list[dict[str, Any]] | None = None
) -> Problem:
    return Problem(
        title=_TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        instance=instance,
        errors=errors,
    )


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """Route every failure through one handler, so every route's errors share a shape."""

    def on_error(request: Request, exc: Exception) -> Response:
        found, headers = to_problem(exc, request.url.path)
        return respond(request, templates, found, headers=headers)

    for kind in (CopydeskError, RequestValidationError, HTTPException, Exception):
        app.add_exception_handler(kind, on_error)


def to_problem(exc: Exception, path: str) -> tuple[Problem, Mapping[str, str] | None]:
    """The problem that stands for ``exc``, and any headers it needs (``Allow`` on 405)."""
    if isinstance(exc, CopydeskError):
        status = status_for(exc)
        if status >= 500:
            log.error("stored data could not be served: %s", exc)
        # The reason without its source: the source of a store error is a path on this
        # server, which is no business of a client.
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
        return problem(status, exc.reason, instance=path), retry
    if isinstance(exc, RequestValidationError):
        errors = [_plain_error(error) for error in exc.errors()]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
        return problem(422, detail or "invalid request", instance=path, errors=errors), None
    if isinstance(exc, HTTPException):
        return problem(exc.status_code, str(exc.detail), instance=path), exc.headers
    log.error("unexpected error serving %s", path, exc_info=exc)
    return problem(500, "the server failed; its log says why", instance=path), None


def _plain_error(error: Any) -> dict[str, Any]:
    """A validation error as plain JSON (pydantic's may hold exceptions in ``ctx``)."""
    return {
        "loc": [str(part) for part in error.get("loc", ())],
        "msg": str(error.get("msg", "")),
        "type": str(error.get("type", "")),
    }


def respond(
    request: Request,
    templates: Jinja2Templates,
    found: Problem,
    *,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The problem as JSON under ``/api`` (and for the schema), as a page elsewhere."""
    if _wants_page(request):
        return templates.TemplateResponse(
            request,
            "problem.html",
            {"problem": found},
            status_code=found.status,
            headers=dict(headers or {}),
        )
    return Response(
        encode(found),
        status_code=found.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=dict(headers or {}),
    )


def _wants_page(request: Request) -> bool:
    path = request.url.path
    return not path.startswith(("/api/", "/static/")) and path != "/openapi.json"
