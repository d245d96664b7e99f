"""What people type into search, quotes and figures: read as words, never as syntax."""

from __future__ import annotations

import pytest
from corpus_builders import article, build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copydesk.corpus import Store, queries
from copydesk.corpus.query_text import Phrase, Query, parse, to_fts5, without_common
from copydesk.errors import CorpusError

TEXTS = {
    1: "Talks on Nagorno-Karabakh resumed in Geneva.",
    2: "Exports from Côte d'Ivoire rose, said Mary O'Brien.",
    3: "Flood waters reached the valley; shelters opened.",
    4: "Flood warnings in the north, no shelters yet.",
    5: "Karabakh and Nagorno are far apart in this sentence.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db = tmp_path_factory.mktemp("q") / "news.db"
    build(
        db,
        [
            *(article(n, text) for n, text in TEXTS.items()),
            article(
                6,
                "The mayor spoke.",
                quotes=[("Anna Berg", "the levees held"), ("Tom Reed", "x marks the spot")],
            ),
        ],
    )
    return Store(db, readonly=True)


def ids(store: Store, text: str) -> set[int]:
    return {hit.id for hit in queries.search(store, text, limit=50)}


def test_words_are_anded_and_phrases_keep_their_order() -> None:
    assert parse('flood "flood waters"') == Query(
        ((Phrase(("flood",)),), (Phrase(("flood", "waters")),))
    )
    assert to_fts5(parse("flood shelters")) == '("flood") AND ("shelters")'


def test_hyphens_and_apostrophes_become_phrases(store: Store) -> None:
    assert parse("Nagorno-Karabakh").groups == ((Phrase(("Nagorno", "Karabakh")),),)
    assert ids(store, "Nagorno-Karabakh") == {1}, "the phrase, not both words anywhere"
    assert ids(store, "Côte d'Ivoire") == {2}
    assert ids(store, "O'Brien") == ids(store, "O’Brien") == {2}


def test_or_and_exclusion(store: Store) -> None:
    assert ids(store, "Geneva OR valley") == {1, 3}
    assert ids(store, "flood -warnings") == {3}
    assert ids(store, 'flood -"flood warnings"') == {3}
    assert ids(store, "flood shelters") == {3, 4}


def test_operators_and_punctuation_are_not_syntax(store: Store) -> None:
    assert ids(store, "AND (") == set(), "no words: nothing matches, no error"
    assert ids(store, "flood AND (shelters") == {3, 4}
    assert ids(store, "nosuchcol: flood*") == set(), "'nosuchcol' is a word like any other"
    assert ids(store, '"flood waters') == {3}, "a quote left open runs to the end"
    assert ids(store, "^flood NEAR/2 :") == set()
    assert ids(store, "OR flood OR") == {3, 4}
    assert ids(store, "-flood") == set(), "exclusions alone match nothing"


def test_fts5_syntax_only_when_asked(store: Store) -> None:
    assert ids(store, "Geneva OR valley") == {
        hit.id for hit in queries.search(store, "Geneva OR valley", syntax="fts5")
    }
    assert {h.id for h in queries.search(store, "flood NOT warnings", syntax="fts5")} == {3}
    for bad, detail in [
        ("AND (", "syntax error"),
        ("Nagorno-Karabakh", "'Karabakh' before ':' is not a column"),
        ('"open', "is not closed"),
    ]:
        with pytest.raises(CorpusError, match="not valid FTS5 syntax") as caught:
            queries.search(store, bad, syntax="fts5")
        assert detail in str(caught.value)


def test_search_pages_through_hits(store: Store) -> None:
    first = queries.search(store, "flood", limit=1)
    second = queries.search(store, "flood", limit=1, offset=1)
    assert len(first) == len(second) == 1 and first[0].id != second[0].id
    assert queries.search(store, "flood", limit=1, offset=2) == []


def test_a_column_filter_cannot_be_escaped(store: Store) -> None:
    hostile = "x) OR speaker : (Anna"
    rows = queries.quotes(store, about=hostile)
    assert [row.speaker for row in rows] == [], "no quote has both 'speaker' and 'anna'"
    assert [row.speaker for row in queries.quotes(store, speaker="Anna")] == ["Anna Berg"]
    assert [row.text for row in queries.quotes(store, speaker="Anna", about="levees")] == [
        "the levees held"
    ]
    assert queries.quotes(store, speaker="Anna) OR text : (spot") == []
    assert queries.quotes(store, speaker="!!!") == [], "a speaker with no words is nobody"


def test_common_words_of_a_name_are_dropped_only_beside_others() -> None:
    assert without_common(parse("Bank of England")) == parse("Bank England")
    assert without_common(parse("the")) == parse("the")


OPERATOR_SOUP = st.lists(
    st.sampled_from(
        [
            '"',
            "(",
            ")",
            "*",
            ":",
            "^",
            "-",
            "+",
            "{",
            "}",
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "NEAR/3",
            ",",
            "'",
            "’",
            "speaker",
            "text",
            "flood",
            "Anna",
            " ",
            "\x00",
            "é",
            "_",
        ]
    ),
    max_size=30,
).map("".join)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.text(max_size=80), OPERATOR_SOUP))
def test_no_user_text_is_an_error_in_plain_mode(store: Store, text: str) -> None:
    queries.search(store, text)
    queries.quotes(store, speaker=text, about=text)
    queries.figures(store, about=text)
