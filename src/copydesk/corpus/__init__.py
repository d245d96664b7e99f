"""Corpus: the embedded SQLite store, crash-safe ingest, wire copies, and questions.

``ingest`` lives in ``copydesk.corpus.ingest``; it is not imported here, so that asking
questions of a store does not load the MinHash and NLP machinery.
"""

from copydesk.corpus.store import Store

__all__ = ["Store"]
