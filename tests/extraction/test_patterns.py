"""The small readers: kicker, dateline, caption, credit line, byline, dates, names."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.extraction.boilerplate import is_list_heading, rule_reason
from copydesk.extraction.captions import parse_caption
from copydesk.extraction.credits import is_credit_line, parse_byline, parse_credit_line
from copydesk.extraction.dateline import split_dateline
from copydesk.extraction.dates import find_dates, plausible
from copydesk.extraction.headline import split_kicker
from copydesk.extraction.language import detect_language
from copydesk.record import Credits


@pytest.mark.parametrize(
    ("title", "kicker", "headline"),
    [
        ("Exclusive-Officials to visit port", "Exclusive", "Officials to visit port"),
        ("UPDATE 2-Oil prices rise on supply fears", "UPDATE 2", "Oil prices rise on supply fears"),
        ("Analysis: Why rates stay high", "Analysis", "Why rates stay high"),
        ("EXPLAINER - What the new law changes", "EXPLAINER", "What the new law changes"),
        ("Biden: We will rebuild the bridge", None, "Biden: We will rebuild the bridge"),
        ("Live-saving drug approved", None, "Live-saving drug approved"),
    ],
)
def test_split_kicker(title: str, kicker: str | None, headline: str) -> None:
    assert split_kicker(title) == (kicker, headline)


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "date", "rest"),
    [
        ("WASHINGTON (Reuters) - Officials said", "WASHINGTON", "Reuters", None, "Officials said"),
        ("KYIV, Sept 25 (Reuters) - Drones hit", "KYIV", "Reuters", "Sept 25", "Drones hit"),
        ("LONDON (AP) — Prices rose", "LONDON", "AP", None, "Prices rose"),
        ("Paris (AFP) - Strikes spread", "Paris", "AFP", None, "Strikes spread"),
        ("ATLANTA -- Federal officials warned", "ATLANTA", None, None, "Federal officials warned"),
        (
            "SAN JUAN, Puerto Rico — Power returned",
            "SAN JUAN, Puerto Rico",
            None,
            None,
            "Power returned",
        ),
    ],
)
def test_split_dateline(
    paragraph: str, place: str, agency: str | None, date: str | None, rest: str
) -> None:
    dateline, remainder = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, date)
    assert remainder == rest


@pytest.mark.parametrize(
    "paragraph",
    [
        "Biden - who spoke on Monday - said no.",
        "The (new) plan - approved - works.",
        "I (Reuters) - x",
    ],
)
def test_no_dateline_in_ordinary_sentences(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)


def test_reuters_caption() -> None:
    caption = parse_caption("Smoke rises over the city, May 2, 2024. REUTERS/Jane Doe/File Photo")
    assert caption is not None
    assert caption.text == "Smoke rises over the city, May 2, 2024."
    assert caption.credit == "REUTERS/Jane Doe/File Photo"
    assert (caption.photographer, caption.agency, caption.date) == (
        "Jane Doe",
        "Reuters",
        "2024-05-02",
    )


@pytest.mark.parametrize(
    ("line", "photographer", "agency"),
    [
        ("Fans cheer in the stands. (AP Photo/Evan Lee)", "Evan Lee", "AP"),
        ("A man walks past a mural. Photo: Ana Ruiz/Getty Images", "Ana Ruiz", "Getty Images"),
        ("Police stand guard. AFP via Getty Images", None, "Getty Images"),
        ("Crowds at the rally (Photo by Tom Wu/AFP via Getty Images)", "Tom Wu", "Getty Images"),
    ],
)
def test_other_photo_credits(line: str, photographer: str | None, agency: str) -> None:
    caption = parse_caption(line)
    assert caption is not None
    assert (caption.photographer, caption.agency) == (photographer, agency)


def test_plain_sentence_is_not_a_caption() -> None:
    assert parse_caption("The council met on Monday and approved the plan.") is None


def test_credit_line_roles() -> None:
    credits = Credits()
    line = (
        "(Reporting by Ana Ruiz in Lima and Tom Wu; Additional reporting by Lee Chan; "
        "Writing by Sam Cole; Editing by Donna Bryson and Michael Perry)"
    )
    assert is_credit_line(line)
    parse_credit_line(line, credits)
    assert credits.reporters == ["Ana Ruiz", "Tom Wu", "Lee Chan"]
    assert credits.writers == ["Sam Cole"]
    assert credits.editors == ["Donna Bryson", "Michael Perry"]


def test_contributed_line() -> None:
    credits = Credits()
    parse_credit_line(
        "Associated Press writers Ana Ruiz and Tom Wu contributed to this report.", credits
    )
    assert credits.reporters == ["Ana Ruiz", "Tom Wu"]


def test_body_sentence_about_reporting_is_not_a_credit_line() -> None:
    assert not is_credit_line("The report by the committee found that reporting by banks was late.")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By JANE DOE and JOHN ROE, Associated Press", ["Jane Doe", "John Roe"]),
        ("By Jane Doe | Reuters", ["Jane Doe"]),
        ("By Staff", None),
        ("By CNN Wire", None),
        ("by the way, this is a sentence.", None),
    ],
)
def test_bylines(line: str, names: list[str] | None) -> None:
    assert parse_byline(line) == names


def test_find_dates_formats_and_plausibility() -> None:
    text = "Sept. 25, 2023; 3 October 2023; 2023-10-04T10:00Z; 1970-01-01; May 5, 2099"
    assert [d.value for d in find_dates(text)] == [
        dt.date(2023, 9, 25),
        dt.date(2023, 10, 3),
        dt.date(2023, 10, 4),
    ]
    assert not plausible(dt.date(1970, 1, 1))


@pytest.mark.parametrize(
    "text",
    [
        "Aktualisiert am 25. September 2023, 14:35 Uhr",
        "publié le 25 septembre 2023 à 10h",
        "25 de septiembre de 2023",
        "Опубликовано 25 сентября 2023 г.",
        "2023年9月25日 10:00",
        "2023년 9월 25일",
        "Stand: 25.09.2023 08:12",
        "25 settembre 2023",
    ],
)
def test_dates_in_other_languages(text: str) -> None:
    assert [d.value for d in find_dates(text)] == [dt.date(2023, 9, 25)]


def test_no_date_from_version_numbers_or_a_planet() -> None:
    assert find_dates("version 1.2.2024.5 of the app") == []
    assert find_dates("Mars 2024 mission") == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Subscribe now to our Premium Plan for an ad-free experience!", "subscription_plea"),
        ("Accept all cookies", "cookie_notice"),
        ("Share this article", "share_prompt"),
        ("ADVERTISEMENT", "advertisement"),
        ("READ MORE: Ferry cuts routes", "read_more_link"),
        ("Skip to main content", "navigation"),
        ("The minister said the plan would cost $2 billion.", None),
    ],
)
def test_boilerplate_rules(text: str, reason: str | None) -> None:
    assert rule_reason(text) == reason


def test_list_headings() -> None:
    assert is_list_heading("Next In World")
    assert is_list_heading("Others Also Read")
    assert not is_list_heading("Next steps for the peace talks remain unclear")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Die Regierung hat am Montag mitgeteilt, dass die Preise für Energie in den "
            "nächsten Monaten nicht weiter steigen werden, und das ist eine gute Nachricht.",
            "de",
        ),
        (
            "Le gouvernement a annoncé lundi que les prix de l'énergie ne vont pas augmenter "
            "dans les prochains mois, ce qui est une bonne nouvelle pour les ménages.",
            "fr",
        ),
        (
            "政府は月曜日、エネルギー価格が今後数か月で上昇しないと発表しました。これは家計にとって良い知らせです。"
            "多くの専門家がこの決定を歓迎しています。",
            "ja",
        ),
        ("short", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_rules_run_on_lower_cased_text_so_spell_no_capitals() -> None:
    """Boilerplate rules and markup hints search lower-cased text without IGNORECASE."""
    import re

    from copydesk.extraction import boilerplate
    from copydesk.extraction.html import dom

    patterns = [rule.pattern.pattern for rule in boilerplate._RULES]
    patterns += [p for _, p in dom._NEGATIVE] + [dom._POSITIVE_RE.pattern]
    for pattern in patterns:
        literal = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern)
        assert literal == literal.lower(), pattern
    assert boilerplate.rule_reason("SHARE THIS ARTICLE") == "share_prompt"
    related = dom.etree.fromstring('<div class="Related-Stories"/>')
    assert dom._hint(related, "div", False)[:2] == ("related_headlines", False)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advert", "advertisement"),
        ("This slideshow requires JavaScript.", "media_placeholder"),
        (
            '[button link="https://x.example/submit/"] Send us your review[/button]',
            "markup_leftover",
        ),
        ("The council said the [draft] plan would change next year.", None),
    ],
)
def test_page_furniture_lines(line: str, reason: str | None) -> None:
    assert rule_reason(line) == reason


_RULE_WORDS = (
    "cookies accept consent policy subscribe subscription premium become member supporter "
    "support our journalism already a to continue reading unlimited digital access free "
    "trial paywall newsletter sign up in your inbox enter email e-mail address follow us on "
    "twitter like facebook join whatsapp © (c) 2024 copyright all rights reserved may not "
    "be published leave post view 12 comments comment the conversation discussion log in "
    "reply community guidelines the council said bridge share this article story page "
    "(opens new window) your browser does not support enable javascript requires is "
    "required disabled"
).split()


@given(st.lists(st.sampled_from(_RULE_WORDS), min_size=1, max_size=14))
@settings(max_examples=400, deadline=None)
def test_a_rule_matches_only_where_one_of_its_words_stands(words: list[str]) -> None:
    """The needles let rule_reason skip a rule's regex; they must never skip a match."""
    from copydesk.extraction import boilerplate

    text = " ".join(words)
    for rule in boilerplate._RULES:
        if rule.needles and rule.pattern.search(text):
            assert any(needle in text for needle in rule.needles), (rule.reason, text)


