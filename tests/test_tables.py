"""The fixed table schemas: derived from the record, the same for any input."""

from __future__ import annotations

import io

import msgspec
import msgspec.inspect as mi
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import fixture, sample
from copydesk import tables
from copydesk.api import extract
from copydesk.errors import RecordError
from copydesk.record import SCHEMA_VERSION, Actor, Article, Figure, Quote


@pytest.fixture(scope="module")
def understood() -> Article:
    text = fixture("ap-story.txt").read_text(encoding="utf-8")
    return extract(text, source="ap-story.txt", url="https://news.example/ap")


@pytest.fixture(scope="module")
def plain() -> Article:
    text = sample("wire-story.txt").read_text(encoding="utf-8")
    return extract(text, source="wire-story.txt", understand=False)


def _leaves(cls: type[msgspec.Struct], prefix: str = "") -> set[str]:
    """Flat column names a struct's fields should give (nested structs joined by _)."""
    names = set()
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    for field in info.fields:
        inner = field.type
        if isinstance(inner, mi.UnionType):
            inner = next(t for t in inner.types if not isinstance(t, mi.NoneType))
        if isinstance(inner, mi.StructType):
            names |= _leaves(inner.cls, f"{prefix}{field.name}_")
        else:
            names.add(prefix + field.name)
    return names


def test_every_record_field_has_an_articles_column() -> None:
    fields = {f.name for f in msgspec.structs.fields(Article)}
    assert fields <= set(tables.schema("articles").names)


@pytest.mark.parametrize(
    ("table", "cls"), [("quotes", Quote), ("figures", Figure), ("actors", Actor)]
)
def test_every_child_field_has_a_flat_column(table: str, cls: type[msgspec.Struct]) -> None:
    names = set(tables.schema(table).names)
    assert _leaves(cls) <= names
    assert {"document_id", "url", "site", "published", "position"} <= names


def test_schemas_carry_the_record_version() -> None:
    for name in tables.TABLES:
        metadata = tables.schema(name).metadata
        assert metadata[b"copydesk.schema_version"] == SCHEMA_VERSION.encode()
        assert metadata[b"copydesk.table"] == name.encode()


def test_no_column_is_typed_null() -> None:
    def walk(dtype: pa.DataType) -> None:
        assert not pa.types.is_null(dtype)
        for i in range(dtype.num_fields):
            walk(dtype.field(i).type)

    for name in tables.TABLES:
        for field in tables.schema(name):
            walk(field.type)


