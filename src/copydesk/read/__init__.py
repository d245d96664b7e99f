"""Ingest: files, folders, standard input, gzip and JSONL in; decoded documents out."""

from copydesk.read.document import RawDocument
from copydesk.read.files import document_from_bytes, read_documents
from copydesk.read.limits import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_LIMITS", "Limits", "RawDocument", "document_from_bytes", "read_documents"]
