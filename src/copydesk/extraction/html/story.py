"""Where the story is on an HTML page: markup hints in, story blocks out.

The segmenter finds the densest run of prose; markup lets us do better at its edges. The
story's container is the nearest element holding all of that run's prose; paragraphs in
the same container that an ad box or a 'Read more' teaser cut off from the run are the
story's too, while prose elsewhere on the page (teasers, comments) is not.
"""

from __future__ import annotations

import re

from lxml import etree

from copydesk.extraction.html.dom import TAG_REASONS, DomBlock, string_of, texts_of
from copydesk.extraction.segment import AFTER_STORY, BEFORE_STORY, Block, Hint, Role, is_prose

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ROOTS = frozenset({"html", "body"})
_LISTS = frozenset({"ul", "ol"})
_WRAPPER_SHARE = 0.4
_CARD_DEPTH = 5
_LISTING_PROSE = 800
_LISTING_PROSE_IF_ARTICLE = 200
_LISTING_HEADLINES = 6
_CARD_ROW = 3
_CARD_TEXT = 700  # a teaser is a headline and a blurb; a longer element is content
_STRUCTURE_TAGS = frozenset(
    {"li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "dd", "dt", "p"}
)
_STRUCTURE_REASONS = ("link_list",)


def hints_for(dom: list[DomBlock], body: etree._Element) -> list[Hint]:
    """The segmenter's hint for each block, from its markup.

    A boilerplate hint on an element that holds most of the page's prose is a page
    wrapper with an unlucky class name (``<div class="nav-open">``), not a menu: it is
    ignored. Blocks inside teaser cards are other stories.
    """
    wrappers = _wrapper_hints(dom)
    cards = teaser_cards(body)
    return [
        Hint(
            soft=_named_hint(block),
            reason=(
                "teaser_list"
                if cards and _within(block.element, cards)
                else None
                if block.hint_source in wrappers
                else block.hint
            ),
            role=_role(block),
            story=block.story_hint,
            link_density=block.link_density,
        )
        for block in dom
    ]


def _role(block: DomBlock) -> Role | None:
    """What a block's element makes it. A class name that says caption makes no heading
    one: an element so named that holds a heading is a box around a picture and the
    story's text (``class="item image no_caption"``)."""
    if block.in_figure or (block.in_caption and block.tag not in _HEADINGS):
        return "caption"
    return "headline" if block.tag == "h1" else None


def mark_listing(labelled: list[Block], dom: list[DomBlock], claims_article: bool) -> bool:
    """Decide whether the page is a list of stories (a section front, search results).

    Such a page shows many linked headlines and little running prose of its own; its
    "story" would be a body made of teasers, so none is given. A page that declares
    itself an article (og:type, JSON-LD) needs even less prose to keep its body.
    """
    prose = sum(len(dom[i].text) for i, b in enumerate(labelled) if b.role == "body")
    linked_heads = sum(1 for block in dom if block.tag in _HEADINGS and block.link_density >= 0.5)
    teasers = sum(1 for block in labelled if block.reason == "teaser_list")
    limit = _LISTING_PROSE_IF_ARTICLE if claims_article else _LISTING_PROSE
    if prose >= limit or linked_heads + teasers // 2 < _LISTING_HEADLINES:
        return False
    for block in labelled:
        if block.role == "body":
            block.role, block.reason = "boilerplate", "listing_page"
    return True


def extend_story(labelled: list[Block], dom: list[DomBlock]) -> None:
    """Add the story's prose that the run missed, and its structure inside the run.

    Only paragraphs beside the run's own paragraphs (the same parent element) are
    taken: teaser blurbs in the same container sit in cards of their own.
    """
    _drop_chart_labels(labelled, dom)
    story = [i for i, block in enumerate(labelled) if block.role == "body"]
    if not story:
        return
    container = _common_ancestor([dom[i].element for i in story if is_prose(dom[i].text)])
    if container is None or container.tag in _ROOTS:
        return
    parents = {dom[i].element.getparent() for i in story}
    for index, block in enumerate(labelled):
        if block.role != "boilerplate":
            continue
        candidate = dom[index]
        if (
            _unplaced(block, candidate)
            and candidate.element.getparent() in parents
            and _story_prose(candidate)
        ):
            block.role, block.reason = "body", None
    inside = set(container.iter())
    _take_story_structure(
        labelled, dom, inside, parents, story[0], _structure_end(labelled, dom, inside)
    )
    _take_trailing_lines(labelled, dom, parents)


def _drop_chart_labels(labelled: list[Block], dom: list[DomBlock]) -> None:
    """A run of ``_LABEL_RUN`` or more short paragraphs inside the story whose typical
    length is a label's is a chart drawn in markup ("$900", "billion", "'17", "'18"),
    not text: most of its lines hold no letter at all. List items, table rows and code
    lines are the story's own short lines, and so is a run of names or of numbered
    lines ("1. Finland")."""
    index = 0
    while index < len(labelled):
        stop = index
        while stop < len(labelled) and _label_line(labelled[stop], dom[stop]):
            stop += 1
        if stop - index >= _LABEL_RUN:
            sizes = sorted(len(dom[i].text) for i in range(index, stop))
            numbers = sum(1 for i in range(index, stop) if not _LETTER.search(dom[i].text))
            if sizes[len(sizes) // 2] < _LABEL_SIZE and 2 * numbers >= stop - index:
                for block in labelled[index:stop]:
                    block.role, block.reason = "boilerplate", "chart_labels"
        index = stop + 1


def _label_line(block: Block, line: DomBlock) -> bool:
    return block.role == "body" and line.tag in _LABEL_TAGS and len(line.text) < _LABEL_LINE


_LABEL_RUN = 6
_LETTER = re.compile(r"[^\W\d_]")
_LABEL_SIZE = 12
_LABEL_LINE = 60
_LABEL_TAGS = frozenset({"p", "div", "span", "section", "figure"})


def _unplaced(block: Block, candidate: DomBlock) -> bool:
    """Whether a dropped block was dropped only for where it stands (before or after the
    run) or for a class name of an element above it: beside the story's own paragraphs,
    such a name is a layout wrapper's (``panel-two-col-sidebar``), not the block's."""
    if candidate.hint is None:
        return block.reason in (BEFORE_STORY, AFTER_STORY)
    return _named_hint(candidate) and block.reason in (candidate.hint, BEFORE_STORY, AFTER_STORY)


def _take_trailing_lines(
    labelled: list[Block], dom: list[DomBlock], parents: set[etree._Element | None]
) -> None:
    """Short lines right after the story, beside its paragraphs and not links, are its end
    (a list of dates, a sign-off); the first line that is not ends the story."""
    last = max(i for i, block in enumerate(labelled) if block.role == "body")
    for index in range(last + 1, len(labelled)):
        block, candidate = labelled[index], dom[index]
        if not (
            block.role == "boilerplate"
            and block.reason in (AFTER_STORY, "link_list")
            and candidate.hint is None
            and candidate.link_density < 0.5
            and candidate.element.getparent() in parents
        ):
            return
        block.role, block.reason = "body", None


def take_line_story(labelled: list[Block], dom: list[DomBlock]) -> None:
    """A story made of short lines — a race calendar, a standings table — has no run of
    prose for the segmenter to find, and a stray sentence beside it (a comment policy)
    wins instead. Where the markup names a story container and the story found holds
    little of that container's text, the container's plain lines are the story."""
    sizes: dict[etree._Element, int] = {}
    for line in dom:
        if _plain_story_line(line) and line.hint_source is not None:
            sizes[line.hint_source] = sizes.get(line.hint_source, 0) + len(line.text)
    if not sizes:
        return
    container, size = max(sizes.items(), key=lambda item: item[1])
    found = sum(
        len(dom[i].text)
        for i, block in enumerate(labelled)
        if block.role == "body" and dom[i].hint_source is container
    )
    if size < _LINE_STORY_MIN or found >= _LINE_STORY_SHARE * size:
        return
    for index, block in enumerate(labelled):
        candidate = dom[index]
        if (
            candidate.hint_source is container
            and _plain_story_line(candidate)
            and block.role == "boilerplate"
            and block.reason in (BEFORE_STORY, AFTER_STORY, "link_list", "no_article_text")
        ):
            block.role, block.reason = "body", None


def _plain_story_line(block: DomBlock) -> bool:
    return block.story_hint and block.hint is None and block.link_density < _LINE_STORY_LINKS


_LINE_STORY_MIN = 300
_LINE_STORY_SHARE = 0.3
_LINE_STORY_LINKS = 0.3


def _structure_end(labelled: list[Block], dom: list[DomBlock], inside: set[etree._Element]) -> int:
    """The last block of the story's container that carries on its structure after its
    last paragraph ("What's new:" and a list of changes); a link, a hinted box or a block
    outside the container ends it."""
    last = max(i for i, block in enumerate(labelled) if block.role == "body")
    for index in range(last + 1, len(labelled)):
        candidate = dom[index]
        if (
            candidate.element not in inside
            or candidate.hint is not None
            or candidate.link_density >= 0.5
            or candidate.tag not in _STRUCTURE_TAGS
        ):
            return index - 1
    return len(labelled) - 1


def _take_story_structure(
    labelled: list[Block],
    dom: list[DomBlock],
    inside: set[etree._Element],
    parents: set[etree._Element | None],
    first: int,
    last: int,
) -> None:
    """Subheadings, list items and quotes from the story's first paragraph to the end of
    its structure (``_structure_end``), and a subheading beside the story's paragraphs
    that a wrapper's class name dropped.

    A list of links after the story, even in its container, is a 'Read more' box.
    """
    last_paragraph = max(i for i, block in enumerate(labelled) if block.role == "body")
    for index in range(first, last + 1):
        block, candidate = labelled[index], dom[index]
        after = index > last_paragraph and block.reason == AFTER_STORY
        if candidate.hint is None:
            free = block.reason in _STRUCTURE_REASONS or after
        else:
            free = (
                _named_hint(candidate)
                and block.reason == candidate.hint
                and candidate.element.getparent() in parents
            )
        if (
            block.role == "boilerplate"
            and free
            and candidate.tag in _STRUCTURE_TAGS
            and candidate.link_density < 0.5
            and candidate.element in inside
        ):
            block.role, block.reason = "body", None


def teaser_cards(body: etree._Element) -> set[etree._Element]:
    """Elements that are one of a row of look-alike cards, each led by a linked heading.

    A teaser card is recognised by its siblings, not its words: three or more elements
    of the same tag and class under one parent, holding a heading that is a link. A
    story's own sections have headings that are not links.
    """
    cards: set[etree._Element] = set()
    listings: list[etree._Element] = []
    for heading in body.iter(*_HEADINGS, *_LISTS):  # one pass over the tree for both
        if heading.tag in _LISTS:
            listings.append(heading)  # (a list, kept for _teaser_items)
            continue
        if not _linked(heading):
            continue
        node: etree._Element | None = heading
        for _ in range(_CARD_DEPTH):
            if node is None or node in cards:
                break
            parent = node.getparent()
            if parent is None or parent.tag in _ROOTS:
                break
            if node is not heading and _repeated(node, parent):
                signature = _signature(node)
                cards.update(
                    child
                    for child in parent
                    if _signature(child) == signature and _text_size(child) <= _CARD_TEXT
                )
                break
            node = parent
    cards.update(_teaser_items(listings))
    return cards


def _teaser_items(listings: list[etree._Element]) -> list[etree._Element]:
    """List items that are teasers without headings: a linked headline, then a blurb cut
    off with an ellipsis ("WASHINGTON: An independent US entity has said that..."). The
    cut is what tells a teaser from a story's own list of links with notes."""
    found: list[etree._Element] = []
    for listing in listings:
        text = string_of(listing)
        if "..." not in text and "…" not in text:
            continue  # no blurb in it is cut off
        items = [child for child in listing if child.tag == "li"]
        if len(items) < _CARD_ROW:
            continue
        teasers = [item for item in items if _teaser_item(item)]
        if len(teasers) >= _CARD_ROW and len(teasers) * 2 >= len(items):
            found.extend(teasers)
    return found


def _teaser_item(item: etree._Element) -> bool:
    first = next(iter(item), None)
    if first is None or first.tag != "a" or (item.text or "").strip():
        return False
    whole = string_of(item).strip()
    if not whole.endswith(("...", "…")):
        return False
    headline = string_of(first).strip()
    rest = whole[len(headline) :].strip()
    return len(headline.split()) >= 3 and len(rest) >= 40


def _text_size(element: etree._Element) -> int:
    return sum(map(len, map(str.strip, texts_of(element))))


def _linked(heading: etree._Element) -> bool:
    text = string_of(heading).strip()
    links = sum(len(string_of(a).strip()) for a in heading.iter("a"))
    parent = heading.getparent()
    if parent is not None and parent.tag == "a":
        return bool(text)
    return bool(text) and links >= 0.5 * len(text)


def _signature(element: etree._Element) -> tuple[str, str]:
    return str(element.tag), element.get("class", "")


def _repeated(node: etree._Element, parent: etree._Element) -> bool:
    signature = _signature(node)
    return sum(1 for child in parent if _signature(child) == signature) >= _CARD_ROW


def _within(element: etree._Element, cards: set[etree._Element]) -> bool:
    node: etree._Element | None = element
    for _ in range(_CARD_DEPTH + 2):
        if node is None:
            return False
        if node in cards:
            return True
        node = node.getparent()
    return False


def _named_hint(block: DomBlock) -> bool:
    """Whether a block's boilerplate hint comes from a class or id name, not from what
    the element is (``<nav>``, ``<aside>``, ``<footer>``): a name only weighs prose."""
    source = block.hint_source
    return (
        block.hint is not None
        and not block.collapsed
        and source is not None
        and TAG_REASONS.get(str(source.tag)) != block.hint
    )


def _wrapper_hints(dom: list[DomBlock]) -> set[etree._Element]:
    """Hinted elements that hold so much of the page's prose (``_WRAPPER_SHARE``) that
    they are wrappers with an unlucky name, unless the markup names a story of its own
    beside them: then the hinted element is the sidebar it says (a live blog's column
    of posts beside a short story)."""
    prose: dict[etree._Element, int] = {}
    marked: list[DomBlock] = []
    total = 0
    for block in dom:
        if not block.collapsed and is_prose(block.text) and block.link_density < 0.5:
            total += len(block.text)
            if block.hint is not None and block.hint_source is not None:
                prose[block.hint_source] = prose.get(block.hint_source, 0) + len(block.text)
            elif block.story_hint:
                marked.append(block)
    wrappers = {source for source, size in prose.items() if size >= _WRAPPER_SHARE * total}
    if not wrappers or not marked:
        return wrappers
    chains = [(set(_ancestors(block.element)), len(block.text)) for block in marked]
    return {
        source
        for source in wrappers
        if sum(size for chain, size in chains if source not in chain) < _STORY_BESIDE
    }


_STORY_BESIDE = 500  # characters of marked story prose outside a hinted element


def _story_prose(block: DomBlock) -> bool:
    return is_prose(block.text) and len(block.text) >= 80 and block.link_density < 0.3


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    if not elements:
        return None
    path = list(_ancestors(elements[0]))
    common = set(path)
    for element in elements[1:]:
        common &= set(_ancestors(element))
    return next((node for node in path if node in common), None)


def _ancestors(element: etree._Element) -> list[etree._Element]:
    chain = []
    node: etree._Element | None = element
    while node is not None:
        chain.append(node)
        node = node.getparent()
    return chain