def test_empty_input_gives_the_same_schema(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for name in tables.TABLES:
        empty = tables.to_table(name, [])
        assert empty.num_rows == 0
        assert empty.schema.equals(tables.schema(name), check_metadata=True)
        pq.write_table(empty, tmp_path / f"{name}.parquet")
        back = pq.read_schema(tmp_path / f"{name}.parquet")
        # (a map's entries come back named after their column, which only field metadata
        # comparison sees; the types and the schema's own metadata are equal)
        assert back.equals(tables.schema(name))
        assert back.metadata == tables.schema(name).metadata


def test_two_exports_concatenate(understood: Article, plain: Article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = tables.rows_of(understood, "1", content_hash="a")
    two = tables.rows_of(plain, "2", content_hash="b")
    assert one["quotes"] and not two["quotes"]  # one side of each pair has no quotes
    for name in ("articles", "quotes", "figures", "actors"):
        left, right = tables.to_table(name, one[name]), tables.to_table(name, two[name])
        pq.write_table(left, tmp_path / "l.parquet")
        pq.write_table(right, tmp_path / "r.parquet")
        both = pa.concat_tables(
            [pq.read_table(tmp_path / "l.parquet"), pq.read_table(tmp_path / "r.parquet")]
        )
        assert both.num_rows == len(one[name]) + len(two[name])


def test_an_articles_row_gives_the_record_back(understood: Article, tmp_path) -> None:  # type: ignore[no-untyped-def]
    row = tables.article_row(understood, "7", content_hash="abc")
    pq.write_table(tables.to_table("articles", [row]), tmp_path / "a.parquet")
    back = pq.read_table(tmp_path / "a.parquet").to_pylist(maps_as_pydicts="strict")[0]
    assert back["content_hash"] == "abc"
    assert tables.article_from_row(back) == understood


def test_quote_rows_are_flat_and_point_into_the_body(understood: Article) -> None:
    rows = tables.quote_rows(understood, "7")
    assert len(rows) == len(understood.quotes)
    body = understood.body_text
    for position, (row, quote) in enumerate(zip(rows, understood.quotes, strict=True)):
        assert row["position"] == position
        assert row["url"] == "https://news.example/ap"
        assert (row["span_start"], row["span_end"]) == (quote.span.start, quote.span.end)
        assert body[row["span_start"] : row["span_end"]] == body[quote.span.start : quote.span.end]
        assert row["text"] == quote.text
        assert row["speaker_name"] == (quote.speaker.name if quote.speaker else None)


def test_figure_rows_mark_the_vague_ones(understood: Article) -> None:
    rows = tables.figure_rows(understood, "7")
    assert sum(not r["vague"] for r in rows) == len(understood.figures)
    assert sum(r["vague"] for r in rows) == len(understood.vague_figures)


def test_csv_holds_the_nested_columns_as_json(understood: Article) -> None:
    table = tables.for_csv(tables.to_table("articles", [tables.article_row(understood, "7")]))
    out = io.BytesIO()
    pacsv.write_csv(table, out)
    assert b'"schema_version"' in out.getvalue().splitlines()[0]


def test_an_unknown_table_is_named() -> None:
    with pytest.raises(RecordError, match=r"no table 'quote'.*articles, quotes"):
        tables.schema("quote")


_TEXT = st.text(max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    headline=st.none() | _TEXT,
    body=st.lists(_TEXT, max_size=4),
    provenance=st.dictionaries(_TEXT, _TEXT, max_size=3),
    value=st.none() | st.floats(allow_nan=False),
)
def test_any_record_round_trips(
    headline: str | None, body: list[str], provenance: dict[str, str], value: float | None
) -> None:
    from copydesk.record import Span

    figure = Figure(text="x", span=Span(0, 1), value=value)
    article = Article(
        source="s", headline=headline, body=body, provenance=provenance, figures=[figure]
    )
    table = tables.to_table("articles", [tables.article_row(article, "1")])
    back = table.to_pylist(maps_as_pydicts="strict")[0]
    assert tables.article_from_row(back) == article
    assert tables.to_table("figures", tables.figure_rows(article, "1")).num_rows == 1


@pytest.mark.parametrize("format", tables.FORMATS)
def test_write_rows_in_every_format_and_for_no_rows(
    format: str, understood: Article, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    rows = tables.quote_rows(understood, "7")
    full, empty = tmp_path / f"q.{format}", tmp_path / f"e.{format}"
    assert tables.write_rows("quotes", iter(rows), full, format=format) == len(rows)
    assert tables.write_rows("quotes", [], empty, format=format) == 0
    if format == "parquet":
        assert pq.read_table(full).num_rows == len(rows)
        assert pq.read_schema(empty).equals(tables.schema("quotes"))
    elif format == "csv":
        read = pacsv.read_csv(full)
        assert read.num_rows == len(rows) and read.column_names == tables.schema("quotes").names
        assert empty.read_bytes().startswith(b'"document_id","url"')
    else:
        lines = full.read_bytes().splitlines()
        assert [msgspec.json.decode(line) for line in lines] == rows
        assert empty.read_bytes() == b""


def test_write_rows_refuses_an_unknown_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RecordError, match="no format 'xml'"):
        tables.write_rows("quotes", [], tmp_path / "q.xml", format="xml")
