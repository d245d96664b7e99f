"""Who says what in French: the incise, the ``que`` clause and ``selon``.

French reports speech in three shapes that English rules do not read:

- the incise, with its subject after the verb: « Nous irons jusqu'au bout », a déclaré
  Élisabeth Borne; « C'est injuste », a-t-elle ajouté; …, estime Sophie Binet;
- the subject before the verb and a ``que`` clause or a colon: Olivier Dussopt a assuré
  que le texte serait voté; elle a déclaré : « … »;
- the source after ``selon`` or ``d'après``: Selon Laurent Berger, la mobilisation va se
  poursuivre; …, selon le porte-parole du gouvernement.

The small French model's dependency parse and sentence bounds are too unsteady on
these (an inverted subject parsed as an object, a sentence cut at « or at the
incise's comma), so the shapes are read off the tokens and the quotation marks, and
the parse lends only its part-of-speech tags and its entities. Each attribution is the
same ``Attribution`` the English rules give, so quotes, actors and confidences are
read from it the same way.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import islice

from spacy.tokens import Doc, Span, Token

from copydesk.understand.attribution import Attribution
from copydesk.understand.languages import FRENCH
from copydesk.understand.quotation_marks import quoted_regions, region_at

_CLOSING = frozenset("»”")
_SENTENCE_END = frozenset(".!?…")
_CLAUSE_STOP = frozenset(";:") | _CLOSING | _SENTENCE_END
_SPEAKER_STOP = frozenset(",.;:!?«»“”()[]—–")
_CLITICS = frozenset({"-il", "-elle", "-ils", "-elles", "-on"})
_AUXILIARIES = frozenset({"avoir", "être"})
_REFLEXIVE = frozenset({"s'", "s’", "se"})
_THAT = frozenset({"que", "qu'", "qu’"})
_MAX_SPEAKER = 12  # tokens a speaker's phrase may have
_MAX_SUBJECT = 20  # tokens before the verb that may all be its subject
_MIN_WORDS = 3  # words a reported content needs
# tokens a reported clause may run before its sentence is taken to end: the parse cuts
# sentences at 250 (nlp.MAX_SENTENCE), and an unbounded search back from every cue
# would cost the square of a text written without full stops
_MAX_CLAUSE = 400


def attributions_fr(doc: Doc) -> list[Attribution]:
    """Every attribution in a French document whose speaker the text names."""
    marks = _Marks(doc)
    found: list[Attribution] = []
    for token in doc:
        if region_at(marks.regions, token.idx) is not None:
            continue  # words inside a quotation are the speaker's own
        if _according_to(token):
            attribution = _selon(token, marks)
        elif _a_speech_verb(token):
            attribution = _speech_verb(token, marks)
        else:
            attribution = None
        if attribution is not None:
            found.append(attribution)
    return found


def _according_to(token: Token) -> bool:
    if token.lower_ in FRENCH.according_to:
        return True
    return token.lower_ == "après" and token.i > 0 and token.nbor(-1).lower_ in ("d'", "d’")


def _a_speech_verb(token: Token) -> bool:
    lower = token.lower_
    if lower not in FRENCH.speech_forms and not (
        token.pos_ == "VERB" and token.lemma_.lower() in FRENCH.speech_verbs
    ):
        return False
    if lower.endswith("ant"):
        return False  # "en assurant que": the speaker is the main clause's subject
    previous = _previous(token)
    # "la note", "l'estime", "Prenez note", "par avance": nouns
    return previous is None or previous.pos_ not in ("DET", "VERB", "ADP")


def _speech_verb(verb: Token, marks: _Marks) -> Attribution | None:
    opens, pronoun = _verbal_group(verb)
    after = _after_clitics(verb)
    if pronoun is None and after is not None and after.lower_ in _CLITICS:
        pronoun = after  # "estime-t-il", "dit-elle"
    content = _reported_after(verb, marks)
    if content is not None:  # "X a assuré que …", "X, la ministre, a dit que …"
        speaker = _one(pronoun) if pronoun is not None else _subject_before(opens)
    else:  # the incise: "« … », a déclaré X"; "…, estime X"
        before = _previous(opens)
        if before is None or not (before.text == "," or before.text in _CLOSING):
            return None
        content = _clause_before(before, marks)
        speaker = _one(pronoun) if pronoun is not None else _phrase_after(verb)
    if speaker is None or content is None:
        return None
    return Attribution(verb, speaker, content, opens=opens)


def _verbal_group(verb: Token) -> tuple[Token, Token | None]:
    """Where the verb's group starts (the auxiliary of "a déclaré", "a-t-elle ajouté",
    "s'est inquiété", "a déjà annoncé") and the subject pronoun inside it."""
    opens, pronoun = verb, None
    at = verb.i - 1
    doc = verb.doc
    while at >= 0:
        token = doc[at]
        lower = token.lower_
        if lower in _CLITICS:
            pronoun = token
        elif not (
            lower == "-t"
            or lower in _REFLEXIVE
            or lower in FRENCH.before_speaker
            or token.pos_ in ("AUX", "ADV")  # "a déjà annoncé", "n'a pas dit"
            or token.lemma_.lower() in _AUXILIARIES
        ):
            break
        opens = token
        at -= 1
    return opens, pronoun


def _after_clitics(verb: Token) -> Token | None:
    """The first token after the verb and its "-t" ("estime-t-il": "-il")."""
    at = verb.i + 1
    doc = verb.doc
    while at < len(doc) and doc[at].lower_ == "-t":
        at += 1
    return doc[at] if at < len(doc) else None


def _previous(token: Token) -> Token | None:
    """The token before, spaces skipped (None at a paragraph's start or the text's)."""
    at = token.i - 1
    doc = token.doc
    while at >= 0 and doc[at].is_space:
        if "\n" in doc[at].text:
            return None
        at -= 1
    return doc[at] if at >= 0 else None


def _one(token: Token) -> Span:
    return token.doc[token.i : token.i + 1]


def _phrase_after(verb: Token) -> Span | None:
    """The inverted subject: "a déclaré Élisabeth Borne devant les députés" names
    Élisabeth Borne; "a affirmé mardi la Première ministre Élisabeth Borne" names the
    Première ministre Élisabeth Borne."""
    doc = verb.doc
    at = verb.i + 1
    while at < len(doc) and (doc[at].lower_ in FRENCH.before_speaker or doc[at].lower_ == "-t"):
        at += 1
    start = end = at
    while end < len(doc) and end - start < _MAX_SPEAKER:
        token = doc[end]
        if token.text in _SPEAKER_STOP or token.is_space or token.pos_ in _NOT_IN_PHRASES:
            break
        if end > start and token.lower_ in FRENCH.after_speaker:
            break
        end += 1
    if start < len(doc) and doc[start].lower_ == "par":
        return None  # "soutenue par le rapporteur": a passive's agent, not a speaker
    return _named(doc[start:end])


_NOT_IN_PHRASES = frozenset({"VERB", "AUX", "SCONJ", "CCONJ"})


def _named(span: Span) -> Span | None:
    """A phrase that can name a speaker: a noun, a name or a pronoun in it."""
    if not len(span) or not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
        return None
    if span[0].pos_ == "PRON" and span[0].lower_ in ("qui", "que", "qu'", "qu’", "ce", "c'"):
        return None
    return span


def _subject_before(opens: Token) -> Span | None:
    """The subject of a verb written first: "Karin de Vries, la ministre …, a dit que"
    whole when it names a person (the rest is their title); else the phrase up to its
    first comma."""
    doc = opens.doc
    end = opens.i
    while end > 0 and (doc[end - 1].text == "," or doc[end - 1].is_space):
        end -= 1
    start = end
    while start > 0 and not _clause_boundary(doc[start - 1]) and end - start < _MAX_SUBJECT:
        start -= 1
    if start > 0 and not _clause_boundary(doc[start - 1]):
        return None  # a long run with no boundary: not a subject this reading can tell
    if doc[end - 1].lower_ in _RELATIVE:
        # "Des formulations qui inquiètent les opposants qui craignent": the one who
        # speaks is the phrase the "qui" stands for, after the last verb before it
        verbs = (t.i + 1 for t in doc[start : end - 1] if t.pos_ in ("VERB", "AUX"))
        return _named(_main_segment(doc[max([start, *verbs]) : end - 1]))
    # "X, député …, qui a voté contre, a annoncé": the subject ends where a relative
    # clause about it starts
    end = next((t.i for t in doc[start:end] if t.lower_ in _RELATIVE), end)
    while end > start and doc[end - 1].text == ",":
        end -= 1
    span = doc[start:end]
    if any(e.label_ == "PERSON" for e in span.ents):
        return span
    return _named(_main_segment(span))


_RELATIVE = frozenset({"qui", "que", "qu'", "qu’", "dont", "lequel", "laquelle"})


def _main_segment(span: Span) -> Span:
    """Of a subject's comma-parted pieces, the first that is not a time or a place
    set before it ("Mardi, le gouvernement"; "Dans un communiqué, le ministère")."""
    doc = span.doc
    start = span.start
    for token in [*span, None]:
        if token is not None and token.text != ",":
            continue
        end = token.i if token is not None else span.end
        piece = doc[start:end]
        words = [t for t in piece if not t.is_punct]
        if words and not (
            words[0].pos_ in ("ADP", "ADV") or all(t.lower_ in FRENCH.before_speaker for t in words)
        ):
            return piece
        start = end + 1
    return span[0:0]


def _clause_boundary(token: Token) -> bool:
    return token.text in _CLAUSE_STOP or (token.is_space and "\n" in token.text)


def _reported_after(verb: Token, marks: _Marks) -> Span | None:
    """What a verb written after its subject reports: its ``que`` clause, or the words
    after its colon ("a déclaré : « … »")."""
    doc = verb.doc
    # past what may stand between: "lui", "mardi", "par avance", "à la presse"
    for at in range(verb.i + 1, min(len(doc), verb.i + 1 + _BETWEEN)):
        token = doc[at]
        if token.lower_ in _THAT:
            return _content(doc, at, _clause_end(doc, at, marks))
        if token.text == ":":
            return _content(doc, at + 1, _clause_end(doc, at + 1, marks))
        if token.pos_ in ("VERB", "AUX", "NUM") or token.text in _SPEAKER_STOP or (
            token.is_space and "\n" in token.text
        ):
            break
        if token.pos_ == "NOUN" and doc[at - 1].pos_ == "DET" and doc[at - 1].i == verb.i + 1:
            break  # "a annoncé sa démission": its object, no words reported
    return None


_BETWEEN = 6  # tokens that may stand between a verb and its que


def _clause_before(before: Token, marks: _Marks) -> Span | None:
    """The words an incise reports: back from its comma (or the closing mark) to where
    the sentence or the quotation opened."""
    doc = before.doc
    end = before.i
    if before.text == "," and end > 0 and doc[end - 1].text in _CLOSING:
        end -= 1
    if doc[end].text in _CLOSING:
        region = region_at(marks.regions, doc[end].idx)
        if region is not None:
            start = _token_at(doc, region.start)
            return _content(doc, start, end + 1)
    start = max(marks.sentence_start(end), end - _MAX_CLAUSE, 0)
    return _content(doc, _after_dateline(doc, start, end), end)


class _Marks:
    """A document's quotations, and where its sentences end (a full stop outside every
    quotation, or a line break), found once: each cue looks its clause up by bisection
    rather than walking the text."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.regions = quoted_regions(doc.text)
        self.ends = [t.i for t in doc if self._ends(t)]
        self._end_set = frozenset(self.ends)

    def _ends(self, token: Token) -> bool:
        if token.is_space and "\n" in token.text:
            return True
        return token.text in _SENTENCE_END and region_at(self.regions, token.idx) is None

    def ends_sentence(self, index: int) -> bool:
        return index in self._end_set

    def sentence_start(self, index: int) -> int:
        """The first token of the sentence that holds token ``index``."""
        before = bisect_left(self.ends, index) - 1
        return self.ends[before] + 1 if before >= 0 else 0

    def sentence_end(self, index: int) -> int:
        """Where the sentence from token ``index`` ends: after its full stop, or at the
        line break that ends it."""
        at = bisect_left(self.ends, index)
        if at == len(self.ends):
            return len(self.doc)
        end = self.ends[at]
        return end if self.doc[end].is_space else end + 1


