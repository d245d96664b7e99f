"""The ``copydesk`` command: each command parses options, calls the API, reports errors.

Errors become text only here: a ``CopydeskError`` is one ``Error: …`` line on stderr.
Exit codes: 0 all documents read; 1 some documents failed (the rest were written);
2 bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TextIO, TypeVar

import click
import msgspec

from copydesk import api
from copydesk.errors import CopydeskError
from copydesk.extract.dates import parse_iso_day
from copydesk.ingest import DEFAULT_LIMITS, Limits
from copydesk.ingest.warc import SkippedRecord
from copydesk.record import Article, json_schema, to_json
from copydesk.render import to_markdown, to_text

FORMATS = ("json", "jsonl", "md", "text")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="copydesk")
def cli() -> None:
    """copydesk: read news pages into clean, structured, attributed article records."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format. Default: json for one document, jsonl for several.",
)
@click.option(
    "--published",
    metavar="DATE",
    callback=lambda _c, _p, v: _check_date(v),
    help="Publication date you vouch for (YYYY-MM-DD).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMITS.max_bytes,
    show_default=True,
    help="Refuse any document larger than this.",
)
@click.option(
    "--understand/--no-understand",
    default=True,
    show_default=True,
    help="Also find actors, quotes, stances, figures and times (slower).",
)
def extract(
    paths: tuple[str, ...], fmt: str | None, published: str | None, max_bytes: int, understand: bool
) -> None:
    """Read PATHS (files, folders, .gz, WARC, JSONL, or - for stdin) and print records.

    One document prints one JSON object; several print JSON Lines in input order.
    A document that cannot be read is reported on stderr and skipped.
    """
    limits = Limits(max_bytes=max_bytes, max_blocks=DEFAULT_LIMITS.max_blocks)
    results = api.extract_paths(paths, published=published, limits=limits, understand=understand)
    failed = _write_all(results, fmt, sys.stdout)
    if failed:
        raise SystemExit(1)


DB_OPTION = click.option(
    "--db", default=api.DEFAULT_DB, show_default=True, metavar="PATH", help="SQLite database."
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes [all cores].")
@click.option(
    "--understand/--no-understand",
    default=True,
    show_default=True,
    help="Also find actors, quotes, stances, figures and times (slower).",
)
@click.option(
    "--published",
    metavar="DATE",
    callback=lambda _c, _p, v: _check_date(v),
    help="Publication date you vouch for (YYYY-MM-DD).",
)
@click.option("--progress/--no-progress", default=True, show_default=True)
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int | None,
    understand: bool,
    published: str | None,
    progress: bool,
) -> None:
    """Store every document under PATHS in the database, each exactly once.

    Reruns skip what is stored; a changed page becomes a new revision of its URL; a
    failing document is recorded (see `copydesk errors`) and the rest go on.
    """
    summary = _run(
        lambda: api.ingest(
            paths,
            db=db,
            workers=workers,
            understand=understand,
            published=published,
            progress=progress,
        )
    )
    click.echo(
        f"read {summary.read}, stored {summary.stored}, duplicates {summary.duplicates}, "
        f"failed {summary.failed}, skipped {summary.skipped}",
        err=True,
    )


@cli.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True)
@JSON_OPTION
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search of headlines and bodies (FTS5: words, "phrases", OR, NOT)."""
    _print(
        _run(lambda: api.search(query, db=db, limit=limit)),
        as_json,
        ("id", "published", "headline", "snippet"),
    )


@cli.command()
@DB_OPTION
@click.option("--speaker", help="Part of the speaker's name.")
@click.option("--about", help="Words the quote contains (FTS5 syntax).")
@click.option("--since", metavar="DATE", help="Published on or after this date.")
@click.option("--limit", default=50, show_default=True)
@JSON_OPTION
def quotes(
    db: str, speaker: str | None, about: str | None, since: str | None, limit: int, as_json: bool
) -> None:
    """Quotes by speaker and topic, once per wire story, with how often they ran."""
    rows = _run(lambda: api.quotes(db=db, speaker=speaker, about=about, since=since, limit=limit))
    _print(rows, as_json, ("published", "speaker", "kind", "text", "copies"))


@cli.command()
@DB_OPTION
@click.option("--unit", help="Unit, e.g. person, tonne, USD, percent.")
@click.option("--about", help="Words of what is counted (FTS5 syntax).")
@click.option("--since", metavar="DATE", help="Published on or after this date.")
@click.option("--limit", default=50, show_default=True)
@JSON_OPTION
def figures(
    db: str, unit: str | None, about: str | None, since: str | None, limit: int, as_json: bool
) -> None:
    """A figure's timeline: value, unit, what it counts, who claims it, as of when."""
    rows = _run(lambda: api.figures(db=db, unit=unit, about=about, since=since, limit=limit))
    _print(rows, as_json, ("as_of", "value", "unit", "counted", "claimant", "document_id"))


