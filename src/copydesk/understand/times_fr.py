"""French time expressions, normalised against the story's date as the English ones are.

"lundi", "jeudi prochain", "mardi dernier", "il y a deux semaines", "dans trois jours",
"la semaine dernière", "l'an prochain", "le 3 mars", "12 mars 2024", "en juin",
"hier", "depuis trois ans": each pattern names how its match resolves, and the day
arithmetic is ``times``' own (a weekday's direction, the nearest such day, ISO weeks),
so a French story and an English one of the same day give the same values.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from copydesk.understand.times import (
    Found,
    Taken,
    nearest_day,
    on_calendar,
    shifted,
    valid_date,
    weekday_date,
    year_of_month,
)

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "cent": 100,
}
_UNITS = {
    "seconde": ("S", "PT"),
    "minute": ("M", "PT"),
    "heure": ("H", "PT"),
    "jour": ("D", "P"),
    "semaine": ("W", "P"),
    "mois": ("M", "P"),
    "an": ("Y", "P"),
    "année": ("Y", "P"),
    "décennie": ("DE", "P"),
    "siècle": ("CE", "P"),
}
_SEASONS = {"printemps": "SP", "été": "SU", "automne": "FA", "hiver": "WI"}
_DEICTIC = {
    "avant-hier": -2,
    "hier": -1,
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "ce matin": 0,
    "cet après-midi": 0,
    "ce soir": 0,
    "cette nuit": 0,
    "demain": 1,
    "après-demain": 2,
}
_BACK = {"dernier", "dernière", "passé", "passée", "précédent", "précédente"}
_AHEAD = {"prochain", "prochaine", "suivant", "suivante"}
# A clause points ahead with the future ("se rendra", "aura lieu"), "va" or "doit" with
# an infinitive, or a plan ("prévu", "programmé"); the nearest such word wins.
_FUTURE = re.compile(
    r"\b(?:\w+(?:ra|ront|rons|rez|ras)|va|vont|doit|doivent|devra|devront|prévue?s?"
    r"|programmée?s?|attendue?s?)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|est|sont|était|étaient)\s+(?:\w+\s+)?\w+(?:é|ée|és|ées|i|is|it|u|us)\b"
    r"|\b\w+(?:ait|aient)\b",
    re.IGNORECASE,
)
_TENSE_WINDOW = 80

_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMBER = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans|années?|décennies?|siècles?|an)"
_DAY = r"(?P<day>1er|[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART_OF_DAY = r"(?:\s+(?:matin|midi|après-midi|soir|soirée))?"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


Resolved = tuple[str, str | None] | None
Resolver = Callable[[re.Match[str], dt.date | None, str], Resolved]


def find_times_fr(text: str, anchor: dt.date | None) -> list[Found]:
    """Every French time expression in ``text``, non-overlapping, in text order."""
    taken = Taken()
    for pattern, resolver in _PATTERNS:
        for match in pattern.finditer(text):
            if not taken.free(match.start(), match.end()):
                continue
            window = text[max(0, match.start() - _TENSE_WINDOW) : match.start()]
            result = _resolved(resolver, match, anchor, window)
            if result is not None:
                taken.add(Found(match.start(), match.end(), *result))
    return taken.in_order()


def _resolved(
    resolver: Resolver, m: re.Match[str], anchor: dt.date | None, before: str
) -> Resolved:
    try:
        result = resolver(m, anchor, before)
    except OverflowError:  # "dans 999999 jours": no date on the calendar
        return ("date", None)
    if result is not None and result[0] == "date" and result[1] and not on_calendar(result[1]):
        return ("date", None)  # "l'an dernier" in year 1: kept, unresolved
    return result


def _future(before: str) -> bool:
    """Whether the clause before the expression points ahead: its nearest tense word."""
    clause = re.split(r"[.!?;]\s", before)[-1]
    future = [m.end() for m in _FUTURE.finditer(clause)]
    past = [m.end() for m in _PAST.finditer(clause)]
    return bool(future) and (not past or max(future) > max(past))


def _number(text: str) -> int | None:
    lower = text.lower()
    return int(lower) if lower.isdigit() else NUMBER_WORDS.get(lower)


def _day_number(text: str) -> int:
    return 1 if text.lower() == "1er" else int(text)


def _full_date(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    day = valid_date(int(m["year"]), MONTHS[m["month"].lower()], _day_number(m["day"]))
    return ("date", day.isoformat()) if day else None


def _numeric_date(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    """ "12/03/2024": day first, as French writes it."""
    day = valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
    return ("date", day.isoformat()) if day else None


def _day_month(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    day = nearest_day(anchor, MONTHS[m["month"].lower()], _day_number(m["day"]))
    return ("date", day.isoformat()) if day else None


def _month_year(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    return ("date", f"{int(m['year']):04d}-{MONTHS[m['month'].lower()]:02d}")


def _weekday(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    rel = _rel(m["rel"], m["this"])
    target = WEEKDAYS.index(m["weekday"].lower())
    return ("date", weekday_date(anchor, target, rel, _future(before)).isoformat())


def _rel(word: str | None, this: str | None) -> str:
    if this:
        return "this"
    lower = (word or "").lower()
    return "next" if lower in _AHEAD else "last" if lower in _BACK else ""


def _deictic(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    if anchor is None:
        return ("date", None)
    shift = _DEICTIC[" ".join(m["word"].lower().split())]
    return ("date", (anchor + dt.timedelta(days=shift)).isoformat())


def _relative_unit(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    """ "la semaine dernière", "le mois prochain", "l'an dernier", "cette année"."""
    if anchor is None:
        return ("date", None)
    unit = _UNIT_NAMES[m["unit"].lower().replace("’", "'")]
    step = {"next": 1, "last": -1}.get(_rel(m.groupdict().get("rel"), None), 0)
    return ("date", shifted(anchor, unit, step))


_UNIT_NAMES = {
    "semaine": "week",
    "week-end": "weekend",
    "mois": "month",
    "an": "year",
    "année": "year",
}


def _offset(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    """ "il y a deux semaines" back from the story's day; "dans trois jours" ahead."""
    if anchor is None:
        return ("date", None)
    amount = _number(m["num"])
    if amount is None:
        return None
    unit = _unit(m["unit"])
    if unit not in _OFFSET_UNITS:
        return None
    sign = -1 if m["dir"].lower().startswith("il") else 1
    return ("date", shifted(anchor, _OFFSET_UNITS[unit], sign * amount))


