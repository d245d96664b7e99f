"""Calendar dates written in prose or metadata, read as ISO 8601 days.

Pages give dates as "September 25, 2023", "25 Sept. 2023", "Mon 25 Sep 2023" or
"2023-09-25T14:02:00Z". Only complete dates (day, month, year) are returned: a date
without a year is not evidence of when a story ran.
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
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)/(?P<day>[0-3]\d)(?!\d)"),
)
# Earliest date a news page can plausibly carry; anything before is a placeholder (1970).
EARLIEST = dt.date(1990, 1, 1)


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


def plausible(value: dt.date, today: dt.date | None = None) -> bool:
    """Not a placeholder epoch and not in the future (a day of slack for time zones)."""
    latest = (today or dt.date.today()) + dt.timedelta(days=1)
    return EARLIEST <= value <= latest


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
    month = MONTHS.get(month_text) or (int(month_text) if month_text.isdigit() else 0)
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
