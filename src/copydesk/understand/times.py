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

from copydesk.extraction.dates import MONTHS
from copydesk.understand.numbers import WORD_NUMBERS, ascii_twins, parse_number

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
_TENSE_WINDOW = 60
# The words that set a clause's tense, read backwards from a time expression: the nearest
# says where "on Sunday" lies. The future is said with a modal or a plan ("will", "is due
# to", "is set to") and, in news, with the present of a schedule ("travels on to Ethiopia
# on Sunday", "is meeting them on Friday"); the past with its auxiliaries and verb forms.
_FUTURE_WORDS = frozenset(
    """will shall 'll won't wo going due set expected scheduled slated planned plans plan
    upcoming""".split()
)
_SCHEDULE_VERBS = frozenset(
    """travels meets visits arrives leaves departs begins starts opens resumes returns heads
    flies plays faces hosts holds launches closes goes moves wraps concludes continues
    addresses attends tours kicks""".split()
)
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "'re"})
_PAST_WORDS = frozenset(
    """was were had did said told met went came took made left held gave began saw won lost
    fell rose ran got found flew spoke wrote sent spent struck thought brought bought sold
    paid led kept put hit cut shot stood sat broke chose drove ate drew grew knew threw
    wore beat became felt heard meant read ago earlier""".split()
)
_NEAR_WORDS = 4  # "is meeting them on Friday"; not "is continuing to try … under a June …"
_PAST_PLAN = frozenset({"was", "were", "had", "been"})
_CLAUSE_WORD = re.compile(r"[A-Za-z']+")
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
    (_c(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"), "numeric_date"),
    # "2015年02月06日": digits around 年/月/日 (no \b: a CJK letter before is a word char)
    (
        _c(
            r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"
        ),
        "numeric_date",
    ),
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
        _c(
            r"\b(?:(?P<rel>last|next|this|past)\s+)?(?P<season>spring|summer|fall|autumn|winter)\b"
            r"(?:,?\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?"
        ),
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
    text = ascii_twins(text)  # "ſeconds" matches as "seconds" and must look up as it
    taken = Taken()
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            if taken.free(match.start(), match.end()):
                sentence = _sentence_around(text, match.start())
                taken.add(_resolve(kind, match, anchor, sentence))
    return taken.in_order()


class Taken:
    """The expressions taken so far, which never overlap (so their ends sort as their
    starts do): whether a new match overlaps one is a bisection, patterns running
    longest first (shared by every language's finder)."""

    def __init__(self) -> None:
        self._found: list[Found] = []
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        after = bisect_right(self._ends, start)  # the first taken ending after ``start``
        return not (after < len(self._starts) and self._starts[after] < end)

    def add(self, found: Found | None) -> None:
        if found is None:
            return
        after = bisect_right(self._ends, found.start)
        self._found.append(found)
        self._starts.insert(after, found.start)
        self._ends.insert(after, found.end)

    def in_order(self) -> list[Found]:
        return sorted(self._found)


def _sentence_around(text: str, index: int) -> str:
    """The clause before the expression: where its tense is set ("will meet on Monday")."""
    # Searched within the window only: a text without a full stop is not read whole
    # again for every expression in it.
    window = max(0, index - _TENSE_WINDOW)
    start = max(text.rfind(". ", window, index), text.rfind("\n", window, index))
    return text[max(start, index - _TENSE_WINDOW) + 1 : index]


def _tense(clause: str) -> str | None:
    """ "future" or "past" by the nearest word before the expression that sets a tense,
    or None when none does (the caller's default then holds)."""
    words = _CLAUSE_WORD.findall(clause.lower().replace("’", "'"))
    for at in range(len(words) - 1, -1, -1):
        word, before = words[at], words[max(0, at - 2) : at]
        if word in _FUTURE_WORDS:
            # "had been due to expire Friday": a plan of the past
            return "past" if any(w in _PAST_PLAN for w in before) else "future"
        if word in _SCHEDULE_VERBS:
            return "future"
        present = bool(before[-1:]) and before[-1] in _PRESENT_AUX
        near = len(words) - at <= _NEAR_WORDS
        if present and (word == "to" or (word.endswith("ing") and near)):
            return "future"  # "is to resume trading Tuesday", "is meeting them on Friday"
        if word in _PAST_WORDS or (word.endswith("ed") and len(word) > 4):
            # "when the case is heard in May", "to be held on Sunday": passives ahead
            return "future" if present or before[-1:] == ["be"] else "past"
    return None


def _resolve(kind: str, m: re.Match[str], anchor: dt.date | None, sentence: str) -> Found | None:
    resolver = _RESOLVERS[kind]
    try:
        result = resolver(m, anchor, sentence)
    except OverflowError:  # "next week" from 9999-12-31, "999999999 days ago": no date
        result = ("date", None)
    if result is None:
        return None
    type_, value = result
    if type_ == "date" and value is not None and not on_calendar(value):
        value = None  # kept, unresolved: year 0 or 10000 is no date to compare with
    return Found(m.start(), m.end(), type_, value)


def on_calendar(value: str) -> bool:
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
    day = valid_date(int(m["year"]), _month(m["month"]), int(m["day"]))
    return ("date", day.isoformat()) if day else None


def _numeric_date(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    """ "2015-02-06", "2015年2月6日": the month is a number, not a name; "2015-06-31" is
    no day and no expression."""
    day = valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return ("date", day.isoformat()) if day else None


def _month_day(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if not m["month"][:1].isupper():
        return None  # "may 5" is a verb and a number
    if anchor is None:
        return ("date", None)
    best = nearest_day(anchor, _month(m["month"]), int(m["day"]))
    return ("date", best.isoformat()) if best else None


def nearest_day(anchor: dt.date, month: int, day_of_month: int) -> dt.date | None:
    """The day of a month and day named without a year nearest the story's day, the past
    preferred: news looks back more often than ahead, so a future one must be clearly
    nearer. None when no year has that day."""
    candidates = [valid_date(anchor.year + shift, month, day_of_month) for shift in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    if not valid:
        return None
    return min(valid, key=lambda c: (c - anchor).days * (_AHEAD_COST if c > anchor else -1))


def _month_year(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if not m["month"][:1].isupper():
        return None
    return ("date", f"{int(m['year']):04d}-{_month(m['month']):02d}")


def _weekday(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    target = WEEKDAYS.index(m["weekday"].lower())
    rel = (m.groupdict().get("rel") or "").lower()
    future = _tense(sentence) == "future"
    # "Thursday night" is dated by its day: a value that sorts and compares as a date
    # (TimeML's "TNI" suffix would not; TempEval's own annotation leaves it off as well)
    return ("date", weekday_date(anchor, target, rel, future).isoformat())


def weekday_date(anchor: dt.date, target: int, rel: str, future: bool) -> dt.date:
    """The day a weekday (0 is Monday) names from the story's day: ``rel`` is "next",
    "coming", "last", "this" or ""; ``future`` whether the clause's tense points ahead."""
    delta = (target - anchor.weekday()) % 7
    forward = rel in ("next", "coming") or (rel != "last" and future)
    if rel == "this":
        return anchor + dt.timedelta(days=target - anchor.weekday())
    if delta == 0 and rel not in ("next", "last"):
        return anchor
    if forward or (delta == 1 and rel != "last"):  # "Tuesday" said on a Monday: tomorrow
        return anchor + dt.timedelta(days=delta or 7)
    return anchor - dt.timedelta(days=(7 - delta) % 7 or 7)


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
    return ("date", shifted(anchor, unit, step))


def shifted(anchor: dt.date, unit: str, step: int) -> str:
    """The week ("2024-W11"), weekend, month or year ``step`` of them from the story's."""
    if unit in ("week", "weekend"):
        year, week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "day":
        return (anchor + dt.timedelta(days=step)).isoformat()
    if unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return f"{anchor.year + step:04d}"


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
    return ("date", shifted(anchor, unit, n))


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
    if not m["rel"] and not m["year"] and not _season_in_time(m):
        return None
    season = _SEASONS[m["season"].lower()]
    if m["year"]:
        return ("date", f"{m['year']}-{season}")  # "summer 2014", "the winter of 2013"
    if anchor is None:
        return ("date", None)
    step = {"last": -1, "past": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return ("date", f"{anchor.year + step:04d}-{season}")


_SEASON_LEADS = frozenset(
    """in the this that last next past early late mid during by until till since of for
    each every over through throughout from before after""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z']+)[\s-]*$")
_YEAR_AFTER = re.compile(r"[\s,]*(?:of\s+)?(?:19|20)\d\d\b")
_NOT_SEASON_AFTER = re.compile(r"\s+(?:in|of|from|to|by|on|is|was|would|could|will)\b", re.I)


def _season_in_time(m: re.Match[str]) -> bool:
    """A season word is a time only in temporal context: after a preposition or a
    determiner of time ("in spring", "this autumn", "by fall") or before a year ("summer
    2019"). "would not fall silent" is a verb and "the Arab Spring" a name; "the fall
    of Rome" and "a fall in prices" are no season either."""
    text, start, end = m.string, m.start(), m.end()
    year_after = bool(_YEAR_AFTER.match(text, end))
    before = _WORD_BEFORE.search(text[max(0, start - 24) : start])
    word_before = before[1] if before else ""
    if word_before[:1].isupper() and word_before.lower() not in _SEASON_LEADS:
        return False  # "Arab Spring", "Prague Spring": a name
    following = text[end : end + 2]
    if following[:1] == " " and following[1:].isupper():
        return False  # "Summer Olympics", "Spring Festival"
    if m["season"].lower() == "fall" and not year_after and _NOT_SEASON_AFTER.match(text, end):
        return False  # "the fall of Rome", "a fall in prices"
    return year_after or word_before.lower() in _SEASON_LEADS


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
    else:
        year = year_of_month(month, anchor, _tense(sentence))
    return ("date", f"{year:04d}-{month:02d}")


def year_of_month(month: int, anchor: dt.date, tense: str | None) -> int:
    """The year of a month named alone: "will open in March" is the next March; else the
    nearest March, the past preferred ("began in March", said in October, is this year's)."""
    if tense == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    # the nearest such month; news looks back more often than ahead, as with dates
    return min(
        (anchor.year - 1, anchor.year, anchor.year + 1),
        key=lambda y: (
            _AHEAD_COST * (y * 12 + month - anchor.year * 12 - anchor.month)
            if y * 12 + month > anchor.year * 12 + anchor.month
            else anchor.year * 12 + anchor.month - y * 12 - month
        ),
    )


_AHEAD_COST = 1.5


def _vague_duration(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    unit = m["unit"].lower().rstrip("s")
    return ("duration", f"PX{_UNITS[unit]}")


def _one_unit(m: re.Match[str], anchor: dt.date | None, sentence: str) -> Resolved:
    return ("duration", f"P1{_UNITS[m['unit'].lower()]}")


_RESOLVERS = {
    "full_date": _full_date,
    "numeric_date": _numeric_date,
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


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
