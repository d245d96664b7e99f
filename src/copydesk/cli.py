"""The ``copydesk`` command: each command parses options, calls the API, reports errors.

Errors become text only here: a ``CopydeskError`` is one ``Error: …`` line on stderr.
Exit codes: 0 all documents read; 1 some documents failed (the rest were written);
2 bad usage.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, TextIO, TypeVar

import click
import msgspec

from copydesk import api
from copydesk.errors import CopydeskError
from copydesk.extraction.dates import parse_iso_day
from copydesk.read import DEFAULT_LIMITS, Limits
from copydesk.read.document import Skipped
from copydesk.read.folders import NOT_A_DOCUMENT
from copydesk.record import Article, json_schema, to_json
from copydesk.render import to_markdown, to_text

FORMATS = ("json", "jsonl", "md", "text")
# copydesk.tables' names, spelled here so that the CLI starts without pyarrow (a test
# holds the two equal).
TABLES = ("articles", "quotes", "figures", "actors", "errors")
EXPORT_FORMATS = ("jsonl", "parquet", "csv")
# The most rows one question may return (and the page size a caller may ask for).
MAX_ROWS = 10_000

F = TypeVar("F", bound=Callable[..., object])


def _date_option(name: str, help: str) -> Callable[[F], F]:
    published = name == "--published"
    return click.option(
        name,
        metavar="DATE",
        callback=lambda _c, _p, v: _check_published(v) if published else _check_date(v),
        help=help,
    )


def _budget_options(command: F) -> F:
    """--max-bytes, --max-blocks and --timeout: what one document may cost."""
    for option in reversed(
        (
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=DEFAULT_LIMITS.max_bytes,
                show_default=True,
                help="Refuse any document larger than this (also bounds decompression).",
            ),
            click.option(
                "--max-blocks",
                type=click.IntRange(min=1),
                default=DEFAULT_LIMITS.max_blocks,
                show_default=True,
                help="Text blocks read per document; past it the record says it was cut.",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.1, max=86_400),
                default=DEFAULT_LIMITS.timeout,
                show_default=True,
                help="Seconds one document may take; past it, it is stopped and reported.",
            ),
        )
    ):
        command = option(command)
    return command


def _limits(max_bytes: int, max_blocks: int, timeout: float) -> Limits:
    return Limits(max_bytes=max_bytes, max_blocks=max_blocks, timeout=timeout)


def _limit_option(default: int) -> Callable[[F], F]:
    return click.option(
        "--limit",
        type=click.IntRange(min=0, max=MAX_ROWS),
        default=default,
        show_default=True,
        help=f"Rows to show (at most {MAX_ROWS:,}; 0 shows every one).",
    )


def _offset_option(most: int) -> Callable[[F], F]:
    return click.option(
        "--offset",
        type=click.IntRange(min=0, max=most),
        default=0,
        show_default=True,
        help="Rows to skip first (the next page starts at offset + limit).",
    )


# Quotes and figures fold a story's copies into one row after reading, so their pages
# go this deep (copydesk.corpus.queries.MAX_DEDUP_OFFSET); other lists page in SQL.
DEDUP_OFFSET = 10_000
OFFSET = 1_000_000


LANGUAGE_OPTION = click.option(
    "--language",
    metavar="CODE",
    callback=lambda _c, _p, v: _check_language(v),
    help="The language of documents that state none of their own (fr, de, en-GB): "
    "it wins over the page's claim and its words.",
)


WORKERS_OPTION = click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (capped at the number of cores).",
)


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
@_date_option("--published", "Publication date you vouch for (YYYY-MM-DD).")
@LANGUAGE_OPTION
@_budget_options
@WORKERS_OPTION
@click.option(
    "--understand/--no-understand",
    default=True,
    show_default=True,
    help="Also find actors, quotes, stances, figures and times (slower).",
)
def extract(
    paths: tuple[str, ...],
    fmt: str | None,
    published: str | None,
    language: str | None,
    understand: bool,
    workers: int | None,
    **budget: Any,
) -> None:
    """Read PATHS (files, folders, .gz, WARC, JSONL, feeds, or - for stdin) and print records.

    One document prints one JSON object; several print JSON Lines in input order.
    A document that cannot be read is reported on stderr and skipped; what a limit cut
    is said on stderr and in the record's warnings.
    """
    results = api.extract_paths(
        paths,
        published=published,
        language=language,
        limits=_limits(**budget),
        understand=understand,
        workers=workers or 1,
    )
    failed = _run(lambda: _write_all(results, fmt, sys.stdout))
    if failed:
        click.echo(f"{failed} document(s) failed (see the Error lines above).", err=True)
        raise SystemExit(1)


DB_OPTION = click.option(
    "--db", default=api.DEFAULT_DB, show_default=True, metavar="PATH", help="SQLite database."
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON.")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@WORKERS_OPTION
@click.option(
    "--understand/--no-understand",
    default=True,
    show_default=True,
    help="Also find actors, quotes, stances, figures and times (slower).",
)
@_date_option("--published", "Publication date you vouch for (YYYY-MM-DD).")
@LANGUAGE_OPTION
@_budget_options
@click.option("--progress/--no-progress", default=True, show_default=True)
def ingest(
    paths: tuple[str, ...],
    db: str,
    workers: int | None,
    understand: bool,
    published: str | None,
    language: str | None,
    progress: bool,
    **budget: Any,
) -> None:
    """Store every document under PATHS in the database, each exactly once.

    Reruns skip what is stored (with understanding on, records stored without it are
    upgraded); a changed page becomes a new revision of its URL; a failing document is
    recorded (see `copydesk errors`), the rest go on, and the exit code is 1.
    """
    summary = _run(
        lambda: api.ingest(
            paths,
            db=db,
            workers=workers,
            understand=understand,
            published=published,
            language=language,
            limits=_limits(**budget),
            progress=progress,
            on_failure=lambda failure: _say("Error", f"{failure.source}: {failure.message}"),
            on_skipped=lambda item: (
                _say("Skipped", str(item)) if item.kind == NOT_A_DOCUMENT else None
            ),
        )
    )
    click.echo(
        f"read {summary.read}, stored {summary.stored}, upgraded {summary.upgraded}, "
        f"duplicates {summary.duplicates}, failed {summary.failed}, skipped {summary.skipped}",
        err=True,
    )
    if summary.failed:
        click.echo(
            f"Error: {summary.failed} document(s) failed; `copydesk errors --db {db}` lists them",
            err=True,
        )
        raise SystemExit(1)


@cli.command()
@click.argument("query")
@DB_OPTION
@_limit_option(20)
@click.option("--offset", type=click.IntRange(min=0, max=1_000_000), default=0, show_default=True)
@click.option("--fts", is_flag=True, help="Read QUERY as raw SQLite FTS5 syntax.")
@JSON_OPTION
def search(query: str, db: str, limit: int, offset: int, fts: bool, as_json: bool) -> None:
    """Full-text search of headlines and bodies.

    QUERY is read as a person types it: words (all must occur), "a phrase", OR between
    words, -word to exclude; hyphens, quotes and stray signs are just text. --fts takes
    SQLite FTS5 syntax instead.
    """
    syntax: Literal["plain", "fts5"] = "fts5" if fts else "plain"
    _print(
        _run(lambda: api.search(query, db=db, limit=limit, offset=offset, syntax=syntax)),
        as_json,
        ("id", "published", "headline", "snippet"),
    )


@cli.command()
@DB_OPTION
@click.option(
    "--speaker", help='Any name the speaker goes by: "Barack Obama", "President Obama", "Obama".'
)
@click.option("--about", help="Words the quote contains (as in search).")
@_date_option("--since", "Published on or after this date.")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    metavar="P",
    help="Only quotes whose attribution scored at least P (0-1); unscored ones are left out.",
)
@_limit_option(50)
@_offset_option(DEDUP_OFFSET)
@JSON_OPTION
def quotes(
    db: str,
    speaker: str | None,
    about: str | None,
    since: str | None,
    min_confidence: float | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Quotes by speaker and topic, once per wire story, with how often they ran and how
    sure the attribution is (confidence, 0-1).

    --json gives each quote's provenance: where it first ran (first_seen), every
    appearance since (copies and rewrites), and each wording (variants)."""
    rows = _run(
        lambda: api.quotes(
            db=db,
            speaker=speaker,
            about=about,
            since=since,
            min_confidence=min_confidence,
            limit=limit,
            offset=offset,
        )
    )
    _print(
        rows,
        as_json,
        ("published", "speaker", "kind", "confidence", "copies", "site", "url", "text"),
    )


