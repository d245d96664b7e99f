"""Understand: who is in the story, what they said, which figures and times it gives.

The stage is a pipeline of components, each with one job and a declared list of the
record fields it reads and writes. They share one spaCy parse of the body text, made
once per article; every span they write indexes ``Article.body_text``.
"""

from __future__ import annotations

from functools import lru_cache

import msgspec

from copydesk.errors import CopydeskError, UnderstandError
from copydesk.extract import WRITES as EXTRACT_WRITES
from copydesk.pipeline import Pipeline
from copydesk.record import Article
from copydesk.understand.components import ACTORS, FIGURES, PARSE, QUOTES, STANCES, TIMES, Shared

__all__ = ["understand"]


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline[Shared]:
    return Pipeline(
        [PARSE, ACTORS, QUOTES, STANCES, TIMES, FIGURES], given=EXTRACT_WRITES, state=Shared
    )


def understand(article: Article) -> Article:
    """Fill actors, quotes, stances, figures and times; ``UnderstandError`` names the record."""
    if not article.body:
        return msgspec.structs.replace(article, understood=True)
    try:
        return msgspec.structs.replace(default_pipeline()(article), understood=True)
    except CopydeskError:
        raise
    except Exception as exc:  # a model or rule failure must not end a batch
        raise UnderstandError(
            f"understanding failed: {type(exc).__name__}: {exc}", source=article.source
        ) from exc
