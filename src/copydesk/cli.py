"""The ``copydesk`` command: each command parses options, calls the API, reports errors.

Errors become text only here: a ``CopydeskError`` is one ``Error: …`` line on stderr.
Exit codes: 0 all documents read; 1 some documents failed (the rest were written);
2 bad usage.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

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
    help="Also find actors, quotes, figures and times (slower).",
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
