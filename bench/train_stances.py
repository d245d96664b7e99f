"""Train the stance model on PolNeAR train and write its weights into the package.

    make train-stances        # = .venv/bin/python bench/train_stances.py

Every candidate the package generates (``copydesk.understand.stances.candidates``) on
a train article is labelled by the PolNeAR scoring: a stance when its content matches a
gold attribution's (Dice ≥ 0.5 on letters and digits) and its holder overlaps that
attribution's Source. A logistic regression (scikit-learn, the ``train`` extra) is fit
on the first 85% of the articles; the acceptance threshold is the one that gives the
best content + speaker F1 of quotes and stances together on the other 15%; then the
model is refit on all of train with that threshold. Dev is never read. The output is
deterministic: the same data and versions write the same file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from spacy.tokens import Doc

from copydesk.understand.attribution import attributions
from copydesk.understand.nlp import parse
from copydesk.understand.stances import WEIGHTS_FILE, StanceModel, candidates
from quotes_polnear import Attribution, attributions_of, dice, evaluate, load_split, positions

C = 0.3  # inverse regularisation; 0.1–1.0 scored within 0.005 of each other on held-out train
FIT_SHARE = 0.85
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
MIN_COUNT = 10  # a feature seen fewer times is noise the model would only memorise
MIN_WEIGHT = 0.02  # smaller weights change no decision and only fatten the file
OUT = Path(__file__).parent.parent / "src" / "copydesk" / "understand" / WEIGHTS_FILE


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    articles = load_split("train")
    docs = [parse(text) for text, _ in articles]
    examples = [_labelled(doc, gold) for doc, (_, gold) in zip(docs, articles, strict=True)]
    cut = int(len(docs) * FIT_SHARE)

    def fit(rows: list[list[tuple[frozenset[str], int]]]) -> StanceModel:
        seen = Counter(f for row in rows for features, _ in row for f in features)
        features = [{f: 1 for f in fs if seen[f] >= MIN_COUNT} for row in rows for fs, _ in row]
        labels = [label for row in rows for _, label in row]
        vectorizer = DictVectorizer()
        regression = LogisticRegression(C=C, max_iter=5000)
        regression.fit(vectorizer.fit_transform(features), labels)
        weights = {
            name: round(float(w), 4)
            for name, w in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
            if abs(w) >= MIN_WEIGHT
        }
        return StanceModel(weights, round(float(regression.intercept_[0]), 4), 0.5)

    held_out = fit(examples[:cut])
    val_docs = list(zip(docs[cut:], articles[cut:], strict=True))
    scores = {}
    for threshold in THRESHOLDS:
        trial = held_out._replace(threshold=threshold)
        outputs = {text: attributions_of(doc, trial) for doc, (text, _) in val_docs}
        result = evaluate([article for _, article in val_docs], outputs.__getitem__)
        scores[threshold] = result["all"]["speaker_f1"]
        print(f"threshold {threshold:.2f}: held-out content + speaker F1 {scores[threshold]:.3f}")
    best = max(THRESHOLDS, key=lambda t: (scores[t], -t))
    final = fit(examples)._replace(threshold=best)
    payload = {
        "trained_on": "PolNeAR train (github networkdynamics/PolNeAR @c3eee83), "
        f"{len(docs)} articles, {sum(len(r) for r in examples)} candidates",
        "how": f"bench/train_stances.py: scikit-learn {metadata.version('scikit-learn')} "
        f"LogisticRegression(C={C}); threshold chosen on the last {1 - FIT_SHARE:.0%} "
        f"of train (F1 {scores[best]:.3f}), then refit on all of train",
        "threshold": final.threshold,
        "bias": final.bias,
        "weights": dict(sorted(final.weights.items())),
    }
    OUT.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"threshold {best}, {len(final.weights)} weights written to {OUT}")


def _labelled(doc: Doc, gold: list[Attribution]) -> list[tuple[frozenset[str], int]]:
    taken = {a.cue.i for a in attributions(doc)}
    text = doc.text  # spaCy joins it anew on every access
    rows = []
    for candidate in candidates(doc, taken):
        content, speaker = candidate.attribution.content, candidate.attribution.named_by
        letters = positions(text, [(content.start_char, content.end_char)])
        right = any(
            dice(letters, g.content) >= 0.5
            and g.source is not None
            and speaker.start_char < g.source[1]
            and g.source[0] < speaker.end_char
            for g in gold
        )
        rows.append((candidate.features, int(right)))
    return rows


if __name__ == "__main__":
    main()
