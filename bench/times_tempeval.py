"""Time expressions on TempEval-3 training data (TimeBank + AQUAINT), beside dateparser.

Scored as the official TE3 timex evaluation does (its evaluate_entities.py, ported): a
gold TIMEX3 is a relaxed match when a system expression overlaps it (one to one), a
strict match when the two cover the same text; precision and recall over expressions;
value F1 = (share of relaxed matches whose value equals the gold value) × relaxed F1.
The document creation time (TIMEX3 functionInDocument="CREATION_TIME") is the anchor.

Each document's TEXT is read as a user hands it in, ``copydesk.extract(text=...,
published=<creation day>)``, and the record's time spans are mapped back onto the
document (bench/_through.py); what the extractor drops is lost, as it is for a user.
``find_times`` called on the bare text is printed beside it as a diagnostic only.
Documents are split by ``_data.half(file name)``: tune on "tune", quote "check".

    make bench-deps && .venv/bin/python bench/times_tempeval.py [--no-peers]
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from _data import half, require
from _through import Alignment
from copydesk.understand.times import find_times


class Timex(NamedTuple):
    start: int
    end: int
    value: str


class Doc(NamedTuple):
    name: str
    text: str
    anchor: dt.date
    gold: list[Timex]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def load(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"', raw)
    if dct is None:
        raise ValueError(f"{path}: no document creation time")
    anchor = dt.date.fromisoformat(dct.group(1)[:10])
    body = raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")].replace("&quot;", '"')
    text_parts: list[str] = []
    gold: list[Timex] = []
    open_timex: tuple[int, str] | None = None
    position = 0
    cursor = 0
    for match in _TAG.finditer(body):
        chunk = body[cursor : match.start()]
        text_parts.append(chunk)
        position += len(chunk)
        cursor = match.end()
        closing, tag, attrs = match.groups()
        if tag == "TIMEX3" and not closing:
            open_timex = (position, dict(_ATTR.findall(attrs)).get("value", ""))
        elif tag == "TIMEX3" and closing and open_timex is not None:
            gold.append(Timex(open_timex[0], position, open_timex[1]))
            open_timex = None
    text_parts.append(body[cursor:])
    return Doc(path.name, "".join(text_parts), anchor, gold)


REFUSED: set[str] = set()  # creation days the public call refuses (TimeBank's 1989 WSJ)


def copydesk_times(text: str, anchor: dt.date) -> list[Timex]:
    """The record's times, read through the public call, in the document's offsets.

    Where ``extract`` refuses the creation day as a publication date, the document is
    read without one, as a user would have to: its relative expressions stay unresolved.
    """
    import copydesk
    from copydesk.errors import ExtractError

    try:
        article = copydesk.extract(text=text, published=anchor.isoformat())
    except ExtractError:
        REFUSED.add(anchor.isoformat())
        article = copydesk.extract(text=text)
    aligned = Alignment(text, article.body)
    found = []
    for t in article.times:
        if (span := aligned.span(t.span.start, t.span.end)) is not None:
            found.append(Timex(*span, t.value or ""))
    return found


def direct_times(text: str, anchor: dt.date) -> list[Timex]:
    """Diagnostic only: the finder called on the bare text, past the extractor."""
    return [Timex(f.start, f.end, f.value or "") for f in find_times(text, anchor)]


def dateparser_times(text: str, anchor: dt.date) -> list[Timex]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dateparser.search import search_dates

        base = dt.datetime(anchor.year, anchor.month, anchor.day)
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    result: list[Timex] = []
    cursor = 0
    for phrase, when in found:
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        result.append(Timex(start, cursor, when.date().isoformat()))
    return result


def score(docs: list[Doc], system: Callable[[str, dt.date], list[Timex]]) -> dict[str, float]:
    gold_total = system_total = relaxed = strict = values = 0
    for doc in docs:
        predicted = system(doc.text, doc.anchor)
        gold_total += len(doc.gold)
        system_total += len(predicted)
        used: set[int] = set()
        for g in doc.gold:
            for i, s in enumerate(predicted):
                if i not in used and s.start < g.end and g.start < s.end:
                    used.add(i)
                    relaxed += 1
                    strict += (s.start, s.end) == (g.start, g.end)
                    values += s.value == g.value
                    break

    def f1(matches: int) -> float:
        p, r = matches / max(1, system_total), matches / max(1, gold_total)
        return 2 * p * r / (p + r) if p + r else 0.0

    relaxed_f1 = f1(relaxed)
    return {
        "strict_f1": f1(strict),
        "relaxed_f1": relaxed_f1,
        "relaxed_p": relaxed / max(1, system_total),
        "relaxed_r": relaxed / max(1, gold_total),
        "value_f1": values / max(1, relaxed) * relaxed_f1,
    }


def main() -> None:
    folder = require("tempeval3") / "Training" / "TBAQ-cleaned"
    docs = [load(path) for path in sorted(folder.rglob("*.tml"))]
    halves = {name: [d for d in docs if half(d.name) == name] for name in ("tune", "check")}
    print(
        f"{len(docs)} documents, {sum(len(d.gold) for d in docs)} gold TIMEX3"
        f" ({len(halves['tune'])} tune / {len(halves['check'])} check, split by file name)"
    )
    print("| system | half | strict F1 | relaxed P | relaxed R | relaxed F1 | value F1 | docs/s |")
    print("|---|---|---|---|---|---|---|---|")
    systems: list[tuple[str, Callable[[str, dt.date], list[Timex]]]] = [
        ("copydesk (text)", copydesk_times),
        ("diagnostic: find_times on the bare text", direct_times),
    ]
    if "--no-peers" not in sys.argv:
        systems.append(("dateparser search", dateparser_times))
    for name, system in systems:
        for half_name in ("tune", "check"):
            part = halves[half_name]
            start = time.perf_counter()
            m = score(part, system)
            speed = len(part) / (time.perf_counter() - start)
            print(
                f"| {name} | {half_name} | {m['strict_f1']:.3f} | {m['relaxed_p']:.3f} "
                f"| {m['relaxed_r']:.3f} | {m['relaxed_f1']:.3f} | {m['value_f1']:.3f} "
                f"| {speed:.1f} |"
            )
    if REFUSED:
        refused = sum(d.anchor.isoformat() in REFUSED for d in docs)
        print(
            f"\n{refused} documents read without their creation day: extract refused it as a "
            f"publication date ({min(REFUSED)} .. {max(REFUSED)})"
        )


if __name__ == "__main__":
    main()
