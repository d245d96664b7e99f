"""Attributions on PolNeAR dev (84 articles), beside textacy's direct_quotations.

Scoring (../shared/bench/README.md): a predicted attribution matches a gold one when
their contents, as sets of character positions without white space and punctuation,
have Dice ≥ 0.5 (one to one, greedy); its speaker is right when the predicted speaker
mention overlaps the gold Source span. Content fragments of one attribution count as
one. Reported for all attributions and for those whose gold cue is a verb of saying;
recall by kind (direct: the content is one quotation; mixed: it holds a quotation;
indirect: no quotation marks).

Each article's text file (headline line, then paragraphs) is read as a user hands it in,
``copydesk.extract(text=...)``; the record's quotes and stances are mapped back onto the
file (bench/_through.py). Calling the finders on the bare text is printed beside it as a
diagnostic only. Articles are split by ``_data.half(file name)``: tune on "tune" (and on
train), quote "check".

    make bench-deps && .venv/bin/python bench/quotes_polnear.py [--split train --limit 120]
        [--no-peers] [--half tune|check] [--no-diagnostic]
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from _data import half, require
from _through import Alignment

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from copydesk.record import Article
    from copydesk.understand.stances import StanceModel

SAYING = frozenset(
    "say said says saying tell told tells add added adds state stated announce announced "
    "report reported reports write wrote tweet tweeted explain explained claim claimed "
    "according note noted argue argued insist insisted warn warned".split()
)
_MARKS = '"“”«»„'
_TEXT_BOUND = re.compile(r"T\d+\t")
_EVENT = re.compile(r"E\d+\t")


class Attribution(NamedTuple):
    content: frozenset[int]
    source: tuple[int, int] | None
    cue: str
    kind: str


def positions(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(
        i
        for start, end in spans
        for i in range(start, end)
        if i < len(text) and not (text[i].isspace() or not text[i].isalnum())
    )


def kind_of(content: str) -> str:
    marks = sum(content.count(m) for m in _MARKS)
    stripped = content.strip(" ,.")
    if (
        marks >= 2
        and stripped[:1] in _MARKS
        and stripped[-1:] in _MARKS + ",."
        and not any(m in stripped[1:-1].strip(_MARKS + ",") for m in _MARKS)
    ):
        return "direct"
    return "mixed" if marks else "indirect"


def load_gold(ann: Path, text: str) -> list[Attribution]:
    spans: dict[str, list[tuple[int, int]]] = {}
    found: list[Attribution] = []
    lines = ann.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if _TEXT_BOUND.match(line):  # a span's text may run onto lines of its own
            tid, middle, *_ = line.split("\t")
            ranges = middle.split(" ", 1)[1]
            spans[tid] = [tuple(map(int, r.split())) for r in ranges.split(";")]  # type: ignore[misc]
    for line in lines:
        if not _EVENT.match(line):
            continue
        roles = dict(part.split(":") for part in line.split("\t")[1].split()[1:])
        content = [s for key, tid in roles.items() if key.startswith("Content") for s in spans[tid]]
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), [None])[0]  # type: ignore[list-item]
        cue_spans = spans.get(roles.get("Cue", ""), [])
        cue = " ".join(text[s:e] for s, e in cue_spans).lower()
        content_text = " ".join(text[s:e] for s, e in content)
        found.append(Attribution(positions(text, content), source, cue, kind_of(content_text)))
    return found


def copydesk_attributions(text: str) -> list[Attribution]:
    """The record's quotes and stances, read through the public call, in the file's
    offsets."""
    import copydesk

    return record_attributions(text, copydesk.extract(text=text))


def record_attributions(text: str, article: Article) -> list[Attribution]:
    aligned = Alignment(text, article.body)
    found = []
    for quote in article.quotes:
        fragments = aligned.spans([(f.start, f.end) for f in quote.fragments])
        mention = quote.speaker.mention.span if quote.speaker.mention else None
        source = aligned.span(mention.start, mention.end) if mention else None
        found.append(Attribution(positions(text, fragments), source, quote.cue.lower(), quote.kind))
    for stance in article.stances:
        content = aligned.spans([(stance.span.start, stance.span.end)])
        mention = stance.holder.mention.span if stance.holder.mention else None
        source = aligned.span(mention.start, mention.end) if mention else None
        found.append(Attribution(positions(text, content), source, stance.cue.lower(), "indirect"))
    return found


def direct_attributions(text: str) -> list[Attribution]:
    """Diagnostic only: the finders called on the bare text, past the extractor."""
    from copydesk.understand.nlp import parse

    return attributions_of(parse(text))


def attributions_of(doc: Doc, stance_model: StanceModel | None = None) -> list[Attribution]:
    """Quotes and stances as the understand components find them (same calls, same
    order), with another stance model when one is given (training picks a threshold)."""
    from copydesk.understand.actors import find_actors
    from copydesk.understand.attribution import attributions
    from copydesk.understand.quotes import find_quotes
    from copydesk.understand.stances import find_stances

    text = doc.text
    said = attributions(doc)
    stances = find_stances(doc, said, stance_model)
    actors = find_actors(doc, [*said, *(s.attribution for s in stances)])
    found = [
        Attribution(positions(text, q.fragments), q.mention, q.cue.lower(), q.kind)
        for q in find_quotes(said, actors)
    ]
    for stance in stances:
        content, speaker = stance.attribution.content, stance.attribution.named_by
        found.append(
            Attribution(
                positions(text, [(content.start_char, content.end_char)]),
                (speaker.start_char, speaker.end_char),
                stance.attribution.cue.lower_,
                "indirect",
            )
        )
    return found


def textacy_attributions(text: str) -> list[Attribution]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from textacy.extract import direct_quotations

        from copydesk.understand.nlp import parse

        doc = parse(text)
        result = []
        try:
            quotes = list(direct_quotations(doc))
        except ValueError:  # textacy bails out on an unclosed quotation mark
            quotes = []
        for quote in quotes:
            speaker = quote.speaker[0] if quote.speaker else None
            source = (speaker.idx, speaker.idx + len(speaker.text)) if speaker is not None else None
            content = [(t.idx, t.idx + len(t.text)) for span in [quote.content] for t in span]
            result.append(Attribution(positions(text, content), source, "", "direct"))
        return result


def _saying(cue: str) -> bool:
    return any(word in SAYING for word in cue.split())


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def matches(
    predicted: list[Attribution], gold: list[Attribution]
) -> list[tuple[int, Attribution, bool]]:
    """Each gold attribution whose content a prediction matches (Dice ≥ 0.5, greedy, one
    to one, gold in order): the prediction's index, the gold, and whether the speakers'
    spans overlap."""
    used: set[int] = set()
    found = []
    for g in gold:
        best, best_dice = None, 0.5
        for i, p in enumerate(predicted):
            if i not in used and (d := dice(p.content, g.content)) >= best_dice:
                best, best_dice = i, d
        if best is None:
            continue
        used.add(best)
        p = predicted[best]
        right = (
            p.source is not None
            and g.source is not None
            and (p.source[0] < g.source[1] and g.source[0] < p.source[1])
        )
        found.append((best, g, right))
    return found


def evaluate(
    docs: list[tuple[str, list[Attribution]]], system: Callable[[str], list[Attribution]]
) -> dict[str, dict[str, float]]:
    tallies: dict[str, dict[str, float]] = {
        group: {"gold": 0, "pred": 0, "content": 0, "speaker": 0} for group in ("all", "saying")
    }
    kinds = {k: [0, 0] for k in ("direct", "mixed", "indirect")}
    for text, gold_all in docs:
        predicted_all = system(text)
        for group in ("all", "saying"):
            gold = gold_all if group == "all" else [g for g in gold_all if _saying(g.cue)]
            # textacy gives no cue: its direct quotations all stand as speech
            predicted = (
                predicted_all
                if group == "all"
                else [p for p in predicted_all if not p.cue or _saying(p.cue)]
            )
            tallies[group]["pred"] += len(predicted)
            tallies[group]["gold"] += len(gold)
            if group == "all":
                for g in gold:
                    kinds[g.kind][1] += 1
            for _index, g, right in matches(predicted, gold):
                tallies[group]["content"] += 1
                tallies[group]["speaker"] += right
                if group == "all":
                    kinds[g.kind][0] += 1
    out: dict[str, dict[str, float]] = {}
    for group, t in tallies.items():
        scores: dict[str, float] = {}
        for key in ("content", "speaker"):
            precision = t[key] / max(1, t["pred"])
            recall = t[key] / max(1, t["gold"])
            scores[f"{key}_p"], scores[f"{key}_r"] = precision, recall
            scores[f"{key}_f1"] = (
                2 * precision * recall / (precision + recall) if precision + recall else 0
            )
        out[group] = scores
    out["kinds"] = {k: hit / max(1, total) for k, (hit, total) in kinds.items()}
    return out


def load_split(split: str, limit: int | None = None) -> list[tuple[str, list[Attribution]]]:
    """Each article's text and gold attributions; an article annotated twice is scored
    on its first annotation."""
    return [(text, gold) for _name, text, gold in load_named(split, limit)]


def load_named(split: str, limit: int | None = None) -> list[tuple[str, str, list[Attribution]]]:
    """As ``load_split``, each article with its file name (what ``half`` splits on)."""
    folder = require("polnear") / split
    docs: list[tuple[str, str, list[Attribution]]] = []
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        if stem in seen:
            continue
        seen.add(stem)
        text = (folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        docs.append((stem, text, load_gold(ann, text)))
        if limit is not None and len(docs) >= limit:
            break
    return docs


def main() -> None:
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "dev"
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    named = load_named(split, limit)
    halves = {
        name: [(text, gold) for key, text, gold in named if half(key) == name]
        for name in ("tune", "check")
    }
    print(
        f"{len(named)} articles, {sum(len(g) for _, _, g in named)} gold attributions "
        f"({len(halves['tune'])} tune / {len(halves['check'])} check, split by file name)"
    )
    print(
        "| system | half | set | content P | content R | content F1 | +speaker P | +speaker R "
        "| +speaker F1 | recall direct / mixed / indirect | articles/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    systems: list[tuple[str, Callable[[str], list[Attribution]]]] = [
        ("copydesk (text)", copydesk_attributions)
    ]
    if "--no-diagnostic" not in sys.argv:
        systems.append(("diagnostic: finders on the bare text", direct_attributions))
    if "--no-peers" not in sys.argv:
        from copydesk.understand.nlp import english

        english()  # load the model before timing anyone
        start = time.perf_counter()
        for _key, text, _gold in named:
            english()(text)
        bare = len(named) / (time.perf_counter() - start)
        print(f"(bare spaCy en_core_web_sm parse of the same texts: {bare:.1f} articles/s)")
        systems.append(("textacy direct_quotations", textacy_attributions))
    wanted = sys.argv[sys.argv.index("--half") + 1] if "--half" in sys.argv else None
    for name, system in systems:
        for half_name in [h for h in ("tune", "check") if wanted in (None, h)]:
            _report(name, half_name, halves[half_name], system)


def _report(
    name: str,
    half_name: str,
    docs: list[tuple[str, list[Attribution]]],
    system: Callable[[str], list[Attribution]],
) -> None:
    start = time.perf_counter()
    try:
        result = evaluate(docs, system)
    except ImportError as exc:
        print(f"| {name} | not installed: {exc} |")
        return
    speed = len(docs) / (time.perf_counter() - start)
    k = result["kinds"]
    for group in ("all", "saying"):
        r = result[group]
        print(
            f"| {name} | {half_name} | {group} | {r['content_p']:.3f} | {r['content_r']:.3f} | "
            f"{r['content_f1']:.3f} | {r['speaker_p']:.3f} | {r['speaker_r']:.3f} | "
            f"{r['speaker_f1']:.3f} | {k['direct']:.2f} / {k['mixed']:.2f} / "
            f"{k['indirect']:.2f} | {speed:.1f} |"
        )


if __name__ == "__main__":
    main()
