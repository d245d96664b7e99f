"""Figures, actors and quotes on the project's own sample story, through the API."""

from __future__ import annotations

import pytest

import copydesk
from conftest import sample
from copydesk.errors import PipelineError
from copydesk.pipeline import Pipeline
from copydesk.understand.components import FIGURES, PARSE, Shared


@pytest.fixture(scope="module")
def story() -> copydesk.Article:
    return copydesk.extract(text=sample("wire-story.txt").read_text(encoding="utf-8"))


def by_text(items: list, text: str):  # type: ignore[no-untyped-def]
    return next(item for item in items if item.text == text)


def test_figures_with_unit_claimant_and_date(story: copydesk.Article) -> None:
    people = by_text(story.figures, "4,200")
    assert (people.value, people.unit, people.approx) == (4200, "person", True)
    assert people.claimant == "regional officials"
    assert people.as_of == "2024-03-14"
    money = by_text(story.figures, "150 million")
    assert (money.value, money.unit, money.claimant) == (
        150_000_000,
        "EUR",
        "A government spokesperson",
    )
    rain = by_text(story.figures, "80")
    assert (rain.unit, rain.high) == ("millimetre", 80)
    shelters = by_text(story.figures, "12")
    assert (shelters.unit, shelters.as_of) == ("shelter", "2024-03-13")


def test_spans_point_into_the_body_text(story: copydesk.Article) -> None:
    text = story.body_text
    for item in [*story.figures, *story.times]:
        assert text[item.span.start : item.span.end] == item.text
    for quote in story.quotes:
        assert " ".join(text[f.start : f.end] for f in quote.fragments) == quote.text
    for actor in story.actors:
        for mention in actor.mentions:
            assert text[mention.span.start : mention.span.end] == mention.text


def test_quotes_kinds_speakers_and_cues(story: copydesk.Article) -> None:
    direct = next(q for q in story.quotes if q.kind == "direct")
    assert direct.text.startswith('"We have never seen the river rise')
    assert direct.speaker is not None and direct.speaker.name == "Marta Lind"
    assert direct.speaker.type == "person" and direct.cue == "said"
    assert len(direct.fragments) == 2 and "Our priority is to get everyone" in direct.text, (
        "the quoted sentence after the attribution continues the same quote"
    )
    later = next(q for q in story.quotes if q.text.startswith("the town had asked"))
    assert later.speaker is not None and later.speaker.actor == direct.speaker.actor, (
        "the surname alone is the same person"
    )
    spokesperson = next(q for q in story.quotes if "help was on its way" in q.text)
    assert spokesperson.speaker is not None and spokesperson.speaker.type == "anonymous"
    assert spokesperson.kind == "indirect"


def test_actor_roles_from_appositions(story: copydesk.Article) -> None:
    lind = next(a for a in story.actors if a.name == "Marta Lind")
    assert "mayor of Velmar" in lind.roles
    assert [m.text for m in lind.mentions][:2] == ["Marta Lind", "Lind"]


def test_understanding_can_be_skipped() -> None:
    article = copydesk.extract(text=sample("wire-story.txt").read_text(), understand=False)
    assert article.body and not article.quotes and not article.figures and not article.times


def test_a_pipeline_whose_reads_nobody_writes_is_refused() -> None:
    with pytest.raises(PipelineError, match="'figures' reads times, actors"):
        Pipeline([PARSE, FIGURES], given=["body", "language", "published"], state=Shared)
