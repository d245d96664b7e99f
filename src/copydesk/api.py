"""The Python API; the CLI commands are thin wrappers over these functions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Literal

import msgspec

from copydesk.corpus import queries, speaker_queries
from copydesk.corpus.export import export as export_records
from copydesk.corpus.queries import (
    CopyRow,
    ErrorRow,
    FigureRow,
    QuoteRow,
    SearchHit,
    ThreadDocument,
    ThreadRow,
)
from copydesk.corpus.speaker_queries import Appearance, OutletSources, Provenance, SpeakerRow
from copydesk.corpus.store import Store
from copydesk.errors import CopydeskError, CorpusError, ExtractError
from copydesk.extraction.dates import EARLIEST_VOUCHED, parse_iso_day, plausible
from copydesk.read import DEFAULT_LIMITS, Limits, RawDocument, document_from_bytes, read_documents
from copydesk.read.decode import clean_text
from copydesk.read.document import LANGUAGE_EXPECTED, Skipped, language_tag
from copydesk.record import Article
from copydesk.runner import Failure, max_workers, process_document, run_budgeted

if TYPE_CHECKING:  # ingest (MinHash, NLP) and scale (Spark) load only when a call needs it
    from copydesk.corpus.ingest import IngestSummary
    from copydesk.scale import LoadSummary, ScaleSummary


def extract(
    text: str | None = None,
    *,
    html: str | None = None,
    data: bytes | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    language: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    understand: bool = True,
) -> Article:
    """Read one document given as page text, HTML, or raw bytes (encoding detected).

    ``published`` is a date the caller vouches for; it wins over anything on the page.
    ``language`` likewise ("fr"): the body is read in it, whatever its words suggest.
    ``understand=False`` stops after extraction (no actors, quotes, figures or times),
    which is several times faster. This runs in the calling process, so
    ``limits.timeout`` is not enforced here (a killable worker is what makes it hold);
    ``extract_paths`` and ``ingest`` enforce it.
    Raises ``CopydeskError`` (naming ``source``) when the input cannot be read.
    """
    given = [value is not None for value in (text, html, data)]
    name = source or url or "<input>"
    if sum(given) != 1:
        raise ExtractError("give exactly one of text=, html= or data=", source=name)
    check_published(published, name)
    language = check_language(language, name)
    if data is not None:
        if len(data) > limits.max_bytes:
            raise ExtractError(
                f"{len(data)} bytes is over the {limits.max_bytes} limit", source=name
            )
        doc = document_from_bytes(data, source=name, url=url, published=published)
        doc = msgspec.structs.replace(doc, language=language)
    else:
        content = text if text is not None else html
        if content is not None and len(content) > limits.max_bytes:
            raise ExtractError(
                f"{len(content)} characters is over the {limits.max_bytes} limit", source=name
            )
        doc = RawDocument(
            source=name,
            content=clean_text(content or ""),  # as every reader does: NFC, no controls
            kind="text" if text is not None else "html",
            url=url,
            published=published,
            language=language,
        )
    return process_document(doc, understand=understand, limits=limits)


def extract_paths(
    paths: Iterable[str],
    *,
    published: str | None = None,
    language: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    understand: bool = True,
    workers: int = 1,
) -> Iterator[Article | CopydeskError]:
    """Read every document under ``paths`` (files, folders, ``-``, .gz, JSONL), in order.

    Yields the record of each document, or the error that stands in for it, so a batch
    goes on past a bad document and the caller decides how to report it. Each document
    runs in a worker process within ``limits.timeout`` seconds (``workers`` of them, at
    most one per core); one past it is stopped and yielded as an ``ExtractError``.
    ``language`` is the language of every document that states none of its own.
    """
    check_published(published, "<arguments>")
    language = check_language(language, "<arguments>")
    items = read_documents(paths, limits=limits, published=published, language=language)
    work = partial(_extract_item, understand=understand, limits=limits)
    for done in run_budgeted(
        items,
        work,
        source_of=_source_of,
        timeout=limits.timeout,
        workers=max_workers(workers),
        ordered=True,
    ):
        if done is None:
            continue
        result = done.result
        if isinstance(result, Failure):
            yield ExtractError(result.message, source=result.source)
        else:
            yield result


def _extract_item(
    item: RawDocument | CopydeskError, *, understand: bool, limits: Limits
) -> Article | CopydeskError:
    """One document's record in a worker; a reader's error passes through in its place."""
    if isinstance(item, CopydeskError):
        return item
    return process_document(item, understand=understand, limits=limits)


def _source_of(item: RawDocument | CopydeskError) -> str:
    return item.source or "?"


def check_language(language: str | None, name: str) -> str | None:
    """A caller's language as its ISO 639-1 code ("fr-CA" is "fr"); refused when it is
    no such code, since it would otherwise be ignored."""
    if language is None:
        return None
    code = language_tag(language) if isinstance(language, str) else None
    if code is None:
        raise ExtractError(
            f"language={language!r} is not {LANGUAGE_EXPECTED}",
            source=name,
        )
    return code


def check_published(published: str | None, name: str) -> None:
    """A caller's date must be a real, plausible day: it would otherwise be dropped."""
    if published is None:
        return
    day = parse_iso_day(published)
    if day is None:
        raise ExtractError(f"published={published!r} is not a YYYY-MM-DD date", source=name)
    if not plausible(day, vouched=True):
        raise ExtractError(
            f"published={published!r} is not a plausible publication date "
            f"(between {EARLIEST_VOUCHED.isoformat()} and tomorrow)",
            source=name,
        )


