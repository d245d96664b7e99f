"""WARC files for the scale tests, built from the project's own fixtures."""

from __future__ import annotations

import gzip
import html
from pathlib import Path

from conftest import fixture, sample

_HEAD = "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
_TAIL = "</article><footer>© 2024 City Herald</footer></body></html>"


def text_page(name: str, title: str) -> bytes:
    """A fixture's plain text wrapped as the HTML page a crawler would have fetched."""
    paragraphs = fixture(name).read_text(encoding="utf-8").split("\n\n")
    body = "".join(f"<p>{html.escape(p.strip())}</p>" for p in paragraphs if p.strip())
    return (_HEAD.format(title=html.escape(title), body=body) + _TAIL).encode()


def record(
    url: str,
    body: bytes,
    *,
    kind: str = "response",
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
) -> bytes:
    """One WARC record, gzipped on its own as crawlers write them."""
    if kind == "response":
        block = (
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        block_type = "application/http; msgtype=response"
    else:
        block = f"GET {url} HTTP/1.1\r\nHost: herald.example\r\n\r\n".encode()
        block_type = "application/http; msgtype=request"
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-10-09T07:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: {block_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def pages() -> list[tuple[str, bytes]]:
    """Four pages of three contents: the last is the first again under another URL."""
    article = fixture("html/news-article.html").read_bytes()
    ap = text_page("ap-story.txt", "Storm knocks out power")
    wire = (
        "<html><body><article>"
        + "".join(
            f"<p>{html.escape(p)}</p>"
            for p in sample("wire-story.txt").read_text(encoding="utf-8").split("\n\n")
            if p.strip()
        )
        + "</article></body></html>"
    ).encode()
    return [
        ("https://herald.example/cycle-lanes", article),
        ("https://herald.example/storm", ap),
        ("https://wire.example/story", wire),
        ("https://mirror.example/cycle-lanes", article),
    ]


def build(path: Path) -> Path:
    """A WARC of the four pages, a request record, and a 404 response.

    Responses: 5 (4 pages → 4 articles rows, the 404 → 1 errors row); other records: 1.
    """
    records = [record(url, body) for url, body in pages()]
    records.insert(1, record("https://herald.example/storm", b"", kind="request"))
    records.append(record("https://herald.example/gone", b"", status="404 Not Found"))
    path.write_bytes(b"".join(records))
    return path
