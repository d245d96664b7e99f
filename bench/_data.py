"""Loading the public benchmark sets in ../shared/bench, with a clear word when absent."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench"


def require(name: str) -> Path:
    """The folder of benchmark ``name``; exits with a clear message when it is missing."""
    folder = SHARED / name
    if not folder.is_dir():
        sys.exit(f"benchmark data '{name}' not found at {folder}: this bench needs ../shared/bench")
    return folder


def aeb_pages() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, html, truth) for every page of the Zyte article-extraction benchmark."""
    folder = require("aeb")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        yield key, gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), truth[key]


def naeb_pages() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, html, truth) for every page of newspaper4k's dataset that has its HTML."""
    folder = require("naeb")
    truth = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        if path.exists():
            yield key, gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), truth[key]


def half(key: str) -> str:
    """``"tune"`` or ``"check"`` for one item of a set, the same on every run and machine.

    Rules are tuned on the tuning half and reported on the checking half, so that a number
    in RESULTS.md is one the rules were not fitted to. The split hashes the item's own key
    (a page id, a file name), not its position, so adding a page moves no other.
    """
    import hashlib

    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "check"
