"""Corpus: the embedded SQLite store, crash-safe ingest, wire copies, and questions."""

from copydesk.corpus.ingest import IngestSummary, ingest
from copydesk.corpus.store import Store

__all__ = ["IngestSummary", "Store", "ingest"]
