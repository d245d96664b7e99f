"""The record as tables: one fixed Arrow schema per table, derived from ``record.py``.

Inferring a Parquet schema from the data gives ``kicker: null`` and ``writers:
list<null>`` for a corpus that happens to have no kicker or writer, and two such exports
do not concatenate. Here every schema is walked out of the record's msgspec types, so it
is the same for any input, even an empty one, and changes only when the record does
(its ``SCHEMA_VERSION`` is in each schema's metadata).

    articles  one row per record: every record field (nested fields stay nested), plus
              ``document_id`` and ``content_hash`` (the content key the store dedupes by)
    quotes    one row per quote, flat: the document's id, url, site and published date,
              the quote's position, then its fields (``speaker.name`` → ``speaker_name``)
    figures   one row per figure, flat likewise; ``vague`` marks the record's vague figures
    actors    one row per actor, flat likewise
    errors    one row per document that produced no record: source, stage, message

``document_id`` joins a child row to its article within one output. Struct fields of the
child tables are flattened with ``_`` (a DuckDB or pandas user wants columns, not
structs); lists stay lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import msgspec
import msgspec.inspect as mi
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from copydesk.errors import RecordError
from copydesk.record import SCHEMA_VERSION, Actor, Article, Figure, Quote

TABLES: Final = ("articles", "quotes", "figures", "actors", "errors")

Row = dict[str, Any]
FieldPath = tuple[str, ...]  # where a flat column's value sits in the nested builtins


class ErrorRow(msgspec.Struct, kw_only=True):
    """A document that produced no record: its source, the stage that failed, and why."""

    source: str
    stage: str
    message: str


class _Context(msgspec.Struct, kw_only=True):
    """What every child row carries about its document, so a quote table stands alone."""

    document_id: str
    url: str | None = None
    site: str | None = None
    published: str | None = None
    position: int


class _ArticleKeys(msgspec.Struct, kw_only=True):
    document_id: str
    content_hash: str | None = None


# -- types ------------------------------------------------------------------------------


def _arrow_type(info: mi.Type) -> pa.DataType:
    """The Arrow type of one msgspec type (an optional type's non-None member)."""
    info = _unwrap(info)[0]
    if isinstance(info, (mi.StrType, mi.LiteralType)):
        return pa.string()
    if isinstance(info, mi.BoolType):
        return pa.bool_()
    if isinstance(info, mi.IntType):
        return pa.int64()
    if isinstance(info, mi.FloatType):
        return pa.float64()
    if isinstance(info, mi.ListType):
        # "element", as Parquet names a list's items: a table read back compares equal
        return pa.list_(pa.field("element", _arrow_type(info.item_type)))
    if isinstance(info, mi.DictType):
        return pa.map_(_arrow_type(info.key_type), _arrow_type(info.value_type))
    if isinstance(info, mi.StructType):
        return pa.struct([_nested_field(f) for f in info.fields])
    raise RecordError(f"no Arrow type for the record type {info!r}: add it to copydesk.tables")


def _unwrap(info: mi.Type) -> tuple[mi.Type, bool]:
    """The one real type of ``T | None`` and whether None is allowed."""
    if isinstance(info, mi.UnionType):
        members = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(members) != 1:
            raise RecordError(f"a union of several types cannot be one column: {info!r}")
        return members[0], True
    return info, False


def _nested_field(field: mi.Field) -> pa.Field:
    return pa.field(field.encode_name, _arrow_type(field.type), nullable=_unwrap(field.type)[1])


def _struct(cls: type[msgspec.Struct]) -> mi.StructType:
    info = mi.type_info(cls)
    if not isinstance(info, mi.StructType):  # pragma: no cover - every caller passes a Struct
        raise RecordError(f"{cls.__name__} is not a record struct")
    return info


def _flat_columns(
    info: mi.StructType, prefix: FieldPath = (), optional: bool = False
) -> Iterator[tuple[FieldPath, pa.Field]]:
    """Flat columns of a struct: nested structs become ``outer_inner`` columns (all
    nullable under an optional parent); lists and maps stay whole."""
    for field in info.fields:
        inner, nullable = _unwrap(field.type)
        path = (*prefix, field.encode_name)
        if isinstance(inner, mi.StructType):
            yield from _flat_columns(inner, path, optional or nullable)
        else:
            arrow = _arrow_type(inner)
            yield path, pa.field("_".join(path), arrow, nullable=optional or nullable)


def _metadata(name: str) -> dict[bytes, bytes]:
    return {
        b"copydesk.table": name.encode(),
        b"copydesk.schema_version": SCHEMA_VERSION.encode(),
    }


def _flat_schema(name: str, *parts: mi.StructType) -> tuple[pa.Schema, list[FieldPath]]:
    columns = [column for part in parts for column in _flat_columns(part)]
    paths = [path for path, _ in columns]
    return pa.schema([f for _, f in columns], metadata=_metadata(name)), paths


_CONTEXT = _struct(_Context)
_VAGUE = pa.field("vague", pa.bool_(), nullable=False)

_ARTICLE_KEYS = [_nested_field(f) for f in _struct(_ArticleKeys).fields]
_ARTICLES = pa.schema(
    _ARTICLE_KEYS + [_nested_field(f) for f in _struct(Article).fields],
    metadata=_metadata("articles"),
)
_QUOTES, _QUOTE_PATHS = _flat_schema("quotes", _CONTEXT, _struct(Quote))
_ACTORS, _ACTOR_PATHS = _flat_schema("actors", _CONTEXT, _struct(Actor))
_ERRORS, _ERROR_PATHS = _flat_schema("errors", _struct(ErrorRow))
_figures, _FIGURE_PATHS = _flat_schema("figures", _CONTEXT, _struct(Figure))
_FIGURES = _figures.insert(len(_CONTEXT.fields), _VAGUE)

SCHEMAS: Final[Mapping[str, pa.Schema]] = {
    "articles": _ARTICLES,
    "quotes": _QUOTES,
    "figures": _FIGURES,
    "actors": _ACTORS,
    "errors": _ERRORS,
}


def schema(table: str) -> pa.Schema:
    """The fixed schema of ``table`` (one of ``TABLES``)."""
    try:
        return SCHEMAS[table]
    except KeyError:
        raise RecordError(
            f"no table '{table}': the tables are {', '.join(TABLES)}", source=table
        ) from None


# -- rows -------------------------------------------------------------------------------


def article_row(article: Article, document_id: str, *, content_hash: str | None = None) -> Row:
    """The articles row of a record: every record field, as the record has it."""
    row: Row = {"document_id": document_id, "content_hash": content_hash}
    row.update(msgspec.to_builtins(article))
    return row


def quote_rows(article: Article, document_id: str) -> list[Row]:
    """One flat row per quote, in the record's order."""
    return _child_rows(article, document_id, article.quotes, _QUOTE_PATHS)


def actor_rows(article: Article, document_id: str) -> list[Row]:
    """One flat row per actor, in the record's order."""
    return _child_rows(article, document_id, article.actors, _ACTOR_PATHS)


def figure_rows(article: Article, document_id: str) -> list[Row]:
    """One flat row per figure: the figures, then the vague ones (``vague`` true);
    ``position`` counts within each list."""
    rows = _child_rows(article, document_id, article.figures, _FIGURE_PATHS)
    vague = _child_rows(article, document_id, article.vague_figures, _FIGURE_PATHS)
    for row in rows:
        row["vague"] = False
    for row in vague:
        row["vague"] = True
    return rows + vague


def error_row(source: str, stage: str, message: str) -> Row:
    """The errors row of a document that produced no record."""
    return {"source": source, "stage": stage, "message": message}


def rows_of(
    article: Article, document_id: str, *, content_hash: str | None = None
) -> dict[str, list[Row]]:
    """The rows of every table but errors that one record makes."""
    return {
        "articles": [article_row(article, document_id, content_hash=content_hash)],
        "quotes": quote_rows(article, document_id),
        "figures": figure_rows(article, document_id),
        "actors": actor_rows(article, document_id),
    }


def _child_rows(
    article: Article, document_id: str, items: Iterable[msgspec.Struct], paths: list[FieldPath]
) -> list[Row]:
    rows = []
    for position, item in enumerate(items):
        nested: Row = {
            "document_id": document_id,
            "url": article.url,
            "site": article.site,
            "published": article.published.value,
            "position": position,
        }
        nested.update(msgspec.to_builtins(item))
        rows.append({"_".join(path): _dig(nested, path) for path in paths})
    return rows


def _dig(nested: Row, path: FieldPath) -> Any:
    value: Any = nested
    for key in path:
        if value is None:
            return None
        value = value.get(key)
    return value


def to_table(table: str, rows: Iterable[Row]) -> pa.Table:
    """Rows as an Arrow table under the fixed schema (an empty table for no rows)."""
    fixed = schema(table)
    try:
        return pa.Table.from_pylist(list(rows), schema=fixed)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise RecordError(f"rows do not fit the {table} schema: {exc}", source=table) from exc


def article_from_row(row: Mapping[str, Any]) -> Article:
    """The record an articles row holds (read with ``maps_as_pydicts="strict"``)."""
    fields = {k: v for k, v in row.items() if k not in _ARTICLE_KEY_NAMES}
    try:
        return msgspec.convert(fields, Article)
    except msgspec.ValidationError as exc:
        raise RecordError(f"not a valid articles row: {exc}", source=row.get("source")) from exc


_ARTICLE_KEY_NAMES = frozenset(f.name for f in _ARTICLE_KEYS)


def for_csv(table: pa.Table) -> pa.Table:
    """The table with each list, struct and map column as JSON text, which CSV can hold."""
    columns = []
    fields = []
    for field, column in zip(table.schema, table.columns, strict=True):
        if pa.types.is_nested(field.type):
            values = [None if v is None else json.dumps(v) for v in _plain(column)]
            column = pa.chunked_array([pa.array(values, pa.string())])
            field = pa.field(field.name, pa.string(), nullable=field.nullable)
        columns.append(column)
        fields.append(field)
    return pa.Table.from_arrays(columns, schema=pa.schema(fields, metadata=table.schema.metadata))


FORMATS: Final = ("jsonl", "parquet", "csv")
_WRITE_ROWS = 500


def write_rows(table: str, rows: Iterable[Row], path: str | Path, *, format: str) -> int:
    """Write ``rows`` of ``table`` to ``path`` as JSON Lines, Parquet or CSV under the
    fixed schema, in batches, so memory stays flat; the number of rows written. An empty
    input still gives a file with the schema (Parquet) or the header (CSV)."""
    if format not in FORMATS:
        raise RecordError(f"no format '{format}': the formats are {', '.join(FORMATS)}")
    fixed = schema(table)
    count = 0
    try:
        with _Sink(str(path), fixed, format) as sink:
            batch: list[Row] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= _WRITE_ROWS:
                    count += sink.write(table, batch)
                    batch = []
            count += sink.write(table, batch)
    except (OSError, pa.ArrowException) as exc:
        raise RecordError(f"cannot write the {table} table: {exc}", source=str(path)) from exc
    return count


class _Sink:
    """One output file of one format, written batch by batch."""

    def __init__(self, path: str, fixed: pa.Schema, format: str) -> None:
        self.format = format
        self.file: Any = open(path, "wb")  # noqa: SIM115 - closed in __exit__
        self.writer: Any = None
        if format == "parquet":
            self.writer = pq.ParquetWriter(self.file, fixed)
        elif format == "csv":
            self.writer = pacsv.CSVWriter(self.file, for_csv(fixed.empty_table()).schema)

    def write(self, table: str, rows: list[Row]) -> int:
        if self.format == "jsonl":
            to_table(table, rows)  # the rows must fit the schema in every format
            self.file.write(b"".join(_JSON.encode(row) + b"\n" for row in rows))
        elif rows:
            arrow = to_table(table, rows)
            self.writer.write_table(for_csv(arrow) if self.format == "csv" else arrow)
        return len(rows)

    def __enter__(self) -> _Sink:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.writer is not None:
            self.writer.close()
        self.file.close()


_JSON = msgspec.json.Encoder()


def _plain(column: pa.ChunkedArray) -> list[Any]:
    return [v for chunk in column.chunks for v in chunk.to_pylist(maps_as_pydicts="strict")]


__all__ = [
    "FORMATS",
    "SCHEMAS",
    "TABLES",
    "ErrorRow",
    "actor_rows",
    "article_from_row",
    "article_row",
    "error_row",
    "figure_rows",
    "for_csv",
    "quote_rows",
    "rows_of",
    "schema",
    "to_table",
    "write_rows",
]
