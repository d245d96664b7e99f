"""Who a quote is by, where it ends, what is not a quote, and how sure we are of each."""

from __future__ import annotations

import json
from pathlib import Path

import copydesk
from copydesk.record import Quote


def _quotes(body: str) -> list[Quote]:
    return copydesk.extract(text=body, published="2024-03-14").quotes


def test_the_attribution_outside_the_quotation_wins() -> None:
    body = (
        "Whale rescue at the beach\n\n"
        "“People dismiss us when we tell them that the whales are in trouble,” says Te Kaurinui."
        "\n\n“They were calling out to each other all night, and we could hear them from the "
        "dunes,” says Werner."
    )
    quotes = _quotes(body)
    assert [q.speaker.mention.text for q in quotes if q.speaker and q.speaker.mention] == [
        "Te Kaurinui",
        "Werner",
    ]
    assert all(q.text.endswith("”") for q in quotes)  # "says Werner." is not quoted


def test_a_caption_is_not_a_quote() -> None:
    body = (
        "Whale rescue at the beach\n\n"
        "Clockwise from top: the stranded whales on the beach, volunteers at work, and a calf."
        "\n\nVolunteers worked through the night to keep the whales wet."
    )
    assert all(q.cue != ":" for q in _quotes(body))


def test_quoted_as_saying_names_the_outer_speaker() -> None:
    body = (
        "Debris falls in Siberia\n\n"
        "Local people reported seeing a flash of light west of the capital, the Tuva "
        "government was quoted as saying by the Interfax news agency."
    )
    quotes = _quotes(body)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.mention is not None
    assert quotes[0].speaker.mention.text == "the Tuva government"


def test_a_quotation_after_a_long_attribution_continues_the_quote() -> None:
    body = (
        "Sanctions on Sudan\n\n"
        "“There is no reason to believe the guys in charge have changed their stripes,” said "
        "Mr. Reeves, a senior fellow at the Center for Health and Human Rights at Harvard "
        "University. “These guys are the worst of the worst.”"
    )
    quotes = _quotes(body)
    assert len(quotes) == 1
    assert "worst of the worst" in quotes[0].text


def test_quotes_carry_confidences_in_the_unit_interval() -> None:
    from copydesk.understand.actors import find_actors
    from copydesk.understand.attribution import attributions
    from copydesk.understand.nlp import parse
    from copydesk.understand.quotes import find_quotes

    doc = parse("“We will rebuild the bridge within two years,” Marta Lind said on Thursday.")
    said = attributions(doc)
    found = find_quotes(said, find_actors(doc, said))
    assert found
    assert all(0.0 < q.confidence <= 1.0 and 0.0 < q.speaker_confidence <= 1.0 for q in found)


PARTICLES = """Dutch plan

AMSTERDAM (Reuters) - Karin de Vries, the minister, said the plan would cut emissions by
half before 2030.

"We will not wait for the others," De Vries said on Tuesday.

Ludwig van Beethoven was played as Anna di Marco, a curator, said the museum would open.
"""


def test_names_with_particles_are_one_person_in_the_article_and_the_store(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from copydesk.cli import cli

    article = copydesk.extract(text=PARTICLES)
    speakers = [(q.speaker.name, q.speaker.type) for q in article.quotes if q.speaker]
    assert speakers.count(("Karin de Vries", "person")) == 2, speakers
    kinds = {a.name: a.type for a in article.actors}
    assert kinds["Ludwig van Beethoven"] == "person" and kinds["Anna di Marco"] == "person"
    assert "De Vries" not in kinds
    story = tmp_path / "plan.txt"
    story.write_text(PARTICLES, encoding="utf-8")
    db = str(tmp_path / "news.db")
    CliRunner().invoke(cli, ["ingest", str(story), "--db", db, "--no-progress"])
    listed = CliRunner().invoke(cli, ["speakers", "--db", db, "--json"])
    rows = {row["name"]: row for row in json.loads(listed.output)}
    assert rows["Karin de Vries"]["quotes"] == 2 and rows["Karin de Vries"]["type"] == "person"
