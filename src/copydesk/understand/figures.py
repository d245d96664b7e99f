"""Figures: every number with its unit, what it counts, who claims it and as of when.

A number is found by its form ("1,050", "1.2 million", "$5bn", "a dozen", "24-hour"),
its modifiers read off the words before it ("about", "more than", "up to"), its unit
and counted concept off the parse (the noun it counts and what that noun does: "people
who had crossed into the country"), its claimant off the attribution it sits in, and
its date off a time expression of the same sentence. Years and calendar dates are
times, not figures; vague amounts ("tens of thousands") are kept apart with a lower
bound, since they give no value to compare.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from copydesk.understand.actors import Actors
from copydesk.understand.attribution import Attribution, name_of
from copydesk.understand.number_tokens import (
    GLUED,
    age_of,
    fraction_value,
    is_number,
    next_word,
    part_of_previous,
    range_end,
)
from copydesk.understand.numbers import SCALES, WORD_NUMBERS, ascii_twins, parse_number
from copydesk.understand.times import Found
from copydesk.understand.units import CURRENCIES, DURATIONS, rate_of, unit_after, unit_name

_APPROX = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|almost|some|an\s+estimated|estimated|"
    r"close\s+to|circa|c\.|more\s+or\s+less|upwards\s+of|just\s+(?:over|under))\s*$",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(r"\b(?:more\s+than|over|at\s+least|upwards\s+of|in\s+excess\s+of)\s*$", re.I)
_AT_MOST = re.compile(
    r"\b(?:up\s+to|less\s+than|fewer\s+than|under|at\s+most|as\s+many\s+as)\s*$", re.I
)
_VAGUE = re.compile(
    r"\b(?P<text>(?P<tens>tens|hundreds)\s+of\s+(?P<scale>thousands|millions|billions)|"
    r"(?P<plain>dozens|scores|hundreds|thousands|millions|billions))\s+of\b",
    re.IGNORECASE,
)
_VAGUE_LOW = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2e6,
    "billions": 2e9,
}


class FigureFound(NamedTuple):
    """A figure before it becomes a record field: token span, value and what surrounds it."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    approx: bool
    counted: str | None
    claimant: str | None
    as_of: str | None


def find_figures(
    doc: Doc, attributions: list[Attribution], times: list[Found], actors: Actors | None = None
) -> tuple[list[FigureFound], list[FigureFound]]:
    """(figures, vague amounts) in a parsed body; claimants are named as ``actors`` knows
    them ("the official" is "a U.S. official") when given."""
    around = _around(attributions, actors, times)
    figures: list[FigureFound] = []
    time_spans = sorted((t.start, t.end) for t in times if t.type != "duration")
    consumed = -1  # the last token a figure already covers (the far end of a range)
    for token in doc:
        if token.i <= consumed or not is_number(token) or _inside(token, time_spans):
            continue
        if part_of_previous(token):
            continue
        figure = _figure(token, doc, around)
        if figure is not None:
            figures.append(figure)
            consumed = _last_token(doc, figure)
    return _join_ranges(doc.text, figures), _vague_figures(doc, around)


class _Around(NamedTuple):
    """What a figure is read against, indexed so that each figure looks at its own
    sentence only: the claims by the start of their cue's sentence (in text order),
    and the time expressions by where they start."""

    claims: dict[int, list[tuple[Attribution, str]]]
    times: list[Found]
    time_starts: list[int]


def _around(attributions: list[Attribution], actors: Actors | None, times: list[Found]) -> _Around:
    claims: dict[int, list[tuple[Attribution, str]]] = {}
    for attribution in attributions:
        name = actors.resolve(attribution.speaker).name if actors else name_of(attribution.speaker)
        claims.setdefault(attribution.cue.sent.start, []).append((attribution, name))
    ordered = sorted(times, key=lambda t: t.start)
    return _Around(claims, ordered, [t.start for t in ordered])


