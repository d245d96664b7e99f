"""Photo captions, recognised by the credit they end with.

A caption in scraped text is a sentence like any other; what gives it away is its
credit: ``REUTERS/Irakli Gedenidze``, ``(AP Photo/Evan Vucci, File)``,
``Photo: Jane Doe/Getty Images``, ``AFP via Getty Images``. The credit also names the
photographer and the agency, which the record keeps.
"""

from __future__ import annotations

import re

from copydesk.extraction.dates import find_dates
from copydesk.extraction.names import agency_name, clean_name
from copydesk.record import Caption

_NAME = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}"
_CREDITS = (
    # REUTERS/Jane Doe, REUTERS/Jane Doe/File Photo
    re.compile(
        rf"(?P<credit>(?P<agency>REUTERS|Reuters)\s*/\s*(?P<photographer>{_NAME})"
        r"(?:\s*/\s*(?:File(?:\s+Photo)?|Pool|Handout)(?:\s+Photo)?)*)\s*$"
    ),
    # (AP Photo/Jane Doe, File)
    re.compile(
        r"\(?(?P<credit>(?P<agency>AP|AFP|EPA(?:-EFE)?|Xinhua|Anadolu|Kyodo|Yonhap|CP)"
        rf"\s+Photo\s*/\s*(?P<photographer>{_NAME})(?:,\s*File)?)\)?\s*$"
    ),
    # Photo: Jane Doe/Getty Images   (Photo by Jane Doe/AFP via Getty Images)
    re.compile(
        r"[(\[]?(?:Photo(?:graph)?|Image|Picture|Credit|Foto|Bild)s?(?:\s+credit)?\s*(?::|by)\s*"
        r"(?P<credit>[^()\[\]\n]{2,120}?)[)\]]?\s*$",
        re.IGNORECASE,
    ),
    # Jane Doe/Getty Images    AFP via Getty Images
    re.compile(
        rf"(?:^|[.!?”\"]\s+|\s[|–—-]\s*)(?P<credit>(?:(?P<photographer>{_NAME})\s*/\s*)?"
        r"(?:(?:AFP|AP|Reuters|Bloomberg)\s+via\s+)?(?P<agency>Getty Images|Shutterstock|"
        r"Alamy|AFP|EPA-EFE|EPA|Bloomberg|Sipa USA|Redux|The New York Times|Xinhua))\s*$"
    ),
)


# Every credit pattern above contains one of these words near the end of the line.
_CREDIT_WORDS = (
    "reuters",
    "photo",
    "image",
    "picture",
    "credit",
    "foto",
    "bild",
    "getty",
    "afp",
    "ap ",
    "epa",
    "xinhua",
    "anadolu",
    "kyodo",
    "yonhap",
    "cp ",
    "shutterstock",
    "alamy",
    "bloomberg",
    "sipa",
    "redux",
    "new york times",
)


# The wire's way of opening a caption: "In this Dec. 12, 2006, file photo, …",
# "This undated handout image provided by NASA shows …".
_CAPTION_OPENING = re.compile(
    r"^(?:In\s+this|This)\s+(?:[\w.,'’-]+\s+){0,6}?(?:file\s+|handout\s+|undated\s+)?"
    r"(?:photo(?:graph)?|image|picture|frame\s+grab|video\s+(?:image|grab))\b"
)


def parse_caption(text: str) -> Caption | None:
    """The caption and its credit when ``text`` ends with a photo credit or opens the way
    wire captions do, else None."""
    text = text.strip()
    if len(text) > 600:
        return None
    tail = text[-160:].lower()
    if not any(map(tail.__contains__, _CREDIT_WORDS)):  # cheaper than one regex of them all
        return _uncredited(text)
    for pattern in _CREDITS:
        match = pattern.search(text)
        if match is None:
            continue
        credit = match.group("credit").strip()
        groups = match.groupdict()
        photographer, agency = _credit_parts(credit, groups)
        caption_text = text[: match.start()].strip().rstrip("(|–—-").strip()
        dates = find_dates(caption_text)
        return Caption(
            text=caption_text,
            credit=credit,
            photographer=photographer,
            agency=agency,
            date=dates[-1].value.isoformat() if dates else None,
        )
    return _uncredited(text)


def _uncredited(text: str) -> Caption | None:
    if not _CAPTION_OPENING.match(text):
        return None
    dates = find_dates(text)
    return Caption(text=text, date=dates[0].value.isoformat() if dates else None)


def _credit_parts(credit: str, groups: dict[str, str | None]) -> tuple[str | None, str | None]:
    agency_text = groups.get("agency")
    photographer_text = groups.get("photographer")
    if agency_text is None and "/" in credit:
        photographer_text, agency_text = credit.rsplit("/", 1)
        agency_text = re.sub(r"^.*\bvia\s+", "", agency_text)
    elif agency_text is None:
        agency_text = credit if agency_name(credit) else None
        photographer_text = None if agency_text else re.sub(r"\s+for\s+.*$", "", credit)
    agency = agency_name(agency_text) if agency_text else None
    photographer = clean_name(photographer_text) if photographer_text else None
    return photographer, agency or (agency_text.strip() if agency_text else None)