DEFAULT_DB = "copydesk.db"


def ingest(
    paths: Iterable[str],
    *,
    db: str = DEFAULT_DB,
    workers: int | None = None,
    understand: bool = True,
    published: str | None = None,
    language: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: bool = False,
    on_failure: Callable[[Failure], None] | None = None,
    on_skipped: Callable[[Skipped], None] | None = None,
) -> IngestSummary:
    """Store every document under ``paths`` in the SQLite database ``db``, once each.

    Each document runs in a worker within ``limits.timeout`` seconds; ``workers`` is
    capped at the number of cores.
    """
    from copydesk.corpus.ingest import ingest as run_ingest

    check_published(published, db)
    return run_ingest(
        paths,
        db,
        workers=workers,
        understand=understand,
        published=published,
        language=check_language(language, db),
        limits=limits,
        progress=progress,
        on_failure=on_failure,
        on_skipped=on_skipped,
    )


def search(
    query: str,
    *,
    db: str = DEFAULT_DB,
    limit: int = 20,
    offset: int = 0,
    syntax: Literal["plain", "fts5"] = "plain",
) -> list[SearchHit]:
    """Full-text search over headlines and bodies.

    ``query`` is read as a person types it (words, "phrases", OR, -word); with
    ``syntax="fts5"`` it is SQLite FTS5 syntax.
    """
    with Store(db, readonly=True) as store:
        return queries.search(store, query, limit=limit, offset=offset, syntax=syntax)


