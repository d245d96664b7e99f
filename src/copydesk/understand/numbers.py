"""Numbers as news writes them: "1,050", "1.2 million", "a dozen", "twenty-four", "half"."""

from __future__ import annotations

import re

WORD_NUMBERS: dict[str, float] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "half": 0.5,
    "quarter": 0.25,
    "third": 1 / 3,
}
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "tn": 1e12,
    "k": 1e3,
    "b": 1e9,
    "hundred": 100,
}
# Fractions of a whole: "a third of", "two-thirds of", "one fourth of".
DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
# The four letters that Python's re.IGNORECASE matches to an ASCII letter, and that
# ``str.lower`` does not turn into it ("ſ" matches "s", "K" (Kelvin) matches "k"): a
# pattern's match would then miss every lookup table. One code point each, so offsets hold.
_CASE_TWINS = str.maketrans({"İ": "I", "ı": "i", "ſ": "s", "\u212a": "K"})


def ascii_twins(text: str) -> str:
    """``text`` with the letters that case-insensitive patterns read as ASCII made ASCII,
    at the same offsets, so that a match's lowered text is a key the tables hold."""
    return text.translate(_CASE_TWINS)


_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """The value of a number written in digits or words, or None."""
    sign = -1.0 if text[:1] in ("-", "−") and text[1:2].isdigit() else 1.0
    words = text.lower().lstrip("-−").replace("-", " ").split()
    if not words:
        return None
    total = 0.0
    current: float | None = None
    for word in words:
        if _DIGITS.match(word):
            current = (current or 0) + float(word.replace(",", ""))
        elif word in ("a", "an") and current is None:
            current = 1
        elif word in WORD_NUMBERS and word != "hundred":
            current = (current or 0) + WORD_NUMBERS[word]
        elif word in SCALES:
            scale = SCALES[word]
            current = (current if current is not None else 1) * scale
            if scale >= 1000:
                total += current
                current = None
        elif word == "and":
            continue
        else:
            return None
    return sign * (total + (current or 0))
