"""Prove a speed change changed no output: hash every HTML record before and after.

    .venv/bin/python bench/record_hashes.py save FILE     # before the change
    .venv/bin/python bench/record_hashes.py check FILE    # after: lists changed pages

Each page of ../shared/bench/aeb and ../shared/bench/naeb is read by
``copydesk.extract(html=…, understand=False)``; the SHA-1 of its record's JSON is kept by
page id. ``check`` exits with 1 when any record differs, naming the pages.
"""

from __future__ import annotations

import hashlib
import json
import sys
from itertools import chain
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import copydesk
from _data import aeb_pages, naeb_pages


def record_hashes() -> dict[str, str]:
    hashes = {}
    for key, html, truth in chain(aeb_pages(), naeb_pages()):
        article = copydesk.extract(html=html, url=truth.get("url") or None, understand=False)
        hashes[key] = hashlib.sha1(copydesk.to_json(article)).hexdigest()
    return hashes


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("save", "check"):
        sys.exit("usage: record_hashes.py save|check FILE")
    mode, path = sys.argv[1], Path(sys.argv[2])
    hashes = record_hashes()
    if mode == "save":
        path.write_text(json.dumps(hashes, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(hashes)} record hashes saved to {path}")
        return
    before = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(
        key for key in before.keys() | hashes.keys() if before.get(key) != hashes.get(key)
    )
    print(
        f"{len(changed)} of {len(hashes)} records changed"
        + (f": {changed[:20]}" if changed else "")
    )
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
