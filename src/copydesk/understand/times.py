"""Time expressions, normalised against the story's date (TIMEX3-style values).

News dates events relative to the day it runs: "on Sunday", "last week", "two days ago".
Each expression is found by a pattern and resolved against the anchor (the article's
``published`` day): a weekday to the nearest such day in the direction the sentence's
tense points, "last week" to the ISO week before the anchor's, a decade to its first
three digits ("199"). Without an anchor, relative expressions are kept unresolved rather
than guessed. Durations get ISO 8601 periods ("P44D", "PT24H").
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from typing import NamedTuple

from copydesk.extract.dates import MONTHS
from copydesk.understand.numbers import WORD_NUMBERS, parse_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + ")"
_UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
_UNIT = r"(?:second|minute|hour|day|week|month|year|decade|century|centurie)s?"
_PART = r"(?:(?:late|early|mid|later|earlier)\s+(?:on\s+)?)?"
_FUTURE = re.compile(r"\b(?:will|shall|won't)\b|'ll\b", re.IGNORECASE)
_TENSE_WINDOW = 60
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_REFS = {
    "these days": "PRESENT_REF",
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "the past": "PAST_REF",
    "lately": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}


class Found(NamedTuple):
    """A time expression in a text: span, type and TIMEX3 value (None if unresolved)."""

    start: int
    end: int
    type: str
    value: str | None


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each pattern names the resolver that turns its match into a value; longest first.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        _c(
            rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"
        ),
        "full_date",
    ),
    (
        _c(
            rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"
        ),
        "full_date",
    ),
    (_c(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), "full_date"),
    (
        _c(
            rf"\b{_PART}(?:on\s+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})"
            r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?P<month>"
            + _MONTH
            + r")\.?\s+(?P<day>[0-3]?\d)\b"
        ),
        "month_day",
    ),
    (
        _c(
            rf"\b(?:on\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)"
        ),
        "month_day",
    ),
    (_c(rf"\b(?:in\s+)?(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b"), "month_year"),
    (
        _c(
            r"\b(?:(?:the|this\s+year's|last\s+year's|the\s+latest|its|the\s+(?P<year2>(?:19|20)\d\d))\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest)"
            r"[\s-]quarter\b(?:\s+of\s+(?P<year>(?:19|20)\d\d))?"
        ),
        "quarter",
    ),
    (
        _c(
            rf"\b{_PART}(?:on\s+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
        "weekday",
    ),
    (
        _c(
            r"\b(?:late\s+|early\s+)?(?P<word>today|yesterday|tomorrow|tonight|this\s+morning|"
            r"this\s+afternoon|this\s+evening)\b"
        ),
        "deictic_day",
    ),
    (
        _c(
            r"\b(?:the\s+year[\s-]|year-)(?:ago|earlier)"  # not "a year ago": that is an offset
            r"(?:\s+(?P<period>quarter|period|results))?\b"
        ),
        "year_ago_period",
    ),
    (_c(r"\bthe\s+(?P<unit>quarter|year)\b(?![\s-](?:ago|earlier|before))"), "the_period"),
    (
        _c(
            r"\b(?:earlier\s+|later\s+)?(?P<rel>last|next|this|past|coming)\s+(?P<unit>week|month|year|weekend)\b"
        ),
        "relative_unit",
    ),
    (
        _c(
            rf"\b(?P<num>{_NUM}|a|an)\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|later|from\s+now)\b"
        ),
        "offset",
    ),
    (
        _c(r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d0)'?s\b"),
        "decade",
    ),
    (
        _c(
            rf"\b(?:(?:the\s+)?(?:past|last|next|first|coming)\s+)?(?P<num>{_NUM})[\s-]"
            r"(?:(?:trading|business|straight|consecutive|full|calendar)\s+)?"
            rf"(?P<unit>{_UNIT})(?:[\s-]long|[\s-]old)?\b"
        ),
        "duration",
    ),
    (
        _c(r"\b(?:(?P<rel>last|next|this|past)\s+)?(?P<season>spring|summer|fall|autumn|winter)\b"),
        "season",
    ),
    (
        _c(
            r"\b(?:(?:the\s+)?(?:past|last|recent)\s+)(?P<unit>decade|century|year|quarter|month|week)s?\b"
        ),
        "recent_unit",
    ),
    (
        _c(
            r"\b(?P<word>now|currently|current|at\s+present|nowadays|these\s+days|recently|recent|the\s+past|lately|the\s+future|soon)\b"
            r"(?!\s+(?:\w+\s+)?(?:decades?|centuries|years?|quarters?|months?|weeks?|days?)\b)"
        ),
        "reference",
    ),
    (
        _c(r"\b(?P<word>daily|weekly|monthly|annually|yearly|every\s+(?:day|week|month|year))\b"),
        "set",
    ),
    (
        _c(
            rf"\b(?:in\s+|late\s+|early\s+|mid-|(?P<rel>last|this|next)\s+)?(?P<month>{_MONTH})\b(?!\.?\s+\d)"
        ),
        "month",
    ),
    (
        _c(
            r"(?<![$€£¥])\b(?:(?:in|since|by|until|from|of|during)\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<year>(?:19|20)\d\d)\b(?![.,]\d|\s*(?:%|percent|people|tonnes|dollars|km|miles))"
        ),
        "year",
    ),
    (
        _c(
            r"\b(?:(?:recent|several|many|few|the\s+past|the\s+last)\s+)?(?P<unit>days|weeks|months|years|decades)\b"
        ),
        "vague_duration",
    ),
    (_c(r"\b(?:a|one)\s+(?P<unit>day|week|month|year)\b(?!\s+(?:ago|earlier|later))"), "one_unit"),
)


def find_times(text: str, anchor: dt.date | None) -> list[Found]:
    """Every time expression in ``text``, non-overlapping, in order of appearance."""
    taken: list[Found] = []
    starts: list[int] = []  # of what is taken, which never overlaps: ends sort alike
    ends: list[int] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            after = bisect_right(ends, match.start())  # the first taken ending after it
            if after < len(starts) and starts[after] < match.end():
                continue
            found = _resolve(kind, match, anchor, _sentence_around(text, match.start()))
            if found is not None:
                taken.append(found)
                starts.insert(after, found.start)
                ends.insert(after, found.end)
    return sorted(taken)


def _sentence_around(text: str, index: int) -> str:
    """The clause before the expression: where its tense is set ("will meet on Monday")."""
    # Searched within the window only: a text without a full stop is not read whole
    # again for every expression in it.
    window = max(0, index - _TENSE_WINDOW)
    start = max(text.rfind(". ", window, index), text.rfind("\n", window, index))
    return text[max(start, index - _TENSE_WINDOW) + 1 : index]


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None, sentence: str) -> Found | None:
    resolver = _RESOLVERS[kind]
    try:
        result = resolver(m, anchor, sentence)
    except OverflowError:  # "next week" from 9999-12-31, "999999999 days ago": no date
        result = ("date", None)
    if result is None:
        return None
    type_, value = result
    if type_ == "date" and value is not None and not _on_calendar(value):
        value = None  # kept, unresolved: year 0 or 10000 is no date to compare with
    return Found(m.start(), m.end(), type_, value)


def _on_calendar(value: str) -> bool:
    """Whether a date value's year, if it has one, is a four-digit year 0001-9999 (a
    decade's three digits, "199", and references such as PRESENT_REF pass)."""
    year = _LEADING_YEAR.match(value)
    if year is None:
        return True
    digits = year.group()
    if not digits.isdigit():
        return False  # a year before 1: "-001"
    return (len(digits) == 3 and digits == value) or (len(digits) == 4 and digits != "0000")


