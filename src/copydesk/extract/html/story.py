"""Where the story is on an HTML page: markup hints in, story blocks out.

The segmenter finds the densest run of prose; markup lets us do better at its edges. The
story's container is the nearest element holding all of that run's prose; paragraphs in
the same container that an ad box or a 'Read more' teaser cut off from the run are the
story's too, while prose elsewhere on the page (teasers, comments) is not.
"""

from __future__ import annotations

from lxml import etree

from copydesk.extract.html.dom import DomBlock
from copydesk.extract.segment import Block, Hint, is_prose

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ROOTS = frozenset({"html", "body"})
_WRAPPER_SHARE = 0.4


def hints_for(dom: list[DomBlock]) -> list[Hint]:
    """The segmenter's hint for each block, from its markup.

    A boilerplate hint on an element that holds most of the page's prose is a page
    wrapper with an unlucky class name (``<div class="nav-open">``), not a menu: it is
    ignored.
    """
    wrappers = _wrapper_hints(dom)
    return [
        Hint(
            reason=None if block.hint_source in wrappers else block.hint,
            role="caption" if _in_figure_caption(block.element) else None,
            story=block.story_hint,
            link_density=block.link_density,
        )
        for block in dom
    ]


def extend_story(labelled: list[Block], dom: list[DomBlock]) -> None:
    """Add the story's prose that the run missed but its container holds."""
    story = [i for i, block in enumerate(labelled) if block.role == "body"]
    if not story:
        return
    container = _common_ancestor([dom[i].element for i in story if is_prose(dom[i].text)])
    if container is None or container.tag in _ROOTS:
        return
    inside = _descendants(container)
    for index, block in enumerate(labelled):
        if block.role != "boilerplate" or block.reason not in ("navigation", "outside_article"):
            continue
        candidate = dom[index]
        if candidate.element in inside and candidate.hint is None and _story_prose(candidate):
            block.role, block.reason = "body", None


def _wrapper_hints(dom: list[DomBlock]) -> set[etree._Element]:
    prose: dict[etree._Element, int] = {}
    total = 0
    for block in dom:
        if is_prose(block.text) and block.link_density < 0.5:
            total += len(block.text)
            if block.hint is not None and block.hint_source is not None:
                prose[block.hint_source] = prose.get(block.hint_source, 0) + len(block.text)
    return {source for source, size in prose.items() if size >= _WRAPPER_SHARE * total}


def _story_prose(block: DomBlock) -> bool:
    return is_prose(block.text) and len(block.text) >= 80 and block.link_density < 0.3


def _in_figure_caption(element: etree._Element) -> bool:
    node: etree._Element | None = element
    depth = 0
    while node is not None and depth < 6:
        if node.tag in ("figcaption", "figure"):
            return True
        node = node.getparent()
        depth += 1
    return False


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


def _descendants(container: etree._Element) -> set[etree._Element]:
    return set(container.iter())
