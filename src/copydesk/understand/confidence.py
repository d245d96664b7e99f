"""How likely a quote, and its speaker, are right: a probability in [0, 1] for each.

A quote's confidence is the chance that its words are an attribution a reader would mark
(PolNeAR's annotators, matched as the bench matches them); a speaker's is the chance that
the words named as the speaker are the right ones, given a right quote. Each is a
logistic model over a few features read off the parse: the kind of quote, the cue, the
length of the words, what kind of phrase names the speaker and where it stands. The
weights were fitted on PolNeAR dev's tuning half and are checked for calibration
(expected calibration error) on its other half by ``bench/train_quote_confidence.py``,
which writes ``confidence_weights.py``. Nothing is trained at run time.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from spacy.tokens import Span

from copydesk.understand import confidence_weights
from copydesk.understand.attribution import Attribution
from copydesk.understand.quotation_marks import Regions, region_at

_PRONOUNS = frozenset("he she they it i we you who which that".split())
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_COMMON_CUES = frozenset("say tell add according : call think believe write".split())


class ConfidenceModel(NamedTuple):
    """Logistic weights per feature."""

    weights: dict[str, float]
    bias: float

    def probability(self, features: frozenset[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return round(1.0 / (1.0 + math.exp(-score)), 3)


QUOTE_MODEL = ConfidenceModel(confidence_weights.QUOTE_WEIGHTS, confidence_weights.QUOTE_BIAS)
SPEAKER_MODEL = ConfidenceModel(confidence_weights.SPEAKER_WEIGHTS, confidence_weights.SPEAKER_BIAS)


def quote_features(
    attribution: Attribution, kind: str, fragments: list[tuple[int, int]], words: int
) -> frozenset[str]:
    """What says how likely the words are a real attribution: a direct quote after "said"
    is nearly always one; an indirect one after "believe" far less often."""
    cue = _cue(attribution)
    return frozenset(
        {
            f"kind={kind}",
            f"cue={cue}",
            f"kind_cue={kind}|{cue}",
            f"len={_size(words)}",
            f"fragments={min(len(fragments), 3)}",
            f"speaker={_speaker_kind(attribution.speaker)}",
        }
    )


def speaker_features(attribution: Attribution, regions: Regions) -> frozenset[str]:
    """What says how likely the named speaker is the right one: a name beside the cue is
    surer than a pronoun, a common noun or a subject found inside a quotation."""
    speaker, cue = attribution.named_by, attribution.cue
    kind = _speaker_kind(speaker)
    if speaker.end <= cue.i:
        where = "before" if cue.i - speaker.end <= _NEAR else "before_far"
    else:
        where = "after" if speaker.start - cue.i <= _NEAR else "after_far"
    features = {
        f"speaker={kind}",
        f"where={where}",
        f"cue={_cue(attribution)}",
        f"speaker_where={kind}|{where}",
        f"words={min(len(speaker), 6)}",
    }
    if region_at(regions, speaker.start_char) is not None:
        features.add("speaker_quoted")
    if region_at(regions, cue.idx) is not None:
        features.add("cue_quoted")
    if speaker.text[:1].islower():
        features.add("lowercase")
    return frozenset(features)


_NEAR = 2  # tokens between a speaker and its cue that still count as beside it


def _cue(attribution: Attribution) -> str:
    cue = attribution.cue
    lemma = cue.lemma_.lower() if cue.text != ":" else ":"
    if cue.lower_ == "according":
        lemma = "according"
    return lemma if lemma in _COMMON_CUES else "other"


def _speaker_kind(speaker: Span) -> str:
    """A word for the phrase that names the speaker: a name, a pronoun, a noun."""
    if not len(speaker):
        return "none"
    head = speaker.root
    if len(speaker) == 1 and head.lower_ in _PRONOUNS:
        return f"pron_{head.lower_}"
    entity = next((t.ent_type_ for t in speaker if t.ent_type_ in _NAMED), None)
    if entity is not None and head.ent_type_ == entity:
        return f"ent_{entity}"
    if head.pos_ == "PROPN":
        return "propn"
    return "noun_with_name" if entity is not None else "noun"


def _size(words: int) -> str:
    if words < 6:
        return "1-5"
    if words <= 15:
        return "6-15"
    return "16-40" if words <= 40 else "41+"
