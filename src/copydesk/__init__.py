"""copydesk: read news pages the way a copy desk does.

    >>> import copydesk
    >>> article = copydesk.extract(text=open("story.txt").read())
    >>> article.headline, article.dateline, article.body[0]

The public surface is what ``__all__`` lists; everything else is private.
"""

from copydesk.api import extract, extract_paths
from copydesk.errors import (
    CopydeskError,
    ExtractError,
    IngestError,
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
    "Credits",
    "Dateline",
    "ExtractError",
    "IngestError",
    "Limits",
    "PipelineError",
    "Published",
    "RawDocument",
    "RecordError",
    "extract",
    "extract_paths",
    "from_json",
    "json_schema",
    "to_json",
]
