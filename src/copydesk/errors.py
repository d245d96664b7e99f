"""One exception tree for the whole package.

    CopydeskError
    ├── RecordError        a record that does not match the contract
    ├── PipelineError      components that cannot be chained (a read field nobody writes)
    ├── ReadError          an input that cannot be read: missing, binary, too large, undecodable
    ├── ExtractError       a document that was read but could not be turned into a record
    ├── UnderstandError    a record whose text the language model could not read
    ├── CorpusError        a database that cannot be opened, migrated, written or queried
    │   └── NotFoundError  a document, story or thread id the store does not hold
    └── ScaleError         a Spark job that could not start or did not finish

Every error carries the ``source`` it is about, and its message names it, so that a
batch of ten thousand pages can say which page failed and why. Third-party errors are
wrapped where they are raised (``raise ReadError(...) from exc``).
"""

from __future__ import annotations

from typing import Any


class CopydeskError(Exception):
    """Base of every error copydesk raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        self.reason = message
        super().__init__(f"{source}: {message}" if source else message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross process boundaries (worker pools); the default pickling would call
        # __init__ with the formatted message and lose ``source`` and any attributes.
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(
    cls: type[CopydeskError], args: tuple[Any, ...], state: dict[str, Any]
) -> CopydeskError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class RecordError(CopydeskError):
    """A record that does not validate against the article-record contract."""


class PipelineError(CopydeskError):
    """Pipeline components that cannot run in the order given."""


class ReadError(CopydeskError):
    """An input that cannot be read as a document."""


class ExtractError(CopydeskError):
    """A document that could not be turned into an article record."""


class UnderstandError(CopydeskError):
    """A record whose text could not be analysed (actors, quotes, figures, times)."""


class CorpusError(CopydeskError):
    """A database problem: cannot open, migrate, write, or a bad query."""


class NotFoundError(CorpusError):
    """An id the store does not hold (``no document with id 7``)."""


class ScaleError(CopydeskError):
    """A scale job that could not start or did not finish (no Spark, no Java, a task
    that failed past its retries)."""
