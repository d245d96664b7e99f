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


FRIDAY = dt.date(2015, 3, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Obama travels on to Ethiopia on Sunday.", "2015-03-08"),
        ("The vote is due on Monday.", "2015-03-09"),
        ("He is meeting them on Sunday.", "2015-03-08"),
        ("The summit is to be held on Sunday.", "2015-03-08"),
        ("Trading is to resume on Tuesday.", "2015-03-10"),
        ("He said he will meet them on Sunday.", "2015-03-08"),
        ("He will say that they met on Sunday.", "2015-03-01"),
        ("The talks ended on Sunday.", "2015-03-01"),
        ("It had been due to expire on Wednesday.", "2015-03-04"),
    ],
)
def test_a_weekday_is_resolved_in_the_direction_of_its_clause(text: str, expected: str) -> None:
    assert [value for _, value in values(text, FRIDAY)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The guns would not fall silent.", []),
        ("It was the lone success of the Arab Spring.", []),
        ("The fall of Rome was slow.", []),
        ("A fall in prices is likely.", []),
        ("The Summer Olympics open.", []),
        ("They met last fall.", [("last fall", "2014-FA")]),
        ("It opens in the spring.", [("spring", "2015-SP")]),
        ("By fall, the plan was dead.", [("fall", "2015-FA")]),
        ("Sales rose in summer 2014.", [("summer 2014", "2014-SU")]),
        ("It froze during the winter of 2013.", [("winter of 2013", "2013-WI")]),
    ],
)
def test_a_season_needs_temporal_context(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, FRIDAY) == expected


def test_a_month_named_alone_is_the_nearest_the_past_preferred() -> None:
    october = dt.date(1989, 10, 30)
    assert values("He stepped down in March for health reasons.", october) == [
        ("in March", "1989-03")
    ]
    assert values("The deal will close in March.", october) == [("in March", "1990-03")]
