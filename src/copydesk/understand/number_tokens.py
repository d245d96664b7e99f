"""Which tokens of a parse are the numbers of figures, and what a few of them are worth.

A token is a figure's number by its form and its neighbours, not its word alone: "11"
after "iPhone" is part of a name, "66" between commas after a person is an age, "third"
before "of" is a fraction, "9" before "May" is a day. The figure finder asks here first.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from copydesk.understand.numbers import DENOMINATORS, SCALES, parse_number
from copydesk.understand.units import DURATIONS, unit_after, unit_name

_NAME_ENTITIES = frozenset({"PRODUCT", "ORG", "FAC", "LAW", "WORK_OF_ART", "EVENT"})
# A number glued to its currency, scale or unit: "$1.76bn", "USD10m", "2.4GHz", "180p".
GLUED = re.compile(
    r"^(?P<currency>[$€£¥]|US\$|\$US|USD|US|EUR|GBP|HK\$|Y=|C\$|A\$|RM)?(?P<sign>[-−–]|minus-)?"
    r"(?P<number>\d[\d,]*(?:\.\d+)?)(?P<scale>bn|billion|mn|million|m|k|tn|trillion)?"
    r"(?P<unit>[A-Za-z%]{1,6})?$"
)


def is_number(token: Token) -> bool:
    """Whether ``token`` starts a figure's number (the figure finder reads its value)."""
    glued = GLUED.match(token.text)
    if glued is not None and (
        glued["currency"] or (glued["unit"] and unit_name(glued["unit"]) is not None)
    ):
        return True  # "RM2.05", "USD10", "5kW": a measure, whatever the tagger calls it
    if token.ent_type_ in _NAME_ENTITIES or _in_a_name(token) or _opens_a_name(token):
        return False  # "iPhone 12", "S&P 500", "Apollo 11", "Ninety Mile Beach" are names
    if token.lower_ in DENOMINATORS:
        return _is_fraction(token)
    if age_of(token) is not None:
        return True
    if token.like_num or glued:
        if _calendar_part(token) and not _is_duration(token):
            return False
        # "one" is as often a pronoun ("one of them") as a number
        return token.lower_ != "one" or token.dep_ == "nummod"
    return token.lower_ == "dozen" and token.dep_ in ("nummod", "quantmod", "npadvmod")


def _calendar_part(token: Token) -> bool:
    """A day or year the tagger reads as part of a date ("9 May", "in 2019"); a decimal
    or a larger count ("49.52 Hz on 20 June", "3687 mAh") is a figure whatever it says."""
    if token.ent_type_ == "ORDINAL":
        return True
    if token.ent_type_ not in ("DATE", "TIME") or not token.text.isdigit():
        return False
    return int(token.text) <= 31 or 1000 <= int(token.text) <= 2100


def _in_a_name(token: Token) -> bool:
    """A bare integer right after a capitalised name is part of it: "iPhone 11",
    "S&P 500", "Game 6", "COVID -19" (a person's name before it is an age instead)."""
    if token.i == 0 or not token.text.lstrip("-").isdigit():
        return False
    previous = token.doc[token.i - 1]
    following = [t.text for t in token.doc[token.i + 1 : token.i + 3]]
    if unit_after(following) is not None:
        return False  # "Energy's 550 megawatt farm", "Tylenol 500 mg"
    if previous.ent_type_ in ("PERSON", "GPE", "NORP") or previous.pos_ != "PROPN":
        return previous.text.isupper() and previous.is_alpha and token.text.startswith("-")
    return any(char.isupper() for char in previous.text)


_OPENING_QUOTES = frozenset({'"', "“", "'", "‘"})


def _opens_a_name(token: Token) -> bool:
    """A number spelled in a capital inside a sentence, before another capitalised word,
    is a word of a name ("Ninety Mile Beach", "the Seven Sisters", "Three Billboards"),
    unless the whole sentence is set in title case, as headlines are."""
    if not token.is_alpha or not token.text[:1].isupper() or token.is_sent_start:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if following is None or not following.is_alpha or not following.text.istitle():
        return False
    previous = token.doc[token.i - 1]
    while previous.i > token.sent.start and previous.text in _OPENING_QUOTES:
        previous = token.doc[previous.i - 1]  # a title in quotes: "Three Billboards"
    if previous.is_punct and previous.text not in (",", "-", "–", *_OPENING_QUOTES):
        return False  # after a colon or a dash a new sentence may start
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return sum(t.text[:1].isupper() for t in words) < 0.6 * len(words)


