"""A figure's unit is a unit or what it counts: never an adjective read by Pint as a
prefixed unit, a noun hung on the number across a clause, a name in a table, or a word
of a place's name."""

from __future__ import annotations

import pytest

from copydesk.understand.figures import FigureFound, find_figures
from copydesk.understand.nlp import parse
from copydesk.understand.times import find_times
from copydesk.understand.units import unit_name


def found(sentence: str) -> tuple[list[FigureFound], list[FigureFound]]:
    return find_figures(parse(sentence), [], find_times(sentence, None))


def units(sentence: str) -> list[tuple[str, str | None]]:
    figures, vague = found(sentence)
    return [(sentence[f.start : f.end], f.unit) for f in [*figures, *vague]]


@pytest.mark.parametrize("word", ["rare", "finches", "mud", "mug", "camp", "kin", "mat", "units"])
def test_words_pint_reads_with_a_prefix_name_no_unit(word: str) -> None:
    assert unit_name(word) in (None, "unit")


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("kW", "kilowatt"),
        ("mAh", "milliampere hour"),
        ("GWh", "gigawatt hour"),
        ("MPa", "megapascal"),
        ("kilometres", "kilometre"),
        ("mSv", "millisievert"),
        ("megatons", "megaton"),
        ("tonnes", "tonne"),
        ("kilos", "kilogram"),
        ("F", "farad"),
        ("decibels", "decibel"),
    ],
)
def test_units_news_writes_are_still_units(word: str, unit: str) -> None:
    assert unit_name(word) == unit


def test_an_adjective_before_the_counted_noun_is_no_unit() -> None:
    assert units("Rescuers freed 10 rare pygmy whales stranded on the beach.") == [("10", "whale")]


def test_a_noun_across_a_clause_is_not_what_a_number_counts() -> None:
    text = "10 whales on the beach, 51 stranded and dead on the islands, a spate of cases."
    assert ("51", None) in units(text)


def test_names_in_a_table_are_not_units() -> None:
    assert [u for _, u in units("Top contributors: 7 dario, 5 john")] == [None, None]


def test_a_singular_noun_that_modifies_the_counted_one_still_counts() -> None:
    assert units("They bought a 5 bedroom house and hired 200 staff.") == [
        ("5", "bedroom"),
        ("200", "person"),
    ]


def test_the_first_half_of_a_hyphenated_adjective_is_not_the_counted_noun() -> None:
    _, vague = found("Its beaches drew thousands of bikini-clad tourists.")
    assert [(v.unit, v.counted) for v in vague] == [("person", "tourists")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The whales beached on Ninety Mile Beach in the far north.",
        "He walked along Ninety Mile beach, he said.",
        'The film "Three Billboards" was shown in the town.',
    ],
)
def test_a_number_word_of_a_name_is_no_figure(sentence: str) -> None:
    assert units(sentence) == []


def test_a_title_case_headline_keeps_its_numbers() -> None:
    assert units("Police Say Three Men Arrested After Brawl In Town Centre") == [
        ("Three", "person")
    ]