def test_every_rule_is_anchored_or_has_needles() -> None:
    """A rule without needles runs on every line, so it must fail fast: at the start."""
    from copydesk.extraction import boilerplate

    for rule in boilerplate._RULES:
        assert rule.needles or rule.pattern.pattern.startswith("^(?:"), rule.reason


_CLASS_PARTS = (
    "article body content - share nav ad s story text related post x c-entry main "
    "comment bar side rail tag _ entry"
).split()


@given(st.lists(st.sampled_from(_CLASS_PARTS), max_size=8))
@settings(max_examples=400, deadline=None)
def test_one_search_names_a_class_as_two_would(parts: list[str]) -> None:
    """A class name is read with one search of both patterns; a story name anywhere in
    it must still win over a boilerplate reason before it, as with two searches."""
    from copydesk.extraction.html import dom

    name = "".join(parts)
    plain = "|".join(f"(?P<{reason}>{pattern})" for reason, pattern in dom._NEGATIVE)
    negative = re.search(plain, name)
    expected = (
        (None, True)
        if dom._POSITIVE_RE.search(name)
        else (negative.lastgroup if negative else None, False)
    )
    assert dom._name_hint.__wrapped__(name) == expected


_LINE_WORDS = (
    _RULE_WORDS
    + (
        "advertisement share print facebook twitter menu home more read : related comments 3 "
        "terms of use privacy image photo 1 / 2 [button] [/button] x"
    ).split()
)