@cli.command()
@DB_OPTION
@click.option("--name", help="Only the speakers this name may mean (any of their names).")
@click.option(
    "--anonymous", is_flag=True, help="Per outlet, the share of its quotes from anonymous sources."
)
@_limit_option(50)
@_offset_option(OFFSET)
@JSON_OPTION
def speakers(
    db: str, name: str | None, anonymous: bool, limit: int, offset: int, as_json: bool
) -> None:
    """Speakers across articles: one person under every name they go by, most quoted
    first, with aliases, roles (and the days they were seen), quotes and outlets."""
    if anonymous:
        _print(
            _run(lambda: api.anonymous_sources(db=db)),
            as_json,
            ("site", "quotes", "anonymous", "share"),
        )
        return
    rows = _run(lambda: api.speakers(db=db, name=name, limit=limit, offset=offset))
    _print(rows, as_json, ("id", "type", "quotes", "outlets", "aliases", "name"))


@cli.command()
@DB_OPTION
@click.option("--unit", help="Unit, e.g. person, tonne, USD, percent.")
@click.option("--about", help="Words of what is counted (as in search).")
@_date_option("--since", "Published on or after this date.")
@_limit_option(50)
@_offset_option(DEDUP_OFFSET)
@JSON_OPTION
def figures(
    db: str,
    unit: str | None,
    about: str | None,
    since: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """A figure's timeline: value, unit, what it counts, who claims it, as of when, in
    the order of the dates as_of stands for (2024-Q1 before 2024-05; undated last)."""
    rows = _run(
        lambda: api.figures(db=db, unit=unit, about=about, since=since, limit=limit, offset=offset)
    )
    _print(rows, as_json, ("as_of", "value", "unit", "counted", "claimant", "document_id"))


@cli.command()
@DB_OPTION
@_date_option("--since", "Threads still running on or after this date.")
@click.option(
    "--limit",
    type=click.IntRange(min=0, max=MAX_ROWS),
    default=50,
    show_default=True,
    help=f"Threads to show, newest first (at most {MAX_ROWS:,}; 0 shows every thread).",
)
@_offset_option(OFFSET)
@JSON_OPTION
def threads(db: str, since: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Story threads: stories about one unfolding event, linked over time.

    --json gives each thread with its documents (id, url, site, headline, published);
    the table counts them."""
    rows = _run(lambda: api.threads(db=db, since=since, limit=limit, offset=offset))
    _print(
        rows, as_json, ("id", "first_published", "last_published", "stories", "documents", "title")
    )


@cli.command(context_settings={"ignore_unknown_options": True})
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


@cli.command(context_settings={"ignore_unknown_options": True})
@click.argument("document_id", type=int)
@DB_OPTION
def show(document_id: int, db: str) -> None:
    """Print the stored record of one document."""
    article = _run(lambda: api.show(document_id, db=db))
    _write(article, "json", sys.stdout)


@cli.command()
@DB_OPTION
@_limit_option(100)
@_offset_option(OFFSET)
@JSON_OPTION
def errors(db: str, limit: int, offset: int, as_json: bool) -> None:
    """Documents that failed: input, stage and message, newest first."""
    _print(
        _run(lambda: api.errors(db=db, limit=limit, offset=offset)),
        as_json,
        ("at", "stage", "input", "message"),
    )


@cli.command()
@DB_OPTION
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="articles",
    show_default=True,
    help="What to export: the records, or one flat table of them.",
)
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option(
    "--output",
    "-o",
    default="-",
    show_default=True,
    help="File to write; - is standard output (the articles as JSONL only).",
)
def export(db: str, table: str, fmt: str, output: str) -> None:
    """Export the store: the records (the JSON `copydesk extract` prints), or quotes,
    figures, actors or errors as flat rows under fixed schemas."""
    if output == "-" and (fmt != "jsonl" or table != "articles"):
        raise click.UsageError(f"the {table} table as {fmt} needs a file: give --output PATH")
    damaged: list[CopydeskError] = []
    count = _run(
        lambda: api.export(output, db=db, format=fmt, table=table, on_damaged=damaged.append)
    )
    for error in damaged:
        _say("Error", str(error))
    click.echo(f"exported {count} {table} rows", err=True)
    if damaged:
        _say("Error", f"{len(damaged)} damaged record(s) were left out of {output}")
        raise SystemExit(1)


@cli.command()
@DB_OPTION
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default keeps the server to this machine.",
)
@click.option(
    "--allowed-host",
    "allowed",
    multiple=True,
    metavar="NAME",
    help="Another name the server answers to (repeatable); any other Host header gets 400.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port."
)
@click.option(
    "--max-bytes",
    default=4 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest body POST /api/extract reads (413 over it).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=86_400),
    default=DEFAULT_LIMITS.timeout,
    show_default=True,
    help="Seconds one POST /api/extract document may take; past it, 422 naming the timeout.",
)
def serve(
    db: str, host: str, allowed: tuple[str, ...], port: int, max_bytes: int, timeout: float
) -> None:
    """A read-only REST API (/api, /openapi.json, /docs) and web UI over the store.

    POST /api/extract reads each body in a worker process of its own, stopped past
    --timeout, so a hostile document costs its request and never the server."""
    try:
        import uvicorn

        from copydesk.serve import app
    except ImportError as exc:
        raise click.ClickException(
            f"serving needs the serve extra: pip install 'copydesk[serve]' ({exc.name} missing)"
        ) from exc
    server = _run(lambda: app(db, max_bytes=max_bytes, timeout=timeout, host=host, hosts=allowed))
    listening = _run(lambda: _listen(host, port))
    config = uvicorn.Config(server, host=host, port=port, log_level="info")
    uvicorn.Server(config).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that a port in use is one line, not
    uvicorn's log and exit status 3."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        in_use = exc.errno == errno.EADDRINUSE
        reason = "is in use" if in_use else f"cannot be listened on: {exc.strerror}"
        raise CopydeskError(f"port {port} on {host} {reason}") from None
    return listening


@cli.group()
def scale() -> None:
    """The pipeline as a Spark job over WARC files (the [spark] extra), and its loader."""


@scale.command("run")
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option("--out", required=True, metavar="DIR", help="Output folder (or s3://, gs://).")
@click.option(
    "--master",
    default="local[1]",
    show_default=True,
    help="Spark master: local[N], spark://HOST:PORT, yarn.",
)
@click.option(
    "--understand/--no-understand",
    default=True,
    show_default=True,
    help="Also find actors, quotes, stances, figures and times (slower).",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    default=None,
    help="At most this many tasks (default: one per WARC).",
)
@_budget_options
def scale_run_command(
    manifest: str, out: str, master: str, understand: bool, partitions: int | None, **budget: Any
) -> None:
    """Read every WARC listed in MANIFEST (one a line) into Parquet tables under DIR.

    A rerun into the same DIR does only the WARCs not done yet. A WARC that cannot be
    opened is named on an Error line and the exit code is 1; the next run tries it again.
    """
    summary = _run(
        lambda: api.scale_run(
            manifest,
            out,
            master=master,
            understand=understand,
            partitions=partitions,
            limits=_limits(**budget),
        )
    )
    rows = ", ".join(f"{table} {count}" for table, count in sorted(summary.rows.items()))
    click.echo(
        f"WARCs {summary.warcs}: done {summary.done}, already done {summary.already}, "
        f"unread {len(summary.unread)}; rows: {rows or 'none'}; Spark start-up "
        f"{summary.startup_seconds:.1f} s, job {summary.seconds:.1f} s",
        err=True,
    )
    for warc, why in summary.unread:
        _say("Error", f"{warc}: {why}")
    if summary.unread:
        raise SystemExit(1)


@scale.command("load")
@click.argument("out", metavar="DIR")
@DB_OPTION
def scale_load_command(out: str, db: str) -> None:
    """Store the records of a `copydesk scale run` output in the database, once each.

    Copies and story threads are found as `ingest` finds them; a second load adds nothing.
    """
    summary = _run(lambda: api.scale_load(out, db=db))
    click.echo(
        f"WARCs {summary.warcs}: read {summary.read}, stored {summary.stored}, upgraded "
        f"{summary.upgraded}, duplicates {summary.duplicates}, failed {summary.failed}, "
        f"skipped {summary.skipped}",
        err=True,
    )
    if not summary.complete:
        _say(
            "Error",
            f"{out} has no _SUCCESS: its run is not finished (run it again, "
            "then load again to add the rest)",
        )
        raise SystemExit(1)


T = TypeVar("T")


def _run(call: Callable[[], T]) -> T:
    """Call the API; a CopydeskError becomes one 'Error:' line and exit status 1."""
    try:
        return call()
    except CopydeskError as exc:
        _say("Error", str(exc))
        raise SystemExit(1) from exc


def _say(label: str, text: str) -> None:
    """One line on stderr: a control character in a file name or a message (a newline
    that would forge a second ``Error:`` line, an escape) is written as its escape."""
    click.echo(f"{label}: {_CONTROLS.sub(_escape, text)}", err=True)


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


# C0 and C1 controls (ESC starts terminal sequences, a newline starts a line), line and
# paragraph separators, and the bidi overrides that reorder what a terminal shows.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _print(rows: Sequence[msgspec.Struct], as_json: bool, columns: tuple[str, ...]) -> None:
    if as_json:
        click.echo(msgspec.json.encode(rows).decode())
        return
    table = [[_cell(getattr(row, column)) for column in columns] for row in rows]
    # Columns are at most 60 wide, but the last one (a quote, a headline) is never cut.
    widths = [min(60, max([len(c)] + [len(r[i]) for r in table])) for i, c in enumerate(columns)]
    widths[-1] = max([len(columns[-1])] + [len(r[-1]) for r in table])
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in table:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _number(value: float) -> str:
    """A number as a reader writes it: 11000000, 0.25, never 1.1e+07."""
    if value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _cell(value: object) -> str:
    """One table cell: one line, and no control character a terminal would obey."""
    if value is None:
        return ""
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return str(len(value))
    return " ".join(_CONTROLS.sub(" ", str(value)).split())


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    click.echo(msgspec.json.format(msgspec.json.encode(json_schema()), indent=2).decode())


def _check_date(value: str | None) -> str | None:
    if value is not None and parse_iso_day(value) is None:
        raise click.BadParameter(f"'{value}' is not a date of the form YYYY-MM-DD")
    return value


def _check_language(value: str | None) -> str | None:
    try:
        return api.check_language(value, "--language")
    except CopydeskError as exc:
        raise click.BadParameter(exc.reason) from None


def _check_published(value: str | None) -> str | None:
    """A vouched-for date must also be one a story can have (the API's own rule)."""
    try:
        api.check_published(_check_date(value), "--published")
    except CopydeskError as exc:
        raise click.BadParameter(exc.reason) from exc
    return value


def _write_all(results: Iterable[Article | CopydeskError], fmt: str | None, out: TextIO) -> int:
    """Write records as they come; hold the first back to know if it is the only one.

    Errors and warnings go to stderr as they come, each naming its document; the
    number of documents that failed is returned.
    """
    failed = 0
    skipped: Counter[str] = Counter()
    pending: Article | None = None
    count = 0
    for item in results:
        if isinstance(item, Skipped):
            _note_skipped(item, skipped)
            continue
        if isinstance(item, CopydeskError):
            _say("Error", str(item))
            failed += 1
            continue
        for notice in item.warnings:
            _say("Warning", f"{item.source}: {notice.message}")
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
    _say_skipped(skipped)
    return failed


def _note_skipped(item: Skipped, skipped: Counter[str]) -> None:
    """A file left out is named on its own line; archive records (thousands of images
    in a crawl) are counted by kind."""
    skipped[item.kind] += 1
    if item.kind == NOT_A_DOCUMENT:
        _say("Skipped", str(item))


def _say_skipped(skipped: Counter[str]) -> None:
    files = skipped.pop(NOT_A_DOCUMENT, 0)
    if files:
        click.echo(f"Skipped {files} file(s) that are not documents (see above).", err=True)
    if skipped:
        kinds = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in skipped.most_common())
        click.echo(
            f"Skipped {skipped.total()} archive records that are not pages ({kinds}).", err=True
        )


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
    try:
        cli(prog_name="copydesk")
    except BrokenPipeError:  # the reader of our output went away (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    except OSError as exc:  # standard output on a full disk, a closed terminal
        _say("Error", f"cannot write the output: {exc.strerror or exc}")
        raise SystemExit(1) from None
