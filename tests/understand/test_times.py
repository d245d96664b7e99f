from __future__ import annotations

import datetime as dt

import pytest

from copydesk.understand.times import find_times

MONDAY = dt.date(2023, 9, 25)


def values(text: str, anchor: dt.date | None = MONDAY) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.value) for f in find_times(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They left late on Sunday.", [("late on Sunday", "2023-09-24")]),
        ("Officials will meet on Friday.", [("on Friday", "2023-09-29")]),
        ("The talks ended last week.", [("last week", "2023-W38")]),
        ("It happened two days ago.", [("two days ago", "2023-09-23")]),
        ("Prices rose next month, they said.", [("next month", "2023-10")]),
        ("The war of the early 1990s ended.", [("the early 1990s", "199")]),
        ("In 2020, a war broke out.", [("In 2020", "2020")]),
        ("A 44-day war.", [("44-day", "P44D")]),
        ("The 24-hour operation.", [("24-hour", "PT24H")]),
        (
            "On Sept. 12, 2023 and on Sept. 14 they met.",
            [("Sept. 12, 2023", "2023-09-12"), ("on Sept. 14", "2023-09-14")],
        ),
        ("Sales in the third quarter rose.", [("the third quarter", "2023-Q3")]),
        ("Prices are rising now.", [("now", "PRESENT_REF")]),
        ("You may 5 times try.", []),
        ("The 6-year-old boy was found.", []),
        ("Thursday night, talks went on.", [("Thursday night", "2023-09-21")]),
        ("They paid $2000 for it.", []),
        (
            "Profit rose from the year-ago quarter.",
            [("the year-ago quarter", "2022-Q2")],
        ),
        (
            "Quarterly profit fell 5% from a year ago.",
            [("a year ago", "2022-Q2")],
        ),
    ],
)
def test_expressions_resolve_against_the_story_date(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert values(text) == expected


def test_without_a_date_relative_expressions_stay_unresolved() -> None:
    assert values("They left on Sunday, in 2020.", None) == [
        ("on Sunday", None),
        ("in 2020", "2020"),
    ]


def test_numbers_that_are_not_years_are_left_alone() -> None:
    assert values("Some 2,020 people and 1990 tonnes.") == []