_RANGE_WORDS = frozenset({"to", "-", "–", "and"})
_JOINT_TOKENS = re.compile(r"[A-Za-z]+|[$€£¥]|\S")
_SCALE_WRITTEN = re.compile(r"(?i)(?:\d\s*|\b)(thousand|million|billion|trillion|bn|mn|m|k|tn)\b")


def _join_ranges(text: str, figures: list[FigureFound]) -> list[FigureFound]:
    """Two figures joined as a range ("$800,000 to $1.3 million", "between $62 and $68",
    "5-10W") become one figure with low and high."""
    joined: list[FigureFound] = []
    for figure in figures:
        merged = _as_range(text, joined[-1], figure) if joined else None
        if merged is not None:
            joined[-1] = merged
        else:
            joined.append(figure)
    return joined


def _as_range(text: str, first: FigureFound, second: FigureFound) -> FigureFound | None:
    if first.value is None or second.value is None or not _joined_as_range(text, first, second):
        return None
    joint = text[first.end : second.start]
    unit = first.unit
    if second.unit is not None and second.unit.startswith(f"{first.unit} per "):
        unit = second.unit  # "between $48,000 and $90,000 a year": the rate is written once
    elif first.unit != second.unit:
        if first.unit is not None and joint.strip() != joint:
            return None  # "20 people to 5 tonnes": two figures
        unit = second.unit  # "5-10W": the unit is written once, after the second
    low, high = first.value, abs(second.value) if joint in ("-", "–") else second.value
    scale = _SCALE_WRITTEN.search(text[second.start : second.end])
    if scale and not _SCALE_WRITTEN.search(text[first.start : first.end]):
        factor = SCALES.get(scale[1].lower(), 1.0)
        if low * factor <= high:
            low *= factor  # "$10 to $15 billion": one scale serves both
    if low >= high:
        return None  # "from 208 pounds to 193" is a change, not a range
    return first._replace(
        end=second.end,
        value=None,
        low=low,
        high=high,
        unit=unit,
        counted=first.counted or second.counted,
    )


def _joined_as_range(text: str, first: FigureFound, second: FigureFound) -> bool:
    """Between the two numbers one "to" (or "-", or "and" after "between") and at most
    the first's unit or currency; not after "by", which makes a change and a level."""
    words = _JOINT_TOKENS.findall(text[first.end : second.start].lower())
    linking = [w for w in words if w in _RANGE_WORDS]
    if len(linking) != 1 or not all(
        w in _RANGE_WORDS
        or w == "up"
        or w in CURRENCIES
        or (first.unit is not None and unit_name(w) == first.unit)
        or (w == "cent" and first.unit == "percent")  # "1 per cent to 1.5 per cent"
        for w in words
    ):
        return False
    lead = _JOINT_TOKENS.findall(text[max(0, first.start - 12) : first.start].lower())
    lead = [w for w in lead if w not in CURRENCIES]
    if linking == ["and"] and lead[-1:] != ["between"]:
        return False  # "5 and 6" is two figures unless "between" opens them
    return lead[-1:] != ["by"]  # "increased by $43.6 billion to $419.2 billion"


