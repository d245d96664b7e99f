"""Datelines: the ``PLACE, Date (Agency) -`` prefix wire copy opens with.

Forms seen in the wild: ``WASHINGTON (Reuters) -``, ``KYIV, Sept 25 (Reuters) -``,
``LONDON (AP) —``, ``Paris (AFP) -``, ``ATLANTA --``, ``SAN JUAN, Puerto Rico —``.
A place in capitals may stand without an agency; a place in mixed case needs the
agency in brackets, or ordinary sentences ("Biden - who ...") would be misread.
"""

from __future__ import annotations

import re

from copydesk.extraction.dates import MONTHS
from copydesk.record import Dateline

_DASH = r"(?:--|[-–—])"
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_ANY_PLACE = r"[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
_REGION = r"(?:,\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,2})?"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?i:{_MONTH_NAMES})\.?"
_DATE = rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}))?"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z.&'’ \-]{1,40})\)"

_WITH_AGENCY = re.compile(rf"^(?P<place>{_ANY_PLACE}{_REGION}){_DATE}\s*{_AGENCY}\s*{_DASH}\s*")
_CAPS_ONLY = re.compile(rf"^(?P<place>{_CAPS_PLACE}{_REGION}){_DATE}\s*{_DASH}\s+")


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """Return the dateline and the paragraph without it (unchanged when there is none)."""
    match = _WITH_AGENCY.match(paragraph) or _CAPS_ONLY.match(paragraph)
    if match is None or not _place_ok(match.group("place")):
        return None, paragraph
    groups = match.groupdict()
    agency = groups.get("agency")
    dateline = Dateline(
        text=match.group(0).strip(),
        place=match.group("place").strip(),
        agency=agency.strip() if agency else None,
        date=(groups.get("date") or None),
    )
    return dateline, paragraph[match.end() :].lstrip()


def _place_ok(place: str) -> bool:
    words = place.replace(",", " ").split()
    # A place name is short; a long capitalised run is a shouted sentence.
    return 1 <= len(words) <= 6 and words[0].lower() not in {"the", "a", "an", "i"}
