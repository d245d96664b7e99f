"""A grid over the story-thread constants, on one half of uci-stories (the tuning half by
default): how bench/EXPERIMENTS.md's thread rows were made.

Each point ingests the half's headline items in time order into a fresh store, in this
process, with ``copydesk.corpus.threads``' module constants set to the point's values,
and scores ``api.threads`` against the stories with B-cubed F1 (bench/threads.py's).
Tune on "tune"; read "check" once, after choosing.

    .venv/bin/python bench/threads_grid.py '{"_JOIN": [0.09, 0.12], "_MERGE": [0.2, 0.25]}'
    .venv/bin/python bench/threads_grid.py '{"_STEM": [5, 6, 7]}' --half tune
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from threads import bcubed, rows_of


def score(rows: list[dict[str, str]], constants: dict[str, object]) -> tuple[float, float, float]:
    import copydesk.corpus.threads as threads
    from copydesk import api

    for name, value in constants.items():
        if not hasattr(threads, name):
            raise SystemExit(f"copydesk.corpus.threads has no constant {name}")
        setattr(threads, name, value)
    with tempfile.TemporaryDirectory() as folder:
        items = Path(folder) / "items.jsonl"
        with items.open("w", encoding="utf-8") as out:
            for row in rows:
                moment = dt.datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=dt.UTC)
                published = moment.isoformat().replace("+00:00", "Z")
                out.write(
                    json.dumps({"url": row["URL"], "title": row["TITLE"], "published": published})
                    + "\n"
                )
        db = str(Path(folder) / "threads.db")
        api.ingest([str(items)], db=db, workers=1, understand=False)
        thread_of = {
            document.url: thread.id
            for thread in api.threads(db=db, limit=0)
            for document in thread.documents
        }
    predicted = [thread_of.get(row["URL"], ("alone", i)) for i, row in enumerate(rows)]
    return bcubed(predicted, [row["STORY"] for row in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("grid", help='JSON: {"CONSTANT": [values, ...], ...}')
    parser.add_argument("--half", choices=["tune", "check", "all"], default="tune")
    args = parser.parse_args()
    grid: dict[str, list[object]] = json.loads(args.grid)
    rows = rows_of(args.half)
    names = list(grid)
    print("| " + " | ".join(names) + " | P | R | B-cubed F1 |")
    print("|" + "---|" * (len(names) + 3))
    for values in itertools.product(*(grid[name] for name in names)):
        precision, recall, f1 = score(rows, dict(zip(names, values, strict=True)))
        cells = " | ".join(str(v) for v in values)
        print(f"| {cells} | {precision:.3f} | {recall:.3f} | {f1:.3f} |", flush=True)


if __name__ == "__main__":
    main()
