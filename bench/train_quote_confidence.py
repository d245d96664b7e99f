"""Fit the quote and speaker confidence models on PolNeAR dev's tuning half, write their
weights into the package, and report calibration on the checking half.

    .venv/bin/python bench/train_quote_confidence.py [--report-only]

Each quote the package finds on a tuning article is labelled by the PolNeAR scoring
(bench/quotes_polnear.py): right when its content matches a gold attribution (Dice ≥ 0.5,
one to one, greedy, quotes and stances matched together as the bench matches them); its
speaker is right when, besides, the speaker mention overlaps the gold Source. A logistic
regression (scikit-learn, the ``train`` extra) is fit for each: the quote model on every
quote, the speaker model on the quotes whose content is right. Reliability is reported as
expected calibration error (ten equal-width bins) on the checking half, read through
``copydesk.extract(text=...)`` when the record carries the confidences, else from the
finders on the bare text (a diagnostic). ``--report-only`` skips the fit.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).parent))
from _data import half
from _through import Alignment
from copydesk.understand.actors import find_actors
from copydesk.understand.attribution import attributions
from copydesk.understand.nlp import parse
from copydesk.understand.quotes import find_quotes
from copydesk.understand.stances import find_stances
from quotes_polnear import Attribution, load_named, matches, positions

C = 0.5  # inverse regularisation: few features, a few hundred quotes
MIN_COUNT = 5  # a feature seen fewer times is noise the model would only memorise
BINS = 10
OUT = Path(__file__).parent.parent / "src" / "copydesk" / "understand" / "confidence_weights.py"


class Labelled(NamedTuple):
    features: frozenset[str]
    speaker_features: frozenset[str]
    confidence: float
    speaker_confidence: float
    content_right: bool
    speaker_right: bool


def labelled(text: str, gold: list[Attribution]) -> list[Labelled]:
    """The quotes the finders give on the bare text, each labelled against the gold."""
    doc = parse(text)
    said = attributions(doc)
    stances = find_stances(doc, said)
    actors = find_actors(doc, [*said, *(s.attribution for s in stances)])
    quotes = find_quotes(said, actors)
    predicted = [Attribution(positions(text, q.fragments), q.mention, "", q.kind) for q in quotes]
    for stance in stances:
        content, named = stance.attribution.content, stance.attribution.named_by
        span = [(content.start_char, content.end_char)]
        predicted.append(
            Attribution(positions(text, span), (named.start_char, named.end_char), "", "")
        )
    matched = _match(predicted, gold)
    return [
        Labelled(
            q.features,
            q.speaker_features,
            q.confidence,
            q.speaker_confidence,
            i in matched,
            matched.get(i, False),
        )
        for i, q in enumerate(quotes)
    ]


def _match(predicted: list[Attribution], gold: list[Attribution]) -> dict[int, bool]:
    """Predicted index → whether its speaker is right, for those whose content matches."""
    return {index: right for index, _gold, right in matches(predicted, gold)}


def record_labelled(text: str, gold: list[Attribution]) -> list[tuple[float, float, bool, bool]]:
    """(quote confidence, speaker confidence, content right, speaker right) for the
    record's quotes, read through the public call; empty when the record carries none."""
    import copydesk

    article = copydesk.extract(text=text)
    aligned = Alignment(text, article.body)
    predicted, confidences = [], []
    for quote in article.quotes:
        speaker = quote.speaker
        if quote.confidence is None or speaker is None or speaker.confidence is None:
            return []
        mention = speaker.mention.span if speaker.mention else None
        source = aligned.span(mention.start, mention.end) if mention else None
        spans = aligned.spans([(f.start, f.end) for f in quote.fragments])
        predicted.append(Attribution(positions(text, spans), source, "", quote.kind))
        confidences.append((quote.confidence, speaker.confidence))
    for stance in article.stances:
        content = aligned.spans([(stance.span.start, stance.span.end)])
        mention = stance.holder.mention.span if stance.holder.mention else None
        source = aligned.span(mention.start, mention.end) if mention else None
        predicted.append(Attribution(positions(text, content), source, "", ""))
    matched = _match(predicted, gold)
    return [(q, s, i in matched, matched.get(i, False)) for i, (q, s) in enumerate(confidences)]


