"""Wire copies: the same agency story as it ran on many sites, with local edits.

Each body becomes a MinHash of its word 5-shingles (datasketch); an LSH index finds the
earlier documents whose bodies share most shingles, whatever was cut, added or retitled
around them. A copy joins its original's story, and the record keeps how many of the
original's paragraphs it cut and how many of its own it added.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
from datasketch import MinHash, MinHashLSH

_PERMUTATIONS = 64
_SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them
_THRESHOLD = 0.4
_SHINGLE = 5
_WORD = re.compile(r"\w+")


class Match(NamedTuple):
    document_id: int
    similarity: float


def signature(body: list[str]) -> MinHash | None:
    """The MinHash of a body, or None when it is too short to compare fairly."""
    words = _WORD.findall(" ".join(body).lower())
    if len(words) < _SHINGLE * 4:
        return None
    minhash = MinHash(num_perm=_PERMUTATIONS, scheme=_SCHEME)
    minhash.update_batch(
        [" ".join(words[i : i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)]
    )
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return bytes(np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes())


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return MinHash(num_perm=_PERMUTATIONS, hashvalues=values, scheme=_SCHEME)


class CopyFinder:
    """An LSH index over the stored documents, updated as new ones arrive."""

    def __init__(self) -> None:
        self.index = MinHashLSH(threshold=_THRESHOLD, num_perm=_PERMUTATIONS)
        self.signatures: dict[int, MinHash] = {}

    def add(self, document_id: int, minhash: MinHash) -> None:
        self.index.insert(str(document_id), minhash)
        self.signatures[document_id] = minhash

    def original_of(self, minhash: MinHash) -> Match | None:
        """The earliest stored document this body copies, if any."""
        best: Match | None = None
        for key in self.index.query(minhash):
            document_id = int(key)
            similarity = minhash.jaccard(self.signatures[document_id])
            if similarity >= _THRESHOLD and (best is None or document_id < best.document_id):
                best = Match(document_id, similarity)
        return best


def edits(original: list[str], copy: list[str]) -> tuple[int, int]:
    """(paragraphs the copy added, paragraphs of the original it cut), by normalised text."""

    def norm(paragraph: str) -> str:
        return " ".join(_WORD.findall(paragraph.lower()))

    before = {norm(p) for p in original}
    after = {norm(p) for p in copy}
    return len(after - before), len(before - after)
