"""Credit lines and bylines: who reported, wrote, edited and photographed a story.

Wire services close a story with ``(Reporting by A in X; Additional reporting by B;
Writing by C; Editing by D and E)``; AP with ``Associated Press writer F contributed``;
Bloomberg with ``— With assistance from G``; newspapers with ``H contributed reporting``.
Bylines open it: ``By JANE DOE, Associated Press``.
"""

from __future__ import annotations

import re

from copydesk.extraction.names import split_names
from copydesk.record import Credits

_ROLES = (
    ("reporters", r"(?:additional\s+)?report(?:ing|ed)\s+by|compiled\s+by|research\s+by"),
    ("writers", r"writ(?:ing|ten)\s+by|story\s+by|text\s+by"),
    ("editors", r"edit(?:ing|ed)\s+by|sub-?editing\s+by"),
    ("photographers", r"photo(?:s|graphy|graphs)?\s+by|pictures\s+by|images\s+by"),
)
_ROLE_PART = re.compile(
    "|".join(f"(?P<{role}>{pattern})" for role, pattern in _ROLES), re.IGNORECASE
)
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:" + "|".join(p for _, p in _ROLES) + r")\s+\S.*[)\]]?\s*\.?$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^(?:(?:The\s+)?Associated\s+Press\s+(?:writers?|reporters?|journalists?)\s+)?"
    r"(?P<names>[A-Z][^.;]{2,160}?)\s+contributed(?:\s+reporting)?(?:\s+to\s+this\s+"
    r"(?:report|story|article))?(?:\s+from\s+[^.]+)?\.?$"
)
_ASSISTANCE = re.compile(r"^[-–—]+\s*With\s+assistance\s+from\s+(?P<names>.+?)\.?$", re.IGNORECASE)
# "By Jane Doe", and the blog's "Posted on 19 December 2023 by Jane Doe" (a date, then
# the byline: "Published by Penguin" names no one). Other languages: "Von", "Par",
# "Por", "Di", "Door", "Av" (Swedish, Norwegian), "Af" (Danish), and "Text von",
# "Écrit par", "Escrito por"; or a label: "Autor: Jane Doe", "Auteur : Jane Doe".
BY_WORD = r"(?:by|von|par|por|di|door|av|af)"
_BYLINE = re.compile(
    r"^(?:(?:posted|published|written|filed)\s+(?:on|at)\s+[^\n|]{1,50}?\s+)?"
    r"(?:(?:text|texte|texto|testo|written|écrit|ecrit|escrito|scritto|geschrieben)\s+)?"
    rf"{BY_WORD}:?\s+(?P<names>[^\n]{{3,150}})$",
    re.IGNORECASE,
)
_LABELLED_BYLINE = re.compile(
    r"^(?:autor(?:in|es|a|en)?|auteur(?:e|s)?|autore|autori|text|texte|texto|testo"
    r"|redakteur(?:in)?|redacción|redaccion)\s*:\s*(?P<names>[^\n]{3,150})$",
    re.IGNORECASE,
)
# The pieces of a line of page furniture: "Le Monde | 04.05.2015 | Par Jane Doe"
_FURNITURE_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_MAX_FURNITURE = 250
_BYLINE_TAIL = re.compile(
    r"\s+(?:the\s+)?(?:associated\s+press|reuters|afp|bloomberg)\b.*$|"
    r"(?:,|\s[|–—-])\s*(?:the\s+)?(?:associated\s+press|reuters|afp|bloomberg|cnn|staff"
    r"|special\s+to|contributor|correspondent|reporter|senior|chief|updated|published"
    r"|[A-Z][\w ]*(?:news|times|post|press|herald|journal|tribune|wire)\b).*$",
    re.IGNORECASE,
)


def is_credit_line(text: str) -> bool:
    """A closing credit line (as opposed to a body sentence that mentions reporting)."""
    text = text.strip()
    if len(text) > 400:
        return False
    # "contributed" first: the pattern's lazy name part otherwise tries every capitalised line
    contributed = "contributed" in text and _CONTRIBUTED.match(text)
    return bool(_CREDIT_LINE.match(text) or contributed or _ASSISTANCE.match(text))


def parse_credit_line(text: str, into: Credits) -> None:
    """Add the people a credit line names to ``into``, each under their role."""
    text = text.strip().strip("()[] .")
    for pattern in (_CONTRIBUTED, _ASSISTANCE):
        match = pattern.match(text)
        if match:
            _add(into.reporters, split_names(match.group("names")))
            return
    for part in re.split(r"\s*;\s*", text):
        role_match = _ROLE_PART.search(part)
        if role_match is None or role_match.lastgroup is None:
            continue
        names = split_names(part[role_match.end() :])
        _add(getattr(into, role_match.lastgroup), names)


def parse_byline(text: str) -> list[str] | None:
    """The names in a byline (``By Jane Doe and John Roe, Reuters``), or None if not one."""
    text = text.strip()
    match = _BYLINE.match(text) or _LABELLED_BYLINE.match(text)
    if match is None and len(text) <= _MAX_FURNITURE and _FURNITURE_SEPARATOR.search(text):
        # a line of furniture whose last piece is the byline (the first may be a site
        # name, a date); only the last, so that a sentence with "by" stays prose
        last = _FURNITURE_SEPARATOR.split(text)[-1]
        match = _BYLINE.match(last) or _LABELLED_BYLINE.match(last)
    if match is None:
        return None
    names_text = _BYLINE_TAIL.sub("", match.group("names"))
    names = split_names(names_text)
    return names or None


def _add(target: list[str], names: list[str]) -> None:
    for name in names:
        if name not in target:
            target.append(name)
