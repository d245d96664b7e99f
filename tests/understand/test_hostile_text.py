"""Understanding hostile text: bounded in its size, never an exception, spans exact.

The costs are checked by their cause (how many tokens a run becomes, how long a
sentence the parser may make), never by the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.record import Article, Span
from copydesk.understand import understand
from copydesk.understand.attribution import attributions
from copydesk.understand.nlp import (
    MAX_CHARS,
    MAX_RUN,
    MAX_SENTENCE,
    RUN_PIECE,
    english,
    longest_sentence,
    parse,
    tokenize,
)
from copydesk.understand.quotes import _Breaks, _Reach
from copydesk.understand.times import find_times

FIXTURES = Path(__file__).parent.parent / "fixtures"
STORY = "The minister said the storm was bad. {} She left on Monday.\n\nIt rained, he said."

SALAD_WORDS = (
    "said says told according to Smith Jones the would he she they who officials "
    "a U.S. official spokesman people 123,456 5 1.2 million Monday next week : ; , . ! ? "
    '( ) — - " “ ” \n \n\n'
).split(" ")
salads = st.lists(st.sampled_from(SALAD_WORDS), min_size=1, max_size=300).map(" ".join)


def spans_of(article: Article) -> list[tuple[Span, str | None]]:
    """Every span the record gives, with the text it says it covers (None: not said)."""
    found: list[tuple[Span, str | None]] = []
    found += [(m.span, m.text) for a in article.actors for m in a.mentions]
    for quote in article.quotes:
        found += [(quote.span, None), (quote.speaker.mention.span, quote.speaker.mention.text)]
        found += [(fragment, None) for fragment in quote.fragments]
    for stance in article.stances:
        found += [(stance.span, stance.text), (stance.holder.mention.span, None)]
    found += [(f.span, f.text) for f in [*article.figures, *article.vague_figures]]
    found += [(t.span, t.text) for t in article.times]
    return found


def assert_spans_exact(article: Article) -> None:
    body = article.body_text
    for span, text in spans_of(article):
        assert 0 <= span.start < span.end <= len(body), span
        if text is not None:
            assert body[span.start : span.end] == text


@pytest.mark.parametrize("mark", ['"', "“", "”", ")", "!", "="])
def test_a_run_of_marks_becomes_few_tokens_and_keeps_its_text(mark: str) -> None:
    text = STORY.format(mark * 5_000)
    doc = tokenize(text)
    assert doc.text == text
    assert len(doc) < 5_000 // RUN_PIECE + 40  # spaCy alone gives a token per mark
    assert max(len(token) for token in doc) <= RUN_PIECE


def test_a_run_of_marks_is_understood_through_the_api() -> None:
    article = copydesk.extract(text=STORY.format('"' * 20_000), understand=True)
    assert article.understood and '"' * 20_000 in article.body_text
    assert_spans_exact(article)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_ordinary_text_gets_spacys_own_tokens(name: str) -> None:
    text = copydesk.extract(text=(FIXTURES / name).read_text(encoding="utf-8")).body_text
    ours, spacys = parse(text), english()(text)
    assert [(t.text, t.whitespace_, t.dep_, t.head.i, t.ent_type_) for t in ours] == [
        (t.text, t.whitespace_, t.dep_, t.head.i, t.ent_type_) for t in spacys
    ]


words = st.text(alphabet='ab." )!“\n', max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, max_size=40), st.integers(min_value=MAX_RUN + 1, max_value=700))
def test_tokens_outside_a_long_run_are_spacys(parts: list[str], run: int) -> None:
    ordinary = " ".join(parts)
    text = f"{ordinary} {'!' * run} {ordinary}"
    doc = tokenize(text)
    assert doc.text == text
    alone = [t.text for t in english().make_doc(ordinary + " ")]
    assert [t.text for t in doc][: len(alone)] == alone


def test_one_huge_sentence_is_cut_for_the_parser() -> None:
    salad = " ".join(["said", "the", "Smith", "would"] * 1_500)
    doc = parse(f"{salad}. And {salad}")
    assert longest_sentence(doc) <= MAX_SENTENCE
    assert all(token.head.sent.start == token.sent.start for token in doc)


def test_a_long_list_of_figures_is_read_whole() -> None:
    listed = ", ".join(['"123,456 people"'] * 2_000)
    article = copydesk.extract(text=STORY.format(listed), understand=True)
    counts = [f for f in article.figures if f.text == "123,456"]
    assert len(counts) == 2_000 and {f.value for f in counts} == {123_456}
    assert_spans_exact(article)


def test_a_word_salad_of_saying_verbs_gives_speakers_with_words() -> None:
    salad = " ".join(["said", "the", "Smith", "would"] * 150)[:600]
    article = understand(Article(source="salad", body=[salad, salad]))
    assert article.understood
    assert all(actor.name.strip() for actor in article.actors)
    assert_spans_exact(article)


@settings(max_examples=60, deadline=None)
@given(st.lists(salads, min_size=1, max_size=3))
def test_word_salads_never_raise_and_every_span_is_exact(paragraphs: list[str]) -> None:
    body = [p for p in paragraphs if p.strip()] or ["said"]
    article = understand(Article(source="salad", body=body))
    assert article.understood
    assert_spans_exact(article)
    assert all(len(a.speaker) for a in attributions(parse(article.body_text)))


def test_a_body_over_the_parse_limit_says_it_was_read_in_part() -> None:
    paragraph = "The minister said the storm was bad on Monday. " * 200
    body = [paragraph] * (MAX_CHARS // len(paragraph) + 2)
    article = understand(Article(source="long", body=body))
    assert [w.code for w in article.warnings] == ["understood_in_part"]
    assert str(MAX_CHARS) in article.warnings[0].message


RELATIVE = (
    "next week, last week, two days ago, a year from now, 3 weeks later, next month, "
    "the year-ago quarter, the quarter, last year, next Monday, on Sunday, tomorrow, "
    "yesterday, May 5, next spring, the latest quarter, 999999 years ago, "
    "999999999999 days from now, next weekend, next January, the 1990s"
)


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_times_resolve_or_stay_unresolved_at_the_calendars_ends(anchor: dt.date) -> None:
    for found in find_times(RELATIVE, anchor):
        if found.type == "date" and found.value is not None and found.value[:1].isdigit():
            assert re.match(r"(\d{4}|\d{3}$)", found.value), found
            assert not found.value.startswith("0000")


@pytest.mark.parametrize("anchor", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_next_week_from_the_last_day_is_kept_unresolved(anchor: dt.date) -> None:
    found = {RELATIVE[f.start : f.end]: f for f in find_times(RELATIVE, anchor)}
    edge = found["next week"] if anchor.year == 9999 else found["last week"]
    assert (edge.type, edge.value) == ("date", None)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="\na ", max_size=30), st.integers(0, 32), st.integers(0, 32))
def test_paragraph_breaks_are_found_as_str_find_finds_them(text: str, a: int, b: int) -> None:
    breaks = _Breaks(text)
    assert breaks.last_before(a) == text.rfind("\n\n", 0, a)
    assert breaks.first_from(a) == text.find("\n\n", a)
    assert breaks.within(a, b) == ("\n\n" in text[a:b])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 100), min_size=1, max_size=30), st.data())
def test_the_reach_of_quotes_is_the_furthest_end_so_far(
    ends: list[int], data: st.DataObject
) -> None:
    reach, known = _Reach(ends), list(ends)
    for _ in range(10):
        index = data.draw(st.integers(0, len(known) - 1))
        known[index] = max(known[index], data.draw(st.integers(0, 200)))
        reach.extend(index, known[index])
        asked = data.draw(st.integers(0, len(known) - 1))
        assert reach.furthest(asked) == max(known[: asked + 1])
