"""Hostile pages: deep nesting, huge nodes, too many blocks, tags or attributes.

Each page is made here. Whatever a bound cuts must show in the record's warnings, and a
story beside the hostile markup must come out whole.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.extraction.html import markup as bounds
from copydesk.extraction.html import reader
from copydesk.read.limits import MAX_ATTRIBUTES
from copydesk.record import Article

STORY_WORDS = "The harbour at Velmar reopened on Tuesday after the storm, officials said"
STORY = (
    "<article><h1>Harbour reopens after storm</h1>"
    + "".join(f"<p>{STORY_WORDS}, in paragraph {i} of the story.</p>" for i in range(6))
    + "</article>"
)


def page(body: str) -> str:
    return f"<html><head><title>Velmar news</title></head><body>{body}</body></html>"


def extract(html: str) -> Article:
    return copydesk.extract(html=html, source="hostile.html", understand=False)


def codes(article: Article) -> list[str]:
    return [notice.code for notice in article.warnings]


def has_story(article: Article) -> bool:
    return len(article.body) == 6 and all(STORY_WORDS in line for line in article.body)


@pytest.mark.parametrize("depth", [300, 1_000, 10_000])
def test_a_story_inside_deep_nesting_is_kept(depth: int) -> None:
    article = extract(page("<div>" * depth + STORY + "</div>" * depth))
    assert has_story(article)
    # within the parser's huge-tree limit nothing is cut; past it, the record says so
    assert codes(article) == ([] if depth < reader.PARSER_DEPTH else ["depth_cut"])


@pytest.mark.parametrize("depth", [300, 10_000])
def test_a_story_after_deep_nesting_is_kept(depth: int) -> None:
    article = extract(page("<div>" * depth + "deep" + "</div>" * depth + STORY))
    assert has_story(article)
    assert article.headline == "Harbour reopens after storm"


def test_the_depth_notice_names_the_limit() -> None:
    article = extract(page("<div>" * 5_000 + STORY))
    [notice] = article.warnings
    assert notice.code == "depth_cut"
    assert "2,048" in notice.message


@pytest.mark.parametrize("tags", ["<b>", "<table><tr><td>", "<ul><li>", "<span><i>"])
def test_deep_inline_tables_and_lists_keep_their_text(tags: str) -> None:
    article = extract(page(tags * 3_000 + STORY))
    assert has_story(article)
    assert codes(article) == ["depth_cut"]


def test_an_article_after_a_huge_script_is_kept() -> None:
    script = "<script>" + "var a = 1;" * 1_050_000 + "</script>"  # 10.5 MB
    article = extract(page(script + STORY))
    assert has_story(article)
    assert article.warnings == []


def test_an_article_beside_a_huge_text_node_is_kept() -> None:
    article = extract(page("<div>" + "word " * 2_200_000 + "</div>" + STORY))  # 11 MB
    assert all(line in article.body for line in extract(page(STORY)).body)


def test_too_many_html_blocks_are_cut_with_a_notice() -> None:
    paragraphs = "".join(f"<p>Paragraph number {i} of a very long page.</p>" for i in range(75_000))
    article = extract(page(paragraphs))
    [notice] = article.warnings
    assert notice.code == "blocks_cut"
    assert notice.message == (
        "kept the first 50,000 of 75,000 text blocks (raise it with --max-blocks)"
    )
    assert article.body[-1] == "Paragraph number 49999 of a very long page."


def test_too_many_text_blocks_are_cut_with_a_notice() -> None:
    text = "\n\n".join(f"Paragraph number {i} of a very long page." for i in range(75_000))
    article = copydesk.extract(text, source="long.txt", understand=False)
    [notice] = article.warnings
    assert notice.message == (
        "kept the first 50,000 of 75,000 text blocks (raise it with --max-blocks)"
    )
    assert article.body[-1] == "Paragraph number 49999 of a very long page."


def test_a_text_exactly_at_the_block_limit_is_not_cut() -> None:
    limits = copydesk.Limits(max_blocks=3)
    article = copydesk.extract("One line.\n\nTwo lines.\n\nThree.\n\n \n", limits=limits)
    assert article.warnings == []
    article = copydesk.extract("One line.\n\nTwo lines.\n\nThree.\n\nFour.", limits=limits)
    assert codes(article) == ["blocks_cut"]


@pytest.mark.parametrize("count", [60_000, 1_000_000])
def test_an_element_with_too_many_attributes_is_cut(count: int) -> None:
    attributes = " ".join(f"data-a{i}=x" for i in range(count))
    article = extract(page(f"<div {attributes}>hi</div>" + STORY))
    assert has_story(article)
    [notice] = article.warnings
    assert notice.code == "attributes_cut"
    assert notice.message == "kept the first 2,000 attributes of 1 element that had more"


def test_attributes_are_cut_as_html_tokenizes_them() -> None:
    attributes = "".join(f" a{i}=\"x < y\" b{i}='q'/c{i}" for i in range(1_000))
    markup = f"<p>x</p><div{attributes}>kept text</div><p>after</p>".encode()
    cut, elements = bounds.cap_attributes(markup)
    assert elements == 1
    div = re.search(rb"<div[^\n]*?>kept text", cut, re.S)
    assert div is not None
    assert cut.endswith(b">kept text</div><p>after</p>")
    assert cut.count(b"=") == 1_334  # 667 of each valued pair, 2,000 in all with c
    assert cut.startswith(b"<p>x</p><div a0=\"x < y\" b0='q'/c0")


def test_a_long_tag_inside_a_script_is_left_alone() -> None:
    script = "<script>if (a <b " + " ".join(f"c{i}" for i in range(5_000)) + ")</script>"
    markup = page(script + "<p>x</p>").encode()
    assert bounds.cap_attributes(markup) == (markup, 0)


def test_ordinary_attributes_pass_unchanged() -> None:
    attributes = " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES))
    markup = page(f"<div {attributes}>hi</div>" + "x" * 10_000).encode()
    assert bounds.cap_attributes(markup) == (markup, 0)


def test_a_page_of_empty_paragraphs_is_cut_and_says_so() -> None:
    article = extract(page("<p>" * 10_000_000))  # 30 MB, ten million elements
    assert article.page_type == "no_text"
    assert codes(article) == ["markup_cut"]
    assert "500,000" in article.warnings[0].message


def test_a_long_line_without_spaces_ends_in_a_record() -> None:
    assert extract(page("<p>" + "a" * 30_000_000 + "</p>")).page_type == "no_text"
    assert copydesk.extract("a" * 30_000_000, understand=False).page_type == "no_text"


def test_the_worst_pages_stay_under_a_gigabyte() -> None:
    """Peak memory of a fresh process reading each of the heaviest hostile pages."""
    script = textwrap.dedent(
        """
        import resource, copydesk
        pages = [
            "<p>" * 10_000_000,
            "<b>" * 1_000_000,
            "<div " + " ".join(f"a{i}=x" for i in range(1_000_000)) + ">x</div>",
            "<div>" * 100_000 + "<p>story</p>",
        ]
        for markup in pages:
            copydesk.extract(html=markup, understand=False)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert int(done.stdout) < 1024 * 1024  # kilobytes


