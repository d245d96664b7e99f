"""Larger corpora built honestly from the benchmark pages: each page repeated under new
URLs, with one paragraph edited per repeat (an "Updated" line and a changed number), so
no two documents are the same and every one is a real page's structure and text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from _data import aeb_pages, naeb_pages

_FIRST_P = re.compile(r"<p(\s[^>]*)?>", re.IGNORECASE)


def pages() -> list[tuple[str, str, str]]:
    """(key, html, url) of every AEB and naeb page."""
    found = [(k, h, t.get("url", "")) for k, h, t in aeb_pages()]
    found += [(k, h, t.get("url", "")) for k, h, t in naeb_pages()]
    return found


def variants(count: int) -> Iterator[dict[str, str]]:
    base = pages()
    for n in range(count):
        key, html, url = base[n % len(base)]
        edition = n // len(base)
        if edition:
            note = f"<p>Updated edition {edition}: {n} readers were notified of this change.</p>"
            match = _FIRST_P.search(html)
            if match is not None:
                html = html[: match.start()] + note + html[match.start() :]
        yield {"url": f"{url or 'https://bench.example/' + key}?edition={edition}", "html": html}


def write_jsonl(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for row in variants(count):
            out.write(json.dumps(row) + "\n")
    return path
