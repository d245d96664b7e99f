"""Actors: the people, organisations and anonymous sources a story names, and every
mention of each ("Samantha Power" … "Power"; "a U.S. official" … "the official").

Names come from the parse: PERSON and ORG entities, and the speakers of attributions.
A surname alone joins the full name it ends; a definite description ("the official")
joins the latest indefinite one with the same head noun ("a U.S. official"); "he" or
"she" as a speaker joins the latest person. Titles in front of a name and appositions
after it become roles.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from copydesk.understand.attribution import Attribution, name_of

ANONYMOUS_NOUNS = frozenset(
    """
    official officials source sources spokesman spokeswoman spokesperson diplomat diplomats
    person people aide aides insider insiders executive executives witness witnesses
    resident residents officer officers analyst analysts lawmaker lawmakers negotiator
    negotiators minister ministers adviser advisers advisor advisors employee employees
    porte-parole source sources responsable responsables proche proches conseiller
    conseillère diplomate diplomates témoin témoins
    """.split()
)
INSTITUTION_NOUNS = frozenset(
    """
    government leadership authorities authority ministry army military police council court
    committee company agency office department parliament administration commission
    cabinet embassy party union group bank board presidency kremlin service services
    forecasters regulator regulators prosecutors
    gouvernement ministère armée police conseil tribunal comité entreprise société agence
    parlement commission syndicat syndicats parti banque préfecture mairie parquet élysée
    """.split()
)
_INDEFINITE = frozenset({"a", "an", "one", "two", "three", "several", "some", "many", "four"})
# A speaker named by a pronoun is the person last named: English, and French (the "-il"
# of "a-t-il ajouté", the "lui" of "selon lui").
_PRONOUNS = frozenset({"he", "she", "him", "her", "il", "elle", "lui", "-il", "-elle"})


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
    """The cast of one story, and the lookups that resolve a new mention to it.

    Every lookup goes through an index, not a scan of the cast, so a story of
    thousands of names and mentions costs what it has, not its square.
    """

    found: list[ActorFound] = field(default_factory=list)
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _by_name: dict[str, ActorFound] = field(default_factory=dict, repr=False)
    _by_lower: dict[str, ActorFound] = field(default_factory=dict, repr=False)
    _by_surname: dict[str, ActorFound] = field(default_factory=dict, repr=False)
    _by_single: dict[str, ActorFound] = field(default_factory=dict, repr=False)
    _anonymous_by_head: dict[str, ActorFound] = field(default_factory=dict, repr=False)
    _seen: set[tuple[str, int, int]] = field(default_factory=set, repr=False)
    _roles: set[tuple[str, str]] = field(default_factory=set, repr=False)
    _person_mentions: list[tuple[int, int, str]] = field(default_factory=list, repr=False)

    def resolve(self, span: Span) -> ActorFound:
        """The actor a span names; a new one when nobody before matches."""
        head = span.root
        if head.lower_ in _PRONOUNS and len(span) == 1:
            person = self._latest_person(before=span.start_char)
            if person is not None:
                return self._mention(person, span)
        person_entity = next((e for e in entities_within(span) if e.label_ == "PERSON"), None)
        if person_entity is not None:
            return self._person(person_entity, span)
        with_particle = particle_name(span)
        if with_particle is not None and (
            with_particle[0].lower_ not in NAME_PARTICLES  # "Karin de Vries": a full name
            or self._same_person(with_particle.text) is not None  # "De Vries", known
        ):
            return self._person(with_particle, span)
        if len(span) == 1 and head.pos_ == "PROPN":  # a surname the tagger did not mark
            known = self._same_person(head.text)
            if known is not None:
                return self._mention(known, span)
        if head.lemma_.lower() in ANONYMOUS_NOUNS and head.ent_type_ != "PERSON" and len(span):
            return self._anonymous(span)
        kind = "organization" if _is_institution(span) else "unknown"
        return self._named(name_of(span), kind, span)

    def _person(self, entity: Span, span: Span) -> ActorFound:
        name = entity.text.removesuffix("'s").removesuffix("’s").strip()
        actor = self._same_person(name) or self._new(name, "person")
        role = _title_before(entity) or _apposition(entity) or _beside(entity, span)
        if role and (actor.id, role) not in self._roles:
            self._roles.add((actor.id, role))
            actor.roles.append(role)
        return self._mention(actor, entity if len(name.split()) > 1 else span)

    def _same_person(self, name: str) -> ActorFound | None:
        """The first person known by ``name``: the same name, a full name it is the
        surname of ("Power" is "Samantha Power", "De Vries" is "Karin de Vries"), or a
        surname seen alone before."""
        words = name.split()
        if not words:
            return None
        candidates = [self._by_name.get(name), self._by_single.get(words[-1])]
        if len(words) == 1:
            candidates.append(self._by_surname.get(words[0]))
        elif len(words) == 2 and words[0].lower() in NAME_PARTICLES:
            candidates.append(self._by_surname.get(_surname_key(words)))
        known = [a for a in candidates if a is not None]
        return min(known, key=lambda a: self._position[a.id], default=None)

    def _anonymous(self, span: Span) -> ActorFound:
        head = span.root.lemma_.lower()
        first = span[0].lower_
        if first not in _INDEFINITE and not span.text[:1].isdigit():
            previous = self._anonymous_by_head.get(head.rstrip("s"))
            if previous is not None:
                return self._mention(previous, span)
        actor = self._new(span.text, "anonymous")
        role = " ".join(t.text for t in span if t.lower_ not in _INDEFINITE and t.dep_ != "det")
        if role:
            actor.roles.append(role)
        return self._mention(actor, span)

    def _named(self, name: str, kind: str, span: Span) -> ActorFound:
        actor = self._by_lower.get(name.lower())
        return self._mention(actor or self._new(name, kind), span)

    def _new(self, name: str, kind: str) -> ActorFound:
        actor = ActorFound(id=f"a{len(self.found) + 1}", name=name, type=kind)
        self._position[actor.id] = len(self.found)
        self.found.append(actor)
        self._by_lower.setdefault(name.lower(), actor)
        words = name.split()
        if kind == "person" and words:
            self._by_name.setdefault(name, actor)
            self._by_surname.setdefault(words[-1], actor)
            if len(words) >= 3 and words[-2].lower() in NAME_PARTICLES:
                self._by_surname.setdefault(_surname_key(words[-2:]), actor)
            if len(words) == 1:
                self._by_single.setdefault(words[0], actor)
        if kind == "anonymous" and words:
            self._anonymous_by_head[words[-1].lower().rstrip("s")] = actor  # the latest
        return actor

    def _mention(self, actor: ActorFound, span: Span) -> ActorFound:
        where = (span.start_char, span.end_char)
        if (actor.id, *where) not in self._seen:
            self._seen.add((actor.id, *where))
            actor.mentions.append(where)
            if actor.type == "person":
                key = (where[0], -self._position[actor.id], actor.id)
                insort(self._person_mentions, key)
        return actor

    def _latest_person(self, *, before: int) -> ActorFound | None:
        """The person last mentioned before ``before`` (the first in the cast on a tie)."""
        at = bisect_left(self._person_mentions, (before,)) - 1
        if at < 0:
            return None
        return self.found[self._position[self._person_mentions[at][2]]]


def find_actors(doc: Doc, attributions: list[Attribution]) -> Actors:
    """Every person and organisation entity, and every speaker, as actors with mentions."""
    actors = Actors()
    speakers = {a.speaker.start: a.speaker for a in attributions}
    for entity in doc.ents:
        if entity.start in speakers:
            continue  # the speaker's own span, read below with its context
        if not any(char.isupper() for char in entity.text):
            continue  # no name: a word the tagger misread ("jusqu’", "s’appliquer")
        if entity.label_ == "PERSON":
            actors.resolve(entity)
        elif entity.label_ == "ORG" and particle_name(entity) is not None:
            actors.resolve(entity)  # "Ludwig van Beethoven", tagged an organisation
        elif entity.label_ == "ORG" and _a_name(entity):
            actors._named(entity.text.removeprefix("the ").strip(), "organization", entity)
    for attribution in sorted(attributions, key=lambda a: a.speaker.start):
        actors.resolve(attribution.speaker)
    for actor in actors.found:
        actor.mentions.sort()
    return actors


def entities_within(span: Span) -> Iterator[Span]:
    """The entities wholly inside ``span``, as ``Span.ents`` gives them, read off the
    span's own tokens (``Span.ents`` walks every entity of the document, each call)."""
    doc, at = span.doc, span.start
    while at < span.end:
        token = doc[at]
        if token.ent_iob_ != "B" or not token.ent_type_:
            at += 1
            continue
        end = at + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end > span.end:
            return
        yield Span(doc, at, end, label=token.ent_type_)
        at = end


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


