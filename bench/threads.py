"""Story threads on real headlines: UCI News Aggregator stories (../shared/bench/uci-stories).

Each row is fed as a headline item ``{url, title, published}`` (what an RSS item gives),
in time order, through ``copydesk ingest`` into a fresh store, and read back through
``copydesk threads --json --limit 0``, as a user would. Threads are scored against the
rows' Google News story with B-cubed precision, recall and F1 (an item in no thread is a
thread of its own). The baseline sees every headline at once: TF-IDF vectors and
average-linkage agglomerative clustering (scikit-learn, cosine), its distance threshold
chosen on the tuning half. It runs twice: on the headlines alone, and on the headlines
with the words of the URL path, which copydesk reads too.

The dev file is split by story (``half(story id)``): rules are tuned on the tuning
half and the checking half is the number to quote.

    .venv/bin/python bench/threads.py [--understand] [--half tune|check|all]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from _data import half, require

COPYDESK = Path(sys.executable).with_name("copydesk")


def rows_of(which: str) -> list[dict[str, str]]:
    folder = require("uci-stories")
    with (folder / "dev.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda row: (int(row["TIMESTAMP"]), int(row["ID"])))
    return [row for row in rows if which == "all" or half(row["STORY"]) == which]


def bcubed(predicted: list[object], gold: list[object]) -> tuple[float, float, float]:
    by_predicted: dict[object, set[int]] = defaultdict(set)
    by_gold: dict[object, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_predicted[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        shared = len(by_predicted[p] & by_gold[g])
        precision += shared / len(by_predicted[p])
        recall += shared / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall or 1)


def copydesk_threads(rows: list[dict[str, str]], understand: bool) -> tuple[list[object], float]:
    """Each row's thread id as ``copydesk threads`` gives it, and the items/s of ingest."""
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.jsonl"
        with items.open("w", encoding="utf-8") as out:
            for row in rows:
                moment = dt.datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=dt.UTC)
                item = {
                    "url": row["URL"],
                    "title": row["TITLE"],
                    "published": moment.isoformat().replace("+00:00", "Z"),
                }
                out.write(json.dumps(item) + "\n")
        db = str(Path(folder) / "threads.db")
        flags = [] if understand else ["--no-understand"]
        started = time.perf_counter()
        subprocess.run(
            [str(COPYDESK), "ingest", str(items), "--db", db, "--no-progress", *flags],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        listed = subprocess.run(
            [str(COPYDESK), "threads", "--db", db, "--json", "--limit", "0"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    thread_of: dict[str, object] = {}
    for thread in json.loads(listed):
        for document in thread["documents"]:
            thread_of[document["url"]] = thread["id"]
    # an item that is in no thread (or not stored) is a thread of its own
    predicted = [thread_of.get(row["URL"], ("alone", i)) for i, row in enumerate(rows)]
    return predicted, len(rows) / seconds


def baseline(rows: list[dict[str, str]], threshold: float, url_words: bool) -> list[object]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r["TITLE"] + (" " + _path_words(r["URL"]) if url_words else "") for r in rows]
    vectors = TfidfVectorizer(stop_words="english").fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    )
    return list(model.fit_predict(vectors.toarray()))


def _path_words(url: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]{3,}", urlsplit(url).path.replace("_", " ")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--understand", action="store_true", help="ingest with understanding")
    parser.add_argument("--half", choices=("tune", "check", "all"), default=None)
    args = parser.parse_args()
    halves = [args.half] if args.half else ["tune", "check", "all"]
    tune = rows_of("tune")
    gold_tune = [r["STORY"] for r in tune]
    thresholds = {
        url_words: max(
            (t / 100 for t in (*range(50, 100, 5), 98)),
            key=lambda t: bcubed(baseline(tune, t, url_words), gold_tune)[2],
        )
        for url_words in (False, True)
    }
    print(
        "baseline distance thresholds (chosen on the tuning half):"
        f" {thresholds[False]:.2f} headlines, {thresholds[True]:.2f} with URL words"
    )
    print("| half | items | stories | system | threads | largest | P | R | B-cubed F1 | items/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for which in halves:
        rows = rows_of(which)
        gold = [r["STORY"] for r in rows]
        stories = len(set(gold))
        predicted, rate = copydesk_threads(rows, args.understand)
        systems: list[tuple[str, list[object], float]] = [("copydesk", predicted, rate)]
        for url_words, name in ((False, "headlines"), (True, "+ URL words")):
            started = time.perf_counter()
            base = baseline(rows, thresholds[url_words], url_words)
            base_rate = len(rows) / (time.perf_counter() - started)
            systems.append((f"tf-idf + agglomerative ({name})", base, base_rate))
        for name, labels, speed in systems:
            sizes: dict[object, int] = defaultdict(int)
            for label in labels:
                sizes[label] += 1
            p, r, f = bcubed(labels, gold)
            print(
                f"| {which} | {len(rows)} | {stories} | {name} | {len(sizes)}"
                f" | {max(sizes.values())} | {p:.3f} | {r:.3f} | {f:.3f} | {speed:,.0f} |"
            )


if __name__ == "__main__":
    main()