def _clause_end(doc: Doc, start: int, marks: _Marks) -> int:
    return min(marks.sentence_end(start), start + _MAX_CLAUSE, len(doc))


def _after_dateline(doc: Doc, start: int, end: int) -> int:
    """A wire story's first sentence starts after its dateline ("PARIS (AFP) - ")."""
    for token in doc[start : min(end, start + _DATELINE_TOKENS)]:
        if token.text in ("-", "–", "—") and token.i > start:
            return token.i + 1
    return start


_DATELINE_TOKENS = 8


def _token_at(doc: Doc, offset: int) -> int:
    """The index of the token that starts at (or holds) character ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _content(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].text in ",;"):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in ",;"):
        end -= 1
    span = doc[start:end]
    words = (t for t in span if not (t.is_punct or t.is_space))
    return span if len(list(islice(words, _MIN_WORDS))) == _MIN_WORDS else None


def _selon(cue: Token, marks: _Marks) -> Attribution | None:
    """ "Selon X, …" reports what follows X (past an apposition: "Selon Laurent Berger,
    secrétaire général de la CFDT, …"); "…, selon X" what came before."""
    doc = cue.doc
    end = cue.i + 1
    while end < len(doc) and end - cue.i <= _MAX_SPEAKER:
        token = doc[end]
        if token.text in _SPEAKER_STOP or token.is_space:
            break
        end += 1
    speaker = _named(doc[cue.i + 1 : end])
    if speaker is None:
        return None
    d_apres = cue.lower_ == "après" and cue.i > 0 and doc[cue.i - 1].lower_ in ("d'", "d’")
    first = cue.i - 1 if d_apres else cue.i
    previous = _previous(doc[first])
    if previous is None or marks.ends_sentence(previous.i):
        start = end + 1 if end < len(doc) and doc[end].text == "," else end
        start = _past_apposition(doc, start)
        content = _content(doc, start, _clause_end(doc, start, marks))
    else:
        content = _clause_before(previous, marks) if previous.text == "," else None
    if content is None:
        return None
    return Attribution(cue, speaker, content, opens=doc[first])


def _past_apposition(doc: Doc, start: int) -> int:
    """Past a short phrase with no verb that ends on a comma: the speaker's title."""
    end = start
    while end < len(doc) and end - start <= _APPOSITION and doc[end].text != ",":
        if doc[end].pos_ in ("VERB", "AUX") or doc[end].text in _CLAUSE_STOP:
            return start
        end += 1
    return end + 1 if end < len(doc) and doc[end].text == "," else start


_APPOSITION = 8