def _beside(entity: Span, span: Span) -> str | None:
    """The words a speaker's phrase holds beside the name, when the parse hangs none
    from it: "la Première ministre" of "la Première ministre Élisabeth Borne", "la
    ministre" of "Karin de Vries, la ministre"."""
    before = [t for t in span if t.i < entity.start]
    after = [t for t in span if t.i >= entity.end]
    words = before if any(not t.is_punct for t in before) else after
    kept = [t.text for t in words if not (t.is_punct or t.is_space or t.pos_ == "DET")]
    return " ".join(kept) or None


# Particles of family names ("Karin de Vries", "Ludwig van Beethoven", "Anna di Marco"):
# the English model takes such names for organisations, or for nothing.
NAME_PARTICLES = frozenset(
    "de van von da di le du del der den ter dos das della dei des ten zu".split()
)
_NOT_IN_PERSONS = frozenset(
    """bank group university ministry council company museum party foundation institute
    inc ltd llc corp co plc gmbh ag sa nv bv fund club""".split()
)


def particle_name(span: Span) -> Span | None:
    """The personal name with a particle in ``span``: given names, the particle and the
    surname ("Karin de Vries"), or the particle and surname alone at the start ("De
    Vries"); None when there is none, or the span names an organisation ("Banco de
    España", "Van Leer Group")."""
    tokens = list(span)
    if any(t.lower_ in _NOT_IN_PERSONS for t in tokens):
        return None
    for at, token in enumerate(tokens[:-1]):
        if token.lower_ not in NAME_PARTICLES or not _capitalised(tokens[at + 1]):
            continue
        start = at
        while start > 0 and _capitalised(tokens[start - 1]):
            start -= 1
        if start == at and not (at == 0 and token.text[:1].isupper()):
            return None  # "the plan de Vries": no given name, and the particle not first
        return span.doc[tokens[start].i : tokens[at + 1].i + 1]
    return None


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[:1].isupper() and token.lower_ not in NAME_PARTICLES


def _surname_key(words: list[str]) -> str:
    """A surname with its particle, as one key: "de vries" of "Karin de Vries"."""
    return f"{words[-2].lower()} {words[-1]}"


def _a_name(entity: Span) -> bool:
    """An entity whose first word past its articles is capitalised: the small French
    model marks titles as organisations ("ministre du Travail"), and a title is no name."""
    words = [w for w in entity.text.split() if w.lower() not in _ARTICLES]
    return bool(words) and not words[0][:1].islower()


_ARTICLES = frozenset({"the", "le", "la", "les", "l'", "l’"})


def _is_institution(span: Span) -> bool:
    head: Token = span.root
    return head.lemma_.lower() in INSTITUTION_NOUNS or head.ent_type_ in ("ORG", "GPE", "NORP")
