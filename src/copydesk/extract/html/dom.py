"""A parsed page as a sequence of text blocks, each with what the markup says about it.

The walk is iterative (a page nested 100,000 deep must not overflow the stack) and
records, per block: its text, how much of it is link text, the nearest block element
that holds it, and the nearest hint from the markup — a ``<nav>``, an ``<aside>``, a
``class="share-bar"`` says boilerplate; ``class="article-body"`` or ``<article>`` says
story. The nearest hint wins, so a story inside ``<div class="page sidebar-layout">`` is
still a story once an ``<article>`` below it says so.
"""

from __future__ import annotations

import re

from lxml import etree

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "canvas",
        "video",
        "audio",
        "object",
        "embed",
        "map",
        "head",
        "math",
        "dialog",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "pre",
        "br",
        "dt",
        "dd",
        "dl",
        "form",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        "caption",
        "fieldset",
        "legend",
        "body",
        "html",
        "picture",
    }
)
_TAG_REASONS = {"nav": "navigation", "footer": "site_footer", "aside": "sidebar", "form": "form"}
_NEGATIVE = (
    ("comments", r"comment|disqus|respond|discussion|replies"),
    (
        "related_headlines",
        r"related|recommend|more-?(?:stories|articles|news|from)|read-?next|"
        r"trending|popular|most-?(?:read|viewed)|outbrain|taboola|teaser|you-may-like|also-?read|"
        r"further-?reading|up-?next|next-?article|recirc|more-?on",
    ),
    ("share_prompt", r"share|social|sharing|sociable|addthis|print-?button"),
    (
        "newsletter_signup",
        r"newsletter|signup|sign-up|subscribe|subscription|paywall|"
        r"registration|regwall|piano|membership|donate",
    ),
    (
        "advertisement",
        r"\bads?\b|advert|sponsor|promo|dfp|gpt-|banner|commercial|adslot|"
        r"ad-?container|ad-?wrapper|ad-?unit|adsense|taboola",
    ),
    (
        "navigation",
        r"\bnav\b|navbar|navigation|menu|breadcrumb|masthead|skip-?link|pagination|"
        r"pager|toolbar|topbar",
    ),
    ("sidebar", r"sidebar|side-?bar|widget|rail\b|right-?col|left-?col|aside"),
    ("site_footer", r"footer|copyright|legal|colophon"),
    ("cookie_notice", r"cookie|consent|gdpr|cmp-"),
    ("tags", r"\btags?\b|tag-?list|keywords|topics-?list"),
    ("author_bio", r"author-?bio|about-?the-?author|author-?info|bio-?box"),
    (
        "media_placeholder",
        r"modal|popup|overlay|lightbox|tooltip|hidden|visually-?hidden|"
        r"sr-only|screen-?reader",
    ),
)
_NEGATIVE_RE = [(reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in _NEGATIVE]
_POSITIVE_RE = re.compile(
    r"article-?(?:body|content|text)|story-?(?:body|content|text)|post-?(?:body|content)|"
    r"entry-?content|main-?content|body-?text|articlebody|story-?body|text-?body|"
    r"\bcontent-?body|rich-?text|article__body|c-entry|field-?body|news-?text|post-?text",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WS = re.compile(r"\s+")


class DomBlock:
    """One block of visible text and its markup evidence."""

    __slots__ = ("element", "hint", "hint_source", "link_chars", "story_hint", "tag", "text")
    hint_source: etree._Element | None

    def __init__(self, text: str, link_chars: int, frame: _Frame) -> None:
        self.text = text
        self.link_chars = link_chars
        self.element = frame.element
        self.tag = str(frame.element.tag)
        self.hint = frame.hint
        self.hint_source = frame.hint_source
        self.story_hint = frame.story

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


class _Frame:
    """An open element during the walk and the hint in force inside it."""

    __slots__ = ("block", "element", "hint", "hint_source", "in_link", "story")
    hint: str | None
    story: bool
    hint_source: etree._Element | None
    in_link: bool

    def __init__(self, element: etree._Element, parent: _Frame | None, block: bool) -> None:
        self.element = element
        self.block = block
        self.in_link = element.tag == "a" or (parent is not None and parent.in_link)
        hint, story = element_hint(element)
        if hint is None and not story and parent is not None:
            self.hint, self.story, self.hint_source = parent.hint, parent.story, parent.hint_source
        else:
            self.hint, self.story, self.hint_source = hint, story, element


def element_hint(element: etree._Element) -> tuple[str | None, bool]:
    """(boilerplate reason, story) that this element's own tag and attributes give."""
    tag = str(element.tag)
    if tag in ("article", "main"):
        return None, True
    attrs = f"{element.get('class', '')} {element.get('id', '')}".strip()
    if attrs and _POSITIVE_RE.search(attrs):
        return None, True
    if tag in _TAG_REASONS:
        return _TAG_REASONS[tag], False
    if element.get("itemprop") == "articleBody":
        return None, True
    if not attrs:
        return None, False
    for reason, pattern in _NEGATIVE_RE:
        if pattern.search(attrs):
            return reason, False
    return None, False


def is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def page_blocks(body: etree._Element) -> list[DomBlock]:
    """The visible text of ``body`` as blocks, in document order."""
    blocks: list[DomBlock] = []
    parts: list[str] = []
    link_chars = 0
    stack: list[_Frame] = []
    skipping: etree._Element | None = None

    def flush() -> None:
        nonlocal link_chars
        text = _WS.sub(" ", "".join(parts)).strip()
        if text:
            owner = next((f for f in reversed(stack) if f.block), None)
            if owner is not None:
                blocks.append(DomBlock(text, link_chars, owner))
        parts.clear()
        link_chars = 0

    def add(text: str | None, in_link: bool) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if in_link:
                link_chars += len(text.strip())

    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if skipping is not None:
            if event == "end" and element is skipping:
                skipping = None
                add(element.tail, bool(stack) and stack[-1].in_link)
            continue
        if event == "start":
            if tag in _SKIP or is_hidden(element):
                skipping = element
                continue
            block = tag in BLOCK_TAGS
            if block:
                flush()
            frame = _Frame(element, stack[-1] if stack else None, block)
            stack.append(frame)
            add(element.text, frame.in_link)
        else:
            if stack and stack[-1].block:
                flush()  # the block's own text is flushed while it is still open
            if stack:
                stack.pop()
            add(element.tail, bool(stack) and stack[-1].in_link)
    flush()
    return blocks
