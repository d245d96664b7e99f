"""Figures as news writes them: ranges, fractions, ages, names that hold numbers."""

from __future__ import annotations

import pytest

from copydesk.understand.figures import FigureFound, find_figures
from copydesk.understand.nlp import parse
from copydesk.understand.times import find_times


def figures(sentence: str) -> list[FigureFound]:
    found, _vague = find_figures(parse(sentence), [], find_times(sentence, None))
    return found


def values(sentence: str) -> list[tuple[float | None, float | None, float | None, str | None]]:
    return [(f.value, f.low, f.high, f.unit) for f in figures(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The condos range from $800,000 to $1.3 million.", (None, 800_000, 1_300_000, "USD")),
        (
            "People earning between $48,000 and $90,000 a year.",
            (None, 48_000, 90_000, "USD per year"),
        ),
        ("Fees range from 1 per cent to 1.5 per cent.", (None, 1, 1.5, "percent")),
        ("Let us get from $10 to $15 billion first.", (None, 10e9, 15e9, "USD")),
        ("They used a 5-10W laser for heating.", (None, 5, 10, "watt")),
        ("I work 40 to 50 hours a week.", (None, 40, 50, "hour")),
    ],
)
def test_ranges_become_one_figure_with_bounds(sentence: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert values(sentence)[-1] == expected


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Crude rose to $58.24 per barrel on Friday.", "USD per barrel"),
        ("Petrol averaged roughly $2.11 a gallon.", "USD per gallon"),
        ("The jets reach speeds of up to 400 metres per second.", "metre per second"),
        ("Revenue rose to $7.36 billion from $6.78 billion a year earlier.", "USD"),
        ("About 5 people a day cross the border.", "person"),
    ],
)
def test_a_rate_is_its_unit_per_what(sentence: str, unit: str) -> None:
    assert values(sentence)[-1][3] == unit


def test_a_change_is_two_figures_not_a_range() -> None:
    found = values("His weight dropped from 208 pounds to 193 by the spring.")
    assert [v[0] for v in found] == [208, 193]
    found = values("The deficit increased by $43.6 billion to $419.2 billion.")
    assert [v[0] for v in found] == [43.6e9, 419.2e9]
    found = values("The index gained 0.7 percent to 6,327.80 on Friday.")
    assert [v[0] for v in found] == [0.7, 6327.8]


def test_fractions_need_something_counted() -> None:
    assert values("A third of those screened were obese.")[0][0] == pytest.approx(1 / 3)
    assert values("Nearly two-thirds of the sales came from CDs.")[0][0] == pytest.approx(2 / 3)
    assert values("One fourth of the population is vaccinated.")[0][0] == 0.25
    assert values("She had an X-ray before the Fourth of July weekend.") == []


def test_an_age_after_a_name() -> None:
    found = figures("Maddon, 66, has used the downtime to get in shape.")
    assert [(f.value, f.unit, f.counted) for f in found] == [(66, "year of age", "Maddon")]


def test_numbers_inside_names_are_not_figures() -> None:
    assert values("Apple sells the iPhone 11 Pro in China.") == []
    assert values("The S&P 500 rose 0.2% on Monday.") == [(0.2, None, None, "percent")]
    # a unit after the number makes it a measure again
    assert values("Berkshire's 550 megawatt Topaz farm was cut to junk.")[0][:1] == (550,)


def test_money_glued_to_its_scale_and_units_in_any_case() -> None:
    assert values("The yacht was quoted at USD10m.") == [(10e6, None, None, "USD")]
    assert values("The router runs at 2.4Ghz.") == [(2.4, None, None, "gigahertz")]
    assert values("Temperatures fell to -130 degrees Fahrenheit.")[0][3] == "degree Fahrenheit"
    assert values("It is worth exactly $2000.") == [(2000, None, None, "USD")]


def test_a_range_at_the_start_does_not_look_behind_the_text() -> None:
    from copydesk.understand.number_tokens import range_end

    doc = parse("5 to 10 cars were passed by")
    end = range_end(doc[0])
    assert end is not None and end.i == 2
