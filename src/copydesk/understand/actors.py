"""Actors: the people, organisations and anonymous sources a story names, and every
mention of each ("Samantha Power" … "Power"; "a U.S. official" … "the official").

Names come from the parse: PERSON and ORG entities, and the speakers of attributions.
A surname alone joins the full name it ends; a definite description ("the official")
joins the latest indefinite one with the same head noun ("a U.S. official"); "he" or
"she" as a speaker joins the latest person. Titles in front of a name and appositions
after it become roles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from copydesk.understand.attribution import Attribution, name_of

ANONYMOUS_NOUNS = frozenset(
    """
    official officials source sources spokesman spokeswoman spokesperson diplomat diplomats
    person people aide aides insider insiders executive executives witness witnesses
    resident residents officer officers analyst analysts lawmaker lawmakers negotiator
    negotiators minister ministers adviser advisers advisor advisors employee employees
    """.split()
)
INSTITUTION_NOUNS = frozenset(
    """
    government leadership authorities authority ministry army military police council court
    committee company agency office department parliament administration commission
    cabinet embassy party union group bank board presidency kremlin service services
    forecasters regulator regulators prosecutors
    """.split()
)
_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "several", "some", "many", "four"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})


@dataclass
class ActorFound:
    """An actor and where the text names it (character spans into the body text)."""

    id: str
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Actors:
    """The cast of one story, and the lookups that resolve a new mention to it."""

    found: list[ActorFound] = field(default_factory=list)

    def resolve(self, span: Span) -> ActorFound:
        """The actor a span names; a new one when nobody before matches."""
        head = span.root
        if head.lower_ in _PRONOUNS and len(span) == 1:
            person = self._latest("person", before=span.start_char)
            if person is not None:
                return self._mention(person, span)
        person_entity = next((e for e in span.ents if e.label_ == "PERSON"), None)
        if person_entity is not None:
            return self._person(person_entity, span)
        if len(span) == 1 and head.pos_ == "PROPN":  # a surname the tagger did not mark
            known = next(
                (a for a in self.found if a.type == "person" and _same_person(a.name, head.text)),
                None,
            )
            if known is not None:
                return self._mention(known, span)
        if head.lemma_.lower() in ANONYMOUS_NOUNS and head.ent_type_ != "PERSON":
            return self._anonymous(span)
        kind = "organization" if _is_institution(span) else "unknown"
        return self._named(name_of(span), kind, span)

    def _person(self, entity: Span, span: Span) -> ActorFound:
        name = entity.text.removesuffix("'s").removesuffix("’s").strip()
        actor = next(
            (a for a in self.found if a.type == "person" and _same_person(a.name, name)), None
        )
        if actor is None:
            actor = self._new(name, "person")
        role = _title_before(entity) or _apposition(entity)
        if role and role not in actor.roles:
            actor.roles.append(role)
        return self._mention(actor, entity if len(name.split()) > 1 else span)

    def _anonymous(self, span: Span) -> ActorFound:
        head = span.root.lemma_.lower()
        first = span[0].lower_
        if first not in _INDEFINITE and not span.text[:1].isdigit():
            previous = next(
                (
                    a
                    for a in reversed(self.found)
                    if a.type == "anonymous"
                    and a.name.split()[-1].lower().rstrip("s") == head.rstrip("s")
                ),
                None,
            )
            if previous is not None:
                return self._mention(previous, span)
        actor = self._new(span.text, "anonymous")
        role = " ".join(t.text for t in span if t.lower_ not in _INDEFINITE and t.dep_ != "det")
        if role:
            actor.roles.append(role)
        return self._mention(actor, span)

    def _named(self, name: str, kind: str, span: Span) -> ActorFound:
        actor = next((a for a in self.found if a.name.lower() == name.lower()), None)
        return self._mention(actor or self._new(name, kind), span)

    def _new(self, name: str, kind: str) -> ActorFound:
        actor = ActorFound(id=f"a{len(self.found) + 1}", name=name, type=kind)
        self.found.append(actor)
        return actor

    def _mention(self, actor: ActorFound, span: Span) -> ActorFound:
        where = (span.start_char, span.end_char)
        if where not in actor.mentions:
            actor.mentions.append(where)
        return actor

    def _latest(self, kind: str, *, before: int) -> ActorFound | None:
        candidates = [
            a
            for a in self.found
            if a.type == kind and a.mentions and min(start for start, _ in a.mentions) < before
        ]
        return max(
            candidates, key=lambda a: max(s for s, _ in a.mentions if s < before), default=None
        )


def find_actors(doc: Doc, attributions: list[Attribution]) -> Actors:
    """Every person and organisation entity, and every speaker, as actors with mentions."""
    actors = Actors()
    speakers = {a.speaker.start: a.speaker for a in attributions}
    for entity in doc.ents:
        if entity.start in speakers:
            continue  # the speaker's own span, read below with its context
        if entity.label_ == "PERSON":
            actors.resolve(entity)
        elif entity.label_ == "ORG":
            actors._named(entity.text.removeprefix("the ").strip(), "organization", entity)
    for attribution in sorted(attributions, key=lambda a: a.speaker.start):
        actors.resolve(attribution.speaker)
    for actor in actors.found:
        actor.mentions.sort()
    return actors


def _same_person(known: str, new: str) -> bool:
    """ "Power" is "Samantha Power"; "Samantha Power" is "Power" seen earlier."""
    known_words, new_words = known.split(), new.split()
    return (
        known == new
        or (len(new_words) == 1 and new_words[0] == known_words[-1])
        or (len(known_words) == 1 and known_words[0] == new_words[-1])
    )


def _title_before(entity: Span) -> str | None:
    """ "Prime Minister" in "Prime Minister Nikol Pashinyan"; "USAID chief" likewise."""
    doc = entity.doc
    lefts = [
        t
        for t in entity.root.lefts
        if t.i < entity.start and t.dep_ in ("compound", "amod", "nmod")
    ]
    if not lefts:
        return None
    start = min(t.left_edge.i for t in lefts)
    words = [t for t in doc[start : entity.start] if t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words) or None


def _apposition(entity: Span) -> str | None:
    """ "the mayor of Velmar" in "Marta Lind, the mayor of Velmar, said"."""
    appos = next((c for c in entity.root.children if c.dep_ == "appos"), None)
    if appos is None:
        return None
    tokens = [t for t in appos.subtree if not t.is_punct]
    words = [t.text for t in tokens if not (t.dep_ == "det" and t.head == appos)]
    return " ".join(words) or None


def _is_institution(span: Span) -> bool:
    head: Token = span.root
    return head.lemma_.lower() in INSTITUTION_NOUNS or head.ent_type_ in ("ORG", "GPE", "NORP")
