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
# the byline: "Published by Penguin" names no one).
_BYLINE = re.compile(
    r"^(?:(?:posted|published|written|filed)\s+(?:on|at)\s+[^\n|]{1,50}?\s+)?"
    r"(?:by|von|par|por|di|door)\s+(?P<names>[^\n]{3,150})$",
    re.IGNORECASE,
)
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
    match = _BYLINE.match(text.strip())
    if match is None:
        return None
    names_text = _BYLINE_TAIL.sub("", match.group("names"))
    names = split_names(names_text)
    return names or None


def _add(target: list[str], names: list[str]) -> None:
    for name in names:
        if name not in target:
            target.append(name)
