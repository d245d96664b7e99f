"""What a page says about itself: JSON-LD, OpenGraph, ``article:*`` and other meta tags.

Structured data is evidence, not truth: sites leave template values (a publisher as the
author, the site's launch date as every page's date, a headline from another story).
This module only collects what the page claims, each value with where it came from; the
reader cross-checks the claims against the page before using them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, cast

import msgspec
from lxml import etree

_JSONLD_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "webpage",
    "advertisercontentarticle",
    "satiricalarticle",
    "posting",
    "discussionforumposting",
}
_MAX_JSONLD = 2_000_000
_SCRIPT_DATE = re.compile(
    r'"(?:datePublished|publishedAt|publish_date|pubDate)"\s*:\s*"([^"]{8,40})"'
)
# "authors":[{"name":"Jane Doe", …}] or "author":{"name":"Jane Doe"}
_SCRIPT_AUTHOR = re.compile(
    r'"authors?"\s*:\s*\[?\s*\{[^{}\[\]]{0,300}?"name"\s*:\s*"([^"\\]{3,80})"'
)


class Claim(msgspec.Struct, frozen=True):
    """A value a page claims about itself, the tag or property that holds it, and, for
    claims made in the page body, the source line where it stands."""

    value: str
    source: str
    line: int | None = None


class PageMeta(msgspec.Struct, kw_only=True):
    """Every claim found, in page order; the reader ranks them by their source."""

    titles: list[Claim] = msgspec.field(default_factory=list)
    authors: list[Claim] = msgspec.field(default_factory=list)
    bylines: list[Claim] = msgspec.field(default_factory=list)
    published: list[Claim] = msgspec.field(default_factory=list)
    modified: list[Claim] = msgspec.field(default_factory=list)
    bodies: list[Claim] = msgspec.field(default_factory=list)
    captions: list[Claim] = msgspec.field(default_factory=list)
    languages: list[Claim] = msgspec.field(default_factory=list)
    sites: list[Claim] = msgspec.field(default_factory=list)
    urls: list[Claim] = msgspec.field(default_factory=list)
    page_types: list[Claim] = msgspec.field(default_factory=list)
    # an author named only in the page's app state: the last resort
    state_authors: list[Claim] = msgspec.field(default_factory=list)
    # the names structured data types as a Person ("@type": "Person"): people, even
    # where the site bears the same name (a one-person blog)
    persons: set[str] = msgspec.field(default_factory=set)


_META_FIELDS: dict[str, str] = {
    "og:title": "titles",
    "twitter:title": "titles",
    "title": "titles",
    "author": "authors",
    "article:author": "authors",
    "byl": "authors",
    "parsely-author": "authors",
    "sailthru.author": "authors",
    "dc.creator": "authors",
    "citation_author": "authors",
    "dcterms.creator": "authors",
    "article:published_time": "published",
    "og:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "publishdate": "published",
    "publish-date": "published",
    "date": "published",
    "dc.date": "published",
    "dc.date.issued": "published",
    "sailthru.date": "published",
    "parsely-pub-date": "published",
    "article.published": "published",
    "cxenseparse:recs:publishtime": "published",
    "citation_publication_date": "published",
    "original-publish-date": "published",
    "article:published": "published",
    "article.created": "published",
    "article_date_original": "published",
    "created": "published",
    "date_published": "published",
    "datecreated": "published",
    "dc.date.created": "published",
    "dcterms.created": "published",
    "dcterms.date": "published",
    "dcterms.issued": "published",
    "og:pubdate": "published",
    "pub_date": "published",
    "publication_date": "published",
    "rnews:datepublished": "published",
    "citation_date": "published",
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "datemodified": "modified",
    "last-modified": "modified",
    "og:locale": "languages",
    "content-language": "languages",
    "language": "languages",
    "dc.language": "languages",
    "og:site_name": "sites",
    "application-name": "sites",
    "og:url": "urls",
    "og:type": "page_types",
}


def read_metadata(root: etree._Element) -> PageMeta:
    """Collect JSON-LD, meta-tag and link claims from a parsed page."""
    meta = PageMeta()
    objects = [
        obj
        for script in root.iter("script")
        if "ld+json" in (script.get("type") or "").lower() and script.text
        for obj in _jsonld_objects(script.text)
    ]
    by_id = {str(obj["@id"]): obj for obj in objects if isinstance(obj.get("@id"), str)}
    for obj in objects:
        _add_jsonld(meta, obj, by_id)
    for element in root.iter("meta"):
        key = (
            (
                element.get("property")
                or element.get("name")
                or element.get("itemprop")
                or element.get("http-equiv")
                or ""
            )
            .strip()
            .lower()
        )
        # some sites write the value in ``value`` rather than ``content``
        content = (element.get("content") or element.get("value") or "").strip()
        field = _META_FIELDS.get(key)
        if field and content:
            getattr(meta, field).append(Claim(content, f"meta:{key}"))
    html_lang = root.get("lang") or root.get("xml:lang")
    if html_lang:
        meta.languages.append(Claim(html_lang, "html:lang"))
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.urls.append(Claim(link.get("href", ""), "link:canonical"))
    for element in root.iter("title"):
        if element.text and element.text.strip():
            meta.titles.append(Claim(element.text.strip(), "html:title"))
            break
    _add_markup_claims(meta, root)
    if not meta.published or not (meta.authors or meta.bylines):
        _add_app_state(meta, root)
    return meta


def _add_app_state(meta: PageMeta, root: etree._Element) -> None:
    """App state (Next.js, Nuxt) carries dates and authors as JSON; it is read only for
    what nothing else on the page gives, and of authors only the first is taken (the
    state may hold related stories too; the page's own usually comes first)."""
    dates, authors = not meta.published, not (meta.authors or meta.bylines)
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            continue
        # the state is the script's text, or a data attribute holding JSON
        states = [script.text or "", *(str(v) for v in script.attrib.values() if v[:1] == "{")]
        for state in states:
            state = state[:_MAX_JSONLD]
            if dates:
                for match in _SCRIPT_DATE.finditer(state):
                    meta.published.append(Claim(match.group(1), "script:datePublished"))
            if authors and not meta.state_authors and (found := _SCRIPT_AUTHOR.search(state)):
                meta.state_authors.append(Claim(found.group(1), "script:author"))


_BYLINE_CLASS = re.compile(
    r"\bbyline|\bauthor-?name|\bauthors?\b(?!-?(?:bio|info|box|image))", re.IGNORECASE
)
_AUTHOR_LINK = re.compile(
    r"/(?:authors?|staff|profiles?|people|journalists?|writers?|editors?|autor(?:en|in)?|autori?|"
    r"auteurs?|redakteur(?:in)?|periodistas?)/[\w.-]+/?$",
    re.IGNORECASE,
)
_PUBLISHED_HINT = re.compile(r"publish|posted|pubdate|date-?time|\bdate\b", re.IGNORECASE)


# A first cut in C (XPath) so that only likely elements reach the Python checks below.
# Testing attribute nodes (//@class[…]/..) is about twice as fast as testing every
# element for them; links are tested as links (every ``href`` on the page, <link>s and
# all, cost a third more); the union comes back in document order all the same.
_MARKUP_CANDIDATES = etree.XPath(
    "//@class[contains(., 'yline') or contains(., 'uthor')]/.."
    " | //@id[contains(., 'yline') or contains(., 'uthor')]/.."
    " | //@data-testid[contains(., 'uthor')]/.."
    " | //@itemprop[.='datePublished' or .='author']/.."
    " | //time[@datetime]"
    " | //a[@rel or @href[contains(., '/author') or contains(., '/staff/')"
    " or contains(., '/profile') or contains(., '/people/') or contains(., '/journalist')"
    " or contains(., '/writer') or contains(., '/editor') or contains(., '/autor')"
    " or contains(., '/auteur') or contains(., '/redakteur') or contains(., '/periodista')]]"
)


def _add_markup_claims(meta: PageMeta, root: etree._Element) -> None:
    """Microdata, ``rel=author`` links, byline classes and ``<time>`` elements."""
    for element in cast(list[etree._Element], _MARKUP_CANDIDATES(root)):
        prop = element.get("itemprop")
        if prop == "datePublished":
            value = (
                element.get("content")
                or element.get("value")
                or element.get("datetime")
                or _text(element)
            )
            if value:
                meta.published.append(Claim(value, "microdata:datePublished"))
        elif prop == "author":
            name = element.get("content") or element.get("value") or _microdata_name(element)
            if name:
                meta.authors.append(Claim(name, "microdata:author"))
        elif element.tag == "a" and "author" in (element.get("rel") or "").split():
            if text := _text(element):
                meta.authors.append(Claim(text, "html:rel-author"))
        elif element.tag == "time" and element.get("datetime"):
            hinted = element.get("pubdate") is not None or _PUBLISHED_HINT.search(
                f"{element.get('class', '')} {_text(element)[:40]}"
            )
            source = "html:time-published" if hinted else "html:time"
            meta.published.append(Claim(element.get("datetime", ""), source))
        elif element.tag == "a" and _AUTHOR_LINK.search(element.get("href") or ""):
            if (text := _text(element)) and not _in_teaser(element):
                meta.bylines.append(Claim(text, "html:author-link", source_line(element)))
        elif _BYLINE_CLASS.search(
            f"{element.get('class', '')} {element.get('id', '')} {element.get('data-testid', '')}"
        ):
            text = _text(element)
            if 3 <= len(text) <= 200 and not _in_teaser(element):
                meta.bylines.append(Claim(text, "html:byline-class", source_line(element)))


def _in_teaser(element: etree._Element) -> bool:
    """A byline in a list item, an aside or a nav that also holds a headline (a card for
    another story) credits that story's author, not this one's."""
    for above in element.iterancestors():
        tag = above.tag
        if tag in _TEASER_TAGS and next(above.iter(*_HEADING_TAGS), None) is not None:
            return True
        if tag in _PAGE_TAGS:
            return False
    return False


_TEASER_TAGS = frozenset({"li", "aside", "nav"})
_PAGE_TAGS = frozenset({"article", "main", "body"})
_HEADING_TAGS = ("h2", "h3", "h4")


def _microdata_name(element: etree._Element) -> str:
    for child in element.iter():
        if child.get("itemprop") == "name":
            return child.get("content") or _text(child)
    return _text(element)


def _text(element: etree._Element) -> str:
    """Text nodes joined by spaces: inline pieces of a byline are often not spaced."""
    return " ".join(" ".join(str(t) for t in element.itertext()).split())


# Scripts written for XHTML wrap their JSON in ``<![CDATA[ … ]]>`` or an HTML comment.
_JSONLD_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _jsonld_objects(text: str) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD script, ``@graph`` members included."""
    if len(text) > _MAX_JSONLD:
        return
    try:
        data = json.loads(_JSONLD_WRAPPER.sub("", text).strip().rstrip(";"))
    except (ValueError, RecursionError):
        return
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list):
                stack.extend(reversed(graph))


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _add_jsonld(meta: PageMeta, obj: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> None:
    kinds = _types(obj)
    if not kinds & _JSONLD_ARTICLE_TYPES:
        _add_schema_dates(meta, obj, kinds)
        return
    source = "jsonld:" + "/".join(sorted(kinds))
    meta.page_types.append(Claim(sorted(kinds)[0], source))
    for key, field in (
        ("headline", "titles"),
        ("name", "titles"),
        ("datePublished", "published"),
        ("dateCreated", "published"),
        ("dateModified", "modified"),
        ("articleBody", "bodies"),
        ("inLanguage", "languages"),
        ("url", "urls"),
    ):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            getattr(meta, field).append(Claim(value.strip(), f"{source}.{key}"))
    if not meta.authors:  # the page's own article comes first; later ones are teasers
        for name in _person_names(obj.get("author"), by_id, meta.persons):
            meta.authors.append(Claim(name, f"{source}.author"))
    publisher = obj.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        meta.sites.append(Claim(publisher["name"], source))
    for caption in _image_captions(obj.get("image")):
        meta.captions.append(Claim(caption, source))


def _add_schema_dates(meta: PageMeta, obj: dict[str, Any], kinds: set[str]) -> None:
    """A recipe's or a video's own dates, trusted below an article's: a page that is not
    declared an article still says when it went out."""
    if kinds & _NOT_THE_PAGE:
        return
    source = "schema:" + "/".join(sorted(kinds))
    for key, field in (("datePublished", "published"), ("dateModified", "modified")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            getattr(meta, field).append(Claim(value.strip(), f"{source}.{key}"))


# Types whose dates are not the page's: the site, its owner, a person, a crumb trail.
_NOT_THE_PAGE = frozenset({"website", "organization", "person", "breadcrumblist", "imageobject"})


def _person_names(
    value: Any, by_id: dict[str, dict[str, Any]], persons: set[str]
) -> Iterator[str]:
    """Names of the people in a JSON-LD ``author`` (organisations are left out); those
    typed Person are added to ``persons``.

    Yoast and others write the author as a reference (``{"@id": "#/person/1"}``) to a
    Person node elsewhere in the graph; the reference is followed.
    """
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = by_id.get(item["@id"], item)
        if isinstance(item, str):
            yield from (part.strip() for part in re.split(r",| and ", item) if part.strip())
        elif isinstance(item, dict) and "organization" not in _types(item):
            name = item.get("name")
            if isinstance(name, str):
                if "person" in _types(item):
                    persons.add(name.strip().lower())
                yield name.strip()


def _image_captions(value: Any) -> Iterator[str]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, dict):
            caption = item.get("caption") or item.get("description")
            if isinstance(caption, str) and caption.strip():
                yield caption.strip()


def source_line(element: etree._Element) -> int | None:
    """The line of the page where ``element`` starts, when the parser recorded it."""
    line = element.sourceline
    return line if isinstance(line, int) else None
