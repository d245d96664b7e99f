from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from conftest import FIXTURES

PARAGRAPH = (
    "The council said on Monday that the new bridge would open in May, a month late, and cost more."
)


def test_visible_text_only_and_comment_tails_kept() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>"
        f"<h1>Bridge opening delayed by a month</h1><p>The council said<!-- x --> on Monday"
        " that the new bridge would open in May, a month late, and cost more.</p>"
        f"<script>var a = 1;</script><p>{PARAGRAPH}</p></body></html>"
    )
    article = copydesk.extract(html=html)
    assert article.headline == "Bridge opening delayed by a month"
    assert article.body == [PARAGRAPH, PARAGRAPH]


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000,
        "<p>" + PARAGRAPH + "<b>unclosed" * 5000,
        "\x00<html>\x01<body><p>" + PARAGRAPH + "\x00</p>",
        "<html><body></body></html>",
        "",
    ],
    ids=["deep", "truncated", "control-chars", "empty-body", "empty"],
)
def test_hostile_html_gives_a_record_or_a_clear_error(html: str) -> None:
    try:
        article = copydesk.extract(html=html, source="hostile.html")
    except copydesk.CopydeskError as exc:
        assert str(exc).startswith("hostile.html: ")
    else:
        assert article.source == "hostile.html"


def test_huge_class_names_and_lines_are_not_kept_in_the_caches() -> None:
    """Hints and line shapes are cached across pages; a hostile page's long attribute
    values and lines must not be kept once it is read."""
    from copydesk.extraction import segment
    from copydesk.extraction.html import dom

    caches = (dom._markup_hint, dom._name_hint, segment._shape)
    before = [cache.cache_info().currsize for cache in caches]
    boxes = "".join(
        f"<div class='{'x' * 5000}{index}' id='{'y' * 300}{index}'><figure>"
        f"<p class='{'z' * 400}{index}'>{PARAGRAPH} {'w' * 300}{index}</p></figure></div>"
        for index in range(50)
    )
    copydesk.extract(html=f"<html><body>{boxes}</body></html>")
    after = [cache.cache_info().currsize for cache in caches]
    # at most the few elements with short attributes (body, figure) were cached, not the
    # fifty boxes and paragraphs with long ones
    assert all(a - b <= 3 for a, b in zip(after, before, strict=True)), (before, after)


HTML = FIXTURES / "html"


def read_page(name: str, url: str | None = None) -> copydesk.Article:
    return copydesk.extract(data=(HTML / name).read_bytes(), source=name, url=url)


def test_news_article_page_fields() -> None:
    article = read_page("news-article.html", url="https://herald.example/x?utm=1")
    assert article.page_type == "article"
    assert article.headline == "Council approves new cycle lanes for the city centre"
    assert article.authors == ["Priya Raman"]
    assert (article.published.value, article.published.source) == (
        "2024-03-12",
        "jsonld:newsarticle.datePublished",
    )
    assert article.url == "https://herald.example/news/2024/03/12/cycle-lanes"
    assert (article.site, article.site_name) == ("herald.example", "City Herald")
    assert article.language == "en"
    [caption] = article.captions
    assert caption.text == "Cyclists on Bridge Street, March 11, 2024."
    assert (caption.credit, caption.photographer) == ("Tom Wu/City Herald", "Tom Wu")
    assert article.body[0].startswith("The city council voted on Monday evening")
    assert "A plan ten years in the making" in article.body, "subheadings stay in the story"
    assert article.body[-1].startswith("Construction is expected to begin")
    assert len(article.body) == 5


def test_news_article_page_boilerplate_is_explained() -> None:
    article = read_page("news-article.html")
    reasons = {item.reason for item in article.boilerplate}
    assert {"cookie_notice", "navigation", "advertisement", "share_prompt", "comments"} <= reasons
    assert reasons & {"site_footer", "copyright"}
    assert reasons & {"related_headlines", "teaser_list", "related_heading"}
    body = article.body_text
    for item in article.boilerplate:
        assert item.text not in body
    assert "Great news for everyone" not in body, "comments are not the story"
    assert "Bus fares to rise" not in body, "related stories are not the story"


def test_section_front_is_a_listing_without_a_body() -> None:
    article = read_page("section-front.html")
    assert article.page_type == "listing"
    assert article.body == []
    assert sum(item.reason == "teaser_list" for item in article.boilerplate) == 12


def test_legacy_encoding_page_in_another_language() -> None:
    article = read_page("german-cp1252.html")
    assert article.language == "de"
    assert article.headline == "Stadtrat beschließt neue Radwege"
    assert len(article.body) == 2 and "Befürworter" in article.body[1]
    assert {"text": "Startseite Politik", "reason": "navigation"} in [
        {"text": b.text, "reason": b.reason} for b in article.boilerplate
    ]


@pytest.mark.parametrize(
    ("claim", "code"),
    [
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("Italiano (Italian)", "it"),
        ("English (United States), en", "en"),
        ("deu", "de"),
        ("x-default", "de"),  # names no language: the body's own stands
    ],
)
def test_a_language_claim_becomes_an_iso_code(claim: str, code: str) -> None:
    story = "".join(
        f"<p>Der Stadtrat hat am Montag beschlossen, die neue Brücke im Mai zu öffnen, {n} "
        "Wochen später als geplant, und die Anwohner sind nicht zufrieden damit.</p>"
        for n in range(3)
    )
    html = (
        f'<html><head><meta http-equiv="content-language" content="{claim}"></head>'
        f"<body><h1>Brücke öffnet später</h1>{story}</body></html>"
    )
    assert copydesk.extract(html=html).language == code


def test_structured_date_in_the_future_is_rejected() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2999-01-01"></head>'
        f"<body><h1>Bridge opening delayed by a month</h1><p>{PARAGRAPH}</p>"
        f"<p>{PARAGRAPH}</p></body></html>"
    )
    article = copydesk.extract(html=html, url="https://x.example/news/2024/02/03/bridge")
    assert (article.published.value, article.published.source) == ("2024-02-03", "url")


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<a href='/x'>",
                "</a>",
                "<nav>",
                "</nav>",
                "<h1>",
                "</h1>",
                "<figure><figcaption>",
                "</figcaption></figure>",
                "<article>",
                "</article>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<table><tr><td>",
                PARAGRAPH,
                "By Jane Doe",
                "\x00",
                "&amp;",
                "&#0;",
                "<br>",
                "<time datetime='2023-09-25'>",
                "</time>",
            ]
        ),
        max_size=60,
    )
)
def test_tag_soup_never_crashes_the_html_reader(parts: list[str]) -> None:
    article = copydesk.extract(html="".join(parts), source="soup.html")
    assert copydesk.from_json(copydesk.to_json(article)) == article
    assert all(item.reason for item in article.boilerplate)
