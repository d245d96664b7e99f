"""Rules that name what a block of page text is when it is not the story.

Each rule has a snake_case reason that ends up in the record beside the dropped text,
so a reviewer can see why a line left the body. The rules look at one block at a time;
where a block sits on the page (before the story, after it, in a list of headlines) is
the segmenter's business.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_I = re.IGNORECASE


class _Rule(NamedTuple):
    """A rule: where its pattern may match, and the words every match of it contains.

    Anchored rules match at the start of the line only, and are tried all at once
    (``_ANCHORED``); an unanchored one searches the line, but only where one of its
    ``needles`` stands: a plain substring test is far cheaper than the regex.
    """

    reason: str
    pattern: re.Pattern[str]
    needles: tuple[str, ...] = ()


def _at_start(reason: str, pattern: str) -> _Rule:
    return _Rule(reason, re.compile(f"^(?:{pattern})"))


def _anywhere(reason: str, pattern: str, needles: tuple[str, ...]) -> _Rule:
    return _Rule(reason, re.compile(pattern), needles)


# Order matters: the first rule that matches names the reason. The rules run on
# lower-cased text without IGNORECASE (a third faster), so none may spell a capital.
_RULES: tuple[_Rule, ...] = (
    _anywhere(
        "cookie_notice",
        r"\bcookies?\b.*\b(?:use|accept|consent|policy|settings|browser|experience)\b|"
        r"\b(?:accept|reject|manage)\s+(?:all\s+)?cookies\b|\bconsent\s+preferences\b",
        ("cookie", "consent"),
    ),
    _anywhere(
        "subscription_plea",
        r"\bsubscri(?:be|ption|bers?)\b|\bpremium\s+(?:plan|content|access|member)|"
        r"\bbecome\s+a\s+(?:member|subscriber|supporter)\b|\bsupport\s+(?:our|independent)\s+"
        r"journalism\b|\balready\s+(?:a\s+)?(?:subscriber|member)\b|\bto\s+continue\s+reading\b|"
        r"\bunlimited\s+(?:digital\s+)?access\b|\bfree\s+trial\b|\bpaywall\b",
        (
            "subscri",
            "premium",
            "become",
            "journalism",
            "already",
            "continue",
            "unlimited",
            "trial",
            "paywall",
        ),
    ),
    _anywhere(
        "newsletter_signup",
        r"\bnewsletters?\b|\bsign\s+up\b(?!\s+(?:for|to)\s+(?:the\s+)?(?:army|military|draft))|"
        r"\bin\s+your\s+inbox\b|\benter\s+your\s+e-?mail\b|\be-?mail\s+address\b",
        ("newsletter", "sign", "inbox", "mail"),
    ),
    _at_start(
        "advertisement",
        r"(?:advertisement|advertising|advert|sponsored(?:\s+content)?|ad|ads|promoted|"
        r"(?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:ad|advertisement))?|"
        r"continue\s+reading\s+(?:below|the\s+main\s+story)|scroll\s+(?:down\s+)?to\s+continue|"
        r"paid\s+(?:content|post|partner)|partner\s+content)\W*$",
    ),
    _at_start(
        "share_prompt",
        r"(?:share|tweet|e-?mail|print|copy(?:\s+link)?|link\s+copied|save|comment|facebook|"
        r"twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|flipboard|messenger|"
        r"share\s+(?:this|on|via|article|story)[\w\s]*|follow|gift\s+(?:this\s+)?article|"
        r"listen(?:\s+to\s+(?:this\s+)?article)?(?:\s+\d+\s*min)?)\W*$|"
        r"(?:share|follow\s+us)\s+on\b|click\s+to\s+(?:share|e-?mail|print)\b|"
        r"(?:(?:facebook|twitter|x|google\+|whatsapp|linkedin|pinterest|reddit|telegram|"
        r"e-?mail|print|messenger|tumblr|flipboard|copy\s+link|share|tweet)\W*){2,}$",
    ),
    _anywhere(
        "share_prompt",
        r"\bshare\s+this\s+(?:article|story|page)\b|\(opens\s+in\s+(?:a\s+)?new\s+window\)",
        ("share", "(opens"),
    ),
    _anywhere(
        "social_follow",
        r"\bfollow\s+(?:us|@?\w+)\s+on\s+(?:twitter|x|facebook|instagram|tiktok|threads|bluesky)|"
        r"\blike\s+us\s+on\s+facebook\b|\bjoin\s+(?:us|our\s+\w+)\s+on\s+(?:whatsapp|telegram)",
        ("follow", "like", "join"),
    ),
    _anywhere(
        "copyright",
        r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball\s+rights\s+reserved\b|\bmay\s+not\s+be\s+"
        r"(?:published|reproduced|broadcast|rewritten|redistributed)\b",
        ("©", "(c)", "copyright", "rights", "may"),
    ),
    _at_start("comments_prompt", r"(?:\d+\s+)?comments?\W*$"),
    _anywhere(
        "comments_prompt",
        r"\b(?:leave|post|add|view|show|read)\s+(?:a\s+|all\s+)?(?:\d+\s+)?comments?\b|"
        r"\bjoin\s+the\s+(?:conversation|discussion)\b|\blog\s*in\s+to\s+(?:comment|reply)\b|"
        r"\bcommunity\s+guidelines\b",
        ("comment", "conversation", "discussion", "log", "community"),
    ),
    _at_start(
        "site_footer",
        r"(?:terms\s+(?:of\s+(?:use|service)|&\s+conditions)|privacy(?:\s+policy|\s+notice)?|"
        r"contact(?:\s+us)?|about(?:\s+us)?|careers|sitemap|site\s+map|help|faq|accessibility|"
        r"advertise(?:\s+with\s+us)?|do\s+not\s+sell\s+my\s+(?:personal\s+)?info\w*|"
        r"(?:your\s+)?privacy\s+choices|imprint|impressum|rss(?:\s+feeds?)?|back\s+to\s+top)\W*$",
    ),
    _at_start(
        "navigation",
        r"(?:skip\s+to\s+(?:main\s+)?(?:content|navigation)|menu|search|home|log\s*in|"
        r"sign\s+in|register|my\s+account|close|open|toggle\s+navigation|more|sections|"
        r"main\s+menu|next|previous|prev|back|top|show\s+more|load\s+more|see\s+(?:more|all)|"
        r"view\s+(?:more|all)|expand|enlarge|play|pause|mute|loading\.*)\W*$",
    ),
    _at_start(
        "read_more_link",
        r"(?:read\s+more|related|see\s+also|also\s+read|more\s+on\s+this(?:\s+story)?|"
        r"read\s+also|recommended|watch|listen|more|click\s+here|don'?t\s+miss|opinion|"
        r"latest|trending|top\s+stories|must\s+read|explore\s+more)\s*[:|>»\-–—]\s*\S",
    ),
    # a CMS shortcode printed as text: "[button link=…]Send us your review[/button]"
    _at_start("markup_leftover", r"\[(?P<shortcode>\w+)\b[^\]]*\].*\[/(?P=shortcode)\]\W*$"),
    _at_start(
        "media_placeholder",
        r"(?:image|photo|video|audio|gallery|graphic|caption|credit|source|media)"
        r"(?:\s+\d+\s+of\s+\d+)?\W*$|\d+\s*/\s*\d+$|\(?\d{1,2}:\d{2}\)?$",
    ),
    _anywhere(
        "media_placeholder",
        r"\b(?:your\s+browser\s+does\s+not\s+support|enable\s+javascript|"
        r"requires\s+javascript|javascript\s+is\s+(?:required|disabled))\b",
        ("browser", "javascript"),
    ),
)

# Headings that open a list of other stories; everything short that follows belongs to it.
_LIST_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|coverage|content|news|topics|links))?|"
    r"read\s+(?:more|next|also)|more\s+(?:from|in|on|stories|news|to\s+explore|like\s+this)"
    r"[\w\s&',-]*|next\s+in\s+[\w\s&-]+|up\s+next|others?\s+also\s+read|recommended"
    r"(?:\s+(?:for\s+you|stories|reading))?|most\s+(?:read|popular|viewed|shared|emailed)"
    r"[\w\s]*|trending(?:\s+(?:now|stories|news))?|popular(?:\s+(?:now|stories))?|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|have\s+missed)|"
    r"don'?t\s+miss|latest(?:\s+(?:news|stories|headlines|articles))?|top\s+(?:stories|news)|"
    r"editor'?s?\s+picks?|what\s+to\s+read\s+next|in\s+other\s+news|also\s+in\s+[\w\s]+|"
    r"see\s+also|further\s+reading|more\s+coverage|around\s+the\s+web|from\s+the\s+web|"
    r"sponsored\s+(?:stories|links|content)|promoted\s+stories|"
    r"(?:more|other)\s+(?:top\s+)?(?:stories|articles|headlines))\W*$",
    _I,
)
_TIMESTAMP = re.compile(
    r"^(?:(?:updated|published|posted|last\s+updated|modified)\s*:?\s*)?"
    r"(?:\d+\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+.{0,40}(?:19|20)\d\d.{0,30}|"
    r"[\w.,\s]{0,20}\d{1,2}[\w.,\s]{0,12}(?:19|20)\d\d(?:[\s,|-]+\d{1,2}[:.]\d{2}.{0,20})?|"
    r"(?:19|20)\d\d-\d{2}-\d{2}.{0,20}|\d{1,2}[:.]\d{2}\s*(?:am|pm)?.{0,40})$",
    _I,
)


def rule_reason(text: str) -> str | None:
    """The reason ``text`` is boilerplate wherever it stands, or None."""
    stripped = text.strip()
    lowered = stripped.lower()
    if (
        "cookie" in lowered
        and _COOKIE_PROSE.search(lowered)
        and len(_COOKIE_WORD.findall(lowered)) >= 2
    ):
        return "cookie_notice"  # consent dialogs are long prose about cookies
    if len(stripped) > 600:
        return None  # long prose is judged by the segmenter, not by keywords
    anchored = _ANCHORED.match(lowered)
    first = int(anchored.lastgroup[1:]) if anchored and anchored.lastgroup else len(_RULES)
    # The searched rules that come before the first anchored rule that matched, then it.
    for index, rule in _SEARCHED:
        if index > first:
            break
        if _searched_match(rule, lowered) and _counts(rule, stripped):
            return rule.reason
    if first == len(_RULES):
        return None
    if _counts(_RULES[first], stripped):
        return _RULES[first].reason
    # Rare: that rule does not count on so long a line; the rest are tried in turn.
    return next(
        (
            rule.reason
            for rule in _RULES[first + 1 :]
            if (_searched_match(rule, lowered) if rule.needles else rule.pattern.search(lowered))
            and _counts(rule, stripped)
        ),
        None,
    )


def _searched_match(rule: _Rule, lowered: str) -> bool:
    """Whether an unanchored rule matches: its regex runs only where one of its words is."""
    for needle in rule.needles:  # (a plain loop: any() over a generator costs more)
        if needle in lowered:
            return bool(rule.pattern.search(lowered))
    return False


def _counts(rule: _Rule, stripped: str) -> bool:
    """A long paragraph that mentions "newsletter" is still prose, not a sign-up box."""
    return rule.reason not in _KEYWORD_RULES or len(stripped) <= 220


_SEARCHED = tuple((index, rule) for index, rule in enumerate(_RULES) if rule.needles)
# Every anchored rule in one pattern, each a group named by its place ("r3"): one match
# at the line's start finds the first of them that applies.
_ANCHORED = re.compile(
    "^(?:"
    + "|".join(
        f"(?P<r{index}>{rule.pattern.pattern[len('^(?:') : -1]})"
        for index, rule in enumerate(_RULES)
        if not rule.needles
    )
    + ")"
)


_COOKIE_PROSE = re.compile(
    r"\b(?:this|our)\s+(?:web)?site\s+uses\s+cookies\b|\bcookies\s+(?:are|that|may|help|to)\b", _I
)
_COOKIE_WORD = re.compile(r"\bcookies?\b", _I)
_COMMENT_HEADER = re.compile(
    r"^.{1,80}?\d.{0,40}\b(?:said|says|wrote|writes|replied|commented)\s*:?\s*$|"
    r"^(?:reply|report\s+(?:abuse|comment)|\d+\s+(?:likes?|replies))(?:\s*[|·]\s*\w+)*\W*$|"
    r"\b\d+\s+comments?\b|^leave\s+a\s+(?:reply|comment)\b|^comments?\s+(?:are\s+closed|\(\d+\))",
    _I,
)
_COMMENT_WORDS = ("said", "says", "wrote", "writes", "repl", "comment", "report", "leave", "like")
_KEYWORD_RULES = {
    "cookie_notice",
    "subscription_plea",
    "newsletter_signup",
    "copyright",
    "comments_prompt",
    "social_follow",
}


def is_list_heading(text: str) -> bool:
    """A heading that opens a list of other stories (``Related``, ``Next In World``)."""
    return len(text) <= 60 and bool(_LIST_HEADING.match(text.strip()))


def is_timestamp(text: str) -> bool:
    """A line that is nothing but a date or time (``Updated 3:45 PM EDT, Mon Sep 25, 2023``)."""
    stripped = text.strip()
    return len(stripped) <= 80 and bool(_TIMESTAMP.match(stripped))


def is_comment_marker(text: str) -> bool:
    """A line that belongs to a comment thread: ``Alex on May 2 at 4:47 pm said:``, ``Reply``."""
    stripped = text.strip()
    if len(stripped) > 120:
        return False
    lowered = stripped.lower()
    # every branch of the pattern holds one of these words: most lines are spared its scan
    return any(map(lowered.__contains__, _COMMENT_WORDS)) and bool(_COMMENT_HEADER.search(stripped))
