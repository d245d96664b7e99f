"""What the pages are built from: the body cut at marks, dates sorted as dates, edits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.record import Article, Figure, Quote, Span, Speaker
from copydesk.serve import views

paragraphs = st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=5)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    body = draw(paragraphs)
    size = len("\n\n".join(body))
    offsets = st.integers(min_value=0, max_value=size)

    def span() -> Span:
        a, b = sorted((draw(offsets), draw(offsets)))
        return Span(a, b)

    names = st.sampled_from(["Ana", "Ben", "Cy"])
    quotes = [
        Quote(text="q", kind="direct", span=span(), speaker=Speaker(name=draw(names)))
        for _ in range(draw(st.integers(0, 4)))
    ]
    figures = [Figure(text="f", span=span()) for _ in range(draw(st.integers(0, 3)))]
    return Article(source="t", body=body, quotes=quotes, figures=figures)


@given(articles())
@settings(max_examples=100, deadline=None)
def test_pieces_put_together_are_the_paragraphs(article: Article) -> None:
    marked = views.marked_paragraphs(article)
    assert ["".join(piece.text for piece in pieces) for pieces in marked] == article.body
    body = article.body_text
    for pieces, start in zip(marked, _starts(article.body), strict=True):
        offset = start
        for piece in pieces:
            inside = [q for q in article.quotes if q.span.start <= offset < q.span.end]
            assert (piece.quote is not None) == bool(inside)
            assert body[offset : offset + len(piece.text)] == piece.text
            offset += len(piece.text)


def _starts(body: list[str]) -> list[int]:
    starts, at = [], 0
    for text in body:
        starts.append(at)
        at += len(text) + 2
    return starts


def test_a_quote_is_marked_by_its_fragments_not_the_cue_between() -> None:
    body = ['"Run," said Ana. "Now."']
    quote = Quote(
        text='"Run," "Now."',
        kind="direct",
        span=Span(0, len(body[0])),
        fragments=[Span(0, 6), Span(17, 23)],
        speaker=Speaker(name="Ana"),
        cue="said",
    )
    pieces = views.marked_paragraphs(Article(source="t", body=body, quotes=[quote]))[0]
    assert [(p.text, p.speaker) for p in pieces] == [
        ('"Run,"', 0),
        (" said Ana. ", None),
        ('"Now."', 0),
    ]
    assert pieces[0].quote == "Ana · direct quote · cue: said · confidence: not scored"


def test_speakers_get_one_colour_each_in_order() -> None:
    quotes = [
        Quote(text="x", kind="direct", span=Span(0, 1), speaker=Speaker(name=name))
        for name in ["Ben", "Ana", "Ben", "Cy"]
    ]
    assert views.speaker_colours(quotes) == {"Ben": 0, "Ana": 1, "Cy": 2}


def test_as_of_sorts_as_dates_not_text() -> None:
    values = ["1960", None, "196", "2024-03-14", "1920", "2024-03", "2024-03-02"]
    ordered = sorted(values, key=views.as_of_key)
    assert ordered == ["196", "1920", "1960", "2024-03", "2024-03-02", "2024-03-14", None]


def test_numbers_are_written_out() -> None:
    assert views.number(1.1e7) == "11,000,000"
    assert views.number(2.5) == "2.5"
    assert views.number(None) == ""


def test_edits_are_the_paragraphs_cut_and_added() -> None:
    original = ["a", "b", "c"]
    copy = ["a", "B", "c", "d"]
    assert [(e.op, e.text) for e in views.edits(original, copy)] == [
        ("cut", "b"),
        ("added", "B"),
        ("added", "d"),
    ]
    assert views.edits(original, original) == []
