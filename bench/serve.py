"""HTTP latency (p50 / p95) of ``copydesk serve`` at 100,000 stored articles.

The store is the one bench/search.py builds (300 benchmark pages ingested for real, then
mixed into 100,000 articles); with --db it is built there once and reused. The server is
``copydesk.serve.app`` under uvicorn on a free port of 127.0.0.1, in this process's
thread; the client is one keep-alive httpx connection. Each case sends a bounded number
of requests (--requests, 200) and stops early past --seconds (60) per case, so the loop
always ends by itself. Terms and names are drawn from the store, as bench/search.py does.

    make bench-deps && .venv/bin/python bench/serve.py [--articles 100000] [--db PATH]

Prints a Markdown table: case, requests sent, p50 ms, p95 ms, and the goal (p95 < 50 ms
for the API, < 100 ms for pages).
"""

from __future__ import annotations

import argparse
import random
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
from copydesk import api
from copydesk.serve import app
from search import build  # the 100k-article store of the query benchmark

API_GOAL_MS = 50.0
PAGE_GOAL_MS = 100.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(db: str) -> Iterator[str]:
    """uvicorn serving ``db`` on 127.0.0.1 until the block ends; its base URL."""
    port = free_port()
    config = uvicorn.Config(app(db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 30 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def timed(
    client: httpx.Client, path: Callable[[], str], requests: int, seconds: float
) -> list[float]:
    """Milliseconds per request, at most ``requests`` of them and for at most ``seconds``."""
    times = []
    stop = time.monotonic() + seconds
    for _ in range(requests):
        start = time.perf_counter()
        answer = client.get(path())
        times.append((time.perf_counter() - start) * 1000)
        if answer.status_code >= 500:
            raise RuntimeError(f"{answer.request.url} answered {answer.status_code}")
        if time.monotonic() > stop:
            break
    return sorted(times)


def percentile(times: list[float], share: float) -> float:
    return times[min(len(times) - 1, max(0, round(share * len(times)) - 1))]


def samples(db: str) -> tuple[list[str], list[str], list[int]]:
    """Words from headlines, speakers' names and article ids, from the store itself."""
    hits = api.search("the OR said OR and", db=db, limit=2000)
    words = [w.strip('",.:;!?()') for h in hits for w in (h.headline or "").split() if len(w) > 4]
    names = sorted({q.speaker for q in api.quotes(db=db, limit=500) if q.speaker})
    return words, names, [h.id for h in hits]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", help="build the store here once and reuse it")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or str(Path(folder) / "serve.db")
        if not Path(db).exists():
            start = time.perf_counter()
            build(db, 300, options.articles)
            print(f"built {options.articles:,} articles in {time.perf_counter() - start:.0f} s")
        words, names, ids = samples(db)
        rng = random.Random(5)
        rng.shuffle(words)
        terms, speakers, articles = iter(words * 50), iter(names * 500), iter(ids * 50)
        cases: list[tuple[str, Callable[[], str], float]] = [
            ("GET /api/search?q=WORD", lambda: f"/api/search?q={next(terms)}", API_GOAL_MS),
            (
                "GET /api/quotes?speaker=NAME",
                lambda: f"/api/quotes?speaker={next(speakers)}",
                API_GOAL_MS,
            ),
            ("GET /api/quotes?about=WORD", lambda: f"/api/quotes?about={next(terms)}", API_GOAL_MS),
            ("GET /articles/ID (page)", lambda: f"/articles/{next(articles)}", PAGE_GOAL_MS),
            ("GET /?q=WORD (page)", lambda: f"/?q={next(terms)}", PAGE_GOAL_MS),
        ]
        with serving(db) as base, httpx.Client(base_url=base, timeout=30) as client:
            client.get("/api/search?q=warmup")
            print("| request | n | p50 ms | p95 ms | goal p95 |")
            print("|---|---|---|---|---|")
            for label, path, goal in cases:
                times = timed(client, path, options.requests, options.seconds)
                p95 = percentile(times, 0.95)
                verdict = "met" if p95 < goal else "missed"
                print(
                    f"| {label} | {len(times)} | {percentile(times, 0.5):.1f} | {p95:.1f} "
                    f"| < {goal:.0f} ms: {verdict} |"
                )


if __name__ == "__main__":
    main()
