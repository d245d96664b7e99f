"""Label each block of a page's text: headline, body, caption, credit, byline or boilerplate.

The story is found as the densest run of prose on the page. Every block gets a score —
prose earns its length, menu items, headline lists and keyword-matched boilerplate cost
— and the body is the contiguous run with the highest total (the maximum-sum subarray).
This needs no language model and no markup, works on any language that ends sentences
with punctuation, and tolerates a few short lines (an ad slot, a subheading) inside the
story while refusing a list of ten headlines after it. Around that run, the headline is
the nearest headline-shaped line before it, and captions, bylines, dates and credit lines
are recognised by their own patterns wherever they stand.
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache
from typing import Literal

import msgspec

from copydesk.extraction.boilerplate import (
    is_comment_marker,
    is_list_heading,
    is_timestamp,
    rule_reason,
)
from copydesk.extraction.captions import parse_caption
from copydesk.extraction.credits import is_credit_line, parse_byline
from copydesk.extraction.headline import CJK, looks_like_headline
from copydesk.read.limits import CACHED_TEXT_CHARS

Role = Literal["headline", "body", "caption", "credit", "byline", "timestamp", "boilerplate"]

_SENTENCE_END = frozenset(".!?…:;\"”’'»)]。！？」』")
# Reasons for blocks no rule named, by where they stand relative to the story.
BEFORE_STORY = "before_story"
AFTER_STORY = "after_story"
_STRONG_PENALTY = -20.0
_BYLINE_SHAPE = re.compile(r"^by(?:\s+\S+(?:\s+\S+){0,10}|:?)$", re.IGNORECASE)
_STORY_BONUS = 1.25
# Prose under a class name that says boilerplate counts for this share of its length.
_SOFT_WEIGHT = 0.5
_SOFT_PROSE = 80
_SOFT_LINKS = 0.3
_UNPUNCTUATED_PROSE = 100
_MIN_STORY_SCORE = 10.0
_WHOLE_PAGE = 0.8  # share of a page's text a short run must hold to be its story
_HEADLINE_LOOKBACK = 12
_TRAILING_CREDITS = 6
_LINK_LIST_RUN = 4
_WIDGET_REASONS = (
    "byline_without_names",
    "advertisement",
    "share_prompt",
    "media_placeholder",
    "read_more_link",
)
_SOFT_REASONS = ("related_headlines", "teaser_list", "comments")
_METADATA_ROLES = ("credit", "caption", "byline", "timestamp")


class Hint(msgspec.Struct, kw_only=True, frozen=True):
    """What a reader with markup knows about a block before its words are read."""

    reason: str | None = None  # boilerplate by its markup: a <nav>, a share bar
    role: Role | None = None  # a <figcaption> is a caption whatever it says
    story: bool = False  # inside markup that says "story": <article>, .article-body
    link_density: float = 0.0  # share of the block's text that is link text
    # The reason comes from a class or id name (``share-bar``, ``sidebar-layout``), not
    # from the element itself: on story-shaped prose it only weighs the block.
    soft: bool = False


class Block(msgspec.Struct, kw_only=True):
    """One block of page text and what the segmenter decided it is."""

    text: str
    role: Role = "boilerplate"
    reason: str | None = None
    linked: bool | None = None  # mostly link text; None where markup is unknown


def segment(blocks: list[str], hints: list[Hint] | None = None) -> list[Block]:
    """Label every block; the labels alone decide what goes where in the record.

    ``hints`` (one per block) come from readers that saw markup; plain text has none.
    A class name's reason first counts as the markup's word. Where that leaves no story
    on the page, the names were wrong about it (``class="share-wrapper"`` around the
    whole text, a heading's slug as an id): they are read again as weights on the
    story-shaped prose under them, so a class name alone never empties a page.
    """
    if hints is None:
        return _label([_prelabel(text) for text in blocks], None)
    labelled = _label(
        [_prelabel_hinted(text, hint) for text, hint in zip(blocks, hints, strict=True)], hints
    )
    if any(block.role == "body" for block in labelled):
        return labelled
    weighed = [
        _prelabel_hinted(text, hint, weigh=True) for text, hint in zip(blocks, hints, strict=True)
    ]
    if all(w.reason == b.reason for w, b in zip(weighed, labelled, strict=True)):
        return labelled  # no name stood in the way: there is no story
    return _label(weighed, hints, weigh=True)


def _label(labelled: list[Block], hints: list[Hint] | None, *, weigh: bool = False) -> list[Block]:
    _mark_related_lists(labelled)
    _mark_teaser_lists(labelled)
    _mark_comment_thread(labelled)
    scores = [_score(block) for block in labelled]
    if hints is not None:
        scores = [_weigh(score, hint, weigh) for score, hint in zip(scores, hints, strict=True)]
    start, end, total = _densest_run(scores)
    if total < _MIN_STORY_SCORE and not (total > 0 and _whole_page(labelled, start, end)):
        for block in labelled:
            _explain(block, "no_article_text")
        return labelled
    for index, block in enumerate(labelled):
        if start <= index < end:
            if block.role == "boilerplate" and block.reason is None:
                block.role = "body" if scores[index] > 0 else _inner_role(labelled, scores, index)
                block.reason = None if block.role == "body" else "link_list"
        else:
            hint = hints[index] if hints is not None and weigh else None
            default = BEFORE_STORY if index < start else AFTER_STORY
            _explain(block, hint.reason if hint and hint.soft and hint.reason else default)
    _find_headline(labelled, start)
    _demote_distant_metadata(labelled, start, end)
    return labelled


def _whole_page(blocks: list[Block], start: int, end: int) -> bool:
    """Whether a run too short to stand out from a page's furniture is all the page has
    to say: nearly all its text that no rule or markup set aside and that is not links
    (a page of one paragraph). Then there is no furniture for it to stand out from."""
    free = [len(b.text) for b in blocks if b.reason is None and b.role == "boilerplate"]
    free_run = [
        len(b.text) for b in blocks[start:end] if b.reason is None and b.role == "boilerplate"
    ]
    linked = sum(len(b.text) for b in blocks if b.linked)
    return sum(free_run) >= _WHOLE_PAGE * (sum(free) + linked)


def _inner_role(blocks: list[Block], scores: list[float], index: int) -> Role:
    """A short line inside the story is body (a subheading, a list item) unless it is a
    link or stands in a run of three or more short lines: a box of links or tags."""
    if blocks[index].linked is False:
        return "body"
    if blocks[index].linked and not is_prose(blocks[index].text):
        return "boilerplate"  # a lone linked headline between paragraphs: a promo
    run = 1
    for step in (-1, 1):
        probe = index + step
        while (
            0 <= probe < len(scores) and scores[probe] <= 0 and blocks[probe].role == "boilerplate"
        ):
            run += 1
            probe += step
    return "body" if run < _LINK_LIST_RUN else "boilerplate"


def _prelabel_hinted(text: str, hint: Hint, *, weigh: bool = False) -> Block:
    """As ``_prelabel``, with what the markup says; a block the markup already calls
    boilerplate is only checked for what could matter inside it (a byline, a credit).
    ``weigh``: a class name's reason on story-shaped prose is only a weight."""
    if hint.reason is not None and hint.role is None and not (weigh and _weighed_only(text, hint)):
        role = _credit_or_byline(text)
        block = Block(text=text, role=role) if role else Block(text=text, reason=hint.reason)
    else:
        block = _prelabel(text)
        if hint.role is not None and block.role == "boilerplate" and block.reason is None:
            block.role = hint.role
    block.linked = hint.link_density >= 0.5
    return block


def _weighed_only(text: str, hint: Hint) -> bool:
    """Whether a class name's reason may only weigh this block: it is prose of a story's
    shape (sentences, few links)."""
    return hint.soft and _story_shaped(text, hint.link_density)


def _story_shaped(text: str, link_density: float) -> bool:
    if link_density >= _SOFT_LINKS or not is_prose(text):
        return False
    return len(text) >= _SOFT_PROSE or (len(text) * 3 >= _SOFT_PROSE and bool(CJK.search(text)))


def _credit_or_byline(text: str) -> Role | None:
    if is_credit_line(text):
        return "credit"
    if parse_byline(text) is not None:
        return "byline"
    return None


def _weigh(score: float, hint: Hint, soft: bool = False) -> float:
    """Link text is not prose; text the markup calls the story counts for more."""
    if hint.link_density >= 0.5:
        return min(score, -4.0)
    if score > 0:
        weight = _SOFT_WEIGHT if soft and hint.soft and hint.reason else 1.0
        return score * (1 - hint.link_density) * (_STORY_BONUS if hint.story else weight)
    return score


def _prelabel(text: str) -> Block:
    """What a block is by its own shape, before its place on the page is known."""
    shape = _shape if len(text) <= CACHED_TEXT_CHARS else _shape.__wrapped__
    role, reason = shape(text)
    return Block(text=text, role=role, reason=reason)


@lru_cache(maxsize=8192)
def _shape(text: str) -> tuple[Role, str | None]:
    """(role, reason) of a block by its own shape. Pages and sites repeat their furniture
    ("Share", "Advertisement", a footer line), so a short line is read once."""
    if (role := _credit_or_byline(text)) is not None:
        return role, None
    if _BYLINE_SHAPE.match(text) and not is_prose(text):
        return "boilerplate", "byline_without_names"  # "By Staff | Updated 3h ago"
    if parse_caption(text) is not None:
        return "caption", None
    if is_timestamp(text):
        return "timestamp", None
    if is_list_heading(text):
        return "boilerplate", "related_heading"
    return "boilerplate", rule_reason(text)


def _mark_related_lists(blocks: list[Block]) -> None:
    """Lines under a 'Related' or 'Next In World' heading are other stories' headlines."""
    in_list = False
    for block in blocks:
        if block.reason == "related_heading":
            in_list = True
        elif in_list and block.reason is None and block.role == "boilerplate":
            if (is_prose(block.text) and len(block.text) >= 150) or block.linked is False:
                in_list = False
            else:
                block.reason = "related_headlines"


def _mark_teaser_lists(blocks: list[Block]) -> None:
    """Runs of headline + blurb pairs are other stories' teasers, not this story.

    Blurbs are cut by the CMS to one length or end in an ellipsis; a story's own
    subheads and paragraphs vary in length and end in full stops. Where markup is known,
    a teaser's headline is also a link.
    """
    index = 0
    while index < len(blocks):
        pairs = _teaser_pairs(blocks, index)
        if len(pairs) >= 3 and _uniform_blurbs([blocks[b].text for _, b in pairs]):
            for head, blurb in pairs:
                blocks[head].reason = blocks[blurb].reason = "teaser_list"
            index = pairs[-1][1] + 1
        else:
            index += 1


def _teaser_pairs(blocks: list[Block], start: int) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    index = start
    while index + 1 < len(blocks):
        head, blurb = blocks[index], blocks[index + 1]
        free = head.reason is None and blurb.reason is None and blurb.role == "boilerplate"
        free = free and head.linked is not False
        if not (free and not is_prose(head.text) and len(head.text) < 150 and is_prose(blurb.text)):
            break
        pairs.append((index, index + 1))
        index += 2
        while index < len(blocks) and blocks[index].role in ("byline", "timestamp"):
            index += 1
    return pairs


def _uniform_blurbs(texts: list[str]) -> bool:
    if sum(text.rstrip().endswith(("...", "…")) for text in texts) * 2 >= len(texts):
        return True
    lengths = [len(text) for text in texts]
    return statistics.pstdev(lengths) < 0.12 * statistics.mean(lengths)


def _mark_comment_thread(blocks: list[Block]) -> None:
    """Everything from the first comment header after the story's prose is the thread.

    A comment count beside the byline ("12 comments") comes before any prose and is
    ignored; a thread needs two markers, so one stray "Reply" does not end a story.
    """
    seen_prose = 0.0
    markers: list[int] = []
    for index, block in enumerate(blocks):
        if block.reason is None and block.role == "boilerplate" and is_prose(block.text):
            seen_prose += len(block.text)
        elif seen_prose >= 400 and is_comment_marker(block.text):
            markers.append(index)
    if len(markers) < 2:
        return
    for block in blocks[markers[0] :]:
        if block.role == "boilerplate":
            block.reason = block.reason or "comments"
        else:
            block.role, block.reason = "boilerplate", "comments"


def is_prose(text: str) -> bool:
    """Running text: several words closed by sentence punctuation."""
    # The last character is looked at directly: a regex anchored at the end still walks
    # the whole paragraph from its start.
    last = text[-2:-1] if text.endswith("\n") else text[-1:]
    if last not in _SENTENCE_END:
        return False
    # Four words, or ten characters of CJK (which has no spaces): the cheap test first,
    # as a paragraph that passes both needs no search for CJK.
    if len(text.split(maxsplit=3)) >= 4:
        return len(text) >= 10 or not CJK.search(text)
    return len(text) >= 10 and bool(CJK.search(text))


def _score(block: Block) -> float:
    if block.role != "boilerplate":
        return 0.0  # captions, bylines and credits may sit inside a story
    if block.reason in _SOFT_REASONS:
        return -6.0
    if block.reason in _WIDGET_REASONS:
        return -4.0  # ad slots and share bars sit inside stories too
    if block.reason is not None:
        return _STRONG_PENALTY
    cjk = CJK.search(block.text) is not None
    size = len(block.text) * (3 if cjk else 1)
    if is_prose(block.text):
        return size / 6 if size >= 80 else size / 12 - 2
    if block.linked is False and size >= _UNPUNCTUATED_PROSE and _words(block.text, cjk) >= 12:
        return size / 12 - 4  # a sentence missing its full stop, known not to be a link
    return -4.0 if size < 40 else -6.0


def _words(text: str, cjk: bool) -> int:
    """Words in a line. CJK writes none apart, and a word there is about two of its
    characters (a Chinese blog's lines are phrases set apart by spaces, with no full
    stop); digits and Latin letters beside them (a date and source line) count none."""
    return len(CJK.findall(text)) // 2 if cjk else len(text.split())


def _densest_run(scores: list[float]) -> tuple[int, int, float]:
    """The half-open run ``[start, end)`` with the largest total score (Kadane)."""
    best = (0, 0, 0.0)
    start, total = 0, 0.0
    for index, score in enumerate(scores):
        if total <= 0:
            start, total = index, 0.0
        total += score
        if total > best[2]:
            best = (start, index + 1, total)
    return best


def _explain(block: Block, default: str) -> None:
    if block.role in ("boilerplate", "body"):
        block.role = "boilerplate"
        block.reason = block.reason or default


def _find_headline(blocks: list[Block], start: int) -> None:
    for index in range(start - 1, max(-1, start - 1 - _HEADLINE_LOOKBACK), -1):
        block = blocks[index]
        if block.role != "boilerplate" or block.reason not in (BEFORE_STORY, AFTER_STORY):
            continue
        if looks_like_headline(block.text):
            block.role, block.reason = "headline", None
            return


def _demote_distant_metadata(blocks: list[Block], start: int, end: int) -> None:
    """Bylines, captions and credit lines far from the story belong to other stories."""
    first, last = max(0, start - _HEADLINE_LOOKBACK), end + _TRAILING_CREDITS
    for index, block in enumerate(blocks):
        if block.role in _METADATA_ROLES and not first <= index < last:
            block.role, block.reason = "boilerplate", AFTER_STORY
