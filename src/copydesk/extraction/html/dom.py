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
from functools import lru_cache
from typing import cast

from lxml import etree

from copydesk.read.limits import CACHED_TEXT_CHARS

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
_CELL_TAGS = frozenset({"td", "th"})
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
TAG_REASONS = {"nav": "navigation", "footer": "site_footer", "aside": "sidebar", "form": "form"}
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
        # Not "paywall" or "subscriber": those classes wrap the story itself on paid sites.
        r"newsletter|signup|sign-up|donate",
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
# Reasons are tried in the order above. Like the story pattern below, they run on
# lower-cased attributes (IGNORECASE is slower).
_POSITIVE_RE = re.compile(
    r"article-?(?:body|content|text)|story-?(?:body|content|text)|post-?(?:body|content)|"
    r"entry-?content|main-?content|body-?text|articlebody|story-?body|text-?body|"
    r"\bcontent-?body|rich-?text|article__body|c-entry|field-?body|news-?text|post-?text"
)


def _by_first_letter(reasons: list[tuple[str, str]]) -> re.Pattern[str]:
    """One search for every reason's pattern, its alternatives grouped by first letter.

    Python's re checks a branch's leading letter before entering it, so a pattern that
    opens with ~20 letters is tried far faster at each character than ~100 alternatives
    each inside a named group. Within a letter the alternatives keep their order, so the
    first that matches at the leftmost place is the one the plain alternation would give;
    each sits in a group named ``reason__n``.
    """
    by_letter: dict[str, list[str]] = {}
    for reason, pattern in reasons:
        for index, alternative in enumerate(_alternatives(pattern)):
            if alternative.startswith("\\b"):  # "\bads?\b": the boundary goes before "a"
                letter, rest = alternative[2], f"(?<=\\b{alternative[2]})" + alternative[3:]
            else:
                letter, rest = alternative[0], alternative[1:]
            if not letter.isalnum():
                raise ValueError(f"{reason}: {alternative!r} does not open with a letter")
            by_letter.setdefault(letter, []).append(f"(?P<{reason}__{index}>{rest})")
    return re.compile(
        "|".join(f"{re.escape(letter)}(?:{'|'.join(alts)})" for letter, alts in by_letter.items())
    )


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (a ``|`` inside a group or a character
    class does not split)."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # to the class's closing bracket, escapes skipped
            index += 1
            while index < len(pattern) and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    return [*parts, pattern[start:]]


