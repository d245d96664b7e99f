"""Extract: a raw document in, an article record out (headline, body, credits, ...).

``extract_document`` is the stage's one entry point; it picks the reader for the
document's kind and wraps any unexpected failure in an ``ExtractError`` naming the
document, so one bad page never stops a batch.
"""

from __future__ import annotations

from copydesk.errors import CopydeskError, ExtractError
from copydesk.extraction.language import language_support
from copydesk.extraction.text import read_text
from copydesk.read.document import RawDocument
from copydesk.read.limits import DEFAULT_LIMITS, Limits
from copydesk.record import Article

__all__ = ["extract_document"]

# Fields the extract stage fills; later stages may read them.
WRITES = (
    "source",
    "url",
    "site",
    "language",
    "language_confidence",
    "headline",
    "kicker",
    "dateline",
    "published",
    "modified",
    "authors",
    "credits",
    "captions",
    "body",
    "boilerplate",
    "provenance",
    "warnings",
)


def extract_document(doc: RawDocument, *, limits: Limits = DEFAULT_LIMITS) -> Article:
    """The article record of one document, or ``ExtractError`` naming it."""
    try:
        if doc.kind == "html":
            from copydesk.extraction.html import read_html

            article = read_html(doc, limits=limits)
        else:
            article = read_text(doc, limits=limits)
    except CopydeskError:
        raise
    except RecursionError as exc:
        raise ExtractError("document nested too deeply to read", source=doc.source) from exc
    except Exception as exc:  # a bug must not end a batch; the message names the page
        raise ExtractError(
            f"extraction failed: {type(exc).__name__}: {exc}", source=doc.source
        ) from exc
    if doc.language:  # the caller's word wins over the page's claim and its words
        article.language = doc.language
        article.provenance["language"] = CALLER
        article.language_confidence = 1.0
    elif article.language:
        article.language_confidence = language_support(article.body_text, article.language)
    return article


CALLER = "caller"  # the provenance of a field the caller vouched for
