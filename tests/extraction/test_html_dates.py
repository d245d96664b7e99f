"""Which date an HTML page was published on, and when it last changed."""

from __future__ import annotations

import json

import copydesk
from copydesk.extraction.html.claims import _url_day

STORY = "".join(
    f"<p>The council said on Monday that the new bridge would open in May, {n} weeks late.</p>"
    for n in range(3)
)


def page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><h1>Bridge opening delayed</h1>{body}{STORY}</body></html>"
    )


def jsonld(obj: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_the_url_date_wins_over_a_stale_claim() -> None:
    head = jsonld({"@type": "NewsArticle", "datePublished": "2022-02-11T09:00:00Z"})
    article = copydesk.extract(html=page(head), url="https://blog.example/2023/05/08/bridge")
    assert (article.published.value, article.published.source) == ("2023-05-08", "url")


def test_a_number_in_the_slug_is_not_a_day() -> None:
    assert _url_day("https://news.example/hudson/2023/12/16-new-officers.html") is None
    assert str(_url_day("https://weather.example/news/2023-12-19-earthquake")) == "2023-12-19"
    assert str(_url_day("https://paper.example/world/2023/dec/21/gunman")) == "2023-12-21"


def test_the_newsrooms_day_beats_a_utc_stamp_past_midnight() -> None:
    head = (
        jsonld({"@type": "NewsArticle", "datePublished": "2023-12-24T01:06:51+00:00"})
        + '<meta name="date" content="2023-12-23 17:06:51">'
    )
    article = copydesk.extract(html=page(head))
    assert article.published.value == "2023-12-23"


def test_modified_date_with_evidence_never_before_publication() -> None:
    head = (
        jsonld(
            {
                "@type": "NewsArticle",
                "datePublished": "2023-12-06T08:45-0500",
                "dateModified": "2023-12-12T15:28-0500",
            }
        )
        + '<meta property="article:modified_time" content="2021-01-01T00:00:00Z">'
    )
    article = copydesk.extract(html=page(head))
    assert article.published.value == "2023-12-06"
    assert (article.modified.value, article.modified.source) == (
        "2023-12-12",
        "jsonld:newsarticle.dateModified",
    )


def test_a_page_with_only_its_last_change_is_dated_by_it() -> None:
    head = '<meta property="article:modified_time" content="2023-09-04T19:51:56Z">'
    article = copydesk.extract(html=page(head))
    assert article.modified.value == article.published.value == "2023-09-04"
    assert article.published.source == "modified:meta:article:modified_time"


def test_dates_of_pages_that_are_not_declared_articles() -> None:
    recipe = jsonld({"@type": "Recipe", "datePublished": "2023-12-22T10:11:08.641-05:00"})
    assert copydesk.extract(html=page(recipe)).published.value == "2023-12-22"
    state = json.dumps({"article": {"datePublished": "2023-12-05T03:51:59Z"}})
    app = f"<script id='state' data-initial-state='{state}'></script>"
    assert copydesk.extract(html=page(body=app)).published.value == "2023-12-05"


def test_a_date_above_the_story_in_another_language() -> None:
    german = "".join(
        f"<p>Der Stadtrat hat am Montag beschlossen, die neue Brücke im Mai zu öffnen, {n} "
        "Wochen später als geplant.</p>"
        for n in range(3)
    )
    html = (
        '<html lang="de"><body><h1>Brücke öffnet später</h1>'
        "<div>Von Anna Weber publiziert am 25. September 2023</div>"
        f"<article>{german}</article></body></html>"
    )
    article = copydesk.extract(html=html)
    assert (article.published.value, article.published.source) == (
        "2023-09-25",
        "text.date_above_story",
    )
