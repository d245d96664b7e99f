"""The cases of bench/hostile.py: issue 15's list and others like it.

Each case is a function taking the runner's context (``ctx.dir`` is its own folder,
``ctx.run(*args)`` runs ``copydesk ARGS`` there and returns a ``Result``) that raises
``Fail`` with the reason, or ``Skip`` when this machine cannot set the case up. The runner
itself fails any command that hangs, prints a traceback or passes 1 GB.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import brotli


class Fail(Exception):
    """The case failed; the message is the reason."""


class Skip(Exception):
    """The case cannot be set up on this machine; the message says why."""


@dataclass
class Result:
    """One finished command: exit code, raw output, time and peak memory."""

    label: str
    rc: int
    raw_out: bytes
    raw_err: bytes
    seconds: float
    peak_mib: float

    @property
    def out(self) -> str:
        return self.raw_out.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.raw_err.decode("utf-8", "replace")

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith(prefix)]

    def records(self) -> list[dict[str, Any]]:
        """The records on stdout: one JSON document, or JSON Lines."""
        text = self.out.strip()
        if not text:
            return []
        try:
            whole = json.loads(text)
            return whole if isinstance(whole, list) else [whole]
        except json.JSONDecodeError:
            pass
        try:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise Fail(f"{self.label}: stdout is not JSON: {exc}") from None


class Ctx(Protocol):
    dir: Path

    def run(self, *args: str, **options: Any) -> Result: ...
    def start(self, *args: str, **options: Any) -> Any: ...
    def wait(self, running: Any) -> Result: ...
    def shared(self, name: str, build: Callable[[Any], Path]) -> Path: ...


CASES: dict[str, Callable[[Ctx], None]] = {}


def case(check: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
    CASES[check.__name__.removeprefix("case_")] = check
    return check


# ---------------------------------------------------------------- checks


def expect(condition: object, reason: str) -> None:
    if not condition:
        raise Fail(reason)


def stderr_tail(result: Result) -> str:
    text = " | ".join(line for line in result.err.strip().splitlines()[-3:] if line.strip())
    return f" (stderr: {text[:300]})" if text else " (stderr empty)"


def expect_rc(result: Result, *codes: int) -> None:
    wanted = " or ".join(map(str, codes))
    expect(
        result.rc in codes, f"{result.label}: exit {result.rc}, want {wanted}" + stderr_tail(result)
    )


def expect_error_for(result: Result, source: str, *, containing: str = "") -> str:
    """An ``Error: <source>…`` line on stderr (optionally holding a word); returns it."""
    lines = result.lines(f"Error: {source}")
    expect(lines, f"{result.label}: no 'Error: {source}: …' line" + stderr_tail(result))
    if containing:
        pattern = re.compile(containing, re.IGNORECASE)
        hits = [line for line in lines if pattern.search(line)]
        expect(hits, f"{result.label}: the error for {source} lacks {containing!r}: {lines[0]}")
        return hits[0]
    return lines[0]


def expect_usage_error(result: Result, option: str) -> None:
    expect_rc(result, 2)
    expect(
        option in result.err,
        f"{result.label}: the usage error does not name {option}" + stderr_tail(result),
    )


def body(record: dict[str, Any]) -> str:
    return "\n".join([record.get("headline") or "", *record.get("body", [])])


def expect_story(result: Result, count: int, *phrases: str) -> list[dict[str, Any]]:
    """Exactly ``count`` records on stdout, and each phrase in one of their bodies."""
    records = result.records()
    expect(
        len(records) == count,
        f"{result.label}: {len(records)} records, want {count}" + stderr_tail(result),
    )
    text = "\n".join(body(record) for record in records)
    for phrase in phrases:
        expect(
            phrase in text,
            f"{result.label}: {phrase!r} is not in the output "
            f"(page_type {[r.get('page_type') for r in records]})",
        )
    return records


def expect_warned(result: Result, record: dict[str, Any], source: str, what: str) -> None:
    """A cut or repaired record says so twice: in ``warnings`` and on stderr."""
    expect(record.get("warnings"), f"{result.label}: {what}, but the record has no warnings")
    expect(
        result.lines(f"Warning: {source}"),
        f"{result.label}: {what}, but no 'Warning: {source}: …' line" + stderr_tail(result),
    )


def exported(ctx: Ctx, db: str) -> list[dict[str, Any]]:
    result = ctx.run("export", "--db", db)
    expect_rc(result, 0)
    return result.records()


def expect_stored(ctx: Ctx, db: str, count: int) -> list[dict[str, Any]]:
    records = exported(ctx, db)
    expect(len(records) == count, f"export --db {db}: {len(records)} records, want {count}")
    return records


def stored_errors(ctx: Ctx, db: str) -> list[dict[str, Any]]:
    result = ctx.run("errors", "--db", db, "--json")
    expect_rc(result, 0)
    rows = json.loads(result.out or "[]")
    assert isinstance(rows, list)
    return rows


def expect_failed_count(result: Result, count: int) -> None:
    pattern = rf"failed\W{{0,3}}{count}\b|\b{count} failed"
    expect(
        re.search(pattern, result.err),
        f"{result.label}: the summary does not say {count} failed" + stderr_tail(result),
    )


# SQLite's own error text and exception names; naming "an SQLite database" is fine.
SQLITE_LEAKS = (
    "sqlite3.",
    "operationalerror",
    "databaseerror",
    "integrityerror",
    "query failed:",
    "no such column",
    "unterminated string",
)
# In plain search nothing may fail at all, so not even FTS5's parser may be quoted.
FTS5_LEAKS = ("fts5: syntax error", "syntax error near")


def expect_user_terms(result: Result, *, plain: bool = False) -> None:
    low = result.err.lower()
    for word in SQLITE_LEAKS + (FTS5_LEAKS if plain else ()):
        expect(
            word not in low,
            f"{result.label}: SQLite's words reach the user ({word!r})" + stderr_tail(result),
        )


def expect_intact(db: Path, what: str) -> None:
    """Still an SQLite database that passes its integrity check (bytes may move: WAL)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
        connection.close()
    except sqlite3.DatabaseError as exc:
        raise Fail(f"{what} is damaged: {exc}") from None
    expect(verdict == "ok", f"{what} is damaged: {verdict}")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def confined() -> bool:
    """Whether commands must drop root's file-mode override for chmod to mean anything."""
    if os.geteuid() != 0:
        return False
    if shutil.which("setpriv") is None:
        raise Skip("running as root without setpriv: chmod cannot block reads here")
    probe = subprocess.run(
        ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "true"],
        capture_output=True,
        check=False,
    )
    if probe.returncode:
        raise Skip(f"setpriv cannot drop capabilities here: {probe.stderr.decode().strip()}")
    return True


# ---------------------------------------------------------------- inputs

STORY = [
    "WASHINGTON (Reuters) - The river rose two metres overnight and forced 3,000 people "
    "from their homes in the valley, officials said on Tuesday.",
    "Rescue teams worked through the night to reach villages cut off by the water, and the "
    "army sent boats to carry the elderly to higher ground.",
    '"We are doing everything we can to keep people safe," said Maria Lopez, the head of '
    "the regional emergency office, speaking to reporters.",
    "Forecasters expect more rain on Wednesday before the weather clears later in the week.",
]
MARK = "forced 3,000 people"


def page(
    paragraphs: Iterable[str] = STORY,
    *,
    headline: str = "River floods the valley",
    head: str = "",
    before: str = "",
    after: str = "",
) -> str:
    ps = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}</title>'
        f"{head}</head><body>{before}<article><h1>{headline}</h1>{ps}</article>{after}"
        "</body></html>"
    )


def text_doc(n: int, *, headline: str = "Flood update") -> str:
    return (
        f"{headline} number {n}\n\nWASHINGTON (Reuters) - The river rose {n} centimetres "
        f"overnight near village {n}, and {n * 10} people left their homes, officials "
        f"said on day {n} of the flood.\n\nRescue team {n} reached the farms by boat and "
        f"carried {n + 2} families to the school on the hill, the mayor said.\n"
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def text_files(folder: Path, count: int, start: int = 1) -> list[Path]:
    return [write(folder, f"story_{n:03}.txt", text_doc(n)) for n in range(start, start + count)]


def many_attributes(count: int) -> str:
    attrs = " ".join(f'a{n}="{n}"' for n in range(count))
    return page(before=f"<div {attrs}>x</div>")


def http_response(
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    headers: Iterable[str] = (),
    status: str = "200 OK",
) -> bytes:
    lines = [
        f"HTTP/1.1 {status}",
        f"Content-Type: {content_type}",
        *headers,
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


_ids = iter(range(1, 10**9))


def warc_record(
    block: bytes,
    *,
    kind: str = "response",
    uri: str = "https://example.com/a",
    length: int | None = None,
    content_type: str = "application/http; msgtype=response",
) -> bytes:
    """One WARC record written by hand, so that its Content-Length can lie."""
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=next(_ids))}>",
        "WARC-Date: 2024-05-01T12:00:00Z",
        f"WARC-Target-URI: {uri}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block) if length is None else length}",
    ]
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def page_record(n: int, **http: Any) -> bytes:
    html = page(headline=f"Storm report {n}", paragraphs=[text_doc(n).split("\n\n")[1], *STORY[1:]])
    return warc_record(http_response(html.encode(), **http), uri=f"https://example.com/{n}")


