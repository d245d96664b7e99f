"""A quotation runs from its opening mark to its closing one, whatever the parse says."""

from __future__ import annotations

import copydesk
from copydesk.record import Quote
from copydesk.understand.quotation_marks import quoted_regions, region_at


def test_regions_pair_curly_and_straight_marks() -> None:
    text = 'He said “one. Two.” Then "three" and “four'
    spans = [text[r.start : r.end] for r in quoted_regions(text)]
    assert spans == ["“one. Two.”", '"three"', "“four"]


def test_a_quotation_reopened_in_the_next_paragraph_carries_on() -> None:
    text = '“First part.\n\n“Second part,” she said.\n\nNot quoted "here\n\nnor here.'
    regions = quoted_regions(text)
    assert text[regions[0].start : regions[0].end] == "“First part.\n\n“Second part,”"
    # an unclosed mark stops at the paragraph break when the next does not reopen
    assert text[regions[1].start : regions[1].end] == '"here'
    assert region_at(regions, text.index("nor")) is None
    assert region_at(regions, text.index("Second")) == regions[0]


def _quotes(body: str) -> list[Quote]:
    return copydesk.extract(text=body, published="2024-03-14").quotes


def test_a_quote_of_several_sentences_is_one_quote() -> None:
    body = (
        "VELMAR (Wire) — The mayor spoke on Thursday.\n\n"
        '"Okay," Marta Lind said, looking at the crowd. "We will rebuild the bridge. '
        'It will take two years. Nobody will be left behind."\n\n'
        "The council meets again next week."
    )
    quotes = _quotes(body)
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.speaker.name == "Marta Lind"
    assert quote.text.startswith('"Okay,"')
    assert quote.text.endswith('Nobody will be left behind."')


def test_i_inside_a_quotation_is_the_quoted_speaker() -> None:
    body = (
        "VELMAR (Wire) — The mayor spoke on Thursday.\n\n"
        '"I think the bridge will be finished by spring and I believe the money is there," '
        "Marta Lind said.\n\n"
        "The council meets again next week."
    )
    quotes = _quotes(body)
    assert [q.speaker.name for q in quotes] == ["Marta Lind"]
    assert "I believe the money is there" in quotes[0].text


def test_who_names_the_speaker_of_a_relative_clause() -> None:
    body = (
        "VELMAR (Wire) — The mayor spoke to the council on Thursday about the bridge.\n\n"
        "Marta Lind, who said the bridge would be finished by spring, left early.\n\n"
        "The council meets again next week to vote on the budget for the new bridge."
    )
    [quote] = _quotes(body)
    assert quote.speaker.name == "Marta Lind"
    assert quote.speaker.mention.text == "who"


def test_a_live_blog_time_stamp_is_not_the_speaker() -> None:
    body = (
        "VELMAR (Wire) — The council met on Thursday to talk about the new bridge.\n\n"
        "12:15 p.m.: Mayor Marta Lind says the bridge will be finished by spring.\n\n"
        "The council meets again next week to vote on the budget for the new bridge."
    )
    [quote] = _quotes(body)
    assert quote.speaker.name == "Marta Lind"


def test_asking_not_to_be_named_reports_no_words() -> None:
    body = (
        "VELMAR (Wire) — The council met on Thursday to talk about the new bridge.\n\n"
        "A government spokesperson, who asked not to be named, told Reuters that help "
        "was on its way.\n\n"
        "The council meets again next week to vote on the budget for the new bridge."
    )
    assert [q.cue for q in _quotes(body)] == ["told"]


def test_a_quoted_i_think_does_not_stop_the_quote_going_on() -> None:
    body = (
        "VELMAR (Wire) — The mayor spoke on Thursday.\n\n"
        '"We were distressed when we learned about it," Marta Lind said. "Now I think we '
        'have found the cause, and we will fix it before the summer."\n\n'
        "The council meets again next week."
    )
    quotes = [q for q in _quotes(body) if q.speaker and q.speaker.name == "Marta Lind"]
    assert len(quotes) == 1 and "found the cause" in quotes[0].text
    assert not any(q.speaker and q.speaker.name == "I" for q in _quotes(body))


def test_the_outer_speaker_holds_a_reported_belief() -> None:
    body = (
        "VELMAR (Wire) — The council met on Thursday.\n\n"
        "Residents believe the new bridge will bring more traffic to the old town, "
        "Mayor Marta Lind told reporters after the meeting on Thursday.\n\n"
        "The council meets again next week."
    )
    quote = next(q for q in _quotes(body) if "bridge" in q.text)
    assert quote.speaker is not None and quote.speaker.name == "Marta Lind"
    assert quote.cue == "told"


def test_two_apostrophes_are_a_quotation_mark() -> None:
    text = "He said ''one. Two.'' Then ''three"
    spans = [text[r.start : r.end] for r in quoted_regions(text)]
    assert spans == ["''one. Two.''", "''three"]
    body = (
        "VELMAR (Wire) — The mayor spoke on Thursday.\n\n"
        "''We will rebuild the bridge,'' Marta Lind said. ''It will take two years and "
        "nobody will be left behind.''\n\n"
        "The council meets again next week."
    )
    quote = next(q for q in _quotes(body) if q.speaker and q.speaker.name == "Marta Lind")
    assert quote.kind == "direct" and "nobody will be left behind" in quote.text


def test_a_quote_starts_at_its_opening_mark() -> None:
    body = (
        "VELMAR (Wire) — The mayor spoke on Thursday.\n\n"
        '"This is not what the town needs. We need a new bridge. We have to get it done," '
        "Marta Lind said on Thursday.\n\n"
        "The council meets again next week."
    )
    quote = next(q for q in _quotes(body) if q.speaker and q.speaker.name == "Marta Lind")
    assert quote.text.startswith('"This is not what the town needs.')
    assert quote.kind == "direct"


def test_what_an_endorsement_reports_is_its_object() -> None:
    body = (
        "VELMAR (Wire) — The race tightened on Thursday.\n\n"
        "In a statement released on Monday morning, Senator Piet Aren endorsed Marta Lind "
        "for mayor of Velmar.\n\n"
        "The council meets again next week."
    )
    quote = next(q for q in _quotes(body) if q.cue == "endorsed")
    assert quote.text == "Marta Lind for mayor of Velmar"
    assert quote.speaker is not None and quote.speaker.name == "Piet Aren"