# Both in one search, the story pattern first: most class names match neither.
_HINT_RE = _by_first_letter([("story", _POSITIVE_RE.pattern), *_NEGATIVE])
_WRAPPER_SHARE = 0.4
_MEASURE_PAGE_AT = 400  # characters outside links that make a hinted element likely a wrapper
_MAX_STORY_ARTICLES = 2
_STORY_PARAGRAPH = 200
# A block is a caption when a <figure> or <figcaption> holds it within this many levels,
# or an element whose class says caption or photo credit within the second.
_FIGURE_DEPTH = 6
_CAPTION_CLASS_DEPTH = 3
_CAPTION_CLASS = re.compile(r"caption|photo-?credit|image-?credit|wp-caption", re.IGNORECASE)
_FIGURE_TAGS = frozenset({"figure", "figcaption"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class DomBlock:
    """One block of visible text and its markup evidence."""

    __slots__ = (
        "collapsed",
        "element",
        "hint",
        "hint_source",
        "in_caption",
        "in_figure",
        "link_density",
        "story_hint",
        "tag",
        "text",
    )
    hint_source: etree._Element | None

    def __init__(self, text: str, link_chars: int, frame: _Frame, collapsed: bool = False) -> None:
        self.collapsed = collapsed  # a whole boilerplate subtree read as one block
        self.text = text
        self.link_density = link_chars / max(1, len(text))  # share of it that is link text
        self.element = frame.element
        self.tag = frame.tag
        self.hint = frame.hint
        self.hint_source = frame.hint_source
        self.story_hint = frame.story
        # inside a <figure>, or near an element its class calls a caption or photo credit
        self.in_figure = frame.from_figure < _FIGURE_DEPTH
        self.in_caption = self.in_figure or frame.from_caption_class < _CAPTION_CLASS_DEPTH


class _Frame:
    """An open element during the walk and the hint in force inside it."""

    __slots__ = (
        "block",
        "element",
        "enclosing",
        "from_caption_class",
        "from_figure",
        "hint",
        "hint_source",
        "in_link",
        "skipped",
        "story",
        "tag",
    )
    hint: str | None
    story: bool
    hint_source: etree._Element | None
    in_link: bool
    enclosing: _Frame | None

    def __init__(
        self, element: etree._Element, tag: str, parent: _Frame | None, cards: bool
    ) -> None:
        self.element = element
        self.tag = tag
        self.block = tag in BLOCK_TAGS
        self.skipped = False
        hint, story, caption_class = _hint(element, tag, cards)
        if parent is None:
            self.in_link = tag == "a"
            self.enclosing = None
            self.hint, self.story, self.hint_source = hint, story, element
            self.from_figure, self.from_caption_class = _caption_distances(element)
            return
        self.in_link = tag == "a" or parent.in_link
        self.enclosing = parent.owner
        # levels up to the nearest <figure> and caption class (the element itself: 0)
        self.from_figure = 0 if tag in _FIGURE_TAGS else parent.from_figure + 1
        self.from_caption_class = 0 if caption_class else parent.from_caption_class + 1
        if hint is None and not story:
            self.hint, self.story, self.hint_source = parent.hint, parent.story, parent.hint_source
        else:
            self.hint, self.story, self.hint_source = hint, story, element

    @property
    def owner(self) -> _Frame | None:
        """The nearest block element holding this one (itself, if it is one): the block
        its text joins. (Kept apart from ``enclosing`` so that no frame refers to itself,
        which would leave every frame to the garbage collector.)"""
        return self if self.block else self.enclosing


def _caption_distances(element: etree._Element) -> tuple[int, int]:
    """Levels from ``element`` up to the nearest <figure> and caption class, for the walk's
    first element (those below it count on from its answer); a far one counts as none."""
    from_figure = from_caption_class = _FIGURE_DEPTH
    node: etree._Element | None = element
    for depth in range(_FIGURE_DEPTH):
        if node is None:
            break
        if node.tag in _FIGURE_TAGS:
            from_figure = min(from_figure, depth)
        if _CAPTION_CLASS.search(node.get("class") or ""):
            from_caption_class = min(from_caption_class, depth)
        node = node.getparent()
    return from_figure, from_caption_class


def _hint(element: etree._Element, tag: str, cards: bool) -> tuple[str | None, bool, bool]:
    """(boilerplate reason, story, caption class) that an element's own tag and attributes
    give. ``tag`` is read once by the walk (each read of ``element.tag`` builds a new
    string); ``cards``: the page uses ``<article>`` for many teaser cards, so it says
    nothing. The answer is cached by what it depends on."""
    itemprop, names, ident = element.get("itemprop"), element.get("class"), element.get("id")
    if len(names or "") + len(ident or "") + len(itemprop or "") > CACHED_TEXT_CHARS:
        return _markup_hint.__wrapped__(tag, itemprop, names, ident, cards)
    return _markup_hint(tag, itemprop, names, ident, cards)


@lru_cache(maxsize=8192)  # pages repeat the same tags and class strings thousands of times
def _markup_hint(
    tag: str, itemprop: str | None, names: str | None, ident: str | None, cards: bool
) -> tuple[str | None, bool, bool]:
    caption = bool(names and _CAPTION_CLASS.search(names))
    if (tag == "article" and not cards) or tag == "main" or itemprop == "articleBody":
        return None, True, caption
    attrs = f"{names or ''} {ident or ''}".strip()
    if attrs:
        reason, story = _attribute_hint(attrs)
        if story or reason:
            return reason, story, caption
    return TAG_REASONS.get(tag), False, caption


def _attribute_hint(attrs: str) -> tuple[str | None, bool]:
    """What a class and id string says.

    No pattern spans white space, so each class name is read on its own, and the
    leftmost one that names a reason gives it (as a search of the whole string would).
    Class names recur across sites (``container``, ``col-md-4``) far more than whole
    class strings do, so they are cached one by one.
    """
    reason = None
    for name in attrs.lower().split():
        read = _name_hint if len(name) <= CACHED_TEXT_CHARS else _name_hint.__wrapped__
        name_reason, story = read(name)
        if story:
            return None, True
        reason = reason or name_reason
    return reason, False


@lru_cache(maxsize=16384)
def _name_hint(name: str) -> tuple[str | None, bool]:
    match = _HINT_RE.search(name)
    if match is None or match.lastgroup is None:
        return None, False
    reason = match.lastgroup.split("__")[0]
    if reason == "story" or _POSITIVE_RE.search(name, match.start()):
        return None, True  # a story name anywhere wins over a reason before it
    return reason, False


def is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def page_blocks(body: etree._Element) -> list[DomBlock]:
    """The visible text of ``body`` as blocks, in document order.

    Whether a hinted element is a wrapper (``_Walker._is_wrapper``) needs a measure of
    the whole page that costs a pass over all its text. The walk assumes it is not and
    checks afterwards against the text it saw: the page holds at least that much, so an
    element short of the share of it was rightly collapsed. Only where that does not
    settle it is the page measured, and walked again if an assumption was wrong.
    """
    walker = _Walker(body)
    blocks = walker.run()
    assumed = [size for size in walker.assumed if size >= _WRAPPER_SHARE * walker.outside_links]
    if not assumed:
        return blocks
    page = walker.page_outside_links
    if page is None:
        page = _text_outside_links(body)
    if all(size < _WRAPPER_SHARE * page for size in assumed):
        return blocks
    return _Walker(body, page_outside_links=page).run()


class _Walker:
    """One pass over the tree; a boilerplate subtree (a menu, a share bar) becomes one block.

    Collapsing a hinted subtree keeps its text, with its reason, as a single dropped
    segment and saves walking its nodes one by one in Python. A hinted element holding
    much of the page's text is a wrapper with an unlucky class name and is walked.
    """

    def __init__(self, body: etree._Element, *, page_outside_links: int | None = None) -> None:
        self.body = body
        # the page's text outside links, where measured; else a collapse assumes it is
        # not a wrapper and its size is kept for page_blocks to check
        self.page_outside_links = page_outside_links
        self.assumed: list[int] = []
        self.blocks: list[DomBlock] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.stack: list[_Frame] = []
        self.outside_links = 0  # at least this much text outside links was walked so far
        self.cards: bool | None = None

    def run(self) -> list[DomBlock]:
        walk = etree.iterwalk(self.body, events=("start", "end"))
        stack = self.stack
        for event, element in walk:
            tag = element.tag
            if not isinstance(tag, str):
                continue
            top = stack[-1] if stack else None
            if event == "start":
                if tag in _SKIP or is_hidden(element):
                    walk.skip_subtree()  # no frame: its end only hands on its tail
                    continue
                frame = _Frame(element, tag, top, tag == "article" and self._cards())
                if frame.block and self.parts:
                    self.flush(top)
                stack.append(frame)
                own_hint = frame.hint is not None and frame.hint_source is element
                if own_hint and self._collapse(frame):
                    walk.skip_subtree()
                    continue
                if tag in _CELL_TAGS:
                    self.parts.append(" ")  # a table row is one line, its cells apart
                if text := element.text:
                    self.add(text, frame.in_link)
                continue
            if top is not None and top.element is element:
                stack.pop()
                if top.block and not top.skipped and self.parts:
                    self.flush(top)  # a block's own text ends with it
                top = stack[-1] if stack else None
            if text := element.tail:
                self.add(text, top is not None and top.in_link)
        self.flush(None)
        return self.blocks

    def flush(self, frame: _Frame | None) -> None:
        """Close the text gathered so far as a block of ``frame``'s owner."""
        if self.parts:
            text = " ".join("".join(self.parts).split())
            owner = frame.owner if frame is not None else None
            if text and owner is not None:
                self.blocks.append(DomBlock(text, self.link_chars, owner))
            # the text is white-space normalised: what is not a space is visible
            self.outside_links += max(0, len(text) - text.count(" ") - self.link_chars)
            self.parts.clear()
        self.link_chars = 0

    def add(self, text: str, in_link: bool) -> None:
        if not self.parts and text.isspace():
            return  # white space before any text changes nothing, and would cost a flush
        self.parts.append(text)
        if in_link:
            self.link_chars += len(text.strip())

    def _collapse(self, frame: _Frame) -> bool:
        element = frame.element
        # Joined with spaces: a collapsed menu's items are separate words, not one.
        words = " ".join(texts_of(element)).split()
        size = sum(map(len, words))
        if size >= _STORY_PARAGRAPH and any(
            _size(p) >= _STORY_PARAGRAPH for p in element.iter("p")
        ):
            return False  # story paragraphs under a misleading class: read them one by one
        links = _visible_chars(_link_text(element))
        if self._is_wrapper(size - links):
            return False  # most of the page's own text: a wrapper, walked
        self.outside_links += size - links
        text = " ".join(words)
        self.flush(frame)
        if text:
            frame.block = True
            frame.skipped = True
            self.blocks.append(DomBlock(text, links, frame, collapsed=True))
        return True

    def _cards(self) -> bool:
        """Counted on first need: most pages hold no ``<article>`` at all."""
        if self.cards is None:
            self.cards = sum(1 for _ in self.body.iter("article")) > _MAX_STORY_ARTICLES
        return self.cards

    def _is_wrapper(self, outside: int) -> bool:
        """Whether a hinted element with ``outside`` characters outside links holds most of
        the page's own text (``_WRAPPER_SHARE`` of it): then it is a wrapper with an unlucky
        class name, and walked. Where the page is not measured, the text walked so far may
        settle it (the page holds at least that and the element's); otherwise it is
        assumed not to be, for ``page_blocks`` to check."""
        if outside <= 0:
            return False
        if self.page_outside_links is not None:
            return outside >= _WRAPPER_SHARE * self.page_outside_links
        if outside < _WRAPPER_SHARE * (self.outside_links + outside):
            return False
        if outside >= _MEASURE_PAGE_AT:  # likely a wrapper: measure now, not walk twice
            self.page_outside_links = _text_outside_links(self.body)
            return outside >= _WRAPPER_SHARE * self.page_outside_links
        self.assumed.append(outside)
        return False


# Compiled XPath runs in C: measuring subtrees this way costs far less than walking them.
_XPATH_LINK_TEXT = etree.XPath(".//a//text()", smart_strings=False)
_XPATH_TEXTS = etree.XPath(".//text()", smart_strings=False)


def texts_of(element: etree._Element) -> list[str]:
    """Every text node inside ``element``, in document order, read in C."""
    return cast(list[str], _XPATH_TEXTS(element))


def string_of(element: etree._Element) -> str:
    """All the text inside ``element``, read in C (serialised as text: the same string
    as XPath's ``string()``, without setting up an XPath evaluation each time)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _link_text(element: etree._Element) -> str:
    return "".join(cast(list[str], _XPATH_LINK_TEXT(element)))


def _visible_chars(text: str) -> int:
    """Characters other than white space (str.split in C beats a regex here)."""
    return sum(map(len, text.split()))


def _size(element: etree._Element) -> int:
    """Characters of text in ``element`` other than white space."""
    return _visible_chars(string_of(element))


def _text_outside_links(element: etree._Element) -> int:
    """How much text outside links an element holds: the measure of where a story is."""
    return _size(element) - _visible_chars(_link_text(element))
