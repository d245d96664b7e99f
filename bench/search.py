"""Query latency (p50 / p95) at 100,000 stored articles.

The store is built honestly but quickly: 300 benchmark pages are ingested for real
(extraction and understanding), then 100,000 articles are written through the same
store code, each combining the first half of one real article with the second half of
another under a new URL, carrying the first one's quotes and figures. Then each query
command's search runs 200 times with terms drawn from the corpus.

    make bench-deps && .venv/bin/python bench/search.py [--articles 100000] [--db PATH]

With --db, the store is built there once and reused by later runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import msgspec

from _corpora import write_jsonl
from copydesk import api
from copydesk.corpus import Store
from copydesk.corpus.ingest import _load_copies, _load_threads
from copydesk.corpus.queries import records
from copydesk.corpus.threads import ThreadIndex
from copydesk.corpus.writes import Index, store_article


def build(db: str, seed_pages: int, articles: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        dump = write_jsonl(Path(folder) / "seed.jsonl", seed_pages)
        api.ingest([str(dump)], db=db, workers=2, understand=True)
    rng = random.Random(7)
    with Store(db) as store:
        real = [a for a in records(store) if a.body]
        index = Index(_load_copies(store), ThreadIndex(_load_threads(store)))
        made = len(real)
        while made < articles:
            with store.transaction() as conn:
                for _ in range(1000):
                    a, b = rng.sample(real, 2)
                    body = a.body[: max(1, len(a.body) // 2)] + b.body[len(b.body) // 2 :]
                    article = msgspec.structs.replace(
                        a, body=body, url=f"https://bench.example/{made}", source=f"bench:{made}"
                    )
                    store_article(conn, index, article, f"bench-{made}")
                    made += 1


def timed(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1]


def main() -> None:
    articles = (
        int(sys.argv[sys.argv.index("--articles") + 1]) if "--articles" in sys.argv else 100_000
    )
    with tempfile.TemporaryDirectory() as folder:
        given = sys.argv[sys.argv.index("--db") + 1] if "--db" in sys.argv else None
        db = given or str(Path(folder) / "search.db")
        if not Path(db).exists():
            start = time.perf_counter()
            build(db, 300, articles)
            print(f"built {articles:,} articles in {time.perf_counter() - start:.0f} s")
        Store(db).close()  # migrate a store built by an earlier copydesk
        with Store(db, readonly=True) as store:
            words = [
                r[0]
                for r in store.query(
                    "SELECT headline FROM documents WHERE headline IS NOT NULL LIMIT 2000"
                )
            ]
            speakers = [
                r[0]
                for r in store.query(
                    "SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL LIMIT 500"
                )
            ]
        rng = random.Random(3)
        vocabulary = [w.strip('",.:;!?()') for h in words for w in h.split() if len(w) > 4]
        rng.shuffle(vocabulary)
        runs = 200
        terms = iter(vocabulary * 2)
        names = iter(speakers * 400)
        print("| query | p50 ms | p95 ms |")
        print("|---|---|---|")
        cases: list[tuple[str, Callable[[], object]]] = [
            ("search WORD", lambda: api.search(f'"{next(terms)}"', db=db)),
            ("quotes --speaker NAME", lambda: api.quotes(db=db, speaker=next(names))),
            ("quotes --about WORD", lambda: api.quotes(db=db, about=f'"{next(terms)}"')),
            ("figures --unit person", lambda: api.figures(db=db, unit="person")),
            ("figures --about WORD", lambda: api.figures(db=db, about=f'"{next(terms)}"')),
            ("threads", lambda: api.threads(db=db, limit=50)),
        ]
        for label, call in cases:
            p50, p95 = timed(call, runs)
            print(f"| {label} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
