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


def split_blocks(text: str, *, max_blocks: int) -> list[str]:
    """The non-empty blocks of ``text``, white space collapsed, at most ``max_blocks``."""
    blocks: list[str] = []
    for chunk in _BLANK_RUN.split(text):
        lines = [_WS.sub(" ", line).strip() for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if _is_wrapped(lines):
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
        if len(blocks) >= max_blocks:
            return blocks[:max_blocks]
    return blocks


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
