"""Title, authors and date accuracy on newspaper4k's dataset, copydesk beside its peers.

Over ../shared/bench/naeb (421 pages with HTML): title exact after white-space
normalisation; authors as a set of normalised names (case and punctuation folded), F1
averaged over pages with annotated authors; date the same calendar day, over pages with
an annotated date. Peers run in the same process: trafilatura (metadata of bare
extraction), newspaper4k, and htmldate for dates only.

    make bench-deps && .venv/bin/python bench/metadata_naeb.py
"""

from __future__ import annotations

import contextlib
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _data import naeb_pages
from _peers import newspaper_article

Meta = dict[str, Any]  # {"title": str | None, "authors": list[str], "date": str | None}


def copydesk_meta(html: str, url: str) -> Meta:
    import copydesk

    article = copydesk.extract(html=html, url=url or None, understand=False)
    return {
        "title": article.headline
        if not article.kicker
        else f"{article.kicker}: {article.headline}",
        "authors": article.authors,
        "date": article.published.value,
    }


def trafilatura_meta(html: str, url: str) -> Meta:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return {"title": None, "authors": [], "date": None}
    authors = [a.strip() for a in re.split(r";|,| and ", doc.author or "") if a.strip()]
    return {"title": doc.title, "authors": authors, "date": doc.date}


def newspaper_meta(html: str, url: str) -> Meta:
    article = newspaper_article(html, url)
    date = article.publish_date.date().isoformat() if article.publish_date else None
    return {"title": article.title, "authors": list(article.authors), "date": date}


def htmldate_meta(html: str, url: str) -> Meta:
    from htmldate import find_date

    return {"authors": None, "date": find_date(html, url=url or None)}


PEERS: dict[str, Callable[[str, str], Meta]] = {
    "copydesk": copydesk_meta,
    "trafilatura": trafilatura_meta,
    "newspaper4k": newspaper_meta,
    "htmldate": htmldate_meta,
}


def norm_text(value: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", value or "")).strip()


def norm_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z]+", folded))


def truth_authors(value: str | list[str]) -> set[str]:
    names = value if isinstance(value, list) else re.split(r",|;| and ", value or "")
    return {norm_name(n) for n in names if norm_name(n)}


def author_f1(found: list[str], expected: set[str]) -> float:
    got = {norm_name(n) for n in found if norm_name(n)}
    if not got and not expected:
        return 1.0
    hits = len(got & expected)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(got), hits / len(expected)
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    pages = list(naeb_pages())
    print("| tool | title exact | authors F1 | date same day | pages/s |")
    print("|---|---|---|---|---|")
    for name, reader in PEERS.items():
        titles, authors, dates = [], [], []
        with contextlib.suppress(Exception):  # one untimed page: imports are not speed
            reader(pages[0][1], pages[0][2].get("url", ""))
        start = time.perf_counter()
        for _key, html, truth in pages:
            try:
                meta = reader(html, truth.get("url", ""))
            except Exception:  # a peer crashing on a page scores it as empty
                meta = {"title": None, "authors": [], "date": None}
            if truth.get("title") and "title" in meta:
                titles.append(norm_text(meta["title"]) == norm_text(truth["title"]))
            if truth.get("authors") and meta["authors"] is not None:
                authors.append(author_f1(meta["authors"], truth_authors(truth["authors"])))
            if truth.get("date"):
                dates.append(str(meta["date"] or "")[:10] == truth["date"][:10])
        speed = len(pages) / (time.perf_counter() - start)
        cells = [f"{statistics.mean(v):.3f}" if v else "–" for v in (titles, authors, dates)]
        print(f"| {name} | {' | '.join(cells)} | {speed:.1f} |")


if __name__ == "__main__":
    main()
