"""Calendar dates written in prose or metadata, read as ISO 8601 days.

Pages give dates as "September 25, 2023", "25 Sept. 2023", "Mon 25 Sep 2023" or
"2023-09-25T14:02:00Z", and in other languages "25. September 2023", "25 de septiembre
de 2023", "25 сентября 2023", "2023年9月25日" or "25.09.2023". Only complete dates (day,
month, year) are returned: a date without a year is not evidence of when a story ran.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
# Month names of the other languages news pages are written in, for reading dates only
# (the understand stage is English and keeps to MONTHS: "Mars" there is a planet).
# Abbreviations that are English words ("ago", "set") are left out.
OTHER_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "januar jänner janvier janv enero gennaio janeiro januari января",
            "februar février fevrier févr fevr febrero febbraio fevereiro februari февраля",
            "märz maerz mär mars marzo março marco maart марта",
            "avril avr abril aprile apr апреля",
            "mai mayo maggio maio mei мая",
            "juni juin junio giugno junho июня",
            "juli juillet juil julio luglio julho июля",
            "août aout agosto augustus августа",
            "septembre septiembre setiembre settembre setembro сентября",
            "oktober okt octobre octubre ottobre outubro октября",
            "novembre noviembre novembro ноября",
            "dezember dez décembre decembre déc diciembre dic dicembre dezembro декабря",
        ),
        start=1,
    )
    for name in names.split()
}
_ALL_MONTHS = {**OTHER_MONTHS, **MONTHS}
_MONTH = r"(?P<month>" + "|".join(sorted(_ALL_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"  # "1st", "1er", "12." (German)
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_OF = r"(?:of|de|del)\s+"  # "25th of September", "25 de septiembre de 2023"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:{_OF})?{_MONTH},?\s+(?:{_OF})?{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)/(?P<day>[0-3]\d)(?!\d)"),
    # Chinese and Japanese 2023年9月25日, Korean 2023년 9월 25일
    re.compile(
        r"(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<month>[01]?\d)\s*[月월]\s*(?P<day>[0-3]?\d)"
    ),
    # Day first with dots, as German, Russian and most of Europe write it: 25.09.2023
    re.compile(
        r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?![\d.])"
    ),
)
# Earliest date a news page can plausibly carry; anything before is a placeholder (1970).
EARLIEST = dt.date(1990, 1, 1)
# A date a caller vouches for may be older: archives (a 1989 newswire) are read too; only
# a date found on a page must be later than the placeholder epochs sites print.
EARLIEST_VOUCHED = dt.date(1800, 1, 1)


class DateMatch(NamedTuple):
    """A date found in text: its value and the exact words it came from."""

    value: dt.date
    text: str
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """Every complete, plausible calendar date in ``text``, in order of appearance."""
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None and plausible(value):
                found.append(DateMatch(value, match.group(0), match.start(), match.end()))
    found.sort(key=lambda d: d.start)
    return found


def plausible(value: dt.date, today: dt.date | None = None, *, vouched: bool = False) -> bool:
    """Not a placeholder epoch (for a date the caller vouches for: not before 1800) and
    not in the future (a day of slack for time zones)."""
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return (EARLIEST_VOUCHED if vouched else EARLIEST) <= value <= latest


def parse_iso_day(value: str) -> dt.date | None:
    """The calendar day of an ISO 8601 date or date-time string, or None."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _to_date(match: re.Match[str]) -> dt.date | None:
    month_text = match.group("month").lower().rstrip(".")
    month = _ALL_MONTHS.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