def brotli_bomb(size: int = 2**31) -> bytes:
    compressor = brotli.Compressor(quality=5)
    chunk = b"\0" * (16 << 20)
    parts = [compressor.process(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, compressor.finish()])


def gzip_bomb(size: int = 2**31) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip wrapper
    chunk = b"\0" * (16 << 20)
    parts = [compressor.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join([*parts, compressor.flush()])


def ingest(
    ctx: Ctx, *paths: str, db: str = "c.db", understand: bool = False, extra: Iterable[str] = ()
) -> Result:
    flags = [] if understand else ["--no-understand"]
    return ctx.run("ingest", *paths, "--db", db, "--no-progress", *flags, *extra)


# ---------------------------------------------------------------- the query corpus

QUERY_DOCS = {
    "nk.txt": "Fighting flares in Nagorno-Karabakh\n\nSTEPANAKERT (Reuters) - Fighting flared "
    "again in Nagorno-Karabakh on Tuesday and 12,000 people fled their villages, officials "
    'said.\n\n"The shelling has not stopped since dawn," said Armen Petrosyan, a local '
    "official, speaking by phone.\n",
    "aid.txt": "Aid groups ask for humanitarian access\n\nGENEVA (Reuters) - Aid groups asked "
    'for humanitarian access to the region on Monday as food ran short.\n\n"Trucks are '
    'waiting at the border with flour and medicine," said Anna Smith, a spokeswoman for the '
    "relief agency.\n",
    "roads.txt": "Roads reopen after the storm\n\nBOSTON (Reuters) - Most roads reopened on "
    'Friday after the storm.\n\n"The roads are open again and the buses are running," said '
    "Anna Smith, the city's transport chief.\n",
    "obrien.txt": "Minister O'Brien resigns\n\nDUBLIN (Reuters) - Health minister Patrick "
    "O'Brien resigned on Thursday after a row over hospital funding.\n\n\"I am leaving with "
    "my head held high,\" said Patrick O'Brien, speaking outside parliament.\n",
}
ESCAPE_PAGE = page(
    headline="Markets &#27;[31mfall&#27;[0m sharply",
    paragraphs=[
        "NEW YORK (Reuters) - Stock markets fell sharply on Wednesday as oil prices jumped, "
        "traders said.",
        "&quot;Prices will &#27;[2Jrecover soon, but not this week,&quot; said John Lee, an "
        "economist at a large bank, speaking to reporters.",
    ],
)


def build_query_corpus(ctx: Ctx) -> Path:
    for name, text in QUERY_DOCS.items():
        write(ctx.dir / "docs", name, text)
    write(ctx.dir / "docs", "markets.html", ESCAPE_PAGE)
    result = ingest(ctx, "docs", db="q.db", understand=True)
    expect_rc(result, 0)
    return ctx.dir / "q.db"


def query_db(ctx: Ctx) -> str:
    return str(ctx.shared("query_corpus", build_query_corpus))


# ================================================================ cases: baseline


@case
def case_baseline_extract(ctx: Ctx) -> None:
    """A plain page and a plain text come out whole (the check's own sanity)."""
    write(ctx.dir, "a.html", page())
    write(ctx.dir, "b.txt", text_doc(7))
    result = ctx.run("extract", "--no-understand", "a.html", "b.txt")
    expect_rc(result, 0)
    expect_story(result, 2, MARK, "village 7")


@case
def case_missing_path_beside_good(ctx: Ctx) -> None:
    """A path that does not exist is an error naming it; the good file still comes out."""
    write(ctx.dir, "a.html", page())
    result = ctx.run("extract", "--no-understand", "a.html", "nosuch.html")
    expect_rc(result, 1)
    expect_error_for(result, "nosuch.html")
    expect_story(result, 1, MARK)


@case
def case_binary_file_extract(ctx: Ctx) -> None:
    """A binary file is an error naming it, beside a good one that is printed."""
    rng = random.Random(15)
    write(ctx.dir, "photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0" + rng.randbytes(8000))
    write(ctx.dir, "a.txt", text_doc(3))
    result = ctx.run("extract", "--no-understand", "photo.jpg", "a.txt")
    expect_rc(result, 1)
    expect_error_for(result, "photo.jpg")
    expect_story(result, 1, "village 3")


# ================================================================ cases: HTML


def _html_case(ctx: Ctx, html: str, *extra: str) -> Result:
    write(ctx.dir, "page.html", html)
    result = ctx.run("extract", "--no-understand", *extra, "page.html")
    expect_rc(result, 0)
    expect_story(result, 1, MARK)
    return result


@case
def case_nested_divs_300(ctx: Ctx) -> None:
    """A story inside 300 nested divs keeps its body."""
    _html_case(
        ctx,
        page(before="<div>" * 300, after="</div>" * 300)
        .replace("<article>", "<div>" * 300 + "<article>")
        .replace("</article>", "</article>" + "</div>" * 300),
    )


@case
def case_nested_divs_5000(ctx: Ctx) -> None:
    """A story inside 5,000 nested divs keeps its body."""
    _html_case(
        ctx,
        page()
        .replace("<article>", "<div>" * 5000 + "<article>")
        .replace("</article>", "</article>" + "</div>" * 5000),
    )


@case
def case_story_after_deep_block(ctx: Ctx) -> None:
    """A story after a block nested 3,000 deep is not dropped."""
    deep = "<div>" * 3000 + "<span>menu</span>" + "</div>" * 3000
    _html_case(ctx, page(before=deep))


@case
def case_article_after_10mb_script(ctx: Ctx) -> None:
    """An article after a 10.5 MB <script> keeps its body."""
    script = '<script>var blob = "' + "a" * (10_500_000) + '";</script>'
    _html_case(ctx, page(head=script))


@case
def case_article_beside_11mb_text_node(ctx: Ctx) -> None:
    """An article beside an 11 MB text node keeps its body."""
    _html_case(ctx, page(before="<div hidden>" + "0123456789" * 1_100_000 + "</div>"))


def _paragraphs(count: int) -> list[str]:
    return [
        f"Paragraph {n}: the river rose {n % 97} centimetres near farm {n}, the "
        f"residents of district {n % 13} said."
        for n in range(count)
    ]


def _paragraph_marks(record: dict[str, Any]) -> int:
    texts = [*record.get("body", []), *(item["text"] for item in record.get("boilerplate", []))]
    return sum(len(re.findall(r"Paragraph \d+:", text)) for text in texts)


@case
def case_paragraphs_75000_default(ctx: Ctx) -> None:
    """75,000 paragraphs: read whole, or cut with a warning in the record and on stderr."""
    write(ctx.dir, "long.html", page(_paragraphs(75_000)))
    result = ctx.run("extract", "--no-understand", "long.html")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1, "Paragraph 0:")
    if _paragraph_marks(record) < 75_000:
        expect_warned(
            result, record, "long.html", f"cut to {_paragraph_marks(record)} of 75000 paragraphs"
        )


@case
def case_paragraphs_75000_max_blocks(ctx: Ctx) -> None:
    """75,000 paragraphs with --max-blocks 100000 are all read."""
    write(ctx.dir, "long.html", page(_paragraphs(75_000)))
    result = ctx.run("extract", "--no-understand", "--max-blocks", "100000", "long.html")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1, "Paragraph 74999:")
    marks = _paragraph_marks(record)
    expect(marks == 75_000, f"{result.label}: {marks} of 75000 paragraphs read")


@case
def case_attributes_60000(ctx: Ctx) -> None:
    """An element with 60,000 attributes is read, well within the check's timeout (30 s)."""
    write(ctx.dir, "attrs.html", many_attributes(60_000))
    result = ctx.run("extract", "--no-understand", "attrs.html", timeout=30)
    expect_rc(result, 0)
    expect_story(result, 1, MARK)


@case
def case_charset_undefined_meta(ctx: Ctx) -> None:
    """<meta charset=undefined> (and punycode) fall back to detection, with a warning."""
    for charset in ("undefined", "punycode"):
        html = page(paragraphs=[*STORY, "The café on the square stayed open."])
        html = html.replace('<meta charset="utf-8">', f'<meta charset="{charset}">')
        write(ctx.dir, f"{charset}.html", html)
    write(ctx.dir, "good.txt", text_doc(4))
    result = ctx.run("extract", "--no-understand", "undefined.html", "punycode.html", "good.txt")
    expect_rc(result, 0)
    records = expect_story(result, 3, MARK, "café", "village 4")
    for record in records[:2]:
        expect_warned(result, record, record["source"], f"{record['source']}: bogus charset")