def _last_token(doc: Doc, figure: FigureFound) -> int:
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    return span.end - 1 if span is not None else -1


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether the token starts inside one of ``spans`` (sorted, not overlapping)."""
    at = bisect_right(spans, (token.idx, _AFTER_ALL)) - 1
    return at >= 0 and spans[at][0] <= token.idx < spans[at][1]


_AFTER_ALL = float("inf")


def _figure(token: Token, doc: Doc, around: _Around) -> FigureFound | None:
    tokens = [token]
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if following is not None and following.lower_.rstrip(".") in SCALES:
        tokens.append(following)  # "1.2 million", "USD10 m."
    glued = GLUED.match(token.text) if not token.like_num else None
    fraction = fraction_value(token)
    value: float | None
    if fraction is not None:
        value, tokens = fraction
    elif glued is not None:
        number = float(glued["number"].replace(",", ""))
        number *= SCALES.get(glued["scale"] or "", 1.0)
        if len(tokens) > 1:
            number *= SCALES[tokens[1].lower_.rstrip(".")]
        value = -number if glued["sign"] else number
    else:
        text = " ".join(t.text.rstrip(".") if t is not token else t.text for t in tokens)
        value = parse_number(text.lstrip("~").replace("$", "").replace("€", "").replace("£", ""))
    if value is None:
        return None
    if (
        token.i > 0
        and doc[token.i - 1].lower_ in ("minus", "-", "−")
        and token.idx == (doc[token.i - 1].idx + len(doc[token.i - 1]))
    ):
        value = -value
    upper = range_end(tokens[-1])
    upper_value = parse_number(upper.text.replace("$", "")) if upper is not None else None
    if upper is not None and upper_value is not None:
        tokens.append(upper)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    before = _text_before(tokens[0], _MODIFIER_CHARS)
    currency = _currency(doc, tokens) or (
        CURRENCIES.get(glued["currency"].lower())
        if glued is not None and glued["currency"]
        else None
    )
    noun = _counted_noun(tokens[-1])
    if noun is not None and not _measure_or_count(noun, value):
        noun = None  # "7 dario": a name in a table, not what the 7 counts
    glued_unit = unit_name(glued["unit"]) if glued is not None and glued["unit"] else None
    unit = currency or glued_unit or _unit(tokens[-1], noun)
    if unit is not None and unit_name(unit) is not None:  # money or a measure, not a count
        words_after = [t.text for t in doc[tokens[-1].i + 1 : tokens[-1].i + 5]]
        unit = rate_of(unit, words_after) or unit
    person = age_of(token)
    if person is not None:
        unit, noun = "year of age", person
    if upper is None and _looks_like_year(token, unit, value):
        return None
    low = value if _AT_LEAST.search(before) else None
    high = value if _AT_MOST.search(before) else None
    if upper is not None and upper_value is not None:  # a range gives bounds, not one value
        low, high, value = value, upper_value, None
    return FigureFound(
        start=start,
        end=end,
        value=value,
        low=low,
        high=high,
        unit=unit,
        approx=bool(_APPROX.search(before)) or token.text.startswith("~"),
        counted=_counted(noun, unit) if noun is not None else None,
        claimant=_claimant(token, around),
        as_of=_as_of(token, around),
    )


def _looks_like_year(token: Token, unit: str | None, value: float) -> bool:
    return unit is None and 1900 <= value <= 2099 and token.text.isdigit()


def _currency(doc: Doc, tokens: list[Token]) -> str | None:
    first = tokens[0]
    written = doc[first.i - 1].text if first.i else ""
    previous = written.lower()
    marked = (doc[first.i - 2].lower_ if first.i > 1 else "") + previous
    if marked in CURRENCIES:
        return CURRENCIES[marked]  # "HK $5.4m"
    if previous in CURRENCIES and not written.islower():
        return CURRENCIES[previous]  # "$ 5", "USD 5" — but "won 4 finals" names no won
    symbol = first.text[:1]
    if symbol in CURRENCIES:
        return CURRENCIES[symbol]
    after = doc[tokens[-1].i + 1 : tokens[-1].i + 3]
    if len(after) > 1 and after[1].text == "-":
        return None  # "275 pound-feet" is torque
    return CURRENCIES.get(after[0].lower_) if len(after) else None


def _counted_noun(number: Token) -> Token | None:
    """The noun a number counts: its head when it modifies one ("1,050 people"), in the
    same phrase after it ("10 rare pygmy whales"), not a noun the parser hung it on
    across a clause ("51 stranded and dead on the islands, a spate of cases")."""
    if (
        number.dep_ in ("nummod", "quantmod", "compound", "amod")
        and number.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
        and _same_phrase(number, number.head)
    ):
        head = number.head
        return head
    nxt = next_word(number)
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return nxt
    return None


_PHRASE_BREAKS = frozenset({"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PUNCT", "PRON", "DET"})


def _same_phrase(number: Token, noun: Token) -> bool:
    """Whether ``noun`` follows ``number`` within one noun phrase: only modifiers (and a
    hyphen, "24-hour") between them."""
    if noun.i <= number.i:
        return False
    between = number.doc[number.i + 1 : noun.i]
    return all(_modifier_between(t) for t in between)


def _modifier_between(token: Token) -> bool:
    """A word that may stand between a number and its noun: a modifier ("rare",
    "charging", "stranded"), a hyphen, or a second number ("eight or nine euros")."""
    if token.text in ("-", "–") or token.pos_ == "NUM":
        return True
    if token.pos_ == "CCONJ":
        return True  # "27000 Model S and Model X vehicles", "eight or nine euros"
    if token.lower_ == "to":
        return token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "NUM"
    if token.pos_ == "VERB":
        return token.tag_ in ("VBG", "VBN")  # participles modify: "charging stations"
    return token.pos_ not in _PHRASE_BREAKS


def _unit(number: Token, noun: Token | None) -> str | None:
    nxt = next_word(number)
    if nxt is not None:
        named = unit_after([t.text for t in nxt.doc[nxt.i : nxt.i + 3]])
        if named is not None:
            return named
    if noun is None:
        return None
    named = unit_name(noun.text)
    if named is not None:
        return named
    if noun.ent_type_ == "NORP":
        return "person"
    return noun.lemma_.lower()


def _measure_or_count(noun: Token, value: float) -> bool:
    """Whether the noun after a number is its unit or what it counts."""
    return unit_name(noun.text) is not None or noun.ent_type_ == "NORP" or _counts(noun, value)


def _counts(noun: Token, value: float) -> bool:
    """Whether a noun that names no unit is what the number counts, so that it serves as
    the unit ("12 whales"). Several of a thing are written in the plural: a singular
    name after a larger whole number is a name or a label ("7 dario" in a table of
    contributors), not what is counted — unless it modifies the noun that is. Common
    nouns are left alone: many have no plural of their own ("18 sen", "200 staff")."""
    if noun.tag_ in ("NNS", "NNPS") or not (value > 1 and value == int(value)):
        return True
    if noun.pos_ != "PROPN" and noun.ent_type_ != "PERSON":
        return True
    if noun.morph.get("Number", None) == ["Plur"]:
        return True
    if any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in noun.lefts):
        return True  # "a 14 gauge syringe tip": the number counts the compound's first noun
    return noun.dep_ in ("compound", "nmod") and noun.head.pos_ == "NOUN"


def _counted(noun: Token, unit: str | None) -> str | None:
    """What the figure counts, as a short phrase from the parse."""
    doc = noun.doc
    if (unit in DURATIONS and noun.dep_ == "compound") or (
        unit in DURATIONS and noun.head.pos_ == "NOUN" and noun.head.i > noun.i
    ):
        head = noun.head
        words = [t for t in head.subtree if t.i > noun.i and t.i <= head.i]
        return f"{_text_of(words)} (duration)" if words else None
    of = next((c for c in noun.children if c.lower_ == "of" and c.dep_ == "prep"), None)
    if of is not None and unit not in ("person",):
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is not None:
            return _phrase_text(doc, obj, stop_at_conj=True)
    if unit == "person" and noun.dep_ in ("nsubj", "pobj") and noun.head is not None:
        verb = noun.head if noun.dep_ == "nsubj" else noun.head.head
        if noun.dep_ == "pobj" and verb.dep_ == "nsubj":  # "a total of 1,050 people"
            verb = verb.head
        if verb.pos_ in ("VERB", "AUX") and verb.i > noun.i:
            predicate = [t for t in verb.subtree if t.i > noun.i]
            while predicate and predicate[-1].is_punct:
                predicate.pop()
            if predicate:
                return f"{noun.text} who {_text_of(predicate)}"
    numbers = {t.i for t in noun.lefts if t.like_num for t in t.subtree}
    lefts = [
        t
        for t in noun.subtree
        if t.i < noun.i and t.i not in numbers and not (t.dep_ == "det" and t.head == noun)
    ]
    return _text_of([*lefts, noun])


def _text_of(tokens: list[Token]) -> str:
    """Tokens as the text wrote them (hyphens and apostrophes unspaced)."""
    ordered = sorted(tokens, key=lambda t: t.i)
    return "".join(t.text_with_ws for t in ordered).strip()


def _phrase_text(doc: Doc, head: Token, *, stop_at_conj: bool) -> str:
    tokens = [t for t in head.subtree]
    if stop_at_conj:
        cut = next((t.i for t in tokens if t.dep_ in ("cc", "conj") and t.head.i == head.i), None)
        if cut is not None:
            tokens = [t for t in tokens if t.i < cut]
    return _text_of([t for t in tokens if t.dep_ != "det" or t.i > head.i])


def _claimant(token: Token, around: _Around) -> str | None:
    """The speaker of the attribution whose sentence holds the figure (not the speaker's own
    words: "2 officials said" is no claim by the officials)."""
    for attribution, name in around.claims.get(token.sent.start, ()):
        if attribution.speaker.start <= token.i < attribution.speaker.end:
            continue
        return name
    return None


def _as_of(token: Token, around: _Around) -> str | None:
    """The first date of the figure's sentence (a time expression that starts in it)."""
    sentence: Span = token.sent
    at = bisect_left(around.time_starts, sentence.start_char)
    while at < len(around.times) and around.times[at].start < sentence.end_char:
        found = around.times[at]
        if found.type == "date" and found.value and found.value[:1].isdigit():
            return found.value
        at += 1
    return None