@given(
    st.lists(st.sampled_from(_LINE_WORDS), min_size=1, max_size=12),
    st.sampled_from(("", " " + "!" * 230, " " + "the council said " * 14)),
)
@settings(max_examples=600, deadline=None)
def test_rule_reason_names_the_first_rule_that_matches(words: list[str], tail: str) -> None:
    """rule_reason skips regexes (needles, one match for all anchored rules); it must
    still name the reason of the first rule, in order, whose pattern matches the line,
    long lines (where some rules do not count) included."""
    from copydesk.extraction import boilerplate

    line = " ".join(words) + tail
    lowered = line.lower()
    expected = next(
        (
            rule.reason
            for rule in boilerplate._RULES
            if rule.pattern.search(lowered)
            and not (rule.reason in boilerplate._KEYWORD_RULES and len(line) > 220)
        ),
        None,
    )
    if "cookie" not in lowered:  # the long-prose cookie check comes before the rules
        assert rule_reason(line) == expected


_COMMENT_LINE_WORDS = (
    "alex on may 2 at 4:47 pm said: wrote replied commented reply report abuse comment 12 "
    "likes replies comments leave a are closed (3) the council | ·"
).split()


@given(st.lists(st.sampled_from(_COMMENT_LINE_WORDS), min_size=1, max_size=10))
@settings(max_examples=300, deadline=None)
def test_a_comment_marker_holds_one_of_its_words(words: list[str]) -> None:
    """is_comment_marker searches only lines holding one of its words; no line without
    one may match its pattern."""
    from copydesk.extraction import boilerplate

    line = " ".join(words)
    if boilerplate._COMMENT_HEADER.search(line):
        assert any(word in line.lower() for word in boilerplate._COMMENT_WORDS), line
