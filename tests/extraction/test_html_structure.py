"""What an HTML story holds besides paragraphs: tables, trailing lists, and what it does
not: teaser lists without headings, lone promo links, wire captions without credit."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import copydesk
from copydesk.extraction.captions import parse_caption

PARAGRAPHS = [
    "The league published its final standings on Sunday after the last race of the season.",
    "Officials said the title was decided by five points, the closest finish in a decade.",
    "Teams will meet in March to agree the calendar for next year and the rules on tyres.",
]


def page(story: str, aside: str = "") -> str:
    return (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<h1>Final standings published</h1><div class='article-body'>{story}</div>"
        f"<aside>{aside}</aside></body></html>"
    )


def paragraphs(*extra: str) -> str:
    return "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "".join(extra)


def test_a_table_row_is_one_line_with_its_cells_apart() -> None:
    table = (
        "<table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>"
        "<tr><td>1</td><td>Marta Lind</td><td>5040</td></tr></table>"
    )
    article = copydesk.extract(html=page(paragraphs(table, f"<p>{PARAGRAPHS[2]}</p>")))
    assert "Pos. Driver Points" in article.body
    assert "1 Marta Lind 5040" in article.body


def test_the_story_lists_after_its_last_paragraph_are_kept() -> None:
    changes = "<h3>What is new</h3><ul><li>New tasks</li><li>Better phone support</li></ul>"
    article = copydesk.extract(html=page(paragraphs(f"<p>{PARAGRAPHS[2]}</p>", changes)))
    assert article.body[-3:] == ["What is new", "New tasks", "Better phone support"]


def test_list_items_with_a_linked_headline_and_a_cut_blurb_are_teasers() -> None:
    blurb = "VELMAR: The council said on Monday that the new bridge would open in May and..."
    items = "".join(
        f"<li><a href='/s{i}'>Another story headline number {i}</a><span>{blurb}</span></li>"
        for i in range(4)
    )
    html = (
        f"<html><body><div class='ticker'><ul>{items}</ul></div>"
        f"<h1>Final standings published</h1><div>{paragraphs(f'<p>{PARAGRAPHS[2]}</p>')}"
        "</div></body></html>"
    )
    article = copydesk.extract(html=html)
    assert article.body == PARAGRAPHS
    assert sum(b.reason == "teaser_list" for b in article.boilerplate) >= 4


def test_a_lone_linked_line_between_paragraphs_is_a_promo() -> None:
    promo = "<p><strong><a href='/other'>DRIVER RETIRES AFTER TWENTY SEASONS</a></strong></p>"
    article = copydesk.extract(html=page(paragraphs(promo, f"<p>{PARAGRAPHS[2]}</p>")))
    assert article.body == PARAGRAPHS


def test_wire_captions_are_known_by_their_opening_too() -> None:
    caption = parse_caption(
        "In this Dec. 12, 2006, file photo, made available by NASA, two astronauts work "
        "outside the station."
    )
    assert caption is not None and caption.credit is None and caption.date == "2006-12-12"
    assert parse_caption("In this case, the court ruled against the council.") is None


def test_a_story_of_short_lines_in_its_container_is_kept() -> None:
    rows = "".join(
        f"<p>Round {n}: {day} March – Velmar circuit</p>" for n, day in enumerate(range(1, 25), 1)
    )
    policy = (
        "<p>Note: comments that are unreadable or disrespectful will not be approved by "
        "the moderator.</p>"
    )
    html = (
        "<html><body><nav><a href='/'>Home</a></nav><h1>Calendar 2018</h1>"
        f"<div itemprop='articleBody'>{rows}{policy}</div></body></html>"
    )
    article = copydesk.extract(html=html)
    assert article.body[:2] == [
        "Round 1: 1 March – Velmar circuit",
        "Round 2: 2 March – Velmar circuit",
    ]
    assert len(article.body) >= 24


_BOXES = ("share-bar", "sidebar-layout", "related", "plain", "nav-open")
_TEXTS = (
    "Menu",
    "Share this",
    "The council approved the budget on Monday after a long debate.",
    "Officials said the plan would cost more than expected. " * 9,
)


@st.composite
def hinted_pages(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested boxes, some with boilerplate class names, holding text long and short."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if depth < 3 and draw(st.booleans()):
            inner = draw(hinted_pages(depth + 1))
            parts.append(f"<div class='{draw(st.sampled_from(_BOXES))}'>{inner}</div>")
        else:
            text = draw(st.sampled_from(_TEXTS))
            tag = draw(st.sampled_from(("p", "div", "span")))
            if draw(st.booleans()):
                text = f"<a href='/x'>{text}</a>"
            parts.append(f"<{tag}>{text}</{tag}>")
    return "".join(parts)


@given(hinted_pages())
@settings(max_examples=200, deadline=None)
def test_the_walk_decides_wrappers_as_if_it_had_measured_the_page_first(html: str) -> None:
    """The walk measures the whole page only where the text it saw cannot tell whether a
    hinted box is a wrapper; its blocks must be those of a walk that measured first."""
    from copydesk.extraction.html import dom

    body = etree.fromstring(f"<html><body>{html}</body></html>", etree.HTMLParser()).find("body")
    measured = dom._Walker(body, page_outside_links=dom._text_outside_links(body)).run()
    walked = dom.page_blocks(body)
    assert [(b.text, b.tag, b.collapsed) for b in walked] == [
        (b.text, b.tag, b.collapsed) for b in measured
    ]


@st.composite
def figure_pages(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested boxes, some figures, some with classes that name a caption or credit."""
    parts = []
    for _ in range(draw(st.integers(1, 2))):
        tag = draw(st.sampled_from(("div", "figure", "figcaption", "section", "span", "p")))
        names = draw(st.sampled_from(("", "Caption", "photo-credit", "box", "wp-caption")))
        if depth < 8 and draw(st.booleans()):
            inner = draw(figure_pages(depth + 1))
        else:
            inner = draw(st.sampled_from(_TEXTS))
        parts.append(f"<{tag} class='{names}'>{inner}</{tag}>")
    return "".join(parts)


def _climbs_to_a_caption(element: etree._Element) -> bool:
    """A block is a caption when a <figure> or <figcaption> holds it within six levels,
    or a caption class within three (the rule, read by climbing)."""
    node: etree._Element | None = element
    for depth in range(6):
        if node is None:
            return False
        if node.tag in ("figure", "figcaption"):
            return True
        names = node.get("class") or ""
        if depth < 3 and re.search("caption|photo-?credit|image-?credit", names, re.IGNORECASE):
            return True
        node = node.getparent()
    return False


@given(figure_pages())
@settings(max_examples=200, deadline=None)
def test_the_walk_knows_a_caption_as_climbing_would(html: str) -> None:
    """The walk counts levels down to each block instead of climbing from it."""
    from copydesk.extraction.html import dom

    body = etree.fromstring(f"<html><body>{html}</body></html>", etree.HTMLParser()).find("body")
    for block in dom.page_blocks(body):
        assert block.in_caption == _climbs_to_a_caption(block.element), block.text
