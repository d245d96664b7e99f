"""A long fuzz run over the readers and the query parser (issue 15, "Fuzzing").

Hypothesis, without a deadline, draws inputs for each target in turn until the time
budget is spent: tag soup for the HTML path, short texts (with and without
understanding), arbitrary bytes, generated JSONL and WARC files read through
``copydesk.extract_paths``, and what people type into ``copydesk.search`` over a small
store built at the start. A crash is any exception other than ``CopydeskError`` from
extraction, or any exception at all from a plain search; Hypothesis shrinks it to a
minimal input. Each document runs under a wall-clock cap (SIGALRM; it reaches Python
code, not a hang inside C), and the slowest document and the peak RSS are reported.

    .venv/bin/python bench/fuzz.py --minutes 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import api

TEMP = Path(tempfile.mkdtemp(prefix="copydesk-fuzz-"))


class OverCap(Exception):
    """One document ran past the wall-clock cap."""


# ---------------------------------------------------------------- strategies

TAGS = [
    "div",
    "p",
    "span",
    "article",
    "main",
    "section",
    "script",
    "style",
    "table",
    "tr",
    "td",
    "a",
    "b",
    "h1",
    "h2",
    "br",
    "img",
    "meta",
    "title",
    "head",
    "body",
    "html",
    "figure",
    "figcaption",
    "time",
    "noscript",
    "template",
    "svg",
    "math",
    "textarea",
]
ENTITIES = [
    "&amp;",
    "&#0;",
    "&#27;",
    "&#x110000;",
    "&#99999999999;",
    "&nbsp",
    "&bogus;",
    "&#xD800;",
    "&lt;script&gt;",
    "&#8203;",
    "&#x202E;",
    "&quot;",
]
WORDS = [
    "WASHINGTON (Reuters) - ",
    "said",
    "“",
    "”",
    '"',
    "Smith",
    "\u200b",
    "\x00",
    "((((",
    "—",
    "12,000 people",
    "on Tuesday",
    "By JANE DOE",
    "\r",
    "\ufeff",
    "said the",
]

attribute = st.tuples(
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), st.text(max_size=50)
).map(lambda kv: f' {kv[0]}="{kv[1]}"')
open_tag = st.tuples(st.sampled_from(TAGS), st.lists(attribute, max_size=4)).map(
    lambda t: f"<{t[0]}{''.join(t[1])}>"
)
piece = st.one_of(
    open_tag,
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(ENTITIES),
    st.sampled_from(WORDS),
    st.text(max_size=80),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<",
            ">",
            "<!DOCTYPE html>",
            '<meta charset="undefined">',
            '<meta charset="punycode">',
        ]
    ),
)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    soup = "".join(draw(st.lists(piece, max_size=60)))
    tag = draw(st.sampled_from(["div", "span", "b", "table", "p"]))
    depth = draw(st.integers(0, 3000))
    attrs = draw(st.integers(0, 20_000))
    crowded = f"<div {' '.join(f'x{n}=1' for n in range(attrs))}>" if attrs else ""
    story = "<p>" + draw(st.text(max_size=300)) + "</p>"
    return f"<html><body>{crowded}{f'<{tag}>' * depth}{soup}{story}{f'</{tag}>' * depth}"


texts = st.lists(st.one_of(st.text(max_size=120), st.sampled_from(WORDS)), max_size=30).map(
    "\n".join
)
short_texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(WORDS)), max_size=12).map(
    " ".join
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
jsonl_line = (
    st.one_of(
        st.fixed_dictionaries(
            {},
            optional={
                "url": json_value | st.just("https://example.com/a"),
                "text": texts | json_value,
                "html": html_pages() | json_value,
            },
        ).map(json.dumps),
        json_value.map(json.dumps),
        st.integers(1, 5000).map(lambda n: '{"text": ' + "[" * n + "]" * n + "}"),
    ).map(str.encode)
    | st.binary(max_size=200)
    | st.just(b"\xef\xbb\xbf{}")
)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    return b"\n".join(draw(st.lists(jsonl_line, max_size=12)))


@st.composite
def warc_record(draw: st.DrawFn) -> bytes:
    body = draw(html_pages().map(str.encode) | st.binary(max_size=300))
    encoding = draw(st.sampled_from(["", "gzip", "br", "deflate", "bogus"]))
    if encoding == "gzip":
        body = gzip.compress(body)
    charset = draw(st.sampled_from(["utf-8", "undefined", "punycode", "latin-1", ""]))
    status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "banana"]))
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset={charset}\r\n"
        + (f"Content-Encoding: {encoding}\r\n" if encoding else "")
        + "\r\n"
    ).encode() + body
    kind = draw(st.sampled_from(["response", "request", "warcinfo", "metadata", "resource"]))
    declared = draw(st.sampled_from([len(http), 0, len(http) + 10, 10**18, -1]))
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        f"WARC-Target-URI: https://example.com/{draw(st.integers(0, 9))}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    record = head + http + b"\r\n\r\n"
    return record[: draw(st.integers(0, len(record)))] if draw(st.booleans()) else record


@st.composite
def warc_files(draw: st.DrawFn) -> tuple[str, bytes]:
    records = draw(st.lists(warc_record(), min_size=1, max_size=5))
    if draw(st.booleans()):
        data = b"".join(gzip.compress(record) for record in records)
        return ".warc.gz", data[: draw(st.integers(len(data) // 2, len(data)))]
    return ".warc", b"".join(records)


queries = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.sampled_from(
            [
                '"',
                "'",
                "(",
                ")",
                "*",
                "-",
                ":",
                "^",
                "AND",
                "OR",
                "NOT",
                "NEAR",
                "NEAR(",
                "Nagorno-Karabakh",
                "O'Brien",
                "headline:",
                "body:",
                "{",
                "}",
                "\x00",
                "+",
                "%",
                "_",
                "\\",
            ]
        ),
        max_size=8,
    ).map(" ".join),
)


# ---------------------------------------------------------------- targets


def _file(suffix: str, data: bytes) -> str:
    path = TEMP / f"input{suffix}"
    path.write_bytes(data)
    return str(path)


def _read_all(path: str) -> None:
    for item in copydesk.extract_paths([path], understand=False):
        assert isinstance(item, copydesk.Article | copydesk.CopydeskError), item


def _build_store() -> str:
    folder = TEMP / "store"
    folder.mkdir()
    for n, text in enumerate(
        [
            "Fighting in Nagorno-Karabakh\n\nThe shelling went on, officials said.",
            "Aid groups ask for humanitarian access\n\nTrucks wait at the border, said Anna Smith.",
            "Minister O'Brien resigns\n\nHe left on Thursday.",
        ]
    ):
        (folder / f"{n}.txt").write_text(text)
    db = str(TEMP / "fuzz.db")
    api.ingest([str(folder)], db=db, understand=False, workers=1)
    return db


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], Any]
    kind: Callable[[Any], str] = lambda value: "document"
    allowed: tuple[type[BaseException], ...] = (copydesk.CopydeskError,)


def targets(db: str) -> list[Target]:
    return [
        Target("html", html_pages(), lambda h: copydesk.extract(html=h, understand=False)),
        Target("text", texts, lambda t: copydesk.extract(text=t, understand=False)),
        Target("text+understand", short_texts, lambda t: copydesk.extract(text=t)),
        Target("bytes", st.binary(max_size=5000), lambda b: copydesk.extract(data=b)),
        Target("jsonl", jsonl_files(), lambda d: _read_all(_file(".jsonl", d))),
        Target("warc", warc_files(), lambda f: _read_all(_file(f[0], f[1]))),
        Target("search", queries, lambda q: copydesk.search(q, db=db), allowed=()),
    ]


# ---------------------------------------------------------------- the run


@dataclass
class Stats:
    tried: int = 0
    crashes: dict[str, str] = field(default_factory=dict)  # error -> minimal input


@dataclass
class Slowest:
    seconds: float = 0.0
    what: str = "-"


def _on_alarm(signum: int, frame: object) -> None:
    raise OverCap("over the wall-clock cap")


def _size(value: Any) -> int:
    if isinstance(value, tuple):
        return len(value[1])
    return len(value)


def fuzz(target: Target, seconds: float, cap: float, slowest: Slowest) -> Stats:
    stats = Stats()
    end = time.monotonic() + seconds
    seen: dict[str, Any] = {}  # the last failing input: after shrinking, the minimal one
    while time.monotonic() < end:
        seen.clear()

        @settings(
            max_examples=50, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(target.strategy)
        def probe(value: Any) -> None:
            stats.tried += 1
            started = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, cap)
            try:
                target.run(value)
            except target.allowed:
                pass
            except BaseException as exc:
                seen["input"], seen["error"] = value, exc
                raise
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
                took = time.perf_counter() - started
                if took > slowest.seconds:
                    slowest.seconds = took
                    slowest.what = f"{target.name}, {_size(value):,} chars/bytes"

        try:
            probe()
        except Exception as exc:
            error = seen.get("error", exc)
            key = f"{type(error).__name__}: {str(error)[:160]}"
            stats.crashes.setdefault(key, repr(seen.get("input"))[:400])
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="total time budget")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds one document may take")
    options = parser.parse_args()
    signal.signal(signal.SIGALRM, _on_alarm)
    db = _build_store()
    copydesk.extract(text="Warm up, said Anna Smith.")  # load the model outside the timings
    chosen = targets(db)
    share = options.minutes * 60 / len(chosen)
    slowest = Slowest()
    total = 0
    for target in chosen:
        stats = fuzz(target, share, options.cap, slowest)
        total += len(stats.crashes)
        print(f"{target.name:16} {stats.tried:7,} inputs  {len(stats.crashes)} crashes", flush=True)
        for error, example in stats.crashes.items():
            print(f"    {error}\n      minimal input: {example}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"crashes: {total}   peak memory: {peak:.0f} MiB (workers {workers:.0f} MiB)   "
        f"slowest document: {slowest.what}, {slowest.seconds:.2f} s (cap {options.cap:.0f} s)"
    )
    return 1 if total else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(TEMP, ignore_errors=True)