def _is_fraction(token: Token) -> bool:
    """ "a third of those screened", "half the condos" — not "the third day" nor the
    "Fourth of July"."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i else None
    while before is not None and before.text in ("-", "–") and before.i:
        before = doc[before.i - 1]
    counted = before is not None and (before.lower_ in ("a", "an") or before.like_num)
    if following is not None and following.lower_ == "of" and (counted or token.lower_ == "half"):
        return True
    if token.lower_ != "half":
        return False
    return token.dep_ in ("nsubj", "dobj", "pobj", "nummod", "quantmod", "npadvmod", "predet")


def fraction_value(token: Token) -> tuple[float, list[Token]] | None:
    """The value of a fraction starting at `token` ("two-thirds", "one fourth", "a third")
    and the tokens it covers."""
    doc = token.doc
    if token.lower_ in DENOMINATORS:
        return 1 / DENOMINATORS[token.lower_], [token]
    index = token.i + 1
    while index < len(doc) and doc[index].text in ("-", "–"):
        index += 1
    if index >= len(doc) or doc[index].lower_ not in DENOMINATORS or not _is_fraction(doc[index]):
        return None
    numerator = parse_number(token.text)
    if numerator is None or doc[index].lower_ in ("half", "halves"):
        return None  # "two and a half" is read as a number
    return numerator / DENOMINATORS[doc[index].lower_], [token, doc[index]]


def age_of(token: Token) -> Token | None:
    """The person a bare number gives the age of: "Maddon, 66, has …", "Nick Hague 44"."""
    if not token.text.isdigit() or not 0 < int(token.text) < 120 or token.i == 0:
        return None
    doc = token.doc
    previous = doc[token.i - 1]
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if previous.text == "," and token.i > 1 and following is not None and following.text == ",":
        previous = doc[token.i - 2]
    elif following is not None and following.pos_ in ("NOUN", "NUM", "ADJ"):
        return None
    if previous.ent_type_ == "PERSON" or (
        previous.pos_ == "PROPN" and token.dep_ == "appos" and token.head == previous
    ):
        return previous
    return None


def _is_duration(token: Token) -> bool:
    unit = next_word(range_end(token) or token)  # "40 to 50 hours"
    return unit is not None and unit_name(unit.text.strip("-")) in DURATIONS


def range_end(token: Token) -> Token | None:
    """The second number of "4.8 to 4.7", "10-12" or "between 5 and 10"."""
    doc = token.doc
    index = token.i + 1
    while index < len(doc) and unit_name(doc[index].text) == "percent":  # "5% to 6%"
        index += 1
    if index + 1 >= len(doc):
        return None
    joint, other = doc[index], doc[index + 1]
    between = token.i > 0 and doc[token.i - 1].lower_ == "between"
    if not (joint.lower_ in ("to", "-", "–") or (between and joint.lower_ == "and")):
        return None
    if not other.like_num or (token.i > 0 and doc[token.i - 1].lower_ == "by"):
        return None  # "rose by 5 to 20": a change and a level, not a range
    percent_after = other.i + 1 < len(doc) and unit_name(doc[other.i + 1].text) == "percent"
    if index > token.i + 1 and not percent_after:
        return None  # "gained 0.7 percent to 6,327.80": a change and a level
    return other


def next_word(token: Token) -> Token | None:
    doc = token.doc
    index = token.i + 1
    while index < len(doc) and doc[index].text in ("-",):
        index += 1
    return doc[index] if index < len(doc) else None


def part_of_previous(token: Token) -> bool:
    """The second word of "1.2 million" or "twenty-four" was read with the first; "per
    million" is a unit's word, not a number."""
    previous = token.doc[token.i - 1] if token.i else None
    if previous is None or token.lower_ not in SCALES:
        return False
    return previous.like_num or previous.lower_ == "per" or bool(GLUED.match(previous.text))
