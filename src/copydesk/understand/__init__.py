"""Understand: who is in the story, what they said, which figures and times it gives.

The stage is a pipeline of components, each with one job and a declared list of the
record fields it reads and writes. They share one spaCy parse of the body text, made
once per article; every span they write indexes ``Article.body_text``.
"""

from __future__ import annotations

from functools import lru_cache

import msgspec

from copydesk.errors import CopydeskError, UnderstandError
from copydesk.extraction import WRITES as EXTRACT_WRITES
from copydesk.pipeline import Pipeline
from copydesk.record import Article, Notice
from copydesk.understand.components import ACTORS, FIGURES, PARSE, QUOTES, STANCES, TIMES, Shared
from copydesk.understand.nlp import MAX_CHARS

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
        understood = default_pipeline()(article)
    except CopydeskError:
        raise
    except Exception as exc:  # a model or rule failure must not end a batch
        raise UnderstandError(
            f"understanding failed: {type(exc).__name__}: {exc}", source=article.source
        ) from exc
    warnings = [*understood.warnings, *_read_in_part(understood)]
    return msgspec.structs.replace(understood, understood=True, warnings=warnings)


def _read_in_part(article: Article) -> list[Notice]:
    """The notice that the body was understood in its first ``MAX_CHARS`` only: what
    lies after has no actors, quotes, figures or times, and the user must know it."""
    size = len(article.body_text)
    if size <= MAX_CHARS:
        return []
    return [
        Notice(
            code="understood_in_part",
            message=(
                f"the body has {size} characters; actors, quotes, stances, figures and "
                f"times were read in its first {MAX_CHARS} only"
            ),
        )
    ]
