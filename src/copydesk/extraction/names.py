"""Person names as credit lines and bylines write them, cleaned to ``Given Family``.

Credit lines mix names with places, roles and organisations ("Reporting by Jane Doe in
Kyiv", "By JOHN SMITH, Associated Press"). A name is kept only when it still looks like
a person's after cleaning, so "Staff", "Reuters" or "CNN Wire" never become authors.
"""

from __future__ import annotations

import re
from functools import lru_cache

from copydesk.read.limits import CACHED_TEXT_CHARS

AGENCIES = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "dpa": "dpa",
    "upi": "UPI",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "tass": "TASS",
    "pa": "PA",
    "press association": "PA",
    "pa media": "PA",
    "cnn": "CNN",
    "epa": "EPA",
    "epa-efe": "EPA",
    "getty images": "Getty Images",
    "getty": "Getty Images",
    "anadolu": "Anadolu",
    "yonhap": "Yonhap",
    "aap": "AAP",
    "canadian press": "CP",
    "the canadian press": "CP",
    "cp": "CP",
    "shutterstock": "Shutterstock",
}
_NOT_PEOPLE = {
    "staff",
    "staff writer",
    "staff reporter",
    "staff writers",
    "editorial board",
    "the editorial board",
    "editors",
    "news desk",
    "web desk",
    "digital desk",
    "newsroom",
    "wire",
    "cnn wire",
    "wire services",
    "agencies",
    "news service",
    "admin",
    "editor",
    "reporter",
    "correspondent",
    "contributor",
    "guest",
    "team",
    "desk",
    "online",
}
_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "bin",
    "ibn",
    "al",
    "el",
    "y",
    "dos",
    "das",
    "ter",
    "den",
    "st.",
}
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*")
# What follows a name in a byline: "in Paris", "(Reuters)", "| Staff", and a spaced dash
# before the outlet or a handle ("Jordeene B. Lagare - @inquirerdotnet Philippine
# Daily Inquirer"); a double-barrelled name has no spaces around its hyphen.
_TRAILING = re.compile(
    r"\s+(?:in|from|at|for|of|with)\s+[A-Z].*$|\s*\(.*?\)|\s*[|/].*$|\s+[-–—]\s+.*$",
    re.UNICODE,
)
_TOLD_TO = re.compile(r"^.*?\bas\s+told\s+to\s+", re.IGNORECASE)
# "Martin Untersinger (avec Damien Leloup et Morgane Tual)": the ones in brackets are
# co-authors, listed like the first.
_WITH = re.compile(r"\(\s*(?:with|avec|mit|con|com|met|med)\s+([^)]*)\)?", re.IGNORECASE)
_TOKEN = re.compile(r"^[A-Z\u00c0-\u024f][\w'’.\-]*$|^[A-Z]\.$", re.UNICODE)


def split_names(text: str) -> list[str]:
    """Every person name in a list such as ``Jane Doe in Kyiv and John Roe``.

    In "Amie Mock as told to Heather Eastman" the writer is the one told.
    """
    names: list[str] = []
    for part in _SPLIT.split(_WITH.sub(r", \1", _TOLD_TO.sub("", text))):
        name = clean_name(part)
        if name and name not in names:
            names.append(name)
    return names


# Words that never stand in a person's name: roles, organisations, page furniture.
_NOT_NAME_WORDS = frozenset(
    """
    policy privacy terms cookies staff writer writers editor editors reporter reporters
    correspondent correspondents contributor contributors contributing columnist opinion
    news times press media team desk wire service services daily journal today magazine
    newsletter newsroom editorial board deputy chief cto ceo cfo president director officer
    founder professor senior manager analyst fellow technologies university institute inc
    llc ltd group company corporation associated agency network online digital read more
    published updated posted share follow email subscribe sign login copyright rights
    reserved photo photos video videos image images getty reuters afp bloomberg nast
    the contributions icon plus shopping showbiz assistant features social links navigation
    freelance globe usa courier post herald tribune gazette ms md phd rd mba jr. sr. for
    telegram chronicle observer sentinel citizen examiner inquirer standard
    see view all archive archives profile author authors bio more political politics
    culture data graphics sports business entertainment lifestyle executive city report
    foreign bureau national metro redaktion rédaction redaccion redacción redazione
    redactie agentur agenturen
    """.split()
)
_BY_PREFIX = re.compile(r"^(?:[A-Za-z]+\s+)?by\s+", re.IGNORECASE)
_GLUED_ROLE = re.compile(
    r"(?<=[a-z])(?=(?:Staff|Senior|Contributing|Contributor|Writer|Reporter|Editor|"
    r"Correspondent|Columnist|Long|Read|Updated|Published)\b)"
)


