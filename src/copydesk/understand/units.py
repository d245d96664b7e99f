"""Unit names: news words (people, percent, currencies) by table, measures by Pint.

Pint knows the physical units and their abbreviations ("mph", "km", "GHz", "hp");
what it does not know is news usage: that "people" and "refugees" count persons, that
"$" is USD, that "per cent" is a percentage. Names follow British spelling ("tonne",
"kilometre") as wire copy does.
"""

from __future__ import annotations

from functools import lru_cache

import pint

CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "$us": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "¥": "JPY",
    "y=": "JPY",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "rs": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "ringgit": "MYR",
    "rm": "MYR",
    "won": "KRW",
}
# ISO 4217 codes stand for themselves ("108.79 JPY").
_ISO_CODES = "JPY CNY INR HKD AUD CAD CHF KRW RUB MYR SGD NZD ZAR BRL MXN TRY SEK NOK DKK"
CURRENCIES.update((code.lower(), code) for code in _ISO_CODES.split())
PERSON_NOUNS = frozenset(
    """
    people persons person residents civilians refugees soldiers troops children adults women
    men workers employees migrants patients voters students citizens inhabitants fighters
    officers police protesters victims passengers members staff families households
    individuals volunteers visitors tourists prisoners detainees hostages survivors deaths
    dead casualties injured wounded evacuees nationals immigrants journalists doctors nurses
    teachers farmers users customers fans
    """.split()
)
DURATIONS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})
_WORDS = {
    "percent": "percent",
    "per": "percent",
    "%": "percent",
    "pct": "percent",
    "percentage": "percent",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "year-old": "year of age",
    "years-old": "year of age",
    "ppb": "part per billion",
    "ppm": "part per million",
    "fahrenheit": "degree Fahrenheit",
    "celsius": "degree Celsius",
    "points": "point",
    "point": "point",
    "unit": "unit",
    "units": "unit",
    "degrees": "degree",
    "c": "degree Celsius",
    "°c": "degree Celsius",
    "°f": "degree Fahrenheit",
    "parts-per-billion": "part per billion",
    "parts-per-million": "part per million",
    # Pint reads these with the case that science writes; news writes them any way.
    "hp": "horsepower",
    "bhp": "brake horsepower",
    "nm": "newton metre",
    "lb-ft": "pound-foot",
    "pound-feet": "pound-foot",
    "pound-foot": "pound-foot",
    "mph": "mile per hour",
    "m.p.h": "mile per hour",
    "kph": "kilometre per hour",
    "km/h": "kilometre per hour",
    "mpg": "mile per gallon",
    "mah": "milliampere hour",
    "kwh": "kilowatt hour",
    "hz": "hertz",
    "khz": "kilohertz",
    "mhz": "megahertz",
    "ghz": "gigahertz",
    "kb": "kilobyte",
    "mb": "megabyte",
    "gb": "gigabyte",
    "tb": "terabyte",
    "kw": "kilowatt",
    "mw": "megawatt",
    "gw": "gigawatt",
    "kilo": "kilogram",
    "kilos": "kilogram",
    "amp": "ampere",
    "amps": "ampere",
    # a currency's hundredth, counted as a unit of its own ("rose 18 sen", "5 pence")
    "cent": "cent",
    "cents": "cent",
    "penny": "penny",
    "pence": "penny",
    "sen": "sen",
    "paise": "paisa",
    "db": "decibel",
    "decibel": "decibel",
    "decibels": "decibel",
}
# Short words that Pint reads as units but news uses as words ("a" is a year to Pint).
_NOT_UNITS = frozenset(
    "a an at in is it on or of to as by be do go he me my no so up us we am pm e g h m s t "
    "point game games time times".split()
)
# The units news measures in, by Pint's names: Pint knows a thousand more, and with its
# prefixes it reads ordinary words as units ("rare" is ronto-are, "finches" femto-inch,
# "mud" micro-day). A word names a unit only when Pint's reading is one of these.
_NEWS_UNITS = frozenset(
    """meter gram liter second minute hour day week month year decade century millennium
    fortnight watt volt ampere ohm hertz byte bit baud joule calorie pascal bar atmosphere
    newton kelvin degree degree_Celsius degree_Fahrenheit mile foot inch yard acre hectare
    gallon quart pint ounce pound stone ton metric_ton knot carat barrel bushel cup
    tablespoon teaspoon fathom nautical_mile light_year astronomical_unit parsec decibel
    horsepower mile_per_hour kilometer_per_hour pound_force_per_square_inch
    kip_per_square_inch revolutions_per_minute angstrom micron lumen lux candela becquerel
    gray sievert tesla farad coulomb watt_hour ampere_hour electron_volt british_thermal_unit
    dalton mole molar pixel hundredweight grain dram cubic_centimeter""".split()
)
# The prefixes news writes, and the units it writes them on ("kW", "megatons", "mSv").
_PREFIXES = frozenset("kilo mega giga tera peta milli centi micro nano".split())
_METRIC = frozenset(
    """meter gram liter second watt volt ampere ohm hertz byte bit baud joule calorie pascal
    bar newton ton metric_ton becquerel sievert gray tesla farad coulomb watt_hour ampere_hour
    electron_volt""".split()
)
_SPELLING = (("meter", "metre"), ("liter", "litre"), ("metric_ton", "tonne"), ("_", " "))


