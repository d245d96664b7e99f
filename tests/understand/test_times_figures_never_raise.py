"""The time and figure finders never raise, whatever the text: a page's references in
ISO form ("Retrieved 2015-02-06"), CJK dates ("2015年02月06日"), impossible days, and the
letters that case-insensitive patterns read as ASCII ("ſ", the Kelvin sign "K")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.understand.actors import find_actors
from copydesk.understand.attribution_fr import attributions_fr
from copydesk.understand.figures import find_figures
from copydesk.understand.figures_fr import find_figures_fr
from copydesk.understand.nlp import parse
from copydesk.understand.quotes import find_quotes
from copydesk.understand.times import find_times
from copydesk.understand.times_fr import find_times_fr

ANCHOR = dt.date(2015, 3, 6)

PIECES = (
    "2015-02-06 2015-06-31 2015-13-45 1999-00-00 2015年02月06日 2015年2月6日 2015年13月40日 "
    "02 06 31 年 月 日 号 Retrieved on Sunday next week last spring the Arab Spring fall "
    "Feb. March 3 12/03/2015 3.5 million $5bn 10 rare whales thousands of 51 km 7% "
    "twenty-four half a third of ſeconds thouſands İn ı \u212aM \u212ailometres , . : ; - – "
    "( ) \n \n\n 〇 ２０１５年０２月０６日 ١٩٩٠"
).split(" ")


def texts_of(pieces: list[str]) -> st.SearchStrategy[str]:
    """Any short text, or the pieces joined with spaces or without."""
    joined = st.lists(st.sampled_from(pieces), min_size=1, max_size=30)
    return st.one_of(st.text(max_size=80), joined.map(" ".join), joined.map("".join))


texts = texts_of(PIECES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Retrieved 2015-02-06.", [("2015-02-06", "2015-02-06")]),
        ("发布时间：2015年02月06日 10:00", [("2015年02月06日", "2015-02-06")]),
        ("2015年2月6日", [("2015年2月6日", "2015-02-06")]),
    ],
)
def test_dates_with_the_month_as_a_number_resolve(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = find_times(text, ANCHOR)
    assert [(text[f.start : f.end], f.value) for f in found] == expected


def test_an_impossible_iso_day_is_no_day() -> None:
    assert all(f.value != "2015-06-31" for f in find_times("Updated 2015-06-31.", ANCHOR))


@settings(max_examples=300, deadline=None)
@given(texts, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_find_times_never_raises_and_spans_lie_in_the_text(
    text: str, anchor: dt.date | None
) -> None:
    found = find_times(text, anchor)
    assert all(0 <= f.start < f.end <= len(text) for f in found)


@settings(max_examples=60, deadline=None)
@given(texts)
def test_find_figures_never_raises(text: str) -> None:
    doc = parse(text)
    figures, vague = find_figures(doc, [], find_times(text, ANCHOR))
    assert all(0 <= f.start < f.end <= len(text) for f in [*figures, *vague])


def test_a_page_with_iso_and_cjk_dates_is_understood_through_the_api() -> None:
    text = (
        "Archive\n\nThe museum opened on 2015-02-06, a report said. 开馆于2015年02月06日。"
        "It was updated 2015-06-31 and has 3,000 visitors a day."
    )
    article = copydesk.extract(text=text, published="2015-03-06")
    assert article.understood
    assert "2015-02-06" in [t.value for t in article.times]


FRENCH_PIECES = (
    "« » , a déclaré a-t-il ajouté selon d'après Selon D'après qu' que : estime-t-elle il elle "
    "Jean de Lattre Karin dit affirmé -il -t "
    "lundi prochain dernier dernière il y a dans deux semaines mois ans l'an l’an cette "
    "année 1er 31 février 2024 12/03/2024 30/02/2024 3 000 1,5 million milliards d'euros "
    "€ $ % pour cent plus d' des dizaines de milliers personnes habitants hier demain "
    "aujourd’hui avant-hier les années 90 l'été printemps 999999999 jours , . \n\n"
).split(" ")
french_texts = texts_of(FRENCH_PIECES)


@settings(max_examples=150, deadline=None)
@given(french_texts, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_french_readers_never_raise(text: str, anchor: dt.date | None) -> None:
    times = find_times_fr(text, anchor)
    assert all(0 <= t.start < t.end <= len(text) for t in times)
    doc = parse(text, language="fr")
    attributions = attributions_fr(doc)
    actors = find_actors(doc, attributions)
    quotes = find_quotes(attributions, actors)
    assert all(0 <= q.start < q.end <= len(text) for q in quotes)
    figures, vague = find_figures_fr(doc, attributions, times, actors)
    assert all(0 <= f.start < f.end <= len(text) for f in [*figures, *vague])