# "KambhampatiData": a name glued to the next word of the page; a short head
# ("McCoy", "DeShawn", "MacKenzie", "LaToya") is the name's own capital.
_GLUED_WORD = re.compile(r"(?<=[a-z\u00df-\u00ff]{5})(?=[A-Z][a-z])")


def clean_name(text: str) -> str | None:
    """``text`` as a person's name, or None when it is not one.

    A page names its authors in several places (JSON-LD, meta tags, the byline) and a
    site names the same ones on every page, so a short text is read once.
    """
    read = _clean_name if len(text) <= CACHED_TEXT_CHARS else _clean_name.__wrapped__
    return read(text)


@lru_cache(maxsize=4096)
def _clean_name(text: str) -> str | None:
    text = _GLUED_WORD.sub(" ", _GLUED_ROLE.sub(" ", text.strip()))
    text = _BY_PREFIX.sub("", text)
    text = _TRAILING.sub("", text).strip(" .,:;-–—\"'")
    if not text or text.lower() in _NOT_PEOPLE or text.lower() in AGENCIES:
        return None
    tokens = text.split()
    stop = next((i for i, t in enumerate(tokens) if _not_a_name_word(t)), None)
    if stop is not None:
        last = stop == len(tokens) - 1
        if stop <= 2 and last and tokens[stop].lower().strip(".,") in _ORGANISATION_WORDS:
            return None  # "Field Level Media" is a company; "Adam Sennott Globe Staff" is not
        tokens = tokens[:stop] if stop >= 2 else []  # "Jane Doe Staff Writer" keeps the name
    if not 2 <= len(tokens) <= 5 or _collective(tokens):
        return None
    text = " ".join(tokens)
    if text.isupper():
        tokens = [t.capitalize() if len(t) > 2 or "." not in t else t for t in tokens]
    for token in tokens:
        if token.lower() not in _PARTICLES and not _TOKEN.match(token):
            return None
    return " ".join(tokens)


# Words that make the words before them an organisation's name ("Field Level Media",
# "Bleacher Report"), not a person followed by a role.
_ORGANISATION_WORDS = frozenset(
    """
    news times press media daily journal magazine network group company corporation inc
    llc ltd university institute agency report reports tribune gazette herald chronicle
    post courier observer sentinel examiner inquirer standard telegram globe
    """.split()
)


def _collective(tokens: list[str]) -> bool:
    """ "Our Foreign Staff", "The Editors", "Folha de" (a site name cut at "S.Paulo"): a
    name does not open with a possessive or an article, nor end on a particle."""
    return tokens[0].lower() in _COLLECTIVE_HEADS or tokens[-1].lower() in _PARTICLES


_COLLECTIVE_HEADS = frozenset(
    "our your their the unser unsere unserer unseren notre nos"
    " nuestro nuestra nostro nostra onze".split()
)


def _not_a_name_word(token: str) -> bool:
    lowered = token.lower().strip(".,")
    return lowered in _NOT_NAME_WORDS or ("." in lowered[1:-1] and len(lowered) > 4)  # NFL.com


def agency_name(text: str) -> str | None:
    """The canonical agency name for ``text`` (``REUTERS`` → ``Reuters``), if it is one."""
    return AGENCIES.get(text.strip().strip(".").lower())
