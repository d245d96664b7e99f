"""The store the serve tests read: the project's samples, a copy of the wire story with
edits, a story of figures over time, and hostile stories whose text is markup.

Built once per test session (ingest loads spaCy in its workers), in pytest's temporary
folder: each test module's ``store`` fixture calls :func:`shared`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copydesk import api

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "samples" / "wire-story.txt"
FIXTURES = ROOT / "tests" / "fixtures"

# The Host Starlette's TestClient sends: the serve tests let the app answer to it.
TEST_HOST = ("testserver",)

# Markup a page might carry as text; each must show as words and run nothing.
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '" onmouseover="alert(1)'

HOSTILE_TEXT = (
    f"Hostile {SCRIPT} headline\n\n"
    f'LONDON, March 15 (Reuters) - A reader wrote {IMG} and then {ATTRIBUTE}" in a comment '
    "box on Friday, the council said.\n\n"
    f'"We will not run {SCRIPT} on our pages," said Dana Holt, the council\'s editor.\n'
)

HOSTILE_HTML = """<!doctype html>
<html><head><title>Markup &lt;b&gt;in&lt;/b&gt; the title</title></head>
<body><article>
<h1>Markup in a page: &lt;script&gt;alert(3)&lt;/script&gt;</h1>
<p>PARIS, March 16 (Reuters) - The page printed &lt;img src=x onerror=alert(4)&gt; as text
and an attribute &quot; onmouseover=&quot;alert(5) in a sentence that is long enough to keep.</p>
<p>A second paragraph says the page also held &lt;iframe src=javascript:alert(6)&gt; in its
words, which readers saw as text, the editors said on Saturday.</p>
</article></body></html>
"""

FIGURES = (
    "Flood shelters fill as evacuations climb in the valley\n\n"
    "VELMAR, March 20 (Reuters) - Regional officials said on March 18 that 1,200 people had "
    "been evacuated from the valley.\n\n"
    "The Red Cross said on March 19 that 2,500 people had been evacuated, and regional "
    "officials said on March 20 that 3,100 people had been evacuated.\n"
)


def build(folder: Path) -> str:
    """Ingest every input into ``folder/news.db``; the path of the store."""
    story = SAMPLE.read_text(encoding="utf-8")
    copy = story.replace("Forecasters expect", "Meteorologists expect")
    rows = [
        {"url": "https://gazette.example/velmar-floods", "text": copy},
        {"url": "https://hostile.example/comment", "text": HOSTILE_TEXT},
        {"url": "https://hostile.example/page", "html": HOSTILE_HTML},
        {"url": "https://herald.example/evacuations", "text": FIGURES, "published": "2024-03-20"},
    ]
    inputs = folder / "inputs.jsonl"
    inputs.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    db = folder / "news.db"
    paths = [str(SAMPLE), *sorted(str(p) for p in FIXTURES.glob("*.txt")), str(inputs)]
    api.ingest(paths, db=str(db), understand=True, progress=False)
    return str(db)


_BUILT: dict[str, str] = {}


def shared(factory: pytest.TempPathFactory) -> str:
    """The path of the store every serve test reads, built on the first call."""
    if "db" not in _BUILT:
        _BUILT["db"] = build(factory.mktemp("serve-store"))
    return _BUILT["db"]


def document_id(db: str, words: str) -> int:
    """The id of the first document matching ``words`` (ids depend on ingest order)."""
    hits = api.search(words, db=db, limit=1)
    if not hits:
        raise LookupError(f"no document in the test store matches {words!r}")
    return hits[0].id
