"""Small stores built in tmp_path through the store's own writes, without extraction."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from copydesk.corpus import Store
from copydesk.corpus.syndication import CopyFinder
from copydesk.corpus.threads import ThreadIndex
from copydesk.corpus.writes import Index, store_article
from copydesk.record import Article, Figure, Published, Quote, Span, Speaker


def article(
    n: int,
    text: str = "",
    *,
    quotes: Iterable[tuple[str, str]] = (),
    figures: Iterable[tuple[float, str, str]] = (),
    url: str | None = None,
    published: str | None = None,
    understood: bool = False,
) -> Article:
    """Article ``n``: ``text`` as its one paragraph, ``quotes`` as (speaker, text) and
    ``figures`` as (value, unit, counted)."""
    body = text or f"Story number {n} about the valley and its people."
    return Article(
        source=f"doc-{n}.txt",
        url=url,
        headline=f"Headline {n}",
        body=[body],
        published=Published(value=published),
        quotes=[
            Quote(text=said, kind="direct", span=Span(0, 1), speaker=Speaker(name=name))
            for name, said in quotes
        ],
        figures=[
            Figure(
                text=f"{value:g} {counted}",
                span=Span(0, 1),
                value=value,
                unit=unit,
                counted=counted,
            )
            for value, unit, counted in figures
        ],
        understood=understood,
    )


def new_index() -> Index:
    return Index(CopyFinder(), ThreadIndex([]))


def build(db: Path, articles: Iterable[Article]) -> Path:
    """Store each article under the key ``key-<source>``; the database's path."""
    with Store(db) as store, store.transaction() as conn:
        index = new_index()
        for item in articles:
            store_article(conn, index, item, f"key-{item.source}", minhash=None)
    return db


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (needs root; the test is skipped if the
    system will not mount one)."""
    folder.mkdir(exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if os.geteuid() != 0 or mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Make ``folder`` and what is in it unwritable: a read-only remount of a tmpfs from
    ``small_disk`` as root (permissions do not bind root), permissions otherwise."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        return
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)