@case
def case_nearly_valid_utf8(ctx: Ctx) -> None:
    """UTF-8 with two stray bytes is read as UTF-8 (café survives), with a warning."""
    text = (
        "Le café de la gare rouvre\n\nPARIS - Le café de la gare a rouvert ses portes "
        "lundi, a déclaré le maire.\n\nLes habitants étaient ravis \xff et le patron a "
        "offert le premier café à tous \xfe les clients du matin.\n"
    )
    data = text.encode("utf-8").replace(b"\xc3\xbf", b"\xff").replace(b"\xc3\xbe", b"\x9d")
    write(ctx.dir, "cafe.txt", data)
    result = ctx.run("extract", "--no-understand", "cafe.txt")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1, "café", "déclaré")
    expect_warned(result, record, "cafe.txt", "two bad bytes were replaced")


@case
def case_markdown_escapes_html(ctx: Ctx) -> None:
    """--format md escapes <script> and onerror= from the page's text."""
    evil = (
        "Officials warned about &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x "
        "onerror=alert(2)&gt; hidden in the emails sent to staff on Monday."
    )
    write(ctx.dir, "evil.html", page([*STORY, evil]))
    result = ctx.run("extract", "--no-understand", "--format", "md", "evil.html")
    expect_rc(result, 0)
    expect("alert(1)" in result.out, f"{result.label}: the paragraph is gone from the Markdown")
    # a backslash-escaped "\\<script>" is literal text in Markdown, so it is allowed
    raw = re.findall(r"(?<!\\)<\s*/?\s*(?:script|img)\b[^>]*>?", result.out, re.IGNORECASE)
    expect(not raw, f"{result.label}: raw HTML in the Markdown: {raw[:2]}")


@case
def case_zero_width_in_name(ctx: Ctx) -> None:
    """A zero-width space inside "Samantha Power" gives one actor, found by --speaker."""
    text = (
        "Aid chief visits the camps\n\nNAIROBI (Reuters) - Samantha Power, the head of "
        'the aid agency, visited the camps on Monday.\n\n"We will keep the food '
        'flowing to every family here," said Sa\u200bmantha Power, speaking to '
        "reporters at the camp.\n"
    )
    write(ctx.dir, "power.txt", text)
    result = ctx.run("extract", "power.txt")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1)
    names = [actor["name"] for actor in record.get("actors", [])]
    expect(
        not [n for n in names if "\u200b" in n],
        f"{result.label}: an actor keeps the zero-width space: {names}",
    )
    expect(
        names.count("Samantha Power") == 1,
        f"{result.label}: actors {names}, want one 'Samantha Power'",
    )
    speakers = [(q.get("speaker") or {}).get("name") for q in record.get("quotes", [])]
    expect("Samantha Power" in speakers, f"{result.label}: quote speakers {speakers}")
    expect_rc(ingest(ctx, "power.txt", understand=True), 0)
    found = ctx.run("quotes", "--db", "c.db", "--speaker", "Samantha Power", "--json")
    expect_rc(found, 0)
    expect(json.loads(found.out or "[]"), f"{found.label}: her quote is not found")


# ================================================================ cases: JSONL


def _jsonl_good(n: int) -> str:
    return json.dumps({"url": f"https://example.com/{n}", "text": text_doc(n)})


@case
def case_jsonl_bad_utf8_line(ctx: Ctx) -> None:
    """A JSONL line of invalid UTF-8 is one error; the lines around it are printed."""
    data = (
        (_jsonl_good(1) + "\n").encode()
        + b'{"text": "caf\xe9 \xff\xfe"}\n'
        + (_jsonl_good(3) + "\n").encode()
    )
    write(ctx.dir, "x.jsonl", data)
    result = ctx.run("extract", "--no-understand", "x.jsonl")
    expect_rc(result, 1)
    expect_error_for(result, "x.jsonl:2:")
    expect_story(result, 2, "village 1", "village 3")


@case
def case_jsonl_bom(ctx: Ctx) -> None:
    """A JSONL file starting with a UTF-8 BOM: line 1 is read like the others."""
    write(ctx.dir, "x.jsonl", "\ufeff" + _jsonl_good(1) + "\n" + _jsonl_good(2) + "\n")
    result = ctx.run("extract", "--no-understand", "x.jsonl")
    expect_rc(result, 0)
    expect_story(result, 2, "village 1", "village 2")


@case
def case_jsonl_deep_and_wrong_types(ctx: Ctx) -> None:
    """Deep nesting, wrong types and broken JSON: one error per line, good lines printed."""
    bad = [
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"text": 123}',
        '{"html": {"body": "x"}}',
        "[1, 2, 3]",
        '"just a string"',
        '{"url": 5, "text": "A short text."}',
        '{"text": "unterminated',
    ]
    lines = [_jsonl_good(1), *bad, _jsonl_good(9)]
    write(ctx.dir, "x.jsonl", "\n".join(lines) + "\n")
    result = ctx.run("extract", "--no-understand", "x.jsonl")
    expect_rc(result, 1)
    for number in range(2, 2 + len(bad)):
        expect_error_for(result, f"x.jsonl:{number}:")
    expect_story(result, 2, "village 1", "village 9")


@case
def case_jsonl_on_stdin(ctx: Ctx) -> None:
    """`cat x.jsonl | copydesk extract -` reads JSON Lines, not one text."""
    data = (_jsonl_good(1) + "\n" + _jsonl_good(2) + "\n").encode()
    result = ctx.run("extract", "--no-understand", "-", stdin=data)
    expect_rc(result, 0)
    records = expect_story(result, 2, "village 1", "village 2")
    expect('{"url"' not in body(records[0]), f"{result.label}: JSON read as text")


# ================================================================ cases: WARC


@case
def case_warc_huge_content_length(ctx: Ctx) -> None:
    """A record declaring Content-Length 10^18 does not swallow the next record."""
    liar = warc_record(
        http_response(b"<html><body><p>short</p></body></html>"),
        uri="https://example.com/liar",
        length=10**18,
    )
    write(ctx.dir, "x.warc", page_record(1) + liar + page_record(3))
    result = ctx.run("extract", "--no-understand", "x.warc")
    expect_rc(result, 1)
    expect_error_for(result, "x.warc")
    expect_story(result, 2, "village 1", "village 3")