@cli.command()
@DB_OPTION
@click.option("--since", metavar="DATE", help="Threads still running on or after this date.")
@click.option("--limit", default=50, show_default=True)
@JSON_OPTION
def threads(db: str, since: str | None, limit: int, as_json: bool) -> None:
    """Story threads: stories about one unfolding event, linked over time."""
    rows = _run(lambda: api.threads(db=db, since=since, limit=limit))
    _print(
        rows, as_json, ("id", "first_published", "last_published", "stories", "documents", "title")
    )


@cli.command()
@click.argument("story_id", type=int)
@DB_OPTION
@JSON_OPTION
def story(story_id: int, db: str, as_json: bool) -> None:
    """Where one wire story ran: the original and every copy, with what each changed."""
    rows = _run(lambda: api.story(story_id, db=db))
    _print(
        rows,
        as_json,
        (
            "document_id",
            "published",
            "original",
            "added_paragraphs",
            "cut_paragraphs",
            "site",
            "url",
        ),
    )


@cli.command()
@click.argument("document_id", type=int)
@DB_OPTION
def show(document_id: int, db: str) -> None:
    """Print the stored record of one document."""
    article = _run(lambda: api.show(document_id, db=db))
    _write(article, "json", sys.stdout)


@cli.command()
@DB_OPTION
@click.option("--limit", default=100, show_default=True)
@JSON_OPTION
def errors(db: str, limit: int, as_json: bool) -> None:
    """Documents that failed: input, stage and message, newest first."""
    _print(
        _run(lambda: api.errors(db=db, limit=limit)), as_json, ("at", "stage", "input", "message")
    )


@cli.command()
@DB_OPTION
@click.option(
    "--format", "fmt", type=click.Choice(("jsonl", "parquet")), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    help="File to write; - is standard output (JSONL only).",
)
def export(db: str, fmt: str, output: str) -> None:
    """Export every stored record (the same JSON `copydesk extract` prints)."""
    if fmt == "parquet" and output == "-":
        raise click.UsageError("Parquet needs a file: give --output PATH")
    count = _run(lambda: api.export(output, db=db, format=fmt))
    click.echo(f"exported {count} records", err=True)


T = TypeVar("T")


def _run(call: Callable[[], T]) -> T:
    """Call the API; a CopydeskError becomes one 'Error:' line and exit status 1."""
    try:
        return call()
    except CopydeskError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(1) from exc


def _print(rows: Sequence[msgspec.Struct], as_json: bool, columns: tuple[str, ...]) -> None:
    if as_json:
        click.echo(msgspec.json.encode(rows).decode())
        return
    table = [[_cell(getattr(row, column)) for column in columns] for row in rows]
    widths = [min(60, max([len(c)] + [len(r[i]) for r in table])) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in table:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    click.echo(msgspec.json.format(msgspec.json.encode(json_schema()), indent=2).decode())


def _check_date(value: str | None) -> str | None:
    if value is not None and parse_iso_day(value) is None:
        raise click.BadParameter(f"'{value}' is not a date of the form YYYY-MM-DD")
    return value


def _write_all(results: Iterable[Article | CopydeskError], fmt: str | None, out: TextIO) -> int:
    """Write records as they come; hold the first back to know if it is the only one."""
    failed = skipped = 0
    pending: Article | None = None
    count = 0
    for item in results:
        if isinstance(item, SkippedRecord):
            skipped += 1
            continue
        if isinstance(item, CopydeskError):
            click.echo(f"Error: {item}", err=True)
            failed += 1
            continue
        count += 1
        if count == 1:
            pending = item
            continue
        if pending is not None:
            _write(pending, fmt or "jsonl", out)
            pending = None
        _write(item, fmt or "jsonl", out)
    if pending is not None:
        _write(pending, fmt or "json", out)
    if skipped:
        click.echo(f"Skipped {skipped} archive records that are not pages.", err=True)
    return failed


def _write(article: Article, fmt: str, out: TextIO) -> None:
    if fmt == "json":
        out.write(msgspec.json.format(to_json(article), indent=2).decode() + "\n")
    elif fmt == "jsonl":
        out.write(to_json(article).decode() + "\n")
    elif fmt == "md":
        out.write(to_markdown(article) + "\n")
    else:
        out.write(to_text(article) + "\n")


def main() -> None:
    cli(prog_name="copydesk")
