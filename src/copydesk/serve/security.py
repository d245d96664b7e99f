"""Headers every response carries, and the size limit every request body is held to.

Both are plain ASGI middleware, so they wrap every route, the static files and the
error responses alike, and cost one dictionary look-up per request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from copydesk.serve.problems import problem, too_large
from copydesk.serve.schemas import PROBLEM_MEDIA_TYPE, encode

# Scripts and styles come from our own static files only: no inline script, no eval,
# no inline style attribute, nothing from another host. Charts draw on a canvas.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses, with 413, any request whose declared body is over ``max_bytes``.

    This answers before any route runs, whether or not the route reads a body. A body
    sent without a length (chunked) is counted as it is read instead, by the one route
    that reads bodies (``routes_api.read_body``). FastAPI's own ``max_body_size`` is not
    used: its 413 is plain text, not a problem.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = _content_length(scope)
            if declared is not None and declared > self.max_bytes:
                await self._refuse(scope, send, declared)
                return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Send, declared: int) -> None:
        detail = f"a body of {declared} bytes: {too_large(self.max_bytes)}"
        await _send_problem(send, 413, detail, scope)


# The names a local server answers to whatever it is told: a page elsewhere can point a
# name of its own at 127.0.0.1 (DNS rebinding), but cannot make the browser send these.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class AllowedHosts:
    """Answers 400 to a request whose ``Host`` is not one of this server's names.

    Without it, a page on another site could rebind its own name to this machine and
    read the store, or post to ``/api/extract``, from the user's browser. Starlette's
    ``TrustedHostMiddleware`` does the same with a plain-text answer; this one answers
    a problem, as every other error here does.
    """

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = _host(scope)
            if host not in self.hosts:
                shown = host if host is not None else "(none)"
                detail = (
                    f"Host {shown!r} is not a name this server answers to; start it with"
                    f" --allowed-host {shown} if that name is yours"
                )
                await _send_problem(send, 400, detail, scope)
                return
        await self.app(scope, receive, send)


def allowed_hosts(listen: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a server listening on ``listen`` answers to: this machine's own, the
    address it listens on (unless it is every address), and the ``extra`` ones."""
    names = {*LOCAL_HOSTS, *(name.strip().lower().strip("[]") for name in extra)}
    if listen not in ("0.0.0.0", "::", ""):
        names.add(listen.lower().strip("[]"))
    return frozenset(names)


def _host(scope: Scope) -> str | None:
    """The request's ``Host`` without its port ("[::1]:8000" is "::1")."""
    for name, value in scope.get("headers", []):
        if name == b"host":
            text: str = bytes(value).decode("latin-1").strip().lower()
            if text.startswith("["):
                return text[1:].split("]", 1)[0]
            return text.rsplit(":", 1)[0] if text.count(":") == 1 else text
    return None


async def _send_problem(send: Send, status: int, detail: str, scope: Scope) -> None:
    body = encode(problem(status, detail, instance=str(scope.get("path", ""))))
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None
