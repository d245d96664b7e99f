"""The manifest (one WARC a line) and opening what it names, local or remote.

Local paths open directly. ``s3://``, ``gs://`` and ``https://`` open through fsspec,
which, with its protocol package (s3fs, gcsfs, aiohttp), is installed by whoever needs
it; without it the WARC is refused with the package to install, never guessed at.
"""

from __future__ import annotations

import hashlib
import importlib
from contextlib import AbstractContextManager
from pathlib import Path
from typing import IO, cast

from copydesk.errors import ReadError

REMOTE = ("s3://", "gs://", "gcs://", "http://", "https://")
_PACKAGES = {"s3": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "http": "aiohttp", "https": "aiohttp"}


def read_manifest(manifest: str | Path) -> list[str]:
    """The WARCs a manifest names, in order, each once; blank lines and ``#`` comments
    are skipped. Local paths are made absolute, so Spark workers find them."""
    path = Path(manifest)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read the manifest: {exc}", source=str(manifest)) from exc
    found: dict[str, None] = {}
    for line in lines:
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        found.setdefault(entry if entry.startswith(REMOTE) else str(Path(entry).resolve()))
    return list(found)


def warc_key(location: str) -> str:
    """A short stable name for a WARC's output files: the same WARC always writes the
    same parts, so a retried or rerun task replaces its rows instead of adding to them."""
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:24]


def open_warc(location: str) -> AbstractContextManager[IO[bytes]]:
    """Open a WARC for streaming reads; ``ReadError`` names it and the fix."""
    if not location.startswith(REMOTE):
        try:
            return Path(location).open("rb")
        except OSError as exc:
            message = f"cannot open the WARC: {exc.strerror or exc}"
            raise ReadError(message, source=location) from exc
    protocol = location.split("://", 1)[0]
    try:
        fsspec = importlib.import_module("fsspec")  # optional: typed as Any, not a dependency
    except ImportError as exc:
        raise ReadError(
            f"reading {protocol}:// needs fsspec: pip install fsspec {_PACKAGES[protocol]}",
            source=location,
        ) from exc
    try:
        return cast(AbstractContextManager[IO[bytes]], fsspec.open(location, "rb"))
    except ImportError as exc:
        raise ReadError(
            f"reading {protocol}:// needs {_PACKAGES[protocol]}: pip install {_PACKAGES[protocol]}",
            source=location,
        ) from exc
    except (OSError, ValueError) as exc:
        raise ReadError(f"cannot open the WARC: {exc}", source=location) from exc
