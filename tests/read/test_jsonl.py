"""JSONL dumps: every line one item, a bad line one error naming FILE:LINE."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.errors import ReadError
from copydesk.read import RawDocument, read_documents

GOOD = json.dumps({"url": "https://example.org/a", "text": "A story."}).encode()

BAD_LINES = {
    "invalid UTF-8": (b'{"text": "caf\xe9 au lait"}', "not valid UTF-8"),
    "not JSON": (b"{not json", "not JSON"),
    "not an object": (b"[1, 2, 3]", "not a JSON object"),
    "a number": (b"42", "not a JSON object"),
    "wrong type": (b'{"html": 5}', "$.html"),
    "deep nesting": (b'{"x": ' + b"[" * 100_000 + b"]" * 100_000 + b', "text": "a"}', "nested"),
    "no html, text or title": (b'{"url": "https://example.org/b"}', "no 'html', 'text' or 'title'"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_line_is_one_error_and_the_lines_around_it_are_read(
    tmp_path: Path, case: str
) -> None:
    line, message = BAD_LINES[case]
    path = tmp_path / "dump.jsonl"
    path.write_bytes(GOOD + b"\n" + line + b"\n" + GOOD + b"\n")
    items = list(read_documents([str(path)]))
    assert len(items) == 3
    assert isinstance(items[0], RawDocument) and isinstance(items[2], RawDocument)
    assert isinstance(items[1], ReadError) and items[1].source == f"{path}:2"
    assert message in str(items[1])


def test_a_byte_order_mark_before_line_one_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + GOOD + b"\n" + GOOD + b"\n")
    items = list(read_documents([str(path)]))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert isinstance(items[0], RawDocument) and items[0].source == f"{path}:1"


def test_a_cut_gzip_dump_reports_the_break_and_keeps_the_lines_before(tmp_path: Path) -> None:
    rows = b"".join(
        json.dumps({"url": f"https://x.example/{n}", "text": f"Story {n} " * 50}).encode() + b"\n"
        for n in range(200)
    )
    packed = gzip.compress(rows)
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    items = list(read_documents([str(path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert 0 < len(docs) < 200
    assert [d.url for d in docs] == [f"https://x.example/{n}" for n in range(len(docs))]
    assert isinstance(items[-1], ReadError)
    assert items[-1].source == str(path) and f"after line {len(docs)}" in str(items[-1])


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    buffer = io.BufferedReader(io.BytesIO(data))  # type: ignore[arg-type]
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=buffer))


@pytest.mark.parametrize("packed", [False, True], ids=["plain", "gzip"])
def test_jsonl_on_standard_input_is_read_line_by_line(
    monkeypatch: pytest.MonkeyPatch, packed: bool
) -> None:
    data = b"\n" + GOOD + b"\n{oops\n" + GOOD + b"\n"
    _stdin(monkeypatch, gzip.compress(data) if packed else data)
    items = list(read_documents(["-"]))
    assert [type(i) for i in items] == [RawDocument, ReadError, RawDocument]
    assert isinstance(items[0], RawDocument) and items[0].url == "https://example.org/a"
    assert items[1].source == "<stdin>:3"


def test_text_on_standard_input_is_still_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"{{ Not JSON }} but a story in braces.\nSecond line.\n")
    [item] = read_documents(["-"])
    assert isinstance(item, RawDocument) and item.source == "<stdin>"


LINE = st.one_of(
    st.just(GOOD),
    st.sampled_from([line for line, _ in BAD_LINES.values()]),
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")),
    st.dictionaries(
        st.sampled_from(["url", "html", "text", "published", "source", "x"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=20)),
    ).map(lambda d: json.dumps(d).encode()),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(LINE, min_size=1, max_size=12))
def test_every_non_blank_line_gives_exactly_one_item(tmp_path: Path, lines: list[bytes]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_documents([str(path)]))
    wanted = [n for n, line in enumerate(lines, 1) if line.strip()]
    assert len(items) == len(wanted)
    for number, item in zip(wanted, items, strict=True):
        if lines[number - 1] == GOOD:
            assert isinstance(item, RawDocument)
        if isinstance(item, ReadError):
            assert item.source == f"{path}:{number}"
