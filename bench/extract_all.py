"""copydesk and its peers on every main-text set of ../shared/bench, in one table.

Sets: aeb (body), naeb (body, title, authors, date), readability (Readability.js's 94 real
test pages: body, title, byline, date) and postlight (title, author, date, first words).
Each is scored as ../shared/bench/README.md says (see bench/_scores.py) and split into
its tuning and checking halves by ``_data.half(page id)``: tune rules on "tune", quote
"check". One row per system per set per half, a macro average per system over the sets
of the checking half, and pages per second as a ratio to trafilatura in the same run.

Each system reads every page in its own fresh process, after one untimed page, over
``--passes`` passes that take turns across systems, each page counted at its fastest;
copydesk through ``copydesk.extract(html=..., url=...)`` as a user calls it. A peer's
timed call is its body extractor (as in bench/extract_aeb.py); its metadata comes from a
second, untimed call. A missing set or peer is named and skipped; a page a system
crashes on scores as empty.

    make bench-deps && .venv/bin/python bench/extract_all.py --passes 3
    .venv/bin/python bench/extract_all.py --set aeb --set naeb --half tune --limit 40
    .venv/bin/python bench/extract_all.py --only copydesk --failures 10   # worst tune pages
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import statistics
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _data import half
from _failures import worst
from _readers import SYSTEMS, Reading, System, merged, missing
from _scores import METRICS, score
from _sets import LOADERS, Page, load

HALVES = ("tune", "check")
# Metric columns: name in the table, key in score(), and how a value is written.
_COLUMNS = (
    ("P", "precision", "{:.3f}"),
    ("R", "recall", "{:.3f}"),
    ("F1", "f1", "{:.3f}"),
    ("empty", "empty", "{:.0f}"),
    ("title", "title", "{:.3f}"),
    ("authors", "authors", "{:.3f}"),
    ("date", "date", "{:.3f}"),
    ("lead", "lead", "{:.3f}"),
    ("lead≤500", "lead500", "{:.3f}"),
)

# The pages, read once by the parent; each system's forked process sees them as they are.
_PAGES: list[Page] = []


def main() -> None:
    args = _parser().parse_args()
    halves = HALVES if args.half == "all" else (args.half,)
    for name in args.set or list(LOADERS):
        loaded = load(name)
        if isinstance(loaded, str):
            print(f"> skipped: {loaded}\n")
            continue
        chosen = [p for p in loaded if half(p.key) in halves]
        _PAGES.extend(chosen[: args.limit] if args.limit else chosen)
    systems = _systems(args.only)
    if not _PAGES or not systems:
        sys.exit("nothing to run: no set or no system is available")
    readings, seconds = _passes(systems, max(1, args.passes))
    _print_table(systems, halves, readings, seconds)
    if args.failures and "copydesk" in readings:
        _print_failures(readings, args.failures, args.failures_half, args.failures_rank)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", action="append", choices=list(LOADERS), help="repeatable")
    parser.add_argument("--half", choices=[*HALVES, "all"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set")
    parser.add_argument(
        "--passes", type=int, default=1, help="timed passes; each page counts at its fastest"
    )
    parser.add_argument("--only", help="comma-separated systems: " + ", ".join(SYSTEMS))
    parser.add_argument(
        "--failures", type=int, default=0, help="copydesk's N worst pages of each set"
    )
    parser.add_argument(
        "--failures-half",
        choices=HALVES,
        default="tune",
        help="the half whose failures are shown (tune: read the pages rules are tuned on)",
    )
    parser.add_argument(
        "--failures-rank",
        choices=["own", "gap"],
        default="own",
        help="rank by copydesk's page F1, or by how far it falls below trafilatura's",
    )
    return parser


def _systems(only: str | None) -> list[System]:
    """The systems asked for that are installed; each missing one is named."""
    chosen = []
    for name in only.split(",") if only else list(SYSTEMS):
        system = SYSTEMS.get(name.strip())
        if system is None:
            print(f"> skipped: no system '{name}' (known: {', '.join(SYSTEMS)})\n")
        elif absent := missing(system):
            print(f"> skipped: {name} is not installed ({', '.join(absent)}; make bench-deps)\n")
        else:
            chosen.append(system)
    return chosen


def _passes(
    systems: list[System], passes: int
) -> tuple[dict[str, list[Reading]], dict[str, list[float]]]:
    """Each system's readings (first pass) and each page's fastest time over the passes.

    Passes take turns across systems, each in a fresh process (no cache has met a page
    before), so a busy spell on a shared machine weighs on no one system's speed.
    """
    readings: dict[str, list[Reading]] = {}
    seconds: dict[str, list[float]] = {}
    fork = multiprocessing.get_context("fork")
    for number in range(passes):
        for system in systems:
            with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
                spent, read = pool.submit(_run, system.name, number == 0).result()
            readings.setdefault(system.name, read)
            best = seconds.get(system.name, spent)
            seconds[system.name] = [min(a, b) for a, b in zip(best, spent, strict=True)]
    return readings, seconds


def _run(name: str, with_metadata: bool) -> tuple[list[float], list[Reading]]:
    """One untimed page, then every page timed, in this (fresh) process; the untimed
    metadata calls only when asked (the first pass)."""
    system = SYSTEMS[name]
    with contextlib.suppress(Exception):
        system.timed(_PAGES[0].html, _PAGES[0].url)
    seconds, readings = [], []
    for page in _PAGES:
        start = time.perf_counter()
        try:
            reading = system.timed(page.html, page.url)
        except Exception as exc:
            print(f"{name} failed on {page.set_name}/{page.key}: {exc!r:.80}", file=sys.stderr)
            reading = Reading("")
        seconds.append(time.perf_counter() - start)
        readings.append(_with_metadata(system, page, reading) if with_metadata else reading)
    return seconds, readings


def _with_metadata(system: System, page: Page, reading: Reading) -> Reading:
    """The untimed metadata call, only where the page scores metadata."""
    wants = page.title is not None or page.authors is not None or page.date is not None
    if system.untimed is None or not (wants or page.byline is not None):
        return reading
    try:
        return merged(reading, system.untimed(page.html, page.url))
    except Exception:
        return merged(reading, Reading("", None, [], None))


def _groups(halves: tuple[str, ...]) -> Iterator[tuple[str, str, list[int]]]:
    """(set, half, page indices) in table order."""
    for set_name in dict.fromkeys(p.set_name for p in _PAGES):
        for part in halves:
            at = [i for i, p in enumerate(_PAGES) if p.set_name == set_name and half(p.key) == part]
            if at:
                yield set_name, part, at


def _print_table(
    systems: list[System],
    halves: tuple[str, ...],
    readings: dict[str, list[Reading]],
    seconds: dict[str, list[float]],
) -> None:
    heads = " | ".join(head for head, _, _ in _COLUMNS)
    print(f"| set | half | system | pages | {heads} | pages/s | × trafilatura |")
    print("|" + "---|" * (len(_COLUMNS) + 6))
    check: dict[str, list[dict[str, float]]] = {s.name: [] for s in systems}
    for set_name, part, at in _groups(halves):
        pages = [_PAGES[i] for i in at]
        base = _speed(seconds.get("trafilatura"), at)
        for system in systems:
            got = score(pages, [readings[system.name][i] for i in at], system.gives)
            if part == "check":
                check[system.name].append(got)
            speed = _speed(seconds[system.name], at)
            print(
                f"| {set_name} | {part} | {system.name} | {len(at)} | {_cells(got)} | "
                f"{speed:.1f} | {_ratio(speed, base)} |"
            )
    if any(check.values()):
        _print_macro(systems, check, seconds)


def _print_macro(
    systems: list[System], check: dict[str, list[dict[str, float]]], seconds: dict[str, list[float]]
) -> None:
    """Each metric averaged over the checking-half sets that score it (sets, not pages)."""
    everything = list(range(len(_PAGES)))
    base = _speed(seconds.get("trafilatura"), everything)
    for system in systems:
        rows = check[system.name]
        macro = {
            k: statistics.mean(r[k] for r in rows if k in r)
            for k in METRICS
            if k != "empty" and any(k in r for r in rows)
        }
        speed = _speed(seconds[system.name], everything)
        print(
            f"| **macro** | check | {system.name} | {len(rows)} sets | {_cells(macro)} | "
            f"{speed:.1f} (all pages) | {_ratio(speed, base)} |"
        )


def _cells(got: dict[str, float]) -> str:
    return " | ".join(form.format(got[key]) if key in got else "–" for _, key, form in _COLUMNS)


def _speed(seconds: list[float] | None, at: list[int]) -> float:
    if not seconds:
        return 0.0
    spent = sum(seconds[i] for i in at)
    return len(at) / spent if spent else 0.0


def _ratio(speed: float, base: float) -> str:
    return f"{speed / base:.1f}×" if base else "–"


def _print_failures(readings: dict[str, list[Reading]], count: int, part: str, rank: str) -> None:
    peer = readings.get("trafilatura")
    for set_name in dict.fromkeys(p.set_name for p in _PAGES):
        at = [i for i, p in enumerate(_PAGES) if p.set_name == set_name and half(p.key) == part]
        if not at:
            continue
        what = "pages furthest below trafilatura" if rank == "gap" and peer else "worst pages"
        print(f"\n### copydesk's {what}, {part} half: {set_name}\n")
        pages = [_PAGES[i] for i in at]
        theirs = [peer[i] for i in at] if peer else None
        ours = [readings["copydesk"][i] for i in at]
        lines = list(worst(pages, ours, count, theirs, by_gap=rank == "gap"))
        print("\n".join(lines) if lines else "- none")


if __name__ == "__main__":
    main()
