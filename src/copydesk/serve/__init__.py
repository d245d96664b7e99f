"""``copydesk serve``: a read-only REST API and web UI over one store.

    >>> from copydesk.serve import app
    >>> import uvicorn
    >>> uvicorn.run(app("news.db"), host="127.0.0.1", port=8000)

The API under ``/api`` mirrors ``copydesk.api`` (and so the CLI) route for route; the
pages are rendered on the server and each links its JSON twin. Nothing here writes to the
store: every route calls a ``copydesk.api`` question, which opens the store read only.
Needs the ``serve`` extra (FastAPI, uvicorn, Jinja2).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from copydesk import __version__, api
from copydesk.read.limits import DEFAULT_LIMITS, MIB
from copydesk.serve import problems, routes_api, routes_pages, schemas
from copydesk.serve.extractor import Extractor
from copydesk.serve.security import AllowedHosts, BodyLimit, SecurityHeaders, allowed_hosts

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "app"]

# A news page, even with its markup, is well under this; a larger body is refused (413).
DEFAULT_MAX_BYTES = 4 * MIB
# Seconds one POST /api/extract document may take, as for `copydesk extract`.
DEFAULT_TIMEOUT = DEFAULT_LIMITS.timeout
STATIC = Path(__file__).parent / "static"


def app(
    db: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    extract_slots: int = 1,
    host: str = "127.0.0.1",
    hosts: tuple[str, ...] = (),
) -> FastAPI:
    """The ASGI app serving the store at ``db``, read only.

    ``POST /api/extract`` reads bodies of up to ``max_bytes``, each within ``timeout``
    seconds, in ``extract_slots`` processes of their own (started on the first such
    request, stopped when the app shuts down). A request is answered only when its
    ``Host`` is this machine's (localhost, 127.0.0.1, ::1), the ``host`` it listens on,
    or one of ``hosts``. Raises ``CorpusError`` now, rather than on the first request,
    when ``db`` is not a store that can be opened.
    """
    api.errors(db=db, limit=1)  # opens the store read only: fails early, names the file
    extractor = Extractor(timeout=timeout, slots=extract_slots)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            extractor.close()

    server = FastAPI(
        title="copydesk",
        summary="Read-only questions over a copydesk store",
        version=__version__,
        docs_url=None,  # /docs is ours: FastAPI's loads Swagger UI from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    pages = routes_pages.templates()
    problems.install(server, pages)
    server.include_router(routes_api.router(db, max_bytes=max_bytes, extractor=extractor))
    server.include_router(routes_pages.docs_router(server, pages))
    server.include_router(routes_pages.router(db, pages))
    server.mount("/static", StaticFiles(directory=STATIC), name="static")
    server.add_middleware(BodyLimit, max_bytes=max_bytes)
    server.add_middleware(SecurityHeaders)
    server.add_middleware(AllowedHosts, hosts=allowed_hosts(host, hosts))  # outermost
    server.openapi = lambda: _openapi(server)  # type: ignore[method-assign]
    return server


def _openapi(server: FastAPI) -> dict[str, Any]:
    """FastAPI's schema of the routes, plus the msgspec schemas their responses refer to."""
    if server.openapi_schema is None:
        schema = get_openapi(
            title=server.title,
            version=server.version,
            summary=server.summary,
            routes=server.routes,
        )
        schema.setdefault("components", {}).setdefault("schemas", {}).update(schemas.components())
        server.openapi_schema = schema
    return server.openapi_schema
