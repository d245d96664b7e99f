"""French figures: "3 000 habitants", "1,5 million d'euros", "12 %", "plus d'un million
de personnes", with what they count, who claims them and as of when.

French writes its numbers its own way (a space between thousands, a decimal comma,
"million d'euros", "%" after a space), which the English number and unit rules would
misread ("3 000" as two numbers, "1,5" as fifteen). The number and its unit are read
off the text; the counted noun off the French parse's tags; the claimant off the
attribution whose words hold the figure; its date off a time expression of its
sentence. Years and dates are times, not figures; "des milliers de" is a vague amount,
kept apart with its lower bound, as in English.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from copydesk.understand.actors import Actors
from copydesk.understand.attribution import Attribution
from copydesk.understand.figures import FigureFound
from copydesk.understand.times import Found
from copydesk.understand.times_fr import NUMBER_WORDS

_SCALES = {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}
_CURRENCIES = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "£": "GBP",
    "livre": "GBP",
    "livres": "GBP",
    "franc": "CHF",
    "francs": "CHF",
}
# Nouns that count people: the unit is "person", as in English records.
_PEOPLE = frozenset(
    """personne personnes habitant habitants manifestant manifestants salarié salariés
    employé employés élève élèves enfant enfants adulte adultes victime victimes mort morts
    blessé blessés policier policiers gendarme gendarmes soldat soldats réfugié réfugiés
    migrant migrants touriste touristes électeur électeurs patient patients étudiant
    étudiants habitante habitantes salariée salariées femme femmes homme hommes""".split()
)
_NUMBER = re.compile(
    r"(?<![\w,.])(?P<sign>[€$£])?\s?"
    r"(?P<digits>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"(?:\s?(?P<scale>mille|millions?|milliards?)\b)?"
    r"|(?<![\w-])(?P<word>"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")\s+(?P<wscale>millions?|milliards?)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\s?(?:%|pour\s?cent\b)")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:d['’]|de\s+)?(?P<cur>€|\$|£|(?:euros?|dollars?|livres?|francs?)(?!\w))"
)
_OF = re.compile(r"\s?(?:d['’]|de\s+)")
_APPROX = re.compile(
    r"(?:environ|près\s+d['’]|près\s+de|quelque|presque|autour\s+de|quasiment|"
    r"plus\s+ou\s+moins|approximativement)\s*$",
    re.IGNORECASE,
)
_AT_LEAST = re.compile(r"(?:plus\s+d['’]|plus\s+de|au\s+moins|au-delà\s+de)\s*$", re.IGNORECASE)
_AT_MOST = re.compile(r"(?:moins\s+d['’]|moins\s+de|jusqu['’]à|au\s+plus)\s*$", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(?P<amount>des\s+(?P<scale>dizaines|centaines|milliers|millions|milliards)"
    r"(?:\s+de\s+(?P<of>milliers|millions))?)\s+d(?:e\s|['’])",
    re.IGNORECASE,
)
_VAGUE_LOW = {"dizaines": 20, "centaines": 200, "milliers": 2000, "millions": 2e6, "milliards": 2e9}
_OF_UNIT = {"milliers": 1e3, "millions": 1e6}  # "des dizaines de milliers de"
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_BEFORE_WINDOW = 30  # characters read before a number for "plus de", "environ"
_COUNTED_WORDS = 4  # words of a counted noun phrase ("suppressions de postes")


def find_figures_fr(
    doc: Doc, attributions: list[Attribution], times: list[Found], actors: Actors
) -> tuple[list[FigureFound], list[FigureFound]]:
    """(figures, vague amounts) in a parsed French body."""
    text = doc.text
    dated = sorted((t.start, t.end) for t in times if t.type != "duration")
    figures: list[FigureFound] = []
    for match in _NUMBER.finditer(text):
        # the span is the number and its scale, as in English ("1,5 million" of "1,5
        # million d'euros", "3 000" of "3 000 habitants"); the unit is a field
        start, end = match.start("word" if match["word"] else "digits"), match.end()
        if _inside(start, end, dated):
            continue  # "12 mars 2024", "en 2008": a time
        figure = _figure(doc, match, start, attributions, times, actors)
        if figure is not None:
            figures.append(figure)
    vague = [
        _vague(doc, m, attributions, times, actors)
        for m in _VAGUE.finditer(text)
        if not any(f.start <= m.start() < f.end for f in figures)
    ]
    return figures, vague


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    at = bisect_right(spans, (start, float("inf"))) - 1
    return at >= 0 and spans[at][0] <= start and end <= spans[at][1]


def _value(match: re.Match[str]) -> float:
    if match["word"]:
        return NUMBER_WORDS[match["word"].lower()] * _SCALES[match["wscale"].lower()]
    digits = re.sub(r"[ \u00a0\u202f]", "", match["digits"]).replace(",", ".")
    scale = _SCALES.get((match["scale"] or "").lower(), 1)
    return float(digits) * scale


def _figure(
    doc: Doc,
    match: re.Match[str],
    start: int,
    attributions: list[Attribution],
    times: list[Found],
    actors: Actors,
) -> FigureFound | None:
    text = doc.text
    value = _value(match)
    after = match.end()
    unit: str | None = None
    counted: str | None = None
    if match["sign"]:
        unit = _CURRENCIES[match["sign"]]
    elif _PERCENT.match(text, after):
        unit = "percent"
    elif currency := _CURRENCY_AFTER.match(text, after):
        unit = _CURRENCIES[currency["cur"].lower()]
    else:
        counted, unit = _counted(doc, after, scaled=bool(match["scale"] or match["word"]))
    if unit is None and counted is None and _a_year(match):
        return None  # a bare year the time rules did not take ("2008" in a list)
    before = text[max(0, start - _BEFORE_WINDOW) : start]
    return FigureFound(
        start=start,
        end=after,
        value=value,
        low=value if _AT_LEAST.search(before) else None,
        high=value if _AT_MOST.search(before) else None,
        unit=unit,
        approx=bool(_APPROX.search(before)),
        counted=counted,
        claimant=_claimant(start, attributions, actors),
        as_of=_as_of(text, start, times),
    )


def _a_year(match: re.Match[str]) -> bool:
    digits = match["digits"] or ""
    return len(digits) == 4 and digits[:2] in ("19", "20") and not match["scale"]


def _counted(doc: Doc, at: int, *, scaled: bool) -> tuple[str | None, str | None]:
    """The noun a number counts ("habitants", "suppressions de postes") and its unit;
    after a scale, past its "de" ("un million de personnes")."""
    text = doc.text
    if scaled and (of := _OF.match(text, at)):
        at = of.end()
    token = _token_from(doc, at)
    if token is None or not token.is_alpha:
        return None, None
    if token.lower_ in _PEOPLE:  # the small model tags "salariés" an adjective, too
        return token.text, "person"
    if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None, None
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return None, None  # "3 Suisses": a name, not a count
    words = [token]
    if token.pos_ == "ADJ":  # "12 prochains mois", "trois nouveaux élèves"
        noun = token.nbor(1) if token.i + 1 < len(doc) else None
        if noun is None or noun.pos_ != "NOUN":
            return None, None
        words.append(noun)
        token = noun
    follow = token.i + 1
    while follow + 1 < len(doc) and len(words) < _COUNTED_WORDS:
        link, noun = doc[follow], doc[follow + 1]
        if link.lower_ in ("de", "d'", "d’") and noun.pos_ == "NOUN":
            words += [link, noun]
            follow += 2
        else:
            break
    counted = doc[words[0].i : words[-1].i + 1].text
    lower = token.lower_
    if lower in _PEOPLE:
        return counted, "person"
    lemma = token.lemma_.lower() or lower
    return counted, _UNIT_NAMES.get(lemma, lemma)


# Units by the English name English records give them ("3 days": day), so that one
# figures table holds both languages' figures.
_UNIT_NAMES = {
    "seconde": "second",
    "minute": "minute",
    "heure": "hour",
    "jour": "day",
    "semaine": "week",
    "mois": "month",
    "an": "year",
    "année": "year",
    "tonne": "tonne",
    "kilomètre": "kilometre",
    "mètre": "metre",
    "litre": "litre",
    "kilo": "kilogram",
    "kilogramme": "kilogram",
}


def _token_from(doc: Doc, offset: int) -> Token | None:
    text = doc.text
    while offset < len(text) and text[offset].isspace():
        offset += 1
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _claimant(start: int, attributions: list[Attribution], actors: Actors) -> str | None:
    """Who claims the figure: the speaker of the attribution whose words hold it."""
    for attribution in attributions:
        content = attribution.content
        if content.start_char <= start < content.end_char:
            return actors.resolve(attribution.speaker).name
    return None


def _as_of(text: str, start: int, times: list[Found]) -> str | None:
    """The first dated time expression of the figure's sentence."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    after = _SENTENCE_END.search(text, start)
    sentence_end = after.start() if after else len(text)
    for time in times:
        if sentence_start <= time.start < sentence_end and time.type == "date" and time.value:
            return time.value
    return None


def _vague(
    doc: Doc,
    match: re.Match[str],
    attributions: list[Attribution],
    times: list[Found],
    actors: Actors,
) -> FigureFound:
    low = _VAGUE_LOW[match["scale"].lower()] * _OF_UNIT.get((match["of"] or "").lower(), 1)
    counted, unit = _counted(doc, match.end(), scaled=False)
    return FigureFound(
        start=match.start(),
        end=match.end("amount"),
        value=None,
        low=low,
        high=None,
        unit=unit,
        approx=True,
        counted=counted,
        claimant=_claimant(match.start(), attributions, actors),
        as_of=_as_of(doc.text, match.start(), times),
    )
