"""What one hostile document may cost, in one place so readers and extractors agree."""

from __future__ import annotations

import msgspec

MIB = 1024 * 1024


class Limits(msgspec.Struct, kw_only=True, frozen=True):
    """Per-document ceilings; a document over one is refused with a message naming it.

    ``max_bytes`` bounds the raw input and, for compressed inputs, what decompression may
    produce (a gzip bomb stops at this size rather than filling memory). ``max_blocks``
    cuts a page of more text blocks than that, with a warning in its record.
    ``timeout`` is the wall-clock seconds one document may take to extract and
    understand; past it the document is stopped and reported as failed.
    """

    max_bytes: int = 32 * MIB
    max_blocks: int = 50_000
    timeout: float = 10.0


DEFAULT_LIMITS = Limits()

# Caches that outlive a document (class names, line shapes, author names: sites repeat
# them page after page) keep texts up to this long; a longer one, as a hostile page may
# hold by the megabyte, is read afresh each time instead of kept.
CACHED_TEXT_CHARS = 256

# Bounds on one HTML page's markup, applied before parsing; real pages stay far below.
MAX_ATTRIBUTES = 2_000  # per element; real pages hold a few dozen at most
MAX_TAGS = 500_000  # per page; the largest real pages hold about 10,000
