"""Title, authors and date on every metadata set of ../shared/bench, beside the peers.

Sets: naeb (title, authors, date), readability (title, byline, date) and postlight
(title, author, date), loaded and scored as bench/extract_all.py does (``_sets``,
``_scores``), split by ``_data.half``. Peers: trafilatura (its metadata) and htmldate
(dates only, its default extensive search). Besides the same-day accuracy of
extract_all's date column (a page checked as having no date scores when none is given),
the date is scored as htmldate's own benchmark scores it, over the pages with a date:
precision (right day / days given), recall (right day / pages) and F1.

``--no-url`` hands no URL to anyone, as a caller with bare pages (a mirror, a dump)
would: the date must then come from the page itself.

    .venv/bin/python bench/metadata_all.py --half check
    .venv/bin/python bench/metadata_all.py --half tune --no-url --set naeb
    .venv/bin/python bench/metadata_all.py --half tune --misses date --set naeb
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _data import half
from _readers import Reading, copydesk_reading, trafilatura_meta
from _scores import author_f1, day, norm_text, score
from _sets import Page, load, norm_name

_SETS = ("naeb", "readability", "postlight")
_GIVES = frozenset({"title", "authors", "date"})


def htmldate_reading(html: str, url: str) -> Reading:
    from htmldate import find_date

    return Reading("", None, None, find_date(html, url=url or None))


SYSTEMS: dict[str, Callable[[str, str], Reading]] = {
    "copydesk": copydesk_reading,
    "trafilatura": trafilatura_meta,
    "htmldate": htmldate_reading,
}
_FIELDS = {"copydesk": _GIVES, "trafilatura": _GIVES, "htmldate": frozenset({"date"})}


def main() -> None:
    args = _parser().parse_args()
    halves = ("tune", "check") if args.half == "all" else (args.half,)
    names = args.only.split(",") if args.only else list(SYSTEMS)
    print("| set | half | system | pages | title | authors | date | date P | date R | date F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for set_name in args.set or _SETS:
        loaded = load(set_name)
        if isinstance(loaded, str):
            print(f"> skipped: {loaded}")
            continue
        for part in halves:
            pages = [p for p in loaded if half(p.key) == part][: args.limit or None]
            if args.no_url:
                pages = [_without_url(p) for p in pages]
            for name in names:
                readings = [_read(SYSTEMS[name], page) for page in pages]
                _row(set_name, part, name, pages, readings)
                if args.misses and name == "copydesk":
                    _print_misses(pages, readings, args.misses)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", action="append", choices=_SETS, help="repeatable")
    parser.add_argument("--half", choices=["tune", "check", "all"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each half")
    parser.add_argument("--only", help="comma-separated systems: " + ", ".join(SYSTEMS))
    parser.add_argument("--no-url", action="store_true", help="hand no page its URL")
    parser.add_argument(
        "--misses", choices=["title", "authors", "date"], help="list copydesk's misses"
    )
    return parser


def _without_url(page: Page) -> Page:
    from dataclasses import replace

    return replace(page, url="")


def _read(system: Callable[[str, str], Reading], page: Page) -> Reading:
    try:
        return system(page.html, page.url)
    except Exception:  # a system crashing on a page scores it as empty
        return Reading("", None, [], None)


def _row(set_name: str, part: str, name: str, pages: list[Page], readings: list[Reading]) -> None:
    got = score(pages, readings, _FIELDS[name])
    precision, recall, f1 = _date_prf(pages, readings)
    cells = [f"{got[k]:.3f}" if k in got else "–" for k in ("title", "authors", "date")]
    dates = [f"{v:.3f}" for v in (precision, recall, f1)]
    print(f"| {set_name} | {part} | {name} | {len(pages)} | {' | '.join(cells + dates)} |")


def _date_prf(pages: list[Page], readings: list[Reading]) -> tuple[float, float, float]:
    """htmldate's scoring over the pages that have a date: a wrong day is a false
    positive, no day a false negative."""
    right = given = total = 0
    for page, reading in zip(pages, readings, strict=True):
        if not page.date:
            continue
        total += 1
        ours = day(reading.date, page.date_utc)
        given += bool(ours)
        right += ours == day(page.date, page.date_utc)
    precision = right / given if given else 0.0
    recall = right / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _print_misses(pages: list[Page], readings: list[Reading], field: str) -> None:
    for page, reading in zip(pages, readings, strict=True):
        if field == "date" and page.date is not None:
            want, got = day(page.date, page.date_utc), day(reading.date, page.date_utc)
            if want != got:
                print(f"  - {page.key}: want {want or '∅'} got {got or '∅'} {page.url}")
        elif field == "authors" and page.authors is not None:
            if author_f1(reading.authors or [], page.authors) < 1:
                print(f"  - {page.key}: want {sorted(page.authors)} got {reading.authors}")
        elif field == "authors" and page.byline is not None:
            if norm_name(", ".join(reading.authors or [])) != norm_name(page.byline):
                print(f"  - {page.key}: want {page.byline!r} got {reading.authors}")
        elif (
            field == "title"
            and page.title is not None
            and (norm_text(reading.title) != norm_text(page.title))
        ):
            print(f"  - {page.key}: want {page.title!r} got {reading.title!r}")


if __name__ == "__main__":
    main()
