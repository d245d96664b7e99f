"""The understand stage's components: compute with the finders, then write the record."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from copydesk.extract.dates import parse_iso_day
from copydesk.record import Article, Figure, Span, TimeExpression
from copydesk.understand.attribution import Attribution, attributions
from copydesk.understand.figures import FigureFound, find_figures
from copydesk.understand.nlp import parse
from copydesk.understand.times import Found, find_times


@dataclass
class Shared:
    """What the components of one article share: the parse and what was found in it."""

    doc: Doc | None = None
    attributions: list[Attribution] = field(default_factory=list)
    times: list[Found] = field(default_factory=list)

    def parsed(self) -> Doc:
        if self.doc is None:
            raise RuntimeError("the parse component must run first")
        return self.doc


class ParseComponent:
    name = "parse"
    reads: tuple[str, ...] = ("body",)
    writes: tuple[str, ...] = ()

    def __call__(self, article: Article, state: Shared) -> None:
        state.doc = parse(article.body_text, source=article.source)
        state.attributions = attributions(state.doc)


class TimesComponent:
    name = "times"
    reads: tuple[str, ...] = ("body", "published")
    writes: tuple[str, ...] = ("times",)

    def __call__(self, article: Article, state: Shared) -> None:
        anchor = parse_iso_day(article.published.value or "")
        text = article.body_text
        state.times = find_times(text, anchor)
        article.times = [
            TimeExpression(
                text=text[f.start : f.end],
                span=Span(f.start, f.end),
                type=f.type,  # type: ignore[arg-type]
                value=f.value,
                resolved=f.value is not None,
            )
            for f in state.times
        ]


class FiguresComponent:
    name = "figures"
    reads: tuple[str, ...] = ("body", "times")
    writes: tuple[str, ...] = ("figures", "vague_figures")

    def __call__(self, article: Article, state: Shared) -> None:
        figures, vague = find_figures(state.parsed(), state.attributions, state.times)
        text = article.body_text
        article.figures = [_figure(text, f) for f in figures]
        article.vague_figures = [_figure(text, f) for f in vague]


def _figure(text: str, found: FigureFound) -> Figure:
    return Figure(
        text=text[found.start : found.end],
        span=Span(found.start, found.end),
        value=found.value,
        low=found.low,
        high=found.high,
        unit=found.unit,
        approx=found.approx,
        counted=found.counted,
        claimant=found.claimant,
        as_of=found.as_of,
    )


PARSE = ParseComponent()
TIMES = TimesComponent()
FIGURES = FiguresComponent()
