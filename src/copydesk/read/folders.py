"""The files of a folder that are documents, in sorted order, with what could not be read.

A folder walk meets folders it may not list and files it may not stat; each is reported
as an ``ReadError`` naming the path, in its place, and the walk goes on; a file whose
name says it is no document (an image, a PDF) is a ``Skipped`` naming it, so that the
caller can say what was left out. Hidden
entries (a name starting with "." or ending in "~": editor backups, ``.git``) are left
out only *below* the folder the user named, so ``../pages`` or ``~/.cache/news`` is read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from copydesk.errors import ReadError
from copydesk.read.document import Skipped

_HIDDEN = re.compile(r"^\.|~$")
_DOCUMENT_SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".jsonl",
        ".ndjson",
        ".warc",
        ".gz",
        ".rss",
        ".atom",
        ".xml",
    }
)

_Entry = tuple[Path, bool] | ReadError  # (path, is a folder) or what went wrong


def walk_documents(folder: Path) -> Iterator[Path | ReadError]:
    """Every document file under ``folder``, in the order ``sorted()`` gives paths.

    Depth first over entries sorted by name gives exactly that order while streaming; an
    explicit stack keeps a very deep tree from exhausting Python's recursion limit.
    """
    stack: list[_Entry] = [(folder, True)]
    while stack:
        item = stack.pop()
        if isinstance(item, ReadError):
            yield item
        elif item[1]:
            stack.extend(reversed(_entries(item[0])))
        else:
            yield item[0]


def document_files(folder: Path) -> list[Path]:
    """The files of a folder read as documents: by their name, hidden entries below it
    left out. (What cannot be listed is left out here; the reader reports it.)"""
    return [item for item in walk_documents(folder) if isinstance(item, Path)]


def is_document_name(path: Path) -> bool:
    return path.suffix.lower() in _DOCUMENT_SUFFIXES or not path.suffix


def _entries(folder: Path) -> list[_Entry]:
    """A folder's wanted sub-folders and document files, sorted by name."""
    try:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        return [_error(folder, exc, "cannot list the folder")]
    entries: list[_Entry] = []
    for entry in found:
        if _HIDDEN.search(entry.name):
            continue
        path = Path(entry.path)
        try:
            mode = os.stat(entry.path).st_mode  # follows links, as reading will
        except FileNotFoundError:
            continue  # a dangling link, or gone since the listing: nothing to read
        except OSError as exc:
            entries.append(_error(path, exc, "cannot read"))
            continue
        if stat.S_ISDIR(mode):
            if not entry.is_symlink():  # a linked folder could loop back on itself
                entries.append((path, True))
        elif stat.S_ISREG(mode) and is_document_name(path):
            entries.append((path, False))
        elif stat.S_ISREG(mode):
            reason = f"not a document by its name ({path.suffix}): left out"
            entries.append(Skipped(reason, source=str(path), kind=NOT_A_DOCUMENT))
    return entries


NOT_A_DOCUMENT = "not_a_document"  # the kind of skip of a file of another type


def _error(path: Path, exc: OSError, what: str) -> ReadError:
    reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
    return ReadError(f"{what}: {reason}", source=str(path))
