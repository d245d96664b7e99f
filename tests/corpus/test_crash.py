"""kill -9 in the middle of an ingest, then a rerun: every document stored exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import sample
from copydesk import api

DOCUMENTS = 600


def stored(db: Path) -> int:
    """Read while the ingest writes (WAL lets a reader in at any moment)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet


def test_kill_nine_then_rerun_stores_each_document_once(tmp_path: Path) -> None:
    story = sample("wire-story.txt").read_text(encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    with dump.open("w", encoding="utf-8") as out:
        for n in range(DOCUMENTS):
            text = story.replace("4,200", f"{4200 + n:,}")
            out.write(json.dumps({"url": f"https://x.example/{n}", "text": text}) + "\n")
    db = tmp_path / "news.db"
    command = [
        sys.executable,
        "-c",
        "from copydesk.cli import main; main()",
        "ingest",
        str(dump),
        "--db",
        str(db),
        "--no-understand",
        "--workers",
        "1",
        "--no-progress",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while stored(db) < 40 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = stored(db)
    assert 0 < partial < DOCUMENTS, "the ingest was stopped part way"

    summary = api.ingest([str(dump)], db=str(db), workers=1, understand=False)
    assert summary.duplicates == partial
    with sqlite3.connect(db) as conn:
        total, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM documents"
        ).fetchone()
        searchable = conn.execute("SELECT COUNT(*) FROM documents_fts").fetchone()[0]
        stories = conn.execute("SELECT COUNT(*) FROM documents WHERE story_id IS NULL").fetchone()
    assert total == distinct == DOCUMENTS
    assert searchable == DOCUMENTS, "no document was left half-written"
    assert stories[0] == 0
