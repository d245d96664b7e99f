"""copydesk: read news pages the way a copy desk does.

    >>> import copydesk
    >>> article = copydesk.extract(text=open("story.txt").read())
    >>> article.headline, article.dateline, article.body[0]

The public surface is what ``__all__`` lists; everything else is private. Every CLI
command is a function of ``copydesk.api`` with the same name (``copydesk quotes
--speaker X`` is ``copydesk.api.quotes(speaker=X)``), and each is also here, except
the two ``scale`` commands, which are ``copydesk.scale.run`` and ``copydesk.scale.load``.
"""

from copydesk.api import (
    anonymous_sources,
    errors,
    export,
    extract,
    extract_paths,
    figures,
    ingest,
    quotes,
    search,
    show,
    speakers,
    story,
    thread,
    threads,
)
from copydesk.errors import (
    CopydeskError,
    CorpusError,
    ExtractError,
    NotFoundError,
    PipelineError,
    ReadError,
    RecordError,
)
from copydesk.read import Limits, RawDocument
from copydesk.record import (
    SCHEMA_VERSION,
    Article,
    Caption,
    Credits,
    Dateline,
    Modified,
    Published,
    from_json,
    json_schema,
    to_json,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Caption",
    "CopydeskError",
    "CorpusError",
    "Credits",
    "Dateline",
    "ExtractError",
    "Limits",
    "Modified",
    "NotFoundError",
    "PipelineError",
    "Published",
    "RawDocument",
    "ReadError",
    "RecordError",
    "anonymous_sources",
    "errors",
    "export",
    "extract",
    "extract_paths",
    "figures",
    "from_json",
    "ingest",
    "json_schema",
    "quotes",
    "search",
    "show",
    "speakers",
    "story",
    "thread",
    "threads",
    "to_json",
]