def quotes(
    *,
    db: str = DEFAULT_DB,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    min_confidence: float | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes by speaker (any name they go by) and topic, once per story, with the number
    of copies, how sure the attribution is (``confidence``), and each quote's provenance
    (where it first ran, every appearance since, each wording).

    ``min_confidence`` (0-1) keeps only quotes whose attribution scored at least that."""
    with Store(db, readonly=True) as store:
        return queries.quotes(
            store,
            speaker=speaker,
            about=about,
            since=since,
            min_confidence=min_confidence,
            limit=limit,
            offset=offset,
        )


def speakers(
    *, db: str = DEFAULT_DB, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[SpeakerRow]:
    """Speakers across the store, most quoted first: fullest name, aliases, roles with
    the days they were seen, quotes and outlets; ``name`` keeps those it may mean."""
    with Store(db, readonly=True) as store:
        return speaker_queries.speakers(store, name=name, limit=limit, offset=offset)


def anonymous_sources(*, db: str = DEFAULT_DB) -> list[OutletSources]:
    """Per outlet, its quotes and the share of them from anonymous sources."""
    with Store(db, readonly=True) as store:
        return speaker_queries.anonymous_sources(store)


def figures(
    *,
    db: str = DEFAULT_DB,
    unit: str | None = None,
    about: str | None = None,
    since: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[FigureRow]:
    """A timeline of figures: value, claimant, as_of and the article, once per story,
    in the order of the dates ``as_of`` stands for (undated ones last)."""
    with Store(db, readonly=True) as store:
        return queries.figures(
            store, unit=unit, about=about, since=since, limit=limit, offset=offset
        )


def threads(
    *, db: str = DEFAULT_DB, since: str | None = None, limit: int = 50, offset: int = 0
) -> list[ThreadRow]:
    """Story threads: stories about one unfolding event, newest first, each with its
    documents; ``limit=0`` gives every thread."""
    with Store(db, readonly=True) as store:
        return queries.threads(store, since=since, limit=limit, offset=offset)


def thread(thread_id: int, *, db: str = DEFAULT_DB) -> ThreadRow:
    """One story thread and its documents (id, url, site, headline, published), oldest
    first."""
    with Store(db, readonly=True) as store:
        return queries.thread(store, thread_id)


def story(story_id: int, *, db: str = DEFAULT_DB) -> list[CopyRow]:
    """Where one wire story ran: the original and its copies, with their edits."""
    with Store(db, readonly=True) as store:
        return queries.story(store, story_id)


def show(document_id: int, *, db: str = DEFAULT_DB) -> Article:
    """The stored record of one document."""
    with Store(db, readonly=True) as store:
        return queries.show(store, document_id)


def errors(*, db: str = DEFAULT_DB, limit: int = 100, offset: int = 0) -> list[ErrorRow]:
    """The documents that failed, newest first: input, stage and message."""
    with Store(db, readonly=True) as store:
        return queries.errors(store, limit=limit, offset=offset)


def export(
    output: str,
    *,
    db: str = DEFAULT_DB,
    format: str = "jsonl",
    table: str = "articles",
    on_damaged: Callable[[CorpusError], None] | None = None,
) -> int:
    """Write one table of the store (``articles``, ``quotes``, ``figures``, ``actors``,
    ``errors``) to ``output`` as ``jsonl``, ``parquet`` or ``csv``; the row count.

    The articles as JSON Lines are the records (``-`` for stdout); the rest are flat rows
    under fixed schemas (``copydesk.tables``), so exports of two corpora concatenate. The
    file appears whole or not at all. With ``on_damaged``, a stored record that cannot
    be read is handed to it and the others are still written."""
    with Store(db, readonly=True) as store:
        return export_records(store, output, format=format, table=table, on_damaged=on_damaged)


def scale_run(
    manifest: str,
    out: str,
    *,
    master: str | None = "local[1]",
    understand: bool = True,
    partitions: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ScaleSummary:
    """Run the pipeline as a Spark job over the WARCs of ``manifest`` into ``out``
    (Parquet tables under fixed schemas); needs the ``[spark]`` extra."""
    from copydesk import scale

    return scale.run(
        manifest, out, master=master, understand=understand, partitions=partitions, limits=limits
    )


def scale_load(out: str, *, db: str = DEFAULT_DB) -> LoadSummary:
    """Store a ``scale_run`` output's records in the database ``db``, once each."""
    from copydesk import scale

    return scale.load(out, db=db)


__all__ = [
    "DEFAULT_DB",
    "Appearance",
    "CopyRow",
    "ErrorRow",
    "FigureRow",
    "OutletSources",
    "Provenance",
    "QuoteRow",
    "SearchHit",
    "SpeakerRow",
    "ThreadDocument",
    "ThreadRow",
    "anonymous_sources",
    "check_published",
    "errors",
    "export",
    "extract",
    "extract_paths",
    "figures",
    "ingest",
    "quotes",
    "scale_load",
    "scale_run",
    "search",
    "show",
    "speakers",
    "story",
    "thread",
    "threads",
]
