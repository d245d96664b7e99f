"""Reading a bench document as a user hands it in, and mapping the record back to it.

A record's spans index ``Article.body_text`` (the paragraphs the extractor kept, white
space collapsed, joined by blank lines); gold spans index the document as given. Each
kept paragraph is a stretch of the document once white space is set aside, so the two
are aligned on their non-space characters. A paragraph that cannot be found (the
reader removed an invisible character, say) maps nowhere: what it held counts as lost.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s")


class Alignment:
    """Body-text offsets to document offsets, non-space character by character."""

    def __init__(self, document: str, paragraphs: list[str]) -> None:
        doc_at = [i for i, char in enumerate(document) if not char.isspace()]
        doc_chars = "".join(document[i] for i in doc_at)
        self._to_doc: dict[int, int] = {}
        cursor = 0
        offset = 0
        for paragraph in paragraphs:
            body_at = [offset + i for i, char in enumerate(paragraph) if not char.isspace()]
            chars = _SPACE.sub("", paragraph)
            found = doc_chars.find(chars, cursor) if chars else -1
            if found >= 0:
                for k, at in enumerate(body_at):
                    self._to_doc[at] = doc_at[found + k]
                cursor = found + len(chars)
            offset += len(paragraph) + 2  # paragraphs are joined by "\n\n"

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The document span of body span ``[start, end)``; None where none of it maps."""
        inside = [self._to_doc[i] for i in range(start, end) if i in self._to_doc]
        return (min(inside), max(inside) + 1) if inside else None

    def spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [mapped for s, e in spans if (mapped := self.span(s, e)) is not None]