def _vague_figures(doc: Doc, around: _Around) -> list[FigureFound]:
    found: list[FigureFound] = []
    text = ascii_twins(doc.text)  # "thouſands" matches, and looks up, as "thousands"
    for match in _VAGUE.finditer(text):
        plain = (match["plain"] or "").lower()
        if match["tens"]:
            base = WORD_NUMBERS["ten"] if match["tens"].lower() == "tens" else 100.0
            low = 2 * base * SCALES[match["scale"].lower().rstrip("s")]
        else:
            low = _VAGUE_LOW[plain]
        span = doc.char_span(match.start(), match.end("text"), alignment_mode="expand")
        noun = _vague_noun(doc, match.end(), len(text))
        unit = None
        if noun is not None:
            unit = (
                "person"
                if noun.ent_type_ == "NORP"
                else (unit_name(noun.text) or noun.lemma_.lower())
            )
        token = span[0] if span is not None and len(span) else doc[0]
        found.append(
            FigureFound(
                start=match.start(),
                end=match.end("text"),
                value=None,
                low=low,
                high=None,
                unit=unit,
                approx=True,
                counted=noun.text if noun is not None else None,
                claimant=_claimant(token, around),
                as_of=_as_of(token, around),
            )
        )
    return found


def _text_before(token: Token, chars: int) -> str:
    """The ``chars`` characters of text before a token, from the tokens before it
    (``Doc.text`` would join the whole document for every figure)."""
    parts: list[str] = []
    size = 0
    for previous in reversed(token.doc[max(0, token.i - chars) : token.i]):
        parts.append(previous.text_with_ws)
        size += len(parts[-1])
        if size >= chars:
            break
    return "".join(reversed(parts))[-chars:]


_MODIFIER_CHARS = 30  # "more than", "an estimated", "up to" and the like stand within


def _vague_noun(doc: Doc, char: int, length: int) -> Token | None:
    after = doc.char_span(char, length, alignment_mode="expand")
    if after is None:
        return None
    for token in after[:6]:
        if token.pos_ in ("NOUN", "PROPN") and not _modifies(token):
            return token
    return None


def _modifies(token: Token) -> bool:
    """A noun that modifies the noun after it: a compound ("pilot whales") or the first
    half of a hyphenated adjective ("bikini-clad tourists")."""
    if token.dep_ in ("compound", "npadvmod", "nmod", "amod"):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.text in ("-", "–") and not following.whitespace_
