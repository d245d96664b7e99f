"""Who a quote is by, where it ends, what is not a quote, and how sure we are of each."""

from __future__ import annotations

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
