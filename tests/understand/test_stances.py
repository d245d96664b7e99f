"""Stances: what people want, back or oppose, read by the shipped model, kept apart
from what they said."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.understand.attribution import attributions
from copydesk.understand.nlp import parse
from copydesk.understand.stances import candidates, find_stances, model

STORY = (
    "Council backs new bridge\n\n"
    "Most residents of Velmar support the new bridge across the river, a survey "
    "published on Monday found.\n\n"
    "Mayor Marta Lind wants the council to approve the plan before the summer. "
    '"We cannot wait another year," Lind said at a meeting on Tuesday.\n\n'
    "The opposition leader, Piet Aren, has criticized the cost of the project."
)


@pytest.fixture(scope="module")
def story() -> copydesk.Article:
    return copydesk.extract(text=STORY)


def test_stances_have_holders_cues_and_spans(story: copydesk.Article) -> None:
    by_cue = {s.cue: s for s in story.stances}
    assert "wants" in by_cue, [s.cue for s in story.stances]
    wants = by_cue["wants"]
    assert wants.holder.name == "Marta Lind" and wants.holder.type == "person"
    assert wants.text.startswith("the council to approve the plan")
    text = story.body_text
    for stance in story.stances:
        assert text[stance.span.start : stance.span.end] == stance.text
        assert stance.holder.mention is not None
        mention = stance.holder.mention
        assert text[mention.span.start : mention.span.end] == mention.text
        assert model().threshold <= stance.confidence <= 1


def test_a_holder_is_an_actor_of_the_record(story: copydesk.Article) -> None:
    ids = {actor.id for actor in story.actors}
    assert story.stances and all(s.holder.actor in ids for s in story.stances)


def test_what_was_said_is_a_quote_not_a_stance(story: copydesk.Article) -> None:
    quoted = [q for q in story.quotes if q.cue == "said"]
    assert quoted and quoted[0].speaker is not None and quoted[0].speaker.name == "Marta Lind"
    assert all(s.cue != "said" for s in story.stances)
    assert not any("cannot wait" in s.text for s in story.stances)


def test_cues_of_saying_are_not_candidates() -> None:
    doc = parse("The minister said the plan would fail. Voters want a new plan.")
    said = attributions(doc)
    cues = {c.attribution.cue.text for c in candidates(doc, {a.cue.i for a in said})}
    assert "said" not in cues and "want" in cues


def test_a_higher_threshold_keeps_fewer_stances() -> None:
    doc = parse(STORY)
    said = attributions(doc)
    loose = find_stances(doc, said, model()._replace(threshold=0.05))
    strict = find_stances(doc, said, model()._replace(threshold=0.95))
    assert len(strict) < len(loose)
    assert {s.attribution.cue.i for s in strict} <= {s.attribution.cue.i for s in loose}


def test_markdown_lists_stances_apart_from_quotes(story: copydesk.Article) -> None:
    from copydesk.render import to_markdown

    markdown = to_markdown(story)
    stances = markdown.split("## Stances", 1)[1]
    assert "**Marta Lind (person)**, *wants*" in stances
    assert "cannot wait" not in stances


def test_a_relative_pronoun_names_the_holder_it_stands_for() -> None:
    article = copydesk.extract(
        text="Poll finds optimism\n\nMost Republicans who back Donald Trump say the economy "
        "is improving, and many of them expect wages to rise next year.\n\n"
        "The poll of 1,200 adults was taken in the first week of March."
    )
    back = next(s for s in article.stances if s.cue == "back")
    assert back.holder.mention is not None and back.holder.mention.text == "who"
    assert "Republicans" in back.holder.name


def test_asking_not_to_be_named_is_no_stance() -> None:
    article = copydesk.extract(
        text="Talks stall\n\nThe talks stalled on Monday, said an official who asked not to be "
        "named because the talks are private."
    )
    assert not any("named" in s.text for s in article.stances)


def test_no_stances_are_read_from_a_body_in_another_language() -> None:
    german = copydesk.extract(
        text="Brücke öffnet später\n\n"
        + "Die meisten Anwohner unterstützen die neue Brücke über den Fluss, und der "
        "Stadtrat will den Plan noch vor dem Sommer beschließen. " * 3
    )
    assert german.language == "de" and german.stances == []
