"""The text reader end to end on fixtures of different wire and page formats."""

from __future__ import annotations

import copydesk
from conftest import fixture, sample


def read(path) -> copydesk.Article:  # type: ignore[no-untyped-def]
    return copydesk.extract(text=path.read_text(encoding="utf-8"), source=str(path))


def test_reuters_style_sample_fills_every_extract_field() -> None:
    article = read(sample("wire-story.txt"))
    assert article.kicker == "UPDATE 2"
    assert article.headline == "Flood waters force thousands from homes in northern river valley"
    assert article.dateline is not None
    assert (article.dateline.place, article.dateline.agency) == ("VELMAR", "Reuters")
    assert article.dateline.date == "March 14"
    assert article.body[0].startswith("Rising flood waters forced about 4,200 people")
    assert article.body[-1].startswith("Forecasters expect up to 80 millimetres")
    assert len(article.body) == 6
    assert article.credits.reporters == ["Anna Kovacs", "Peter Brandt"]
    assert article.credits.writers == ["Sofia Marin"]
    assert article.credits.editors == ["Tom Hale"]
    assert article.credits.photographers == ["Anna Kovacs"]
    assert article.credits.agencies == ["Reuters"]
    [caption] = article.captions
    assert caption.credit == "REUTERS/Anna Kovacs"
    assert caption.date == "2024-03-14"
    assert caption.text.endswith("March 14, 2024.")
    assert article.published.value == "2024-03-14"
    assert article.published.source == "text.caption_date"
    assert article.language == "en"


def test_sample_boilerplate_is_kept_with_reasons() -> None:
    article = read(sample("wire-story.txt"))
    reasons = {item.text: item.reason for item in article.boilerplate}
    assert reasons["Skip to main content"] == "navigation"
    assert reasons["Read More"] == "related_heading"
    assert reasons["Ferry operator cuts routes as fuel costs climb"] == "related_headlines"
    assert reasons["Share this article"] == "share_prompt"
    assert reasons["© 2024 Example News Network. All rights reserved."] == "copyright"
    body = article.body_text
    for text in reasons:
        assert text not in body


def test_ap_story_with_byline_timestamp_and_in_body_ad() -> None:
    article = read(fixture("ap-story.txt"))
    assert article.authors == ["Jane Morrow", "Luis Perez"]
    assert article.published.value == "2024-10-08"
    assert article.published.source == "text.date_line"
    assert article.dateline is not None and article.dateline.agency == "AP"
    assert article.dateline.place == "HARBOR POINT, Fla."
    assert article.credits.reporters == ["Dana Whitfield"]
    assert article.captions[0].photographer == "Carl Jensen"
    assert len(article.body) == 4, "the paragraph after the ad slot stays in the story"
    assert "Story continues below advertisement" not in article.body
    reasons = {item.reason for item in article.boilerplate}
    assert {"advertisement", "byline", "timestamp", "copyright"} <= reasons


def test_naive_page_text_keeps_only_the_story() -> None:
    article = read(fixture("naive-page.txt"))
    assert article.headline == "Council approves new cycle lanes for the city centre"
    assert len(article.body) == 4
    assert article.body[0].startswith("The city council voted")
    reasons = {item.text: item.reason for item in article.boilerplate}
    assert (
        reasons[
            "We use cookies to give you the best experience on our website. "
            "You can change your cookie settings at any time."
        ]
        == "cookie_notice"
    )
    assert reasons["Bus fares to rise in January"] == "related_headlines"
    assert reasons["Sign up for our morning newsletter"] == "newsletter_signup"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = read(fixture("afp-wrapped.txt"))
    assert len(article.body) == 3
    assert article.body[0].startswith("Winemakers in the region said on Friday that weeks")
    assert article.dateline is not None and article.dateline.place == "BORDEAUX, France"


def test_bloomberg_assistance_line_credits_reporters() -> None:
    article = read(fixture("bloomberg-story.txt"))
    assert article.kicker == "Analysis"
    assert article.credits.reporters == ["Mia Tanaka", "Oliver Grant"]
    assert all("assistance" not in p for p in article.body)


def test_caller_date_wins_and_is_recorded() -> None:
    text = sample("wire-story.txt").read_text(encoding="utf-8")
    article = copydesk.extract(text=text, published="2024-03-15")
    assert (article.published.value, article.published.source) == ("2024-03-15", "caller")
    assert article.provenance["published"] == "caller"


def test_text_without_an_article_is_an_honest_empty_record() -> None:
    article = copydesk.extract(text="Home\nNews\nSport\nContact us\n© 2024 Site")
    assert article.body == []
    assert article.headline is None
    assert len(article.boilerplate) == 5
    assert all(item.reason for item in article.boilerplate)


def test_spans_index_the_joined_body() -> None:
    article = read(sample("wire-story.txt"))
    assert article.body_text == "\n\n".join(article.body)