@case
def case_warc_truncated_record(ctx: Ctx) -> None:
    """A record cut short is reported as truncated (an error, or a warned record)."""
    last = page_record(2)
    write(ctx.dir, "x.warc", page_record(1) + last[: len(last) // 2])
    result = ctx.run("extract", "--no-understand", "x.warc")
    records = result.records()
    warned = [r for r in records if "truncat" in json.dumps(r.get("warnings", [])).lower()]
    if warned:
        expect_rc(result, 0)
        expect_warned(result, warned[0], "x.warc", "the record is cut")
    else:
        expect_rc(result, 1)
        expect_error_for(result, "x.warc", containing="truncat")
    text = "\n".join(body(r) for r in records)
    expect("village 1" in text, f"{result.label}: the whole record before it is lost")


@case
def case_warc_gz_cut_member(ctx: Ctx) -> None:
    """A cut .warc.gz member is an error (not "not a page"); the members before it are read."""
    members = [gzip.compress(page_record(n)) for n in (1, 2, 3)]
    write(ctx.dir, "x.warc.gz", members[0] + members[1] + members[2][: len(members[2]) // 2])
    result = ctx.run("extract", "--no-understand", "x.warc.gz")
    expect_rc(result, 1)
    line = expect_error_for(result, "x.warc.gz")
    expect("not a page" not in line, f"{result.label}: the cut member is called {line!r}")
    expect_story(result, 2, "village 1", "village 2")


def _warc_bomb(ctx: Ctx, bomb_body: bytes, encoding: str) -> None:
    """A 2 GiB Content-Encoding bomb between two pages: refused, the pages extracted."""
    bomb = warc_record(
        http_response(bomb_body, headers=[f"Content-Encoding: {encoding}"]),
        uri="https://example.com/bomb",
    )
    write(ctx.dir, "x.warc", page_record(1) + bomb + page_record(3))
    result = ctx.run("extract", "--no-understand", "x.warc")
    expect_rc(result, 1)
    expect_error_for(result, "x.warc")
    expect_story(result, 2, "village 1", "village 3")


@case
def case_warc_brotli_bomb(ctx: Ctx) -> None:
    """A 2 GiB Content-Encoding: br bomb is refused; the records around it are extracted."""
    _warc_bomb(ctx, brotli_bomb(), "br")


@case
def case_warc_gzip_bomb(ctx: Ctx) -> None:
    """A 2 GiB Content-Encoding: gzip bomb is refused; the records around it are extracted."""
    _warc_bomb(ctx, gzip_bomb(), "gzip")


@case
def case_gz_file_bomb(ctx: Ctx) -> None:
    """A .html.gz file inflating to 2 GiB is refused under --max-bytes; the next file is read."""
    write(ctx.dir, "bomb.html.gz", gzip_bomb())
    write(ctx.dir, "a.txt", text_doc(5))
    result = ctx.run("extract", "--no-understand", "bomb.html.gz", "a.txt")
    expect_rc(result, 1)
    expect_error_for(result, "bomb.html.gz")
    expect_story(result, 1, "village 5")


@case
def case_gz_file_cut(ctx: Ctx) -> None:
    """A cut .html.gz is an error naming it; the next file is read."""
    data = gzip.compress(page().encode())
    write(ctx.dir, "cut.html.gz", data[: len(data) // 2])
    write(ctx.dir, "a.txt", text_doc(5))
    result = ctx.run("extract", "--no-understand", "cut.html.gz", "a.txt")
    expect_rc(result, 1)
    expect_error_for(result, "cut.html.gz")
    expect_story(result, 1, "village 5")


@case
def case_warc_bogus_http_charset(ctx: Ctx) -> None:
    """charset=undefined / punycode in a WARC HTTP header: detection, a warning, no abort."""
    cafe = page(paragraphs=[*STORY, "The café on the square stayed open."]).encode()
    records = [
        warc_record(
            http_response(cafe, content_type=f"text/html; charset={charset}"),
            uri=f"https://example.com/{charset}",
        )
        for charset in ("undefined", "punycode")
    ]
    write(ctx.dir, "x.warc", records[0] + records[1] + page_record(3))
    result = ctx.run("extract", "--no-understand", "x.warc")
    expect_rc(result, 0)
    found = expect_story(result, 3, "café", "village 3")
    for record in found[:2]:
        expect_warned(result, record, "x.warc", f"{record['source']}: bogus charset")


@case
def case_warc_skip_summary(ctx: Ctx) -> None:
    """Non-page records are skipped and counted by kind in a summary line; exit 0."""
    parts = [
        warc_record(
            b"software: hostile\r\n", kind="warcinfo", content_type="application/warc-fields"
        ),
        warc_record(
            b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
            kind="request",
            content_type="application/http; msgtype=request",
        ),
        page_record(1),
        warc_record(b"via: x\r\n", kind="metadata", content_type="application/warc-fields"),
        warc_record(
            http_response(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png"),
            uri="https://example.com/p.png",
        ),
        warc_record(
            http_response(b"<html>gone</html>", status="404 Not Found"),
            uri="https://example.com/gone",
        ),
    ]
    write(ctx.dir, "x.warc", b"".join(parts))
    result = ctx.run("extract", "--no-understand", "x.warc")
    expect_rc(result, 0)
    expect_story(result, 1, "village 1")
    summary = [
        line
        for line in result.err.splitlines()
        if re.search(r"skip", line, re.I) and re.search(r"\d", line)
    ]
    expect(summary, f"{result.label}: no summary line of skipped records" + stderr_tail(result))
    by_kind = [line for line in summary if len(re.findall(r"\b\d+\s+[a-z]", line, re.I)) >= 3]
    expect(
        by_kind,
        f"{result.label}: the skip summary does not count by kind (3 kinds were "
        f"skipped): {summary[0]}",
    )


# ================================================================ cases: paths


@case
def case_folder_through_dotdot(ctx: Ctx) -> None:
    """`extract ../pages` reads the files of the folder."""
    text_files(ctx.dir / "pages", 3)
    (ctx.dir / "work").mkdir()
    result = ctx.run("extract", "--no-understand", "../pages", cwd=ctx.dir / "work")
    expect_rc(result, 0)
    expect_story(result, 3, "village 1", "village 3")


@case
def case_folder_under_hidden(ctx: Ctx) -> None:
    """A folder under a hidden folder (tmp/.cache/news) is read, by relative and absolute path."""
    text_files(ctx.dir / "tmp" / ".cache" / "news", 2)
    for path in ("tmp/.cache/news", str(ctx.dir / "tmp" / ".cache" / "news")):
        result = ctx.run("extract", "--no-understand", path)
        expect_rc(result, 0)
        expect_story(result, 2, "village 1", "village 2")


@case
def case_unreadable_folder(ctx: Ctx) -> None:
    """A folder the user cannot read is an error naming it (exit 1), not silence."""
    root = confined()
    text_files(ctx.dir / "locked", 1)
    (ctx.dir / "locked").chmod(0)
    result = ctx.run("extract", "--no-understand", "locked", confined=root)
    expect_rc(result, 1)
    expect_error_for(result, "locked")


@case
def case_unreadable_subfolder_and_file(ctx: Ctx) -> None:
    """An unreadable sub-folder and file are errors naming them; the readable file comes out."""
    root = confined()
    text_files(ctx.dir / "top", 1)
    text_files(ctx.dir / "top" / "sub", 1, start=2)
    secret = write(ctx.dir / "top", "secret.txt", text_doc(3))
    (ctx.dir / "top" / "sub").chmod(0)
    secret.chmod(0)
    result = ctx.run("extract", "--no-understand", "top", confined=root)
    expect_rc(result, 1)
    expect_error_for(result, "top/sub")
    expect_error_for(result, "top/secret.txt")
    expect_story(result, 1, "village 1")


@case
def case_symlink_loop_in_folder(ctx: Ctx) -> None:
    """A folder holding a symlink to itself is walked once, without looping."""
    text_files(ctx.dir / "top", 2)
    (ctx.dir / "top" / "again").symlink_to(ctx.dir / "top", target_is_directory=True)
    result = ctx.run("extract", "--no-understand", "top", timeout=60)
    expect_rc(result, 0, 1)
    records = result.records()
    expect(2 <= len(records) <= 4, f"{result.label}: {len(records)} records for 2 files")


@case
def case_fifo_in_folder(ctx: Ctx) -> None:
    """A named pipe inside a folder does not block the walk; the files come out."""
    text_files(ctx.dir / "top", 2)
    os.mkfifo(ctx.dir / "top" / "pipe.txt")
    result = ctx.run("extract", "--no-understand", "top", timeout=60)
    expect_rc(result, 0, 1)
    expect_story(result, 2, "village 1", "village 2")


@case
def case_endless_device(ctx: Ctx) -> None:
    """`extract /dev/zero` is refused under --max-bytes, not read forever."""
    write(ctx.dir, "a.txt", text_doc(1))
    result = ctx.run("extract", "--no-understand", "/dev/zero", "a.txt", timeout=60)
    expect_rc(result, 1)
    expect_error_for(result, "/dev/zero")
    expect_story(result, 1, "village 1")


@case
def case_newline_in_file_name(ctx: Ctx) -> None:
    """A file name holding a newline cannot forge a second error line."""
    noise = random.Random(1).randbytes(999)
    write(ctx.dir / "top", "evil\nError: forged.txt: all is lost.txt", noise)
    text_files(ctx.dir / "top", 1)
    result = ctx.run("extract", "--no-understand", "top")
    expect_rc(result, 1)
    expect(not result.lines("Error: forged.txt"), f"{result.label}: a forged error line")
    expect_story(result, 1, "village 1")


# ================================================================ cases: ingest


@case
def case_ingest_binary_among_30(ctx: Ctx) -> None:
    """A binary .html among 30 good files: 30 stored, it is in `errors` and on stderr, exit 1."""
    text_files(ctx.dir / "in", 30)
    write(ctx.dir / "in", "story_015b.html", random.Random(3).randbytes(20_000))
    result = ingest(ctx, "in")
    expect_rc(result, 1)
    expect_error_for(result, "in/story_015b.html")
    expect_failed_count(result, 1)
    expect_stored(ctx, "c.db", 30)
    rows = stored_errors(ctx, "c.db")
    expect(
        any("story_015b.html" in row.get("input", "") for row in rows),
        f"errors --db c.db: the binary file is not listed: {rows}",
    )
    again = ingest(ctx, "in")
    expect_rc(again, 0, 1)
    expect_stored(ctx, "c.db", 30)


@case
def case_ingest_bogus_charset_among_30(ctx: Ctx) -> None:
    """A charset=undefined page among 30 good files: all 31 stored."""
    text_files(ctx.dir / "in", 30)
    write(
        ctx.dir / "in",
        "story_015b.html",
        page().replace('<meta charset="utf-8">', '<meta charset="undefined">'),
    )
    result = ingest(ctx, "in")
    expect_rc(result, 0)
    expect_stored(ctx, "c.db", 31)


@case
def case_ingest_workers_bounds(ctx: Ctx) -> None:
    """--workers 1000 is capped (4 files in under 20 s) and works; 0 and -3 are usage errors."""
    text_files(ctx.dir / "in", 4)
    expect_rc(
        ctx.run(
            "ingest",
            "in",
            "--db",
            "c.db",
            "--no-progress",
            "--no-understand",
            "--workers",
            "1000",
            timeout=20,
        ),
        0,
    )
    expect_stored(ctx, "c.db", 4)
    for workers in ("0", "-3"):
        expect_usage_error(ingest(ctx, "in", db="w.db", extra=["--workers", workers]), "--workers")


@case
def case_ingest_max_bytes(ctx: Ctx) -> None:
    """`ingest --max-bytes`: the big file is an error in `errors`, the small one stored."""
    text_files(ctx.dir / "in", 1)
    write(ctx.dir / "in", "big.txt", text_doc(2) * 40)
    result = ingest(ctx, "in", extra=["--max-bytes", "2000"])
    expect_rc(result, 1)
    expect_error_for(result, "in/big.txt")
    expect_failed_count(result, 1)
    expect_stored(ctx, "c.db", 1)
    rows = stored_errors(ctx, "c.db")
    expect(any("big.txt" in row.get("input", "") for row in rows), f"errors: {rows}")


@case
def case_extract_max_bytes(ctx: Ctx) -> None:
    """`extract --max-bytes`: the big file is an error naming it, the small one printed."""
    write(ctx.dir, "big.html", page(_paragraphs(200)))
    write(ctx.dir, "a.txt", text_doc(6))
    result = ctx.run("extract", "--no-understand", "--max-bytes", "2000", "big.html", "a.txt")
    expect_rc(result, 1)
    expect_error_for(result, "big.html")
    expect_story(result, 1, "village 6")


def slow_page() -> str:
    """A page that takes many seconds to parse: 800 elements of 1,999 attributes each
    (libxml2 checks each attribute against the others; 1,000,000 attributes on one element
    would be slower still, but readers may cap attributes per element)."""
    attrs = " ".join(f'a{n}="{n}"' for n in range(1999))
    return page(before=f"<div {attrs}>x</div>" * 800)


def _expect_budget(result: Result, source: str, took: float, budget: float = 2.0) -> None:
    """The slow document failed with 'timeout'; if it came out instead, say which way."""
    if result.lines(f"Error: {source}"):
        expect_error_for(result, source, containing=r"time ?out|timed out")
        return
    if took > budget + 8:
        raise Fail(
            f"{result.label}: {source} was not stopped at the {budget:.0f} s budget "
            f"(the command took {took:.0f} s)"
        )
    raise Skip(f"{source} is no longer slow here ({took:.1f} s in all): --timeout is untested")


@case
def case_extract_timeout(ctx: Ctx) -> None:
    """--timeout 2: a slow document fails with 'timeout'; the others of the batch come out."""
    write(ctx.dir, "a.txt", text_doc(1))
    write(ctx.dir, "slow.html", slow_page())
    write(ctx.dir, "b.txt", text_doc(2))
    result = ctx.run("extract", "--no-understand", "--timeout", "2", "a.txt", "slow.html", "b.txt")
    _expect_budget(result, "slow.html", result.seconds)
    expect_rc(result, 1)
    expect_story(result, 2, "village 1", "village 2")


@case
def case_ingest_slow_one_blocks_nothing(ctx: Ctx) -> None:
    """39 good files beside one slow file under --timeout 2: 39 stored, it in `errors`."""
    text_files(ctx.dir / "in", 39)
    write(ctx.dir / "in", "story_000_slow.html", slow_page())
    result = ingest(ctx, "in", extra=["--timeout", "2"])
    rows = stored_errors(ctx, "c.db")
    slow = [row for row in rows if "story_000_slow.html" in row.get("input", "")]
    if not slow:
        _expect_budget(result, "in/story_000_slow.html", result.seconds)
    expect(slow, f"errors: the slow file is not listed: {rows}")
    expect(
        re.search(r"time ?out|timed out", slow[0]["message"], re.I),
        f"errors: the slow file's message lacks 'timeout': {slow[0]['message']!r}",
    )
    expect_error_for(result, "in/story_000_slow.html", containing=r"time ?out|timed out")
    expect_rc(result, 1)
    expect_failed_count(result, 1)
    expect_stored(ctx, "c.db", 39)


@case
def case_ingest_same_folder_two_paths(ctx: Ctx) -> None:
    """The same folder by relative and absolute path is stored once."""
    text_files(ctx.dir / "pages", 5)
    expect_rc(ingest(ctx, "pages", str(ctx.dir / "pages")), 0)
    expect_rc(ingest(ctx, "./pages/../pages"), 0)
    expect_stored(ctx, "c.db", 5)


@case
def case_ingest_byte_identical_copies(ctx: Ctx) -> None:
    """A byte-identical file under another name or folder is stored once."""
    first, second = text_files(ctx.dir / "pages", 2)
    shutil.copy(first, ctx.dir / "pages" / "copy_of_first.txt")
    shutil.copy(second, write(ctx.dir / "other", "second.txt", ""))
    expect_rc(ingest(ctx, "pages", "other"), 0)
    expect_stored(ctx, "c.db", 2)


@case
def case_ingest_rerun_upgrades(ctx: Ctx) -> None:
    """A rerun with understanding after --no-understand upgrades the stored records."""
    for name in ("aid.txt", "roads.txt"):
        write(ctx.dir / "in", name, QUERY_DOCS[name])
    expect_rc(ingest(ctx, "in"), 0)
    expect_rc(ingest(ctx, "in", understand=True), 0)
    records = expect_stored(ctx, "c.db", 2)
    expect(
        all(r.get("understood") for r in records),
        f"export: understood = {[r.get('understood') for r in records]} after the rerun",
    )
    expect(all(r.get("quotes") for r in records), "export: the upgraded records have no quotes")


@case
def case_two_ingests_at_once(ctx: Ctx) -> None:
    """Two ingests started together on a new database: both succeed, nothing doubled."""
    text_files(ctx.dir / "in", 20)
    for round in range(3):
        flags = ["--db", f"new{round}.db", "--no-progress", "--no-understand"]
        first = ctx.start("ingest", "in", *flags)
        second = ctx.start("ingest", "in", *flags)
        for result in (ctx.wait(first), ctx.wait(second)):
            expect_rc(result, 0)
        expect_stored(ctx, f"new{round}.db", 20)


@case
def case_db_path_with_hash_and_question(ctx: Ctx) -> None:
    """--db 'news#1.db' / 'news?mode=ro.db' open exactly that file; no stray file appears."""
    write(ctx.dir / "harbour", "b.txt", text_doc(2, headline="Harbour"))
    write(ctx.dir / "orchard", "a.txt", text_doc(1, headline="Orchard"))
    names = ("news#1.db", "news?mode=ro.db")
    for name in names:
        expect_rc(ingest(ctx, "harbour", db=name), 0)
        expect((ctx.dir / name).exists(), f"ingest --db {name!r}: {name} was not created")
        _expect_hits(ctx, "harbour", name, 1)
    allowed = re.compile(r"(news#1\.db|news\?mode=ro\.db)(-wal|-shm|-journal)?$")
    stray = [p.name for p in ctx.dir.iterdir() if p.is_file() and not allowed.match(p.name)]
    expect(not stray, f"stray files beside the databases: {stray}")
    expect_rc(ingest(ctx, "orchard", db="news"), 0)  # the file a URI bug would read instead
    for name in names:
        _expect_hits(ctx, "harbour", name, 1)
        _expect_hits(ctx, "orchard", name, 0)


def _expect_hits(ctx: Ctx, word: str, db: str, count: int) -> None:
    result = ctx.run("search", word, "--db", db, "--json")
    expect_rc(result, 0)
    hits = json.loads(result.out or "[]")
    expect(len(hits) == count, f"{result.label}: {len(hits)} hits, want {count}")


# ================================================================ cases: store faults


def _good_db(ctx: Ctx, count: int = 3, db: str = "c.db") -> Path:
    folder = ctx.dir / f"in_{db}"
    text_files(folder, count)
    expect_rc(ingest(ctx, str(folder.relative_to(ctx.dir)), db=db), 0)
    return ctx.dir / db


def _expect_clear_failure(result: Result) -> None:
    expect_rc(result, 1)
    expect(result.lines("Error: "), f"{result.label}: no 'Error: …' line" + stderr_tail(result))
    expect_user_terms(result)


@case
def case_corrupt_db(ctx: Ctx) -> None:
    """A file of garbage as --db: every command is a clear error; ingest does not overwrite it."""
    bad = write(ctx.dir, "bad.db", random.Random(8).randbytes(16_384))
    before = sha(bad)
    for args in (
        ["search", "x"],
        ["export"],
        ["quotes"],
        ["errors"],
        ["show", "1"],
        ["figures"],
        ["threads"],
    ):
        _expect_clear_failure(ctx.run(*args, "--db", "bad.db"))
    write(ctx.dir / "in", "a.txt", text_doc(1))
    _expect_clear_failure(ingest(ctx, "in", db="bad.db"))
    expect(sha(bad) == before, "ingest --db bad.db changed the corrupt file")


@case
def case_malformed_db(ctx: Ctx) -> None:
    """A database whose pages are overwritten (disk image malformed): clear errors."""
    db = _good_db(ctx, 30)
    for leftover in ("c.db-wal", "c.db-shm"):
        (ctx.dir / leftover).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    rng = random.Random(9)
    for offset in range(4096, len(data), 4096 * 3):
        data[offset + 8 : offset + 1024] = rng.randbytes(1016)
    db.write_bytes(bytes(data))
    for args in (["search", "village"], ["export"], ["show", "1"], ["quotes"]):
        result = ctx.run(*args, "--db", "c.db")
        expect_rc(result, 0, 1)
        if result.rc == 1:
            _expect_clear_failure(result)


@case
def case_invalid_utf8_record(ctx: Ctx) -> None:
    """A stored record of invalid UTF-8: export reports it and still writes the others."""
    db = _good_db(ctx, 2)
    with sqlite3.connect(db) as connection:
        connection.execute(
            "UPDATE documents SET record = CAST(? AS TEXT) WHERE id = 1",
            (b'{"source": "caf\xe9 \xff\xfe"}',),
        )
    connection.close()
    result = ctx.run("export", "--db", "c.db")
    _expect_clear_failure(result)
    expect(
        len(result.records()) == 1,
        f"{result.label}: {len(result.records())} records written, want the 1 good one",
    )
    _expect_clear_failure(ctx.run("show", "1", "--db", "c.db"))
    expect_rc(ctx.run("show", "2", "--db", "c.db"), 0)


@case
def case_readonly_db(ctx: Ctx) -> None:
    """A read-only database (chmod 444, or in a read-only folder): reads work, ingest fails."""
    root = confined()
    _good_db(ctx, 2)
    for path in ctx.dir.glob("c.db*"):
        path.chmod(0o444)
    hits = ctx.run("search", "village", "--db", "c.db", "--json", confined=root)
    expect_rc(hits, 0)
    expect(len(json.loads(hits.out or "[]")) == 2, f"{hits.label}: want 2 hits, got {hits.out}")
    write(ctx.dir / "more", "c.txt", text_doc(9))
    _expect_clear_failure(
        ctx.run("ingest", "more", "--db", "c.db", "--no-progress", "--no-understand", confined=root)
    )
    (ctx.dir / "ro").mkdir()
    for path in ctx.dir.glob("c.db*"):
        shutil.copy(path, ctx.dir / "ro" / path.name)
    (ctx.dir / "ro").chmod(0o555)  # read-only media: not even a journal can be made
    for args in (["search", "village", "--json"], ["export"], ["quotes", "--json"]):
        expect_rc(ctx.run(*args, "--db", "ro/c.db", confined=root), 0)


# ================================================================ cases: outputs


@case
def case_export_onto_db(ctx: Ctx) -> None:
    """`export --db c.db -o c.db` is refused and the database stays whole."""
    db = _good_db(ctx, 2)
    result = ctx.run("export", "--db", "c.db", "-o", "c.db")
    expect_rc(result, 1, 2)
    expect(result.lines("Error: ") or "Usage" in result.err, f"{result.label}: no error line")
    expect_intact(db, f"{result.label}: the database")
    expect_stored(ctx, "c.db", 2)


@case
def case_export_failure_keeps_old_output(ctx: Ctx) -> None:
    """Exporting from a corrupt database leaves the existing output file whole."""
    write(ctx.dir, "bad.db", random.Random(8).randbytes(16_384))
    old = write(ctx.dir, "out.jsonl", '{"old": true}\n')
    result = ctx.run("export", "--db", "bad.db", "-o", "out.jsonl")
    _expect_clear_failure(result)
    expect(old.read_text() == '{"old": true}\n', f"{result.label}: out.jsonl was emptied")


@case
def case_export_to_folder_or_missing(ctx: Ctx) -> None:
    """`-o` to a folder or into a missing folder is a clear error."""
    _good_db(ctx, 1)
    (ctx.dir / "folder").mkdir()
    for target in ("folder", "missing/deeper/out.jsonl"):
        result = ctx.run("export", "--db", "c.db", "-o", target)
        expect_rc(result, 1, 2)
        expect(
            result.lines("Error: ") or "Usage" in result.err,
            f"{result.label}: no error line" + stderr_tail(result),
        )


@case
def case_export_full_disk(ctx: Ctx) -> None:
    """Exporting onto a full disk (a 16 KB tmpfs) is a clear error; the old file is whole."""
    _good_db(ctx, 60)
    whole = ctx.run("export", "--db", "c.db")
    expect(
        len(whole.raw_out) > 2 * 16384,
        f"the check's export ({len(whole.raw_out)} bytes) would fit the 16 KB disk",
    )
    mount = ctx.dir / "small"
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        raise Skip(f"cannot mount a small tmpfs: {mounted.stderr.decode().strip()}")
    try:
        old = write(mount, "out.jsonl", '{"old": true}\n')
        result = ctx.run("export", "--db", "c.db", "-o", "small/out.jsonl")
        _expect_clear_failure(result)
        expect(old.read_text() == '{"old": true}\n', f"{result.label}: out.jsonl was cut")
    finally:
        subprocess.run(["umount", str(mount)], check=False)


# ================================================================ cases: queries


SEARCHES = [
    "Nagorno-Karabakh",
    '"humanitarian access"',
    "O'Brien",
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "*",
    '"',
    "'",
    "-",
    "a:b",
    "nosuchcol: x",
    "NEAR(",
    "^",
    "{x}",
    "x AND",
    "Anna AND (",
    "col:",
    "Straße",
    "上海",
    "\\",
    "%",
    "_",
    "; DROP TABLE documents;",
    "humanitarian -access",
    "+aid",
    "aid*",
    "^aid",
]


@case
def case_search_user_text(ctx: Ctx) -> None:
    """`search` takes what people type: exit 0, never an SQL error."""
    db = query_db(ctx)
    for text in SEARCHES:
        result = ctx.run("search", text, "--db", db, "--json")
        expect_rc(result, 0)
        expect_user_terms(result, plain=True)
        json.loads(result.out or "[]")
    for text, source in (
        ("Nagorno-Karabakh", "nk.txt"),
        ('"humanitarian access"', "aid.txt"),
        ("O'Brien", "obrien.txt"),
    ):
        result = ctx.run("search", text, "--db", db, "--json")
        hits = json.loads(result.out or "[]")
        expect(
            any(
                source in json.dumps(hit)
                or hit.get("headline") == QUERY_DOCS[source].split("\n")[0]
                for hit in hits
            ),
            f"{result.label}: {source} not found: {hits}",
        )


@case
def case_search_fts_option(ctx: Ctx) -> None:
    """`search --fts` takes FTS5 syntax; a bad FTS5 query is a clear error (exit 1)."""
    db = query_db(ctx)
    good = ctx.run("search", "--fts", "humanitarian AND access", "--db", db, "--json")
    expect_rc(good, 0)
    expect(json.loads(good.out or "[]"), f"{good.label}: no hits")
    for text in ('"unterminated', "nosuchcol: x", "AND OR"):
        result = ctx.run("search", "--fts", text, "--db", db)
        expect_rc(result, 1)
        expect(result.lines("Error: "), f"{result.label}: no error line" + stderr_tail(result))
        expect_user_terms(result)


@case
def case_quotes_about_injection(ctx: Ctx) -> None:
    """`quotes --about 'x) OR speaker : (Anna'` does not return every quote by Anna."""
    db = query_db(ctx)
    anna = ctx.run("quotes", "--speaker", "Anna", "--db", db, "--json")
    expect_rc(anna, 0)
    expect(json.loads(anna.out or "[]"), f"{anna.label}: the corpus has no quote by Anna")
    for about in ("x) OR speaker : (Anna", 'x" OR speaker:Anna OR "', "x OR speaker:Anna"):
        result = ctx.run("quotes", "--about", about, "--db", db, "--json")
        expect_rc(result, 0, 1)
        expect_user_terms(result)
        rows = json.loads(result.out or "[]") if result.rc == 0 else []
        leaked = [row for row in rows if "Anna" in (row.get("speaker") or "")]
        expect(not leaked, f"{result.label}: {len(leaked)} quotes by Anna (injection)")


@case
def case_limit_bounds(ctx: Ctx) -> None:
    """--limit is bounded (0..10000) in every query command: out of range is a usage error."""
    db = query_db(ctx)
    commands = [["search", "village"], ["quotes"], ["figures"], ["threads"], ["errors"]]
    for command in commands:
        for value in ("100000000000000000000", "-1", "10001"):
            expect_usage_error(ctx.run(*command, "--limit", value, "--db", db), "--limit")
        for value in ("0", "10000"):
            expect_rc(ctx.run(*command, "--limit", value, "--db", db), 0)
    expect_usage_error(ctx.run("quotes", "--limit", str(10**18), "--db", db), "--limit")


@case
def case_show_negative_and_missing(ctx: Ctx) -> None:
    """`show -1` says there is no document -1 (exit 1); so does `show 99999`."""
    db = query_db(ctx)
    for number in ("-1", "99999"):
        result = ctx.run("show", number, "--db", db)
        expect_rc(result, 1)
        line = expect_error_for(result, "")
        expect(
            number in line and "option" not in line.lower(),
            f"{result.label}: the error is {line!r}",
        )


@case
def case_invalid_dates(ctx: Ctx) -> None:
    """Invalid dates in --since and --published are usage errors naming the option."""
    db = query_db(ctx)
    for command in (["quotes"], ["figures"], ["threads"]):
        for value in ("2019-13-01", "garbage", "2019-02-30"):
            expect_usage_error(ctx.run(*command, "--since", value, "--db", db), "--since")
    write(ctx.dir, "a.txt", text_doc(1))
    for value in ("9999-99-99", "garbage", "2019-02-30"):
        expect_usage_error(
            ctx.run("extract", "--no-understand", "--published", value, "a.txt"), "--published"
        )
        expect_usage_error(ingest(ctx, "a.txt", extra=["--published", value]), "--published")


@case
def case_published_9999_12_31(ctx: Ctx) -> None:
    """--published 9999-12-31 is used or refused with a message, never silently dropped."""
    write(ctx.dir, "a.txt", text_doc(1))
    result = ctx.run("extract", "--no-understand", "--published", "9999-12-31", "a.txt")
    if result.rc == 2:
        expect_usage_error(result, "--published")
        return
    expect_rc(result, 0)
    (record,) = expect_story(result, 1)
    value = record.get("published", {}).get("value")
    expect(value == "9999-12-31", f"{result.label}: published.value is {value!r}")


@case
def case_terminal_escapes_in_tables(ctx: Ctx) -> None:
    """ESC bytes decoded from &#27; never reach the `search` and `quotes` tables."""
    db = query_db(ctx)
    table = ctx.run("search", "markets", "--db", db, tty=True)
    expect_rc(table, 0)
    expect("fall" in table.out, f"{table.label}: the markets page is not in the table")
    expect(b"\x1b" not in table.raw_out, f"{table.label}: raw ESC bytes in the table")
    quotes = ctx.run("quotes", "--speaker", "John Lee", "--db", db, tty=True)
    expect_rc(quotes, 0)
    expect("recover" in quotes.out, f"{quotes.label}: John Lee's quote is not in the table")
    expect(b"\x1b" not in quotes.raw_out, f"{quotes.label}: raw ESC bytes in the table")


# ================================================================ cases: understanding


def _understand_case(ctx: Ctx, hostile: str) -> None:
    text = "River floods the valley\n\n" + "\n\n".join([*STORY[:2], hostile, *STORY[2:]])
    write(ctx.dir, "hostile.txt", text + "\n")
    result = ctx.run("extract", "hostile.txt")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1, MARK)
    expect(record.get("understood"), f"{result.label}: the record is not understood")


@case
def case_understand_20000_quote_marks(ctx: Ctx) -> None:
    """20,000 `"` in a row: a record within the default timeout."""
    _understand_case(ctx, '"' * 20_000)


@case
def case_understand_suffix_punctuation_runs(ctx: Ctx) -> None:
    """Runs of 10,000 curly quotes, `)`, `!` and `=`: a record within the default timeout."""
    _understand_case(
        ctx,
        "\n\n".join(
            f"The mayor said {mark * 10_000} and left the hall." for mark in ("”", ")", "!", "=")
        ),
    )


@case
def case_understand_3000_figures(ctx: Ctx) -> None:
    """3,000 `"123,456 people"` joined by commas: a record within the default timeout."""
    _understand_case(ctx, ", ".join(['"123,456 people"'] * 3000))


@case
def case_understand_word_salad(ctx: Ctx) -> None:
    """600-character "said the Smith would" salads: a record each, no IndexError."""
    rng = random.Random(6)
    salad = " ".join(rng.choice(["said", "the", "Smith", "would"]) for _ in range(150))[:600]
    _understand_case(ctx, salad.capitalize() + ".")
    _understand_case(ctx, ("Said the Smith would " * 40)[:600])


@case
def case_understand_long_sentence(ctx: Ctx) -> None:
    """A 20,000-word sentence: a record, or a clear error naming the file (never a traceback)."""
    rng = random.Random(4)
    words = " ".join(
        rng.choice(["said", "the", "Smith", "would", "people", "and", "Power", "told"])
        for _ in range(20_000)
    )
    write(ctx.dir, "long.txt", f"Long sentence\n\nWASHINGTON - {words}.\n")
    result = ctx.run("extract", "long.txt")
    expect_rc(result, 0, 1)
    if result.rc == 1:
        expect_error_for(result, "long.txt")
        return
    (record,) = expect_story(result, 1)
    kept = body(record) + " ".join(item["text"] for item in record.get("boilerplate", []))
    expect(
        "Smith" in kept or record.get("warnings"),
        f"{result.label}: the sentence is gone without a warning",
    )


# ================================================================ cases: round 2 (issue 32)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(port: int, path: str, host: str) -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host})
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


@case
def case_serve_answers_only_its_own_host_names(ctx: Ctx) -> None:
    """DNS rebinding: a request whose Host is another site's gets 400 with a problem,
    its own names (localhost, 127.0.0.1, --allowed-host) get the store."""
    import time

    db, port = query_db(ctx), _free_port()
    running = ctx.start(
        "serve", "--db", db, "--port", str(port), "--allowed-host", "news.internal", timeout=60
    )
    try:
        for _ in range(100):  # up to 20 s for the server to listen
            try:
                status, _ = _get(port, "/api/quotes", f"127.0.0.1:{port}")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise Fail("copydesk serve did not start listening within 20 s")
        expect(status == 200, f"own address: {status}, not 200")
        for host in (f"localhost:{port}", "news.internal"):
            status, _ = _get(port, "/api/quotes", host)
            expect(status == 200, f"Host {host}: {status}, not 200")
        for path in ("/api/quotes", "/", "/docs"):
            status, answer = _get(port, path, "evil.example")
            expect(status == 400, f"Host evil.example {path}: {status}, not 400")
            expect(b"evil.example" in answer, f"{path}: the 400 does not name the host")
    finally:
        os.killpg(running.process.pid, 15)  # SIGTERM to the group: uvicorn shuts down
        ctx.wait(running)


@case
def case_serve_on_a_busy_port(ctx: Ctx) -> None:
    """A port in use: one Error line naming it, exit 1 (not uvicorn's log and 3)."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = ctx.run("serve", "--db", query_db(ctx), "--port", str(port), timeout=60)
    expect_rc(result, 1)
    expected = f"Error: port {port} on 127.0.0.1 is in use"
    expect(result.err.strip() == expected, f"stderr is {stderr_tail(result)!r}")


_LATE_ITEM = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title>'
    "<item><title>Storm closes schools</title><link>https://town.example/storm</link>"
    "<description>Schools are closed.</description>"
    "<pubDate>Mon, 10 Mar 2014 23:30:00 -0500</pubDate></item>"
    "<item><title>Council</title><link>https://town.example/council</link>"
    "<description>The council met on Monday evening to talk about the budget.</description>"
    "<pubDate>Mon, 10 Mar 2014 23:30:00</pubDate></item></channel></rss>"
)


@case
def case_feed_date_keeps_the_publishers_day(ctx: Ctx) -> None:
    """A pubDate late in the evening at -0500 is that day, with its offset and words;
    one without a zone is kept as written and named in warnings."""
    write(ctx.dir, "town.rss", _LATE_ITEM)
    result = ctx.run("extract", "town.rss", "--no-understand")
    expect_rc(result, 0)
    storm, council = expect_story(result, 2)
    published = storm["published"]
    expect(published["value"] == "2014-03-10", f"day {published['value']}, not 2014-03-10")
    expect(published["time"] == "2014-03-10T23:30:00-05:00", f"time {published['time']}")
    expect(published["evidence"] == "Mon, 10 Mar 2014 23:30:00 -0500", "evidence lost")
    codes = [w["code"] for w in council["warnings"]]
    expect("published_without_zone" in codes, f"no word of the missing zone: {codes}")


@case
def case_short_items_keep_their_text(ctx: Ctx) -> None:
    """A feed item or JSONL row of one short sentence is a short article, not a record
    with its text in boilerplate."""
    write(ctx.dir, "town.rss", _LATE_ITEM)
    row = {"url": "https://x.example/a", "text": "Schools are closed."}
    write(ctx.dir, "items.jsonl", json.dumps(row) + "\n")
    result = ctx.run("extract", "town.rss", "items.jsonl", "--no-understand")
    expect_rc(result, 0)
    storm, _, item = expect_story(result, 3)
    for record in (storm, item):
        paragraphs = record["body"]
        expect(paragraphs == ["Schools are closed."], f"{record['source']}: body {paragraphs}")


@case
def case_impossible_given_dates_are_named(ctx: Ctx) -> None:
    """A JSONL row dated 2024-02-30 or 0001-01-01: no date, and a warning naming it."""
    rows = [
        {"url": "https://x.example/a", "text": "The council met on Monday.", "published": day}
        for day in ("2024-02-30", "0001-01-01")
    ]
    write(ctx.dir, "items.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    result = ctx.run("extract", "items.jsonl", "--no-understand")
    expect_rc(result, 0)
    for record, day in zip(expect_story(result, 2), ("2024-02-30", "0001-01-01"), strict=True):
        expect(record["published"]["value"] is None, f"{day} was taken as a date")
        messages = " ".join(w["message"] for w in record["warnings"])
        expect(day in messages, f"{day} vanished without a word: {messages!r}")


@case
def case_limit_zero_and_since_mean_one_thing(ctx: Ctx) -> None:
    """--limit 0 is every row in search, quotes and threads alike; --since 9999-12-31
    lists no thread, undated ones included."""
    db = query_db(ctx)
    for command in (("search", "roads"), ("quotes",), ("threads",), ("figures",)):
        every = ctx.run(*command, "--db", db, "--json", "--limit", "0")
        many = ctx.run(*command, "--db", db, "--json", "--limit", "10000")
        expect_rc(every, 0)
        rows = json.loads(every.out)
        expect(rows == json.loads(many.out), f"{every.label}: not every row")
        expect(command[0] == "figures" or rows, f"{every.label}: no rows at all")
    late = ctx.run("threads", "--db", db, "--json", "--since", "9999-12-31")
    expect_rc(late, 0)
    expect(json.loads(late.out) == [], f"{late.label}: lists {late.out[:200]!r}")


@case
def case_files_that_are_no_documents_are_named(ctx: Ctx) -> None:
    """An image and a PDF beside a story in a folder: each named as skipped, with the
    reason, in extract and ingest alike; the story is read."""
    write(ctx.dir / "pages", "story.txt", text_doc(1))
    write(ctx.dir / "pages", "photo.jpg", bytes(random.Random(8).randbytes(4096)))
    write(ctx.dir / "pages", "report.pdf", b"%PDF-1.4\n" + bytes(1000))
    extracted = ctx.run("extract", "pages", "--no-understand")
    expect_rc(extracted, 0)
    expect_story(extracted, 1)
    ingested = ingest(ctx, "pages", db="n.db", understand=False)
    expect_rc(ingested, 0)
    for result in (extracted, ingested):
        for name in ("photo.jpg", "report.pdf"):
            named = [line for line in result.lines("Skipped:") if name in line]
            expect(named, f"{result.label}: {name} left out without a word" + stderr_tail(result))
    expect("skipped 2" in ingested.err, f"ingest did not count them: {stderr_tail(ingested)}")


@case
def case_html_after_kilobytes_of_script(ctx: Ctx) -> None:
    """A .html file (or one without a suffix) that opens with an XML line and 9 KB of
    script is HTML: its story is the body, not the script lines."""
    head = '<?xml version="1.0"?>\n<script>\n' + "var tracking = 1; // analytics\n" * 300
    story = page(headline="Flood waters rise in Velmar")
    for name in ("scripted.html", "scripted"):
        write(ctx.dir, name, head + "</script>" + story)
        result = ctx.run("extract", name, "--no-understand")
        expect_rc(result, 0)
        (record,) = expect_story(result, 1)
        expect("tracking" not in body(record), f"{name}: the script was read as the story")
        count = len(record["body"])
        expect(count == len(STORY), f"{name}: {count} paragraphs, not {len(STORY)}")


@case
def case_spans_and_breaks(ctx: Ctx) -> None:
    """A story of <span>s and <br>s is read; text of labels dropped keeps a reason each."""
    line = "The river rose by two metres overnight and many people left, officials said."
    write(ctx.dir, "spans.html", "<html><body>" + f"<span>{line}</span><br>" * 5 + "</body></html>")
    write(ctx.dir, "labels.html", "<html><body>" + "<span>Menu.</span><br>" * 5 + "</body></html>")
    result = ctx.run("extract", "spans.html", "labels.html", "--no-understand")
    expect_rc(result, 0)
    story, labels = expect_story(result, 2)
    expect(story["body"] == [line] * 5, f"spans.html: body {story['body']}")
    dropped = labels.get("boilerplate", [])
    expect(len(dropped) == 5 and all(b.get("reason") for b in dropped), f"labels: {dropped}")


@case
def case_feed_item_that_never_closes(ctx: Ctx) -> None:
    """A feed whose second <description> never closes: three items, each with its own
    title, link and text; the damaged one says so."""
    items = [
        f"<item><title>Story {n}</title><link>https://town.example/{n}</link>"
        f"<description>Text of story {n}.{'' if n == 2 else '</description>'}</item>"
        for n in (1, 2, 3)
    ]
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    write(ctx.dir, "town.rss", feed + "".join(items) + "</channel></rss>")
    result = ctx.run("extract", "town.rss", "--no-understand")
    expect_rc(result, 0, 1)
    records = result.records()
    got = [(r.get("headline"), r.get("url")) for r in records]
    want = [(f"Story {n}", f"https://town.example/{n}") for n in (1, 2, 3)]
    expect(got == want, f"items mixed or lost: {got}")
    expect("Story 3" in body(records[2]) or "story 3" in body(records[2]), "third body lost")
    expect(result.lines("Warning: town.rss:2"), "the damaged item is not named")


@case
def case_second_place_of_a_document_is_shown(ctx: Ctx) -> None:
    """One page met under two names: `show` lists the second place."""
    write(ctx.dir / "in", "story.txt", text_doc(3))
    write(ctx.dir / "in", "story-mirror.txt", text_doc(3))
    expect_rc(ingest(ctx, "in", db="p.db", understand=False), 0)
    shown = ctx.run("show", "1", "--db", "p.db")
    expect_rc(shown, 0)
    (record,) = shown.records()
    sources = [place.get("source", "") for place in record.get("places", [])]
    expect(any(s.endswith("story.txt") for s in sources), f"second place not shown: {sources}")


@case
def case_names_with_particles_are_one_person(ctx: Ctx) -> None:
    """"Karin de Vries, the minister, said …" and "…," De Vries said": one person,
    typed person, holding both quotes."""
    write(
        ctx.dir,
        "plan.txt",
        "Dutch plan\n\nAMSTERDAM (Reuters) - Karin de Vries, the minister, said the plan "
        'would cut emissions by half.\n\n"We will not wait for the others," De Vries said.\n',
    )
    result = ctx.run("extract", "plan.txt")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1)
    speakers = [(q["speaker"]["name"], q["speaker"]["type"]) for q in record["quotes"]]
    expect(speakers == [("Karin de Vries", "person")] * 2, f"speakers {speakers}")


@case
def case_cjk_words_are_found(ctx: Ctx) -> None:
    """A two-character Chinese, Japanese or Korean word inside a longer run is found."""
    docs = {
        "tokyo.txt": "東京都知事選挙\n\n東京都知事選挙は七日に投開票が行われ、"
        "現職が三選を果たした。\n",
        "beijing.txt": "北京举行新闻发布会\n\n北京市政府周一举行新闻发布会，"
        "介绍了空气质量的情况。\n",
        "seoul.txt": "서울시 요금 인상\n\n서울시는 다음 달부터 지하철 요금을 인상한다고 밝혔다.\n",
    }
    for name, text in docs.items():
        write(ctx.dir / "in", name, text)
    expect_rc(ingest(ctx, "in", db="c.db", understand=False), 0)
    for word, name in (("知事", "tokyo.txt"), ("北京", "beijing.txt"), ("요금", "seoul.txt")):
        result = ctx.run("search", word, "--db", "c.db", "--json")
        expect_rc(result, 0)
        hits = json.loads(result.out)
        expect(len(hits) == 1, f"search {word}: {len(hits)} hits, want 1 ({name})")


@case
def case_french_incises_without_full_stops(ctx: Ctx) -> None:
    """1,000 French incises and no full stop: a record within the default timeout (each
    cue's clause is looked up, not walked back to the start of the text)."""
    words = "la réforme est injuste, dit Marie Dupont, " * 1000
    write(ctx.dir, "greve.txt", f"Grève\n\n{words}\n")
    result = ctx.run("extract", "greve.txt", "--language", "fr")
    expect_rc(result, 0)
    (record,) = expect_story(result, 1)
    expect("quotes" in record.get("layers", []), f"layers {record.get('layers')}")
