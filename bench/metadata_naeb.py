"""Title, authors and date accuracy on newspaper4k's dataset, copydesk beside its peers.

Over ../shared/bench/naeb (421 pages with HTML): title exact after white-space
normalisation; authors as a set of normalised names (case and punctuation folded), F1
averaged over pages with annotated authors; date the same calendar day, over pages with
an annotated date. Peers run in the same process: trafilatura (metadata of bare
extraction), newspaper4k, and htmldate for dates only.

    make bench-deps && .venv/bin/python bench/metadata_naeb.py
    .venv/bin/python bench/metadata_naeb.py --date-misses   # why each date miss is one
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _data import naeb_pages
from _peers import newspaper_article
from _scores import author_f1

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--date-misses", action="store_true", help="classify copydesk's misses")
    if parser.parse_args().date_misses:
        date_misses()
        return
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
                expected = truth_authors(truth["authors"])
                authors.append(author_f1(meta["authors"], expected, norm_name))
            if truth.get("date"):
                dates.append(str(meta["date"] or "")[:10] == truth["date"][:10])
        speed = len(pages) / (time.perf_counter() - start)
        cells = [f"{statistics.mean(v):.3f}" if v else "–" for v in (titles, authors, dates)]
        print(f"| {name} | {' | '.join(cells)} | {speed:.1f} |")


def date_misses() -> None:
    """Each page whose annotated day copydesk misses, by why: the page's modified date,
    one day from ours (a stamp's UTC or local day), a day the page states nowhere (ISO,
    numeric or English month-name forms), or a day it states that we did not take."""
    import copydesk

    kinds: Counter[str] = Counter()
    for _key, html, truth in naeb_pages():
        if not truth.get("date"):
            continue
        article = copydesk.extract(html=html, url=truth.get("url") or None, understand=False)
        ours, want = (article.published.value or "")[:10], truth["date"][:10]
        if ours == want:
            continue
        try:
            day = dt.date.fromisoformat(want)
        except ValueError:
            kinds[f"annotation not a date ({want})"] += 1
            continue
        if article.modified and (article.modified.value or "")[:10] == want:
            kinds["annotated with the page's modified date"] += 1
        elif ours and abs((dt.date.fromisoformat(ours) - day).days) == 1:
            kinds["one day from ours (UTC or local day of a stamp)"] += 1
        elif not _states_day(html, day):
            kinds["annotated day stated nowhere in the page"] += 1
        else:
            kinds["annotated day in the page, ours another"] += 1
    print("| kind | pages |\n|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} |")


def _states_day(html: str, day: dt.date) -> bool:
    full, short = calendar.month_name[day.month], calendar.month_abbr[day.month]
    y, m, d = day.year, day.month, day.day
    forms = (
        day.isoformat(),
        f"{y}{m:02d}{d:02d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}/{m}/{d}",
        f"{full} {d}, {y}",
        f"{full} {d:02d}, {y}",
        f"{d} {full} {y}",
        f"{short} {d}, {y}",
        f"{short}. {d}, {y}",
        f"{d} {short} {y}",
    )
    lowered = html.lower()
    return any(form.lower() in lowered for form in forms)


if __name__ == "__main__":
    main()
