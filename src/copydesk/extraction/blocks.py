"""Page text as blocks: the units the segmenter labels one by one.

A block is one line of text, except where a text was hard-wrapped (AP and email copy
wrapped at ~70 columns): a run of lines of even width, continued in lower case, is one
paragraph and becomes one block again.
"""

from __future__ import annotations

import re
from itertools import pairwise

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANK_RUN = re.compile(r"\n\s*\n")
_TEXT_LINE = re.compile(r"[^\S\n]*[^\s\u200b][^\n]*")


def split_blocks(text: str, *, max_blocks: int) -> tuple[list[str], int]:
    """The first ``max_blocks`` non-empty blocks of ``text``, white space collapsed, and
    how many blocks it holds in all (past the cut, each line holding text counts as one:
    counted in C, as a text of millions of lines is hostile, not news)."""
    blocks: list[str] = []
    position = 0
    for chunk in _BLANK_RUN.finditer(text):
        _add_chunk(blocks, text[position : chunk.start()])
        position = chunk.end()
        if len(blocks) >= max_blocks:
            break
    else:
        _add_chunk(blocks, text[position:])
        position = len(text)
    if len(blocks) <= max_blocks and position >= len(text):
        return blocks, len(blocks)
    rest = _TEXT_LINE.subn("", text[position:])[1] if position < len(text) else 0
    return blocks[:max_blocks], len(blocks) + rest


def _add_chunk(blocks: list[str], chunk: str) -> None:
    lines = [_WS.sub(" ", line).strip() for line in chunk.split("\n")]
    lines = [line for line in lines if line]
    if _is_wrapped(lines):
        blocks.append(" ".join(lines))
    else:
        blocks.extend(lines)


def _is_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    if min(widths) < 40 or widest > 110 or min(widths) < 0.7 * widest:
        return False
    continued = sum(
        1
        for before, after in pairwise(lines)
        if after[:1].islower() or not before.endswith((".", "!", "?", '"', "”", ":"))
    )
    lowercase = sum(1 for line in lines[1:] if line[:1].islower())
    return continued == len(lines) - 1 and lowercase >= (len(lines) - 1) * 0.3
