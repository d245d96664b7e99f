"""The main-text sets of ../shared/bench as one kind of page, each with what it can score.

Every set states its truth differently (aeb a body, naeb a body with metadata, Readability's
test pages the text Readability.js kept, Postlight's fixtures metadata and first words), so
each loader maps its own files onto ``Page``. A field left ``None`` is not scored on that
page; an empty value that is scored means the page has none (a Postlight author checked as
null). The scoring rules are ../shared/bench/README.md's.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _data import SHARED

# Readability's synthetic unit-test pages are its small ones (README: source.html < 4 KB).
_SYNTHETIC_BYTES = 4096
_NAME_SPLIT = re.compile(r",|;|\band\b|&")


@dataclass(frozen=True)
class Page:
    """One page of a set and the truth it is scored against."""

    set_name: str
    key: str
    html: str
    url: str
    body: str | None = None
    title: str | None = None
    authors: frozenset[str] | None = None  # names, scored as a set (F1)
    byline: str | None = None  # Readability's byline, scored as one normalised string
    date: str | None = None  # "" when the page is checked as having none
    date_utc: bool = False  # compare the UTC calendar day (Postlight's ISO stamps)
    lead: str | None = None  # Postlight's first words of the body


def names(value: str | list[str] | None) -> frozenset[str]:
    """A truth's author names, split where a byline string lists several."""
    listed = value if isinstance(value, list) else _NAME_SPLIT.split(value or "")
    return frozenset(found for name in listed if (found := norm_name(name)))


def norm_name(name: str) -> str:
    """A name as case-folded letter runs, accents kept apart, any script (not ASCII only:
    Postlight's Japanese and Readability's Chinese bylines would fold to nothing)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W\d_]+", plain))


def _gunzip(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def _json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def aeb(folder: Path) -> list[Page]:
    truth = _json(folder / "ground-truth.json")
    return [
        Page(
            "aeb",
            key,
            _gunzip(folder / "html" / f"{key}.html.gz"),
            t.get("url") or "",
            body=t.get("articleBody") or "",
        )
        for key, t in sorted(truth.items())
    ]


def naeb(folder: Path) -> list[Page]:
    """Pages with their HTML; title, authors and date only where annotated."""
    pages = []
    for key, t in sorted(_json(folder / "articles.json").items()):
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        pages.append(
            Page(
                "naeb",
                key,
                _gunzip(path),
                t.get("url") or "",
                body=t.get("articleBody") or "",
                title=t.get("title") or None,
                authors=names(t.get("authors")) or None,
                date=(t.get("date") or "")[:10] or None,
            )
        )
    return pages


def readability(folder: Path) -> list[Page]:
    """The 94 saved real pages; the synthetic unit-test pages are left out."""
    pages = []
    for key, t in sorted(_json(folder / "truth.json").items()):
        path = folder / "html" / f"{key}.html.gz"
        html = gzip.decompress(path.read_bytes())
        if len(html) < _SYNTHETIC_BYTES:
            continue
        pages.append(
            Page(
                "readability",
                key,
                html.decode("utf-8", "replace"),
                "",
                body=t.get("text") or "",
                title=t.get("title"),
                byline=t.get("byline"),
                date=(t.get("publishedTime") or "")[:10] or None,
            )
        )
    return pages


def postlight(folder: Path) -> list[Page]:
    """Fixtures with truth; a field counts only where Postlight's tests check it."""
    pages = []
    for key, t in sorted(_json(folder / "truth.json").items()):
        checked = set(t.get("checked") or [])
        pages.append(
            Page(
                "postlight",
                key,
                _gunzip(folder / "html" / f"{key}.gz"),
                t.get("url") or "",
                title=t.get("title") if "title" in checked else None,
                authors=names(t.get("author")) if "author" in checked else None,
                date=(t.get("date_published") or "") if "date_published" in checked else None,
                date_utc=True,
                lead=t.get("first_words") if "first_words" in checked else None,
            )
        )
    return pages


LOADERS: dict[str, Callable[[Path], list[Page]]] = {
    "aeb": aeb,
    "naeb": naeb,
    "readability": readability,
    "postlight": postlight,
}


def load(name: str) -> list[Page] | str:
    """The pages of set ``name``, or why there are none (a missing folder or file)."""
    folder = SHARED / name
    if not folder.is_dir():
        return f"set '{name}' not found at {folder}"
    try:
        return LOADERS[name](folder)
    except FileNotFoundError as exc:
        return f"set '{name}' is incomplete at {folder}: {exc.filename} is missing"