_OFFSET_UNITS = {"jour": "day", "semaine": "week", "mois": "month", "an": "year", "année": "year"}


def _unit(text: str) -> str:
    lower = text.lower()
    if lower in ("mois", "ans"):
        return lower.rstrip("s") if lower == "ans" else lower
    return lower[:-1] if lower.endswith("s") else lower


def _duration(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    amount = _number(m["num"])
    if amount is None:
        return None
    code, prefix = _UNITS[_unit(m["unit"])]
    return ("duration", f"{prefix}{amount}{code}")


def _year(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    return ("date", m["year"])


def _month(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    """ "en juin", "fin mars", "juin dernier": a month named with no day."""
    if anchor is None:
        return ("date", None)
    month = MONTHS[m["month"].lower()]
    rel = _rel(m["rel"], None)
    if rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    else:
        year = year_of_month(month, anchor, "future" if _future(before) else None)
    return ("date", f"{year:04d}-{month:02d}")


def _decade(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    """ "les années 1990", "les années 90"."""
    digits = m["decade"]
    return ("date", digits[:3] if len(digits) == 4 else f"19{digits[0]}")


def _season(m: re.Match[str], anchor: dt.date | None, before: str) -> Resolved:
    season = _SEASONS[m["season"].lower()]
    if m["year"]:
        return ("date", f"{m['year']}-{season}")
    if anchor is None:
        return ("date", None)
    step = {"next": 1, "last": -1}.get(_rel(m["rel"], None), 0)
    return ("date", f"{anchor.year + step:04d}-{season}")


_REL = r"(?:\s+(?P<rel>prochaine?|dernière|dernier|passée?|précédente?|suivante?))"

# Longest first: a full date before its day and month, an offset before its duration.
_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = (
    (_c(rf"\b(?:(?:{_WEEKDAY})\s+)?{_DAY}\s+(?P<month>{_MONTH})\s+{_YEAR}\b"), _full_date),
    (
        re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"),
        _numeric_date,
    ),
    (
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        _numeric_date,
    ),
    (_c(rf"\b(?:(?:{_WEEKDAY})\s+)?{_DAY}\s+(?P<month>{_MONTH})\b"), _day_month),
    (_c(rf"\b(?:en\s+)?(?P<month>{_MONTH})\s+{_YEAR}\b"), _month_year),
    (
        _c(rf"\b(?P<dir>il\s+y\s+a|dans)\s+(?P<num>{_NUMBER})\s+(?P<unit>{_UNIT})\b"),
        _offset,
    ),
    (_c(r"\b(?:la|le|l['’])\s*(?P<unit>semaine|week-end|mois|année|an)" + _REL), _relative_unit),
    (_c(r"\b(?:cette|ce|cet)\s+(?P<unit>semaine|week-end|mois|année)(?:-ci)?\b"), _relative_unit),
    (
        _c(rf"\b(?P<this>ce\s+)?(?P<weekday>{_WEEKDAY}){_PART_OF_DAY}{_REL}?\b"),
        _weekday,
    ),
    (
        _c(
            r"(?<![\w-])(?P<word>avant-hier|après-demain|aujourd['’]hui|hier|demain|ce\s+matin"
            r"|cet\s+après-midi|ce\s+soir|cette\s+nuit)(?![\w-])"
        ),
        _deictic,
    ),
    (_c(r"\bles\s+années\s+(?P<decade>(?:19|20)\d0|[1-9]0)\b"), _decade),
    (
        _c(
            r"\b(?:(?:au|en|cet|cette|l['’])\s*)(?P<season>printemps|été|automne|hiver)"
            rf"(?:{_REL}|\s+{_YEAR})?\b"
        ),
        _season,
    ),
    (_c(rf"\b(?P<num>{_NUMBER})\s+(?P<unit>{_UNIT})\b"), _duration),
    (
        _c(
            r"\b(?:en|début|fin|mi-|courant|depuis|d['’]ici)\s*"
            rf"(?P<month>{_MONTH})(?!\s+\d){_REL}?\b"
        ),
        _month,
    ),
    (_c(rf"\b(?P<month>{_MONTH}){_REL}\b"), _month),
    (
        re.compile(
            r"(?<![\d,.€$£])\b(?P<year>(?:19|20)\d\d)\b(?![,.]\d|\s*(?:%|€|euros|habitants))"
        ),
        _year,
    ),
)
