"""Scale: local[1] against local[2] on the same WARCs, beside ingest with 1 and 2 workers.

The AEB and naeb pages (362 by default: the 181 AEB pages and as many naeb pages) are
packed as HTML responses into 4 WARC files. Each Spark run is a fresh process, so its
start-up (the JVM, the Spark context) is paid and measured every time, and is reported
apart from the job's own seconds; rows/s/core divides the job's articles+errors rows by
its seconds and its cores. ``copydesk ingest`` reads the same WARCs with 1 and 2
workers for comparison (its throughput includes its SQLite writes).

    .venv/bin/pip install 'pyspark==4.3.0'   # the [spark] extra; needs Java 17
    .venv/bin/python bench/scale.py [--pages 362] [--warcs 4] [--no-understand]

Exits with a clear message when ../shared/bench or PySpark is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _data import aeb_pages, naeb_pages
from copydesk import api

RUN = (
    "import json, sys, time\n"
    "from copydesk import scale\n"
    "t = time.perf_counter()\n"
    "s = scale.run(sys.argv[1], sys.argv[2], master=sys.argv[3], understand=sys.argv[4] == '1')\n"
    "print(json.dumps({'wall': time.perf_counter() - t, 'startup': s.startup_seconds,\n"
    "    'seconds': s.seconds, 'tasks': s.task_seconds, 'rows': s.rows}))\n"
)


def pack(folder: Path, count: int, warcs: int) -> list[Path]:
    """The first ``count`` pages (AEB, then naeb) as gzipped response records."""
    pages = [(t.get("url") or f"https://aeb.example/{k}", h) for k, h, t in aeb_pages()]
    pages += [(t.get("url") or f"https://naeb.example/{k}", h) for k, h, t in naeb_pages()]
    pages = pages[:count]
    paths = [folder / f"bench-{n}.warc.gz" for n in range(warcs)]
    for n, path in enumerate(paths):
        with path.open("wb") as out:
            for number, (url, html) in enumerate(pages[n::warcs]):
                out.write(_record(f"{url}#{n}-{number}", html.encode("utf-8")))
    return paths


def _record(url: str, body: bytes) -> bytes:
    http = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        "WARC-Date: 2024-10-09T07:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def spark_run(manifest: Path, out: Path, master: str, understand: bool) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(manifest), str(out), master, "1" if understand else "0"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.exit(f"scale run with {master} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ingest_run(
    warcs: list[Path], db: Path, workers: int, understand: bool
) -> tuple[float, int, int]:
    """Seconds, records stored and documents failed of one ingest of the WARCs."""
    start = time.perf_counter()
    summary = api.ingest(
        [str(w) for w in warcs],
        db=str(db),
        workers=workers,
        understand=understand,
        progress=False,
    )
    return time.perf_counter() - start, summary.stored, summary.failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=362)
    parser.add_argument("--warcs", type=int, default=4)
    parser.add_argument("--no-understand", action="store_true")
    args = parser.parse_args()
    understand = not args.no_understand
    try:
        import pyspark  # noqa: F401
    except ImportError:
        sys.exit("PySpark is not installed: .venv/bin/pip install 'pyspark==4.3.0' (needs Java 17)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        warcs = pack(folder, args.pages, args.warcs)
        manifest = folder / "manifest.txt"
        manifest.write_text("".join(f"{w}\n" for w in warcs))
        print(f"{args.pages} pages in {len(warcs)} WARCs, understand={understand}")
        print(
            "| run | cores | wall s | Spark start-up s | job s | tasks at once | rows | rows/s "
            "| rows/s/core |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        jobs: dict[int, float] = {}
        failures: dict[str, int] = {}
        walls: dict[int, float] = {}
        for cores in (1, 2):
            result = spark_run(manifest, folder / f"out{cores}", f"local[{cores}]", understand)
            rows = result["rows"]
            assert isinstance(rows, dict)
            count = int(rows.get("articles", 0)) + int(rows.get("errors", 0))
            failures[f"scale local[{cores}]"] = int(rows.get("errors", 0))
            seconds = float(result["seconds"])  # type: ignore[arg-type]
            jobs[cores] = seconds
            walls[cores] = float(result["wall"])  # type: ignore[arg-type]
            print(
                f"| scale local[{cores}] | {cores} | {float(result['wall']):.1f} "  # type: ignore[arg-type]
                f"| {float(result['startup']):.1f} | {seconds:.1f} "  # type: ignore[arg-type]
                f"| {float(result['tasks']) / seconds:.2f} | {count} "  # type: ignore[arg-type]
                f"| {count / seconds:.2f} | {count / seconds / cores:.2f} |"
            )
        for workers in (1, 2):
            seconds, stored, failed = ingest_run(
                warcs, folder / f"ingest{workers}.db", workers, understand
            )
            count = stored + failed
            failures[f"ingest --workers {workers}"] = failed
            print(
                f"| ingest --workers {workers} | {workers} | {seconds:.1f} | – | {seconds:.1f} | – "
                f"| {count} | {count / seconds:.2f} | {count / seconds / workers:.2f} |"
            )
        print(
            "\nrows that are errors (failed documents): "
            + ", ".join(f"{run} {n}" for run, n in failures.items())
        )
        print(
            f"local[2]/local[1]: job {jobs[2] / jobs[1]:.2f} (speed-up {jobs[1] / jobs[2]:.2f}×,"
            f" start-up excluded); wall {walls[2] / walls[1]:.2f} (start-up included)"
        )


if __name__ == "__main__":
    main()