@lru_cache(maxsize=1)
def _registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    return pint.UnitRegistry()


def unit_after(words: list[str]) -> str | None:
    """The unit the words after a number name: "degrees Fahrenheit" is one unit."""
    if not words:
        return None
    if len(words) > 2 and words[1] == "-":
        joined = unit_name(f"{words[0]}-{words[2]}")  # "pound-feet", "lb-ft"
        if joined is not None:
            return joined
    if len(words) > 2 and words[0].lower() in ("part", "parts") and words[1].lower() == "per":
        return f"part per {words[2].lower()}"  # "parts per million"
    if words[0].lower() in ("sq", "square") and len(words) > 1:
        area = unit_name(words[1])  # "450 sq ft"
        return f"square {area}" if area is not None else None
    named = unit_name(words[0])
    if named == "degree" and len(words) > 1:
        return unit_name(words[1]) or named
    return named


def rate_of(unit: str, words: list[str]) -> str | None:
    """A rate's whole unit: "800 miles per hour" is mile per hour, "$75 a barrel" USD per
    barrel. ``words`` follow the number (the unit's own word first when written out).
    Counts stay counts: "5 people a day" counts people."""
    if unit in ("person", "percent", "year of age") or unit in DURATIONS or not words:
        return None  # "40 hours a week" is hours
    if len(words) > 1 and unit_name(words[0]) == unit:
        words = words[1:]  # "miles", "dollars"
    if len(words) < 2 or words[0].lower() not in ("per", "a", "an"):
        return None
    if len(words) > 2 and words[2].lower() in _BEFORE_NOW:
        return None  # "$6.78 billion a year earlier" is a level a year ago
    denominator = words[1].lower().removesuffix("s") if len(words[1]) > 3 else words[1].lower()
    if denominator not in RATE_DENOMINATORS:
        return None
    return f"{unit} per {denominator}"


_BEFORE_NOW = frozenset({"earlier", "ago", "before", "later", "prior"})


# What news prices and speeds are given per: time, and the units goods are sold in.
RATE_DENOMINATORS = frozenset(
    """second minute hour day week month year night barrel gallon litre liter ounce gram
    kilogram kilo tonne ton share head capita""".split()
)


@lru_cache(maxsize=4096)
def unit_name(word: str) -> str | None:
    """The normalised unit a word names, or None when it names no unit."""
    lowered = word.lower().strip(".=")
    if lowered in _WORDS:
        return _WORDS[lowered]
    if lowered in CURRENCIES:
        return CURRENCIES[lowered]
    if lowered in PERSON_NOUNS:
        return "person"
    if lowered in _NOT_UNITS or not lowered.replace("-", "").isalpha():
        return None
    if len(word) > 2 and word[0].isupper() and word[1:].islower():
        return None  # a name ("Kia"), which Pint would read as prefix and unit
    if not _news_unit(word):
        return None
    try:
        units = _registry().parse_units(word)
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        ValueError,
        AttributeError,
        TypeError,
        AssertionError,
    ):
        return None
    if units.dimensionless:
        return None
    name = str(units).replace("metric_ton", "tonne")
    for old, new in _SPELLING:
        name = name.replace(old, new)
    return name


def _news_unit(word: str) -> bool:
    """Whether Pint reads ``word`` as a unit news uses, written as news writes it: a
    prefix spelled out ("kilowatts") or a prefix symbol before the unit's own symbol
    ("kW", "mAh"), never a prefix letter glued to a name ("mug" is no microgram)."""
    registry = _registry()
    try:
        readings = registry.parse_unit_name(word)
    except (pint.errors.DefinitionSyntaxError, ValueError, AttributeError, TypeError):
        return False
    for prefix, base, _suffix in readings:
        if base not in _NEWS_UNITS:
            continue
        if not prefix:
            return True
        if prefix not in _PREFIXES or base not in _METRIC:
            continue
        if word.lower().startswith(prefix) or word[1:] == registry.get_symbol(base):
            return True
    return False