# -- properties of the markup passes -------------------------------------------------

TOKENS = st.sampled_from(
    ["<div>", "</div>", "<b>", "</b>", "<p>", "</p>", "<br>", "<li>", "</ul>", "<ul>", " t ", "x"]
)


def tag_free(markup: bytes) -> bytes:
    return re.sub(rb"<[^<>]*>", b"", markup)


def nesting(markup: bytes) -> int:
    """The deepest nesting, counted as ``flatten`` counts it."""
    stack = bounds._OpenElements()
    deepest = 0
    for tag in bounds._ANY_TAG.finditer(markup):
        name = tag.group(2).lower()
        if tag.group(1):
            stack.close(name)
        elif name not in bounds._VOID:
            stack.open(name, True)
            deepest = max(deepest, stack.depth)
    return deepest


@settings(max_examples=80, deadline=None)
@given(st.lists(TOKENS, max_size=300), st.integers(min_value=1, max_value=8))
def test_flattening_keeps_the_text_and_bounds_the_depth(tokens: list[str], depth: int) -> None:
    markup = "".join(tokens).encode()
    flat = bounds.flatten(markup, depth)
    assert tag_free(flat) == tag_free(markup)
    assert nesting(flat) <= depth


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="ab> ", max_size=400), st.integers(min_value=1, max_value=20))
def test_long_runs_finds_every_stretch_without_a_close(text: str, length: int) -> None:
    data = text.encode()
    expected, start = [], 0
    for piece in data.split(b">"):
        if len(piece) >= length:
            expected.append((start, start + len(piece)))
        start += len(piece) + 1
    assert list(bounds.long_runs(data, length)) == expected


@settings(max_examples=50, deadline=None)
@given(st.lists(TOKENS | st.sampled_from(["<div a b c>", "<p x='>'>", "<a"]), max_size=200))
def test_any_tag_soup_gives_a_record(tokens: list[str]) -> None:
    assert isinstance(extract(page("".join(tokens))), Article)
