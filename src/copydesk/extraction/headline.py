"""Headlines and the labels desks glue to them (``Exclusive-``, ``UPDATE 2-``, ``Analysis:``).

A kicker is editorial framing, not part of the headline: wire copies of one story carry
different labels (``UPDATE 1-`` then ``UPDATE 3-``) and must still compare equal.
"""

from __future__ import annotations

import re

# Labels used by wire services and newsrooms in front of a headline. Matching is on the
# label word(s), so "UPDATE 3", "Exclusive" and "EXCLUSIVE" are all found.
_LABELS = (
    "exclusive",
    "analysis",
    "factbox",
    "explainer",
    "insight",
    "breakingviews",
    "column",
    "commentary",
    "opinion",
    "update",
    "wrapup",
    "refile",
    "corrected",
    "correction",
    "rpt",
    "live",
    "watch",
    "video",
    "photos",
    "review",
    "interview",
    "editorial",
    "focus",
    "fact check",
    "factcheck",
    "timeline",
    "q&a",
    "breaking",
    "breaking news",
    "poll",
    "feature",
    "special report",
    "graphic",
    "instant view",
    "scenarios",
    "buzz",
    "guest view",
    "letter",
    "essay",
    "perspective",
    "profile",
    "obituary",
    "podcast",
    "developing",
    "just in",
    "watch live",
    "in pictures",
    "pictures",
    "preview",
)
_LABEL_ALTS = "|".join(re.escape(label) for label in sorted(_LABELS, key=len, reverse=True))
_KICKER = re.compile(
    rf"^(?P<kicker>(?:{_LABEL_ALTS})(?:\s+\d{{1,2}})?)"
    r"(?:-(?=(?-i:[A-Z0-9\"'‘“]))|\s*[:|]\s*|\s*[–—]\s*|\s+[-|]\s+)(?P<rest>\S.*)$",
    re.IGNORECASE,
)


def split_kicker(title: str) -> tuple[str | None, str]:
    """Return ``(kicker, headline)``; the kicker is None when the title carries no label."""
    title = title.strip()
    match = _KICKER.match(title)
    if match is None:
        return None, title
    rest = match.group("rest").strip()
    if len(rest.split()) < 2:
        return None, title
    return match.group("kicker").strip(), rest


def looks_like_headline(text: str) -> bool:
    """A line a desk could have set as a headline: a few words (or, in a script written
    without spaces, a few characters: "東京都知事選挙"), no closing full stop."""
    words = len(text.split())
    if len(text) > 250 or (words < 3 and len(text) < 12 and len(CJK.findall(text)) < 4):
        return False
    return not text.rstrip().endswith((".", ",", ";", ":", "。", "，", "；", "："))


# Kana, CJK ideographs and Hangul: scripts written without spaces between words
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
