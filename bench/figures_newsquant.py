"""Figures on NewsQuant (quantities in news sentences), beside quantulum3 in one run.

Each of the 297 sentences of ../shared/bench/newsquant/dev.json is read on its own, as a
user hands in a short text: ``copydesk.extract(text="Figures\n\n<sentence>")`` (a
headline line, a blank line, the sentence). The figures read by calling the finders on
the bare sentence are printed beside it as a diagnostic only. Sentences are split by
``_data.half(sentence text)``: rules are tuned on "tune", the number to quote is
"check". A predicted figure matches a gold quantity (one to one, greedy) when their values agree
(within 0.1%; a gold range "a-b" needs our low and high to be a and b). Reported: value
F1, value + unit F1 (unit names folded: case, plural, the dataset's names for percent,
currencies by ISO code, degrees and parts per million) and value + concept F1 (the
counted concept shares a content word with the gold referred concept, or both are
empty).

    make bench-deps && .venv/bin/python bench/figures_newsquant.py [--no-peers]
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from _data import half, require

if TYPE_CHECKING:
    from copydesk.record import Figure
    from copydesk.understand.figures import FigureFound


class Quantity(NamedTuple):
    low: float
    high: float
    unit: str
    concept: str


_UNIT_NAMES = {
    "percent": "percentage",
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound sterling",
    "jpy": "japanese yen",
    "cny": "chinese yuan",
    "person": "people",
    "tonne": "tonne",
    "us dollar": "dollar",
    "united states dollar": "dollar",
    "dimensionless": "-",
    "percentage": "percentage",
    "myr": "malaysian ringgit",
    "inr": "indian rupee",
    "hkd": "hong kong dollar",
    "krw": "south korean won",
    "chf": "swiss franc",
    "cad": "canadian dollar",
    "aud": "australian dollar",
    "rub": "russian ruble",
    "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit",
    "part per billion": "parts-per-billion",
    "part per million": "parts-per-million",
    "milliampere hour": "milliampere-hour",
}
_GOLD_VALUE = re.compile(r"^(-?[\d.]+(?:e[+-]?\d+)?)(?:-(-?[\d.]+(?:e[+-]?\d+)?))?$")
_STOP = {"the", "a", "an", "of", "in", "on", "for", "to", "and", "-", "s", "who", "had", "has"}


def fold_unit(unit: str | None) -> str:
    """Unit names folded alike on both sides; a rate ("dollar per barrel") part by part."""
    text = (unit or "-").lower().strip()
    if text in _UNIT_NAMES:
        return _fold_one(text)
    return " per ".join(_fold_one(part) for part in text.split(" per "))


def _fold_one(text: str) -> str:
    text = _UNIT_NAMES.get(text, text)
    return re.sub(r"s$", "", text) if len(text) > 3 else text


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def gold_quantities(sentence: dict[str, object]) -> list[Quantity]:
    result = []
    for q in sentence["quantities"]:  # type: ignore[attr-defined]
        match = _GOLD_VALUE.match(q["value"].strip())
        if match is None:
            continue
        low = float(match[1])
        high = float(match[2]) if match[2] else low
        result.append(Quantity(low, high, q["normalized_unit"], q["referred_concepts"]))
    return result


def copydesk_quantities(text: str) -> list[Quantity]:
    """The figures of the sentence read as a user's short text, through the public call."""
    import copydesk

    article = copydesk.extract(text=f"Figures\n\n{text}")
    return quantities_of(article.figures)


def direct_quantities(text: str) -> list[Quantity]:
    """Diagnostic only: the finders called on the bare sentence, past the extractor."""
    from copydesk.understand.figures import find_figures
    from copydesk.understand.nlp import parse
    from copydesk.understand.times import find_times

    # as the pipeline runs it: time expressions first (years and dates are not figures),
    # with no publication date to resolve them against
    figures, _vague = find_figures(parse(text), [], find_times(text, None))
    return quantities_of(figures)


def quantities_of(figures: Sequence[FigureFound | Figure]) -> list[Quantity]:
    out = []
    for f in figures:
        if f.value is not None:
            out.append(Quantity(f.value, f.value, f.unit or "-", f.counted or "-"))
        elif f.low is not None and f.high is not None:
            out.append(Quantity(f.low, f.high, f.unit or "-", f.counted or "-"))
    return out


def quantulum_quantities(text: str) -> list[Quantity]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

        # Its classifier pickle does not load with current scikit-learn (which textacy
        # brings in); run it as installed without the extra, as the published figures did.
        classifier.USE_CLF = False
        found = parser.parse(text)
    return [Quantity(q.value, q.value, q.unit.name, "-") for q in found]


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def score(
    sentences: list[dict[str, object]], system: Callable[[str], list[Quantity]]
) -> dict[str, float]:
    predicted_total = gold_total = 0
    hits = {"value": 0, "unit": 0, "concept": 0}
    for sentence in sentences:
        gold = gold_quantities(sentence)
        predicted = system(str(sentence["text"]))
        gold_total += len(gold)
        predicted_total += len(predicted)
        used: set[int] = set()
        for g in gold:
            for i, p in enumerate(predicted):
                if i in used or not (close(p.low, g.low) and close(p.high, g.high)):
                    continue
                used.add(i)
                hits["value"] += 1
                unit_ok = fold_unit(p.unit) == fold_unit(g.unit) or (
                    fold_unit(g.unit) != "-" and fold_unit(p.unit) in fold_unit(g.unit).split()
                )
                hits["unit"] += unit_ok
                gold_words, our_words = words(g.concept), words(p.concept)
                hits["concept"] += bool(gold_words & our_words) or (
                    not gold_words and not our_words
                )
                break

    def f1(n: int) -> float:
        p, r = n / max(1, predicted_total), n / max(1, gold_total)
        return 2 * p * r / (p + r) if p + r else 0.0

    return {name: f1(n) for name, n in hits.items()}


def main() -> None:
    sentences = json.loads((require("newsquant") / "dev.json").read_text(encoding="utf-8"))
    halves = {
        name: [s for s in sentences if half(str(s["text"])) == name] for name in ("tune", "check")
    }
    print(
        f"{len(sentences)} sentences, {sum(len(s['quantities']) for s in sentences)} quantities"
        f" ({len(halves['tune'])} tune / {len(halves['check'])} check, split by sentence text)"
    )
    print("| system | half | value F1 | value+unit F1 | value+concept F1 | sentences/s |")
    print("|---|---|---|---|---|---|")
    systems: list[tuple[str, Callable[[str], list[Quantity]]]] = [
        ("copydesk (short text)", copydesk_quantities),
        ("diagnostic: finders on the bare sentence", direct_quantities),
    ]
    if "--no-peers" not in sys.argv:
        systems.append(("quantulum3", quantulum_quantities))
    for name, system in systems:
        for half_name in ("tune", "check"):
            part = halves[half_name]
            start = time.perf_counter()
            m = score(part, system)
            speed = len(part) / (time.perf_counter() - start)
            print(
                f"| {name} | {half_name} | {m['value']:.3f} | {m['unit']:.3f} "
                f"| {m['concept']:.3f} | {speed:.0f} |"
            )


if __name__ == "__main__":
    main()