def fit(rows: list[tuple[frozenset[str], bool]]) -> tuple[dict[str, float], float]:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for features, _ in rows for f in features)
    features = [{f: 1 for f in fs if seen[f] >= MIN_COUNT} for fs, _ in rows]
    vectorizer = DictVectorizer()
    regression = LogisticRegression(C=C, max_iter=5000)
    regression.fit(vectorizer.fit_transform(features), [label for _, label in rows])
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4) for name, w in zip(names, regression.coef_[0], strict=True)
    }
    return weights, round(float(regression.intercept_[0]), 4)


def ece(pairs: list[tuple[float, bool]]) -> float:
    """Expected calibration error: the mean gap, weighted by bin size, between the
    confidence and the share right in each of ``BINS`` equal-width bins."""
    total = 0.0
    for b in range(BINS):
        inside = [(p, y) for p, y in pairs if min(int(p * BINS), BINS - 1) == b]
        if inside:
            mean_p = sum(p for p, _ in inside) / len(inside)
            share = sum(y for _, y in inside) / len(inside)
            total += len(inside) * abs(mean_p - share)
    return total / max(1, len(pairs))


def reliability(name: str, pairs: list[tuple[float, bool]]) -> None:
    right = sum(y for _, y in pairs) / max(1, len(pairs))
    mean = sum(p for p, _ in pairs) / max(1, len(pairs))
    print(
        f"| {name} | {len(pairs)} | {mean:.3f} | {right:.3f} | {ece(pairs):.3f} | "
        + " ".join(_bin_line(pairs))
        + " |"
    )


def _bin_line(pairs: list[tuple[float, bool]]) -> list[str]:
    out = []
    for b in range(BINS):
        inside = [y for p, y in pairs if min(int(p * BINS), BINS - 1) == b]
        if inside:
            out.append(f"{b / BINS:.1f}:{sum(inside)}/{len(inside)}")
    return out


def write(quote: tuple[dict[str, float], float], speaker: tuple[dict[str, float], float]) -> None:
    lines = [
        '"""Weights of the quote and speaker confidence models (written by',
        '``bench/train_quote_confidence.py``; do not edit by hand)."""',
        "",
        f"QUOTE_BIAS = {quote[1]!r}",
        "QUOTE_WEIGHTS: dict[str, float] = {",
        *(f"    {k!r}: {v!r}," for k, v in sorted(quote[0].items())),
        "}",
        f"SPEAKER_BIAS = {speaker[1]!r}",
        "SPEAKER_WEIGHTS: dict[str, float] = {",
        *(f"    {k!r}: {v!r}," for k, v in sorted(speaker[0].items())),
        "}",
        "",
    ]
    OUT.write_text("\n".join(lines).replace("'", '"'), encoding="utf-8")


def main() -> None:
    named = load_named("dev")
    tune = [(text, gold) for key, text, gold in named if half(key) == "tune"]
    check = [(text, gold) for key, text, gold in named if half(key) == "check"]
    if "--report-only" not in sys.argv:
        rows = [row for text, gold in tune for row in labelled(text, gold)]
        quote = fit([(r.features, r.content_right) for r in rows])
        speaker = fit([(r.speaker_features, r.speaker_right) for r in rows if r.content_right])
        write(quote, speaker)
        print(f"fitted on {len(rows)} quotes of {len(tune)} tuning articles; wrote {OUT.name}")
        print("(run again with --report-only: the package reads the new weights on import)")
        return
    print("| set | quotes | mean confidence | share right | ECE | right/all per bin |")
    print("|---|---|---|---|---|---|")
    for name, docs in (("tune", tune), ("check", check)):
        through = [row for text, gold in docs for row in record_labelled(text, gold)]
        how = "record"
        if not through:  # the record does not carry confidences yet: the finders' own
            how = "finders (diagnostic)"
            found = [row for text, gold in docs for row in labelled(text, gold)]
            through = [
                (r.confidence, r.speaker_confidence, r.content_right, r.speaker_right)
                for r in found
            ]
        reliability(f"{name} quote, {how}", [(q, c) for q, _, c, _ in through])
        reliability(f"{name} speaker | right quote, {how}", [(s, y) for _, s, c, y in through if c])


if __name__ == "__main__":
    main()
