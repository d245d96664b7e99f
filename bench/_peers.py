"""Peer extractors, each as ``html, url -> body text``, imported only when asked for.

Peers come from the ``bench`` extra; a peer that is not installed is skipped with a
message rather than failing the whole comparison.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

Extractor = Callable[[str, str], str]


def copydesk_body(html: str, url: str) -> str:
    import copydesk

    article = copydesk.extract(html=html, url=url or None, understand=False)
    body = list(article.body)
    if body and article.dateline:
        body[0] = f"{article.dateline.text} {body[0]}"
    return "\n\n".join(body)


def trafilatura_default(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def trafilatura_precision(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None, favor_precision=True) or ""


def readability_lxml(html: str, url: str) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(html).summary(html_partial=True))


def newspaper_article(html: str, url: str) -> Any:
    """newspaper4k's parsed article; images are not fetched (it would go to the network)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import newspaper

    article = newspaper.Article(url or "http://example.com/", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return article


def newspaper4k(html: str, url: str) -> str:
    return str(newspaper_article(html, url).text)


def resiliparse(html: str, url: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return str(extract_plain_text(html, main_content=True))


BODY_EXTRACTORS: dict[str, Extractor] = {
    "copydesk": copydesk_body,
    "trafilatura": trafilatura_default,
    "trafilatura (precision)": trafilatura_precision,
    "readability-lxml": readability_lxml,
    "newspaper4k": newspaper4k,
    "resiliparse": resiliparse,
}
