"""Stances: what people believe, want, expect, support or oppose.

Verbs of saying are few and read well by rules (``attribution.py``). Stances are not:
"voters want change", "she backed Clinton", "his criticism of the deal", "Republicans
are expected to …" — hundreds of cues, each a stance in some sentences and not in
others. So every verb, noun or adjective that has a holder (a subject, a possessor, the
agent of a passive) and a complement is a candidate, described by a few dozen features
(the cue's lemma, part of speech and dependency, the complement's relation and length,
what kind of word holds it), and a logistic model trained on PolNeAR's train split
weighs it. The weights ship in ``stance_weights.json``; ``bench/train_stances.py``
rebuilds them. Nothing is trained or downloaded at run time.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from copydesk.understand.attribution import Attribution, phrase
from copydesk.understand.quotation_marks import Regions, quoted_regions, region_at
from copydesk.understand.span_index import SpanIndex

_CUE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "dative"})
_PREPOSITIONS = frozenset("of for to on about against with over at in from as".split())
_PRONOUNS = {
    "he": "he",
    "she": "he",
    "they": "they",
    "i": "i",
    "we": "we",
    "you": "you",
    "who": "who",
    "it": "it",
    "that": "rel",
    "which": "rel",
}
_FIRST_WORDS = frozenset({"that", "to", "whether", "if", "the", "a"})
_HOLDER_CLIMB = 4  # verbs a shared subject is looked for up through ("X tended to back Y")
_OVERLAP = 0.3  # Dice of two contents above which they report the same words


class Candidate(NamedTuple):
    """A possible stance and what the model knows of it."""

    attribution: Attribution
    features: frozenset[str]


class StanceFound(NamedTuple):
    """A stance the model accepts, with its probability."""

    attribution: Attribution
    confidence: float


class StanceModel(NamedTuple):
    """Logistic weights per feature; a candidate is a stance at ``threshold`` or above."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: frozenset[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-score))


@lru_cache(maxsize=1)
def model() -> StanceModel:
    data = json.loads(resources.files(__package__).joinpath(WEIGHTS_FILE).read_text())
    return StanceModel(data["weights"], data["bias"], data["threshold"])


WEIGHTS_FILE = "stance_weights.json"


def find_stances(
    doc: Doc, said: list[Attribution], weights: StanceModel | None = None
) -> list[StanceFound]:
    """The stances the model accepts, in text order, none reporting the same words as a
    verb of saying or as a likelier stance. ``weights`` defaults to the shipped model."""
    weights = weights or model()
    text = doc.text  # built anew on every access: read it once
    taken = {a.cue.i for a in said}
    scored = [(weights.probability(c.features), c.attribution) for c in candidates(doc, taken)]
    kept: list[StanceFound] = []
    covered: SpanIndex[frozenset[int]] = SpanIndex()
    for attribution in said:
        _cover(covered, attribution.content, text)
    for probability, attribution in sorted(scored, key=lambda pair: -pair[0]):
        if probability < weights.threshold:
            break
        content = attribution.content
        letters = _letters(content, text)
        nearby = covered.overlapping(content.start_char, content.end_char)
        if any(_dice(letters, other) > _OVERLAP for other in nearby):
            continue
        _cover(covered, content, text)
        kept.append(StanceFound(attribution, probability))
    return sorted(kept, key=lambda s: s.attribution.content.start)


def candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Every cue with a holder and a complement, one candidate per complement; tokens
    in ``taken`` (cues of saying already read) are left out."""
    regions = quoted_regions(doc.text)
    found: list[Candidate] = []
    for token in doc:
        if token.i in taken or not _may_cue(token):
            continue
        holder, how = _holder(token)
        if holder is None or holder.is_punct or holder.is_space:
            continue
        complements = _complements(token, passive=how == "agent")
        named = phrase(holder)
        if not complements or not len(named):
            continue
        speaker, mention = _antecedent(holder, named)
        cue_features = _cue_features(token, holder, how, regions)
        for relation, content in complements:
            if content is None or content.start <= named.start < content.end:
                continue
            if _ANONYMITY.search(content.text):
                continue  # "who asked not to be named" holds no view: it is the source rule
            features = cue_features | _content_features(token, relation, content)
            found.append(Candidate(Attribution(token, speaker, content, mention), features))
    return found


def _antecedent(holder: Token, named: Span) -> tuple[Span, Span | None]:
    """(speaker, mention): "voters who back Clinton" are held by the voters, named at the
    cue by "who" (as a quote's speaker is in "Barkley, who said …")."""
    verb = holder.head
    if holder.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.pos_ != "VERB":
        antecedent = phrase(verb.head)
        if len(antecedent):  # a mark parsed as the antecedent names nobody
            return antecedent, named
    return named, None


_RELATIVE = frozenset({"who", "that", "which"})
_ANONYMITY = re.compile(r"\bnot to be (?:named|identified|quoted)\b|\banonymity\b", re.I)


def _may_cue(token: Token) -> bool:
    if token.pos_ not in _CUE_POS:
        return False
    return token.pos_ != "AUX" or token.dep_ in ("ROOT", "ccomp", "conj", "xcomp")


def _complements(token: Token, *, passive: bool) -> list[tuple[str, Span | None]]:
    """What the cue may take a stance on: clauses, objects, prepositional objects, and
    for a noun its clause ("the claim that …"); for a passive with an agent ("was
    backed by X") its subject."""
    if passive:
        subject = next(c for c in token.children if c.dep_ == "nsubjpass")
        return [("nsubjpass", _trimmed(list(subject.subtree)))]
    found: list[tuple[str, Span | None]] = []
    for child in token.children:
        if child.dep_ in _CONTENT_DEPS:
            found.append((child.dep_, _trimmed(list(child.subtree))))
        elif child.dep_ == "prep" and child.lower_ in _PREPOSITIONS:
            found.extend(
                (f"prep_{child.lower_}", _trimmed(list(grand.subtree)))
                for grand in child.children
                if grand.dep_ in ("pobj", "pcomp")
            )
        elif child.dep_ == "acl" and token.pos_ == "NOUN":
            found.append(("acl", _trimmed(list(child.subtree))))
    return found


def _holder(token: Token) -> tuple[Token | None, str]:
    """Who holds the stance, and how the parse says so (a feature: a possessor is surer
    than a subject shared three verbs up)."""
    if token.pos_ == "NOUN":
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is not None:
            return possessor, "poss"
        if token.dep_ in ("dobj", "attr", "pobj"):  # "voiced support for", "in favour of"
            verb = token.head.head if token.dep_ == "pobj" else token.head
            subject, how = _subject(verb)
            return subject, f"head_{how}"
        return None, "none"
    if token.pos_ != "ADJ" and any(c.dep_ == "nsubjpass" for c in token.children):
        agent = next(
            (
                g
                for c in token.children
                if c.dep_ == "agent"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        return (agent, "agent") if agent is not None else (None, "none")
    return _subject(token)


def _subject(token: Token) -> tuple[Token | None, str]:
    """The subject of the cue, or of the verb it hangs from ("X tended to support Y",
    "X smiled and backed Y"), or the noun a relative clause describes."""
    how = "own"
    for _ in range(_HOLDER_CLIMB):
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject, how
        if token.dep_ in ("conj", "advcl", "xcomp", "acomp", "ccomp") and token.head != token:
            how = f"up_{token.dep_}"
            token = token.head
        elif token.dep_ in ("relcl", "acl"):
            return token.head, token.dep_
        else:
            break
    return None, "none"


def _trimmed(tokens: list[Token]) -> Span | None:
    """The tokens as one span, without white space or punctuation at its edges (quote
    marks stay: they are the writer's)."""
    words = [t for t in tokens if not t.is_space]
    if not words:
        return None
    doc = words[0].doc
    start, end = words[0].i, words[-1].i + 1
    while start < end and doc[start].is_punct and doc[start].text not in '"“':
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in '"”':
        end -= 1
    return doc[start:end] if end > start else None


def _cue_features(token: Token, holder: Token, how: str, regions: Regions) -> frozenset[str]:
    lemma = token.lemma_.lower()
    holder_kind = _holder_kind(holder)
    features = {
        f"lem={lemma}",
        f"pos={token.pos_}",
        f"dep={token.dep_}",
        f"how={how}",
        f"lem_pos={lemma}|{token.pos_}",
        f"tag={token.tag_}",
        f"spk={holder_kind}",
        f"lem_spk={lemma}|{holder_kind}",
    }
    if not (holder.lower_ in _PRONOUNS or holder.ent_type_ or holder.pos_ == "PROPN"):
        features.add(f"spk_lem={holder.lemma_.lower()}")
    if any(c.dep_ == "neg" for c in token.children):
        features.add("neg")
    modal = next((c.lower_ for c in token.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
    if modal:
        features.add(f"modal={modal}")
    if any(c.dep_ == "nsubjpass" for c in token.children):
        features.add("passive")
    if region_at(regions, token.idx) is not None:
        features.add("in_quote")
    if token.head.pos_ in ("VERB", "AUX") and token.head != token:
        features.add(f"head_lem={token.head.lemma_.lower()}")
    return frozenset(features)


def _holder_kind(holder: Token) -> str:
    if holder.lower_ in _PRONOUNS:
        return f"pron_{_PRONOUNS[holder.lower_]}"
    if holder.ent_type_:
        return f"ent_{holder.ent_type_}"
    return "propn" if holder.pos_ == "PROPN" else "noun"


def _content_features(token: Token, relation: str, content: Span) -> frozenset[str]:
    lemma = token.lemma_.lower()
    words = sum(1 for t in content if not t.is_punct)
    size = _size(words)
    head = content.root
    entity = head.ent_type_ or "-"
    first = content[0].lower_ if content[0].lower_ in _FIRST_WORDS else content[0].pos_
    features = {
        f"rel={relation}",
        f"lem_rel={lemma}|{relation}",
        f"len={size}",
        f"rel_len={relation}|{size}",
        f"chead_pos={head.pos_}",
        f"chead_ent={entity}",
        f"lem_chead_ent={lemma}|{entity}",
        f"first={first}",
    }
    if any(t.text in '"“”' for t in content):
        features.add("c_quote")
    return frozenset(features)


def _size(words: int) -> str:
    if words <= 1:
        return "1"
    if words <= 3:
        return "2-3"
    if words <= 8:
        return "4-8"
    return "9-20" if words <= 20 else "21+"


def _cover(covered: SpanIndex[frozenset[int]], content: Span, text: str) -> None:
    covered.add(content.start_char, content.end_char, _letters(content, text))


def _letters(span: Span, text: str) -> frozenset[int]:
    """A span's letters and digits as text offsets: what two contents are compared on."""
    return frozenset(i for i in range(span.start_char, span.end_char) if text[i].isalnum())


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
