"""Ingest throughput with 1 and 2 workers, and peak memory at 1,000 and 10,000 documents.

The corpora are the AEB and naeb pages (602), repeated under new URLs with one
paragraph added per repeat (bench/_corpora.py). Throughput is measured with and without
understanding; memory is the peak resident size of the ingest process and its workers
(extraction only, so that 10,000 documents finish in minutes on 2 cores).

    make bench-deps && .venv/bin/python bench/ingest.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpora import write_jsonl
from copydesk import api


def throughput(dump: Path, workers: int, understand: bool) -> float:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        start = time.perf_counter()
        summary = api.ingest([str(dump)], db=db, workers=workers, understand=understand)
        elapsed = time.perf_counter() - start
    return summary.stored / elapsed


def peak_memory_mib(dump: Path) -> float:
    """Peak RSS of a fresh ingest process and its workers (Linux reports KiB)."""
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "bench.db")
        code = (
            "import resource; from copydesk import api; "
            f"api.ingest([{str(dump)!r}], db={db!r}, workers=2, understand=False); "
            "print(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        small = write_jsonl(Path(folder) / "200.jsonl", 200)
        pages = write_jsonl(Path(folder) / "602.jsonl", 602)
        print("| run | 1 worker docs/s | 2 workers docs/s | speed-up |")
        print("|---|---|---|---|")
        for label, dump, understand in (
            ("extract only, 602 pages", pages, False),
            ("extract + understand, 200 pages", small, True),
        ):
            one = throughput(dump, 1, understand)
            two = throughput(dump, 2, understand)
            print(f"| {label} | {one:.1f} | {two:.1f} | {two / one:.2f}× |")
        print()
        print("| documents | peak memory (MiB, largest process) |")
        print("|---|---|")
        for count in (1_000, 10_000):
            dump = write_jsonl(Path(folder) / f"{count}.jsonl", count)
            print(f"| {count:,} | {peak_memory_mib(dump):.0f} |")


if __name__ == "__main__":
    main()