_LEADING_YEAR = re.compile(r"-?\d+")


Resolved = tuple[str, str | None] | None


def _full_date(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    day = _date(int(m["year"]), _month(m["month"]), int(m["day"]))
    return ("date", day.isoformat()) if day else None


def _month_day(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if not m["month"][:1].isupper():
        return None  # "may 5" is a verb and a number
    month, day_of_month = _month(m["month"]), int(m["day"])
    if anchor is None:
        return ("date", None)
    candidates = [_date(anchor.year + shift, month, day_of_month) for shift in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    if not valid:
        return None
    # News looks back more often than ahead: a future date must be clearly nearer.
    best = min(valid, key=lambda c: (c - anchor).days * (1.5 if c > anchor else -1))
    return ("date", best.isoformat())


def _month_year(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if not m["month"][:1].isupper():
        return None
    return ("date", f"{int(m['year']):04d}-{_month(m['month']):02d}")


def _weekday(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    target = WEEKDAYS.index(m["weekday"].lower())
    rel = (m.groupdict().get("rel") or "").lower()
    delta = (target - anchor.weekday()) % 7
    forward = rel in ("next", "coming") or (rel != "last" and bool(_FUTURE.search(sentence)))
    if rel == "this":
        day = anchor + dt.timedelta(days=target - anchor.weekday())
    elif delta == 0 and rel not in ("next", "last"):
        day = anchor
    elif forward or (delta == 1 and rel != "last"):  # "Tuesday" said on a Monday: tomorrow
        day = anchor + dt.timedelta(days=delta or 7)
    else:
        day = anchor - dt.timedelta(days=(7 - delta) % 7 or 7)
    # "Thursday night" is dated by its day: a value that sorts and compares as a date
    # (TimeML's "TNI" suffix would not; TempEval's own annotation leaves it off as well)
    return ("date", day.isoformat())


def _deictic_day(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    word = " ".join(m["word"].lower().split())
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    return ("date", (anchor + dt.timedelta(days=shift)).isoformat())


def _recent_unit(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    """ "the past decade", "recent years": a stretch of time back from the story's date."""
    unit = m["unit"].lower()
    if unit == "quarter":
        return ("duration", "P1Q" if not m.group(0).lower().endswith("s") else "PXQ")
    plural = m.group(0).lower().endswith("s")
    code = "10Y" if unit == "decade" and not plural else f"{'X' if plural else '1'}{_UNITS[unit]}"
    return ("duration", f"P{code}")


def _the_period(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    """ "the quarter" and "the year" in business copy: the one just reported on."""
    if anchor is None:
        return ("date", None)
    if m["unit"].lower() == "year":
        return ("date", f"{anchor.year:04d}")
    year, quarter = _reported_quarter(anchor)
    return ("date", f"{year:04d}-Q{quarter}")


def _year_ago_period(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    """ "the year-ago quarter", "year-earlier results": the reported quarter a year back
    in earnings copy, else the year before."""
    if anchor is None:
        return ("date", None)
    if m["period"] or _reports_a_quarter(m):
        year, quarter = _reported_quarter(anchor)
        return ("date", f"{year - 1:04d}-Q{quarter}")
    return ("date", f"{anchor.year - 1:04d}")


def _reported_quarter(anchor: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter closed before ``anchor``: the one earnings
    copy reports on."""
    quarter = (anchor.month - 1) // 3 or 4
    return (anchor.year - 1 if quarter == 4 and anchor.month <= 3 else anchor.year), quarter


def _relative_unit(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
    if unit in ("week", "weekend"):
        year, week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
        return ("date", f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else ""))
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        return ("date", f"{month_index // 12:04d}-{month_index % 12 + 1:02d}")
    return ("date", f"{anchor.year + step:04d}")


def _offset(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    amount = 1 if m["num"].lower() in ("a", "an") else parse_number(m["num"])
    if amount is None or amount != int(amount):
        return None
    sign = 1 if m["dir"].lower() in ("later", "from now") else -1
    n, unit = int(amount) * sign, m["unit"].lower()
    if unit == "year" and _reports_a_quarter(m):  # "up from a year ago" in earnings copy
        year, quarter = _reported_quarter(anchor)
        return ("date", f"{year + n:04d}-Q{quarter}")
    if unit == "day":
        return ("date", (anchor + dt.timedelta(days=n)).isoformat())
    if unit == "week":
        year, week, _ = (anchor + dt.timedelta(weeks=n)).isocalendar()
        return ("date", f"{year:04d}-W{week:02d}")
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + n
        return ("date", f"{month_index // 12:04d}-{month_index % 12 + 1:02d}")
    return ("date", f"{anchor.year + n:04d}")


def _reports_a_quarter(m: re.Match[str]) -> bool:
    """Earnings copy compares a quarter with the same quarter "a year ago"; the quarter
    is named somewhere in the sentences around, not always in the clause itself."""
    around = m.string[max(0, m.start() - _QUARTER_WINDOW) : m.end() + _QUARTER_WINDOW // 3]
    return "quarter" in around.lower()


_QUARTER_WINDOW = 300


def _decade(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    return ("date", m["decade"][:3])


def _duration(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    amount = parse_number(m["num"])
    if amount is None or m.group(0).lower().endswith("old"):
        return None  # "a 6-year-old" is an age, a figure, not a stretch of time
    unit = m["unit"].lower().rstrip("s").replace("centurie", "century")
    code = _UNITS[unit]
    number = f"{amount:g}"
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    return ("duration", f"{prefix}{number}{code}")


def _year(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    return ("date", m["year"])


def _quarter(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    given = m["year"] or m["year2"]
    year = int(given) if given else (anchor.year if anchor else None)
    if year is None:
        return ("date", None)
    text = m.group(0).lower()
    if "last year" in text:
        year -= 1
    ordinal = m["ord"].lower()
    if ordinal == "latest":
        if anchor is None:
            return ("date", None)
        quarter = (anchor.month - 1) // 3 or 4  # the latest complete quarter
        year -= 1 if quarter == 4 and anchor.month <= 3 else 0
    else:
        quarter = _ORDINALS[ordinal]
    return ("date", f"{year:04d}-Q{quarter}")


def _season(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    step = {"last": -1, "past": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return ("date", f"{anchor.year + step:04d}-{_SEASONS[m['season'].lower()]}")


def _reference(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    return ("date", _REFS[" ".join(m["word"].lower().split())])


def _set(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    word = m["word"].lower()
    unit = next(
        u
        for u in ("day", "week", "month", "year")
        if u in word
        or word.startswith(
            {"day": "daily", "week": "weekly", "month": "monthly", "year": "annually"}[u][:4]
        )
    )
    return ("set", f"P1{_UNITS[unit]}")


def _month_only(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    prefixed = m.group(0).lower().startswith(("in ", "late ", "early ", "mid-"))
    verb_like = m["month"].lower() in ("may", "march") and not prefixed
    if not m["rel"] and (not m["month"][:1].isupper() or verb_like):
        return None  # "may" and "march" are verbs unless a preposition says otherwise
    if anchor is None:
        return ("date", None)
    month = _month(m["month"])
    rel = (m["rel"] or "").lower()
    if rel == "this":
        year = anchor.year
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif _FUTURE.search(sentence):  # "will open in March": the next one
        year = anchor.year if month >= anchor.month else anchor.year + 1
    else:  # the nearest such month, ahead or behind
        year = min(
            (anchor.year - 1, anchor.year, anchor.year + 1),
            key=lambda y: abs((y * 12 + month) - (anchor.year * 12 + anchor.month)),
        )
    return ("date", f"{year:04d}-{month:02d}")


def _vague_duration(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    unit = m["unit"].lower().rstrip("s")
    return ("duration", f"PX{_UNITS[unit]}")


def _one_unit(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    return ("duration", f"P1{_UNITS[m['unit'].lower()]}")


_RESOLVERS = {
    "full_date": _full_date,
    "month_day": _month_day,
    "month_year": _month_year,
    "weekday": _weekday,
    "deictic_day": _deictic_day,
    "relative_unit": _relative_unit,
    "offset": _offset,
    "decade": _decade,
    "the_period": _the_period,
    "year_ago_period": _year_ago_period,
    "recent_unit": _recent_unit,
    "duration": _duration,
    "year": _year,
    "quarter": _quarter,
    "season": _season,
    "reference": _reference,
    "set": _set,
    "month": _month_only,
    "vague_duration": _vague_duration,
    "one_unit": _one_unit,
}


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
