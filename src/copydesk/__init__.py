"""copydesk: read news pages the way a copy desk does.

    >>> import copydesk
    >>> article = copydesk.extract(text=open("story.txt").read())
    >>> article.headline, article.dateline, article.body[0]

The public surface is what ``__all__`` lists; everything else is private. Every CLI
command is a function of ``copydesk.api`` with the same name (``copydesk quotes
--speaker X`` is ``copydesk.api.quotes(speaker=X)``); all but ``ingest`` (whose name is
the ingest stage's package) are also here.
"""

from copydesk.api import (
    errors,
    export,
    extract,
    extract_paths,
    figures,
    quotes,
    search,
    show,
    story,
    threads,
)
from copydesk.errors import (
    CopydeskError,
    CorpusError,
    ExtractError,
    IngestError,
    NotFoundError,
    PipelineError,
    RecordError,
)
from copydesk.ingest import Limits, RawDocument
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
    "IngestError",
    "Limits",
    "Modified",
    "NotFoundError",
    "PipelineError",
    "Published",
    "RawDocument",
    "RecordError",
    "errors",
    "export",
    "extract",
    "extract_paths",
    "figures",
    "from_json",
    "json_schema",
    "quotes",
    "search",
    "show",
    "story",
    "threads",
    "to_json",
]
