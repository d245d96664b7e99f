"""The article-extraction-benchmark metric, reimplemented from its evaluate.py (MIT).

Texts become ``\\w+`` tokens (case kept), compared as multisets of 4-token shingles; a
page's TP/FP/FN are normalised to sum to 1. Precision is averaged over pages with any
predicted shingle, recall over pages with any true shingle, and F1 is the harmonic mean
of the two averages. Accuracy is the share of pages whose token sequences are equal.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from typing import NamedTuple

_TOKEN = re.compile(r"\w+", re.UNICODE)


class Counts(NamedTuple):
    tp: float
    fp: float
    fn: float
    exact: bool


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    return Counter(
        tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]
    )


def page_counts(true: str, pred: str) -> Counts:
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    if total > 0:
        tp, fp, fn = tp / total, fp / total, fn / total
    return Counts(tp, fp, fn, tokens(true) == tokens(pred))


def _precision(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return 0.0 if c.tp == c.fp == 0 else c.tp / (c.tp + c.fp)


def _recall(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return 0.0 if c.tp == c.fn == 0 else c.tp / (c.tp + c.fn)


def summarise(pages: list[Counts]) -> dict[str, float]:
    precision = statistics.mean([_precision(c) for c in pages if c.tp + c.fp > 0] or [0.0])
    recall = statistics.mean([_recall(c) for c in pages if c.tp + c.fn > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(c.exact for c in pages) / max(1, len(pages))
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def bootstrap_f1_sd(pages: list[Counts], rounds: int = 200, seed: int = 0) -> float:
    rng = random.Random(seed)
    values = [summarise([rng.choice(pages) for _ in pages])["f1"] for _ in range(rounds)]
    return statistics.stdev(values)
