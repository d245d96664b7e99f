"""The web UI: server-rendered pages over ``copydesk.api``, each with a JSON twin in ``/api``.

Templates get records and rows as they are and escape everything (autoescape is on and
no record text is marked safe); what a page needs cut or grouped is worked out in
``views``. The only script is our own static ``figures.js`` (the chart) and htmx.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from copydesk import api
from copydesk.record import Article
from copydesk.serve import views
from copydesk.serve.routes_api import MAX_ID, MAX_SEARCH_OFFSET, find_thread, story_page

TEMPLATES = FilePath(__file__).parent / "templates"
PER_PAGE = 20
# How many quotes a speaker page reads.
SPEAKER_QUOTES = 200

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Text = Annotated[str | None, Query(max_length=500)]


def templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template, and undefined names an error."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.filters["number"] = views.number
    return Jinja2Templates(env=env)


def router(db: str, pages: Jinja2Templates) -> APIRouter:
    routes = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def render(request: Request, template: str, **context: Any) -> Response:
        return pages.TemplateResponse(request, template, context)

    @routes.get("/")
    def home(
        request: Request,
        q: Text = None,
        offset: Annotated[int, Query(ge=0, le=MAX_SEARCH_OFFSET)] = 0,
    ) -> Response:
        hits = api.search(q, db=db, limit=PER_PAGE + 1, offset=offset) if q else []
        more = len(hits) > PER_PAGE
        return render(
            request,
            "search.html",
            q=q or "",
            hits=hits[:PER_PAGE],
            offset=offset,
            next=offset + PER_PAGE if more else None,
            twin="/api/search?" + urlencode({"q": q or ""}),
        )

    @routes.get("/articles/{article_id}")
    def article(request: Request, article_id: Id) -> Response:
        record = api.show(article_id, db=db)
        return render(
            request,
            "article.html",
            id=article_id,
            article=record,
            paragraphs=views.marked_paragraphs(record),
            speakers=_speakers(record),
            twin=f"/api/articles/{article_id}",
        )

    @routes.get("/articles/{article_id}/dropped")
    def dropped(request: Request, article_id: Id) -> Response:
        """The boilerplate dropped from one article, each block with its reason (htmx)."""
        record = api.show(article_id, db=db)
        return render(request, "dropped.html", article=record)

    @routes.get("/speakers/{name:path}")
    def speaker(request: Request, name: str) -> Response:
        rows = api.quotes(db=db, speaker=name[:500], limit=SPEAKER_QUOTES)
        outlets = {row.document_id: row.site or _host(row.url) or "unknown outlet" for row in rows}
        by_month = Counter((row.published or "undated")[:7] for row in rows)
        by_outlet = Counter(outlets.get(row.document_id, "unknown outlet") for row in rows)
        return render(
            request,
            "speaker.html",
            name=name,
            quotes=rows,
            outlets=outlets,
            aliases=sorted({row.speaker for row in rows if row.speaker}),
            by_month=sorted(by_month.items(), reverse=True),
            by_outlet=by_outlet.most_common(),
            most=max([*by_month.values(), *by_outlet.values(), 1]),
            twin="/api/quotes?" + urlencode({"speaker": name}),
        )

    @routes.get("/figures")
    def figures(request: Request, about: Text = None, unit: Text = None) -> Response:
        rows = api.figures(db=db, about=about or None, unit=unit or None, limit=100)
        rows.sort(key=lambda row: views.as_of_key(row.as_of))
        query = {k: v for k, v in (("about", about), ("unit", unit)) if v}
        return render(
            request,
            "figures.html",
            about=about or "",
            unit=unit or "",
            figures=rows,
            twin="/api/figures?" + urlencode({**query, "limit": 100}),
        )

    @routes.get("/stories/{story_id}")
    def story(request: Request, story_id: Id) -> Response:
        return render(
            request,
            "story.html",
            story=story_page(db, story_id),
            twin=f"/api/stories/{story_id}",
        )

    @routes.get("/threads")
    def threads(request: Request) -> Response:
        rows = api.threads(db=db, limit=100)
        return render(request, "threads.html", threads=rows, twin="/api/threads")

    @routes.get("/threads/{thread_id}")
    def thread(request: Request, thread_id: Id) -> Response:
        found = find_thread(db, thread_id)
        return render(
            request,
            "thread.html",
            thread=found,
            documents=found.documents,
            twin=f"/api/threads/{thread_id}",
        )

    @routes.get("/errors")
    def errors(request: Request) -> Response:
        rows = api.errors(db=db, limit=100)
        return render(request, "errors.html", errors=rows, twin="/api/errors")

    return routes


def docs_router(app: FastAPI, pages: Jinja2Templates) -> APIRouter:
    """``/docs``: the operations of ``/openapi.json`` as a page (no CDN, no script)."""
    routes = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @routes.get("/docs")
    def docs(request: Request) -> Response:
        schema = app.openapi()
        operations = [
            (method.upper(), path, operation)
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()
        ]
        context = {"operations": operations, "info": schema["info"], "twin": "/openapi.json"}
        return pages.TemplateResponse(request, "docs.html", context)

    return routes


def _speakers(record: Article) -> list[tuple[str, int, int]]:
    """Each speaker in the article: name, colour and how many quotes."""
    colours = views.speaker_colours(record.quotes)
    counts = Counter(q.speaker.name if q.speaker else "unattributed" for q in record.quotes)
    return [(name, colour, counts[name]) for name, colour in colours.items()]


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
