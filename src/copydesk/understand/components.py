"""The understand stage's components: compute with the finders, then write the record."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from copydesk.extraction import CALLER
from copydesk.extraction.dates import parse_iso_day
from copydesk.record import (
    Actor,
    Article,
    Figure,
    Mention,
    Notice,
    Quote,
    Span,
    Speaker,
    Stance,
    TimeExpression,
)
from copydesk.understand.actors import ActorFound, Actors, find_actors
from copydesk.understand.attribution import Attribution, attributions
from copydesk.understand.attribution_fr import attributions_fr
from copydesk.understand.figures import FigureFound, find_figures
from copydesk.understand.figures_fr import find_figures_fr
from copydesk.understand.languages import ALL_LAYERS, KITS
from copydesk.understand.nlp import parse, reading_language
from copydesk.understand.quotes import find_quotes
from copydesk.understand.stances import StanceFound, find_stances
from copydesk.understand.times import Found, find_times
from copydesk.understand.times_fr import find_times_fr


@dataclass
class Shared:
    """What the components of one article share: the parse and what was found in it."""

    doc: Doc | None = None
    attributions: list[Attribution] = field(default_factory=list)
    stances: list[StanceFound] = field(default_factory=list)
    actors: Actors = field(default_factory=Actors)
    times: list[Found] = field(default_factory=list)
    layers: tuple[str, ...] = ()  # the layers the body's language can be read for
    language: str | None = None  # the language the body is read in

    def runs(self, layer: str, article: Article) -> bool:
        """Whether ``layer`` runs on this body; one that does is listed in ``layers``."""
        if layer not in self.layers:
            return False
        article.layers.append(layer)
        return True

    def parsed(self) -> Doc:
        if self.doc is None:
            raise RuntimeError("the parse component must run first")
        return self.doc


class ParseComponent:
    name = "parse"
    reads: tuple[str, ...] = ("body", "language")
    writes: tuple[str, ...] = ()

    def __call__(self, article: Article, state: Shared) -> None:
        """Parse the body with its language's model, and only with it: a body in a
        language without one gets no model layer, and a warning says so."""
        language = (
            article.language
            if article.provenance.get("language") == CALLER
            else reading_language(article.body_text, article.language)
        )
        state.language = language
        kit = KITS.get(language or "")
        state.layers = kit.layers if kit else ()
        article.layers = []
        article.warnings = [*article.warnings, *_language_notices(language, state.layers)]
        if not state.layers:
            return
        state.doc = parse(article.body_text, source=article.source, language=language or "en")
        if "quotes" in state.layers:
            finder = attributions_fr if language == "fr" else attributions
            state.attributions = finder(state.doc)
        # Stances are found with the attributions, before the actors are gathered, so
        # that their holders become actors too; the model learnt English cues only.
        if "stances" in state.layers:
            state.stances = find_stances(state.doc, state.attributions)


def _language_notices(language: str | None, layers: tuple[str, ...]) -> list[Notice]:
    """Why the layers that do not run on this body do not."""
    skipped = [layer for layer in ALL_LAYERS if layer not in layers]
    if not skipped:
        return []
    if language is None:
        return [
            Notice(
                code="language_unknown",
                message="the body's language could not be told, and no model is guessed: "
                f"{', '.join(skipped)} were not read",
            )
        ]
    why = (
        f"no pipeline for {language}"
        if language not in KITS
        else f"language '{language}' has no rules for them"
    )
    return [
        Notice(
            code="language_not_supported",
            message=f"{why}: {', '.join(skipped)} were not read",
        )
    ]


class ActorsComponent:
    name = "actors"
    reads: tuple[str, ...] = ("body",)
    writes: tuple[str, ...] = ("actors",)

    def __call__(self, article: Article, state: Shared) -> None:
        if not state.runs("actors", article):
            return
        holders = [s.attribution for s in state.stances]
        state.actors = find_actors(state.parsed(), [*state.attributions, *holders])
        text = article.body_text
        article.actors = [
            Actor(
                id=actor.id,
                name=actor.name,
                type=actor.type,  # type: ignore[arg-type]
                roles=actor.roles,
                mentions=[Mention(text=text[s:e], span=Span(s, e)) for s, e in actor.mentions],
            )
            for actor in state.actors.found
        ]


class QuotesComponent:
    name = "quotes"
    reads: tuple[str, ...] = ("body", "actors")
    writes: tuple[str, ...] = ("quotes",)

    def __call__(self, article: Article, state: Shared) -> None:
        if not state.runs("quotes", article):
            return
        text = article.body_text
        article.quotes = [
            Quote(
                text=q.text,
                kind=q.kind,  # type: ignore[arg-type]
                span=Span(q.start, q.end),
                speaker=_speaker(
                    q.speaker, text, *q.mention, confidence=round(q.speaker_confidence, 3)
                ),
                cue=q.cue,
                fragments=[Span(s, e) for s, e in q.fragments],
                confidence=round(q.confidence, 3),
            )
            for q in find_quotes(state.attributions, state.actors)
        ]


class StancesComponent:
    name = "stances"
    reads: tuple[str, ...] = ("body", "actors")
    writes: tuple[str, ...] = ("stances",)

    def __call__(self, article: Article, state: Shared) -> None:
        if not state.runs("stances", article):
            return
        text = article.body_text
        article.stances = []
        for found in state.stances:
            content, named = found.attribution.content, found.attribution.named_by
            holder = state.actors.resolve(found.attribution.speaker)
            article.stances.append(
                Stance(
                    text=content.text,
                    span=Span(content.start_char, content.end_char),
                    holder=_speaker(holder, text, named.start_char, named.end_char),
                    cue=found.attribution.cue.text,
                    confidence=round(found.confidence, 3),
                )
            )


def _speaker(
    actor: ActorFound, text: str, start: int, end: int, *, confidence: float | None = None
) -> Speaker:
    """Who speaks or holds a view, the words that name them here, and, for a quote, how
    likely that attribution is right (calibrated on PolNeAR, understand/confidence.py)."""
    return Speaker(
        name=actor.name,
        type=actor.type,  # type: ignore[arg-type]
        actor=actor.id,
        mention=Mention(text=text[start:end], span=Span(start, end)),
        confidence=confidence,
    )


class TimesComponent:
    name = "times"
    reads: tuple[str, ...] = ("body", "published")
    writes: tuple[str, ...] = ("times",)

    def __call__(self, article: Article, state: Shared) -> None:
        if not state.runs("times", article):
            return
        anchor = parse_iso_day(article.published.value or "")
        text = article.body_text
        finder = find_times_fr if state.language == "fr" else find_times
        state.times = finder(text, anchor)
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
    reads: tuple[str, ...] = ("body", "times", "actors")
    writes: tuple[str, ...] = ("figures", "vague_figures")

    def __call__(self, article: Article, state: Shared) -> None:
        if not state.runs("figures", article):
            return
        finder = find_figures_fr if state.language == "fr" else find_figures
        figures, vague = finder(state.parsed(), state.attributions, state.times, state.actors)
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
ACTORS = ActorsComponent()
QUOTES = QuotesComponent()
STANCES = StancesComponent()
TIMES = TimesComponent()
FIGURES = FiguresComponent()
