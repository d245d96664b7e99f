"""Who says what: speech verbs, their speakers and the words they report.

An attribution is a verb of saying ("said", "told", "according to") with its speaker
(the verb's grammatical subject, or the object of "according to") and its content (the
clause it reports). Figures use it to find who claims a number; quotes use it to find
who is quoted. Everything is read off spaCy's dependency parse, so it works on any
sentence shape the parser handles, not on a list of phrasings.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

SPEECH_VERBS = frozenset(
    """
    say tell add state announce report claim insist argue warn note explain confirm deny
    acknowledge admit write tweet post declare estimate predict suggest assert contend
    maintain reiterate stress emphasize emphasise caution complain allege recall disclose
    reveal indicate testify answer reply respond describe believe call continue
    criticize criticise find show cite conclude recall mention accuse urge confirm praise
    defend ask
    think expect hope fear predict promise pledge vow agree concede point counter
    condemn welcome thank reject dismiss blame question applaud congratulate endorse
    """.split()
)
# Verbs whose reported content is their object: "criticized the plan", "called it X".
_OBJECT_VERBS = frozenset(
    """call describe criticize criticise praise mention cite defend accuse claim deny
    condemn welcome thank reject dismiss blame question applaud congratulate endorse""".split()
)
# Verbs of saying whose subject is not the speaker ("X was quoted as saying").
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those")


class Attribution(NamedTuple):
    """One reported statement: the cue verb, the speaker span, and the content span.

    ``mention`` is the words that name the speaker at the cue when they are not the
    speaker's own phrase: the "who" of "Barkley, who said …" (the speaker is Barkley).
    ``opens`` is where the attribution's own words start (the auxiliary of "a
    déclaré"), given by a reader that bounds the content itself, by the quotation
    marks and the sentence, rather than leaving it to the parse's sentence
    (``attribution_fr``): such a content is the quote's words as they stand.
    """

    cue: Token
    speaker: Span
    content: Span
    mention: Span | None = None
    opens: Token | None = None

    @property
    def named_by(self) -> Span:
        return self.mention if self.mention is not None else self.speaker


def attributions(doc: Doc) -> list[Attribution]:
    """Every attribution in the document whose speaker the parse names."""
    found: list[Attribution] = []
    for token in doc:
        if token.lemma_.lower() == "accord" and token.text.lower() == "according":
            attribution = _according_to(token)
        elif token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS:
            attribution = _speech_verb(token)
        elif token.text == ":" and token.i - token.sent.start <= _HEADLINE_SPEAKER_WORDS:
            attribution = _headline_colon(token)
        else:
            attribution = None
        if attribution is not None:
            found.append(attribution)
    return found


def _speech_verb(verb: Token) -> Attribution | None:
    subject = _subject(verb) or _quoted_as_saying(verb)
    if subject is None or (subject.dep_ == "nsubjpass" and subject.head.i == verb.i):
        return None
    mention = None
    if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        if subject.lower_ == "who":  # a person's relative pronoun names them here
            mention = subject.doc[subject.i : subject.i + 1]
        subject = verb.head  # "a spokesperson, who said ...": the spokesperson speaks
    if subject.ent_type_ in ("TIME", "DATE"):
        subject = _named_after_time_stamp(subject, verb)
    speaker = phrase(subject)
    if not len(speaker) or speaker.start <= verb.i < speaker.end:
        return None  # a mark or a break parsed as the subject names nobody
    sentence = verb.sent
    content = _content(verb, speaker, sentence)
    if content is None or (verb.lemma_.lower() == "ask" and not _a_question(content)):
        return None  # "who asked not to be named" reports no words
    return Attribution(verb, speaker, content, mention)


def _quoted_as_saying(verb: Token) -> Token | None:
    """ "X, the government was quoted as saying by Interfax": the one quoted is the
    subject of the passive "quoted" (or "cited"), and the words are theirs."""
    preposition = verb.head
    if verb.dep_ != "pcomp" or preposition.lower_ != "as":
        return None
    passive = preposition.head
    if passive.lemma_.lower() not in _QUOTED_AS:
        return None
    return next((c for c in passive.children if c.dep_ == "nsubjpass"), None)


_QUOTED_AS = frozenset({"quote", "cite"})


def _a_question(content: Span) -> bool:
    """What "asked" reports when it reports words: a question or a quotation."""
    first = content[0].lower_ if len(content) else ""
    return first in _QUESTION_WORDS or first[:1] in "\"“'‘"


_QUESTION_WORDS = frozenset("whether if why how what when where who which whom".split())


def _named_after_time_stamp(stamp: Token, verb: Token) -> Token:
    """A live blog's "12:15 p.m.: Obama says …" parses the time stamp as the subject; the
    speaker is its apposition, or the first name between the stamp and the verb."""
    appos = next((c for c in stamp.children if c.dep_ == "appos"), None)
    if appos is not None:
        return appos
    for token in stamp.doc[stamp.i + 1 : verb.i]:
        if token.ent_type_ in ("PERSON", "ORG", "NORP") or token.pos_ == "PROPN":
            return token if token.ent_iob_ != "B" else _entity_head(token)
    return stamp


def _entity_head(token: Token) -> Token:
    """The last word of the entity ``token`` begins ("Barack" of "Barack Obama" → "Obama"),
    whose subtree is the whole name."""
    end = token.i
    while end + 1 < len(token.doc) and token.doc[end + 1].ent_iob_ == "I":
        end += 1
    return token.doc[end]


def _headline_colon(colon: Token) -> Attribution | None:
    """The headline convention "Kerry: Refugee numbers will rise": a name, a colon and
    what the named said. Places ("LONDON:") and labels ("Update:") are not speakers."""
    sentence = colon.sent
    speaker = sentence.doc[sentence.start : colon.i]
    if not speaker or any(t.pos_ in _NOT_IN_NAMES or t.is_space for t in speaker):
        return None  # "Clockwise from top:", "Above:": a caption's pointers name nobody
    if not any(t.ent_type_ in ("PERSON", "ORG") for t in speaker):
        return None
    line_end = (t.i for t in sentence.doc[colon.i + 1 : sentence.end] if "\n" in t.text)
    end = next(line_end, sentence.end)
    content = sentence.doc[colon.i + 1 : end]  # a headline ends at its line
    if len(content) < 3 or not _a_clause(content):
        return None  # "Clockwise from top: whale bones; squid beaks": a caption lists
    return Attribution(colon, speaker, content)


def _a_clause(span: Span) -> bool:
    """Whether the words hold a finite verb: what a speaker says is a statement, and a
    caption's or a credit line's list of things ("Photograph: Reuters") is not."""
    return any(t.tag_ in _FINITE_TAGS for t in span)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


_HEADLINE_SPEAKER_WORDS = 5
_NOT_IN_NAMES = frozenset({"VERB", "AUX", "ADP", "ADV"})


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it hangs from: "X smiled
    and said", "X took to Twitter to say", "X is more likely to say"."""
    for _ in range(_SHARED_SUBJECT_DEPTH):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ not in ("conj", "advcl"):
            return subject
        if verb.head.pos_ not in ("VERB", "AUX", "ADJ") or verb.head == verb:
            return None
        verb = verb.head
    return None


_SHARED_SUBJECT_DEPTH = 3


def _according_to(token: Token) -> Attribution | None:
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    speaker = phrase(source)
    if not len(speaker):
        return None
    sentence = token.sent
    content = sentence.doc[sentence.start : token.i] if token.i > sentence.start else None
    if content is None or len(content) < 3:  # "According to X, Y": what follows X
        content = sentence.doc[speaker.end : sentence.end]
    if len(content) == 0:
        return None
    return Attribution(token, speaker, content)


def _content(verb: Token, speaker: Span, sentence: Span) -> Span | None:
    """The reported clause: a clausal complement, else the sentence minus the speaker."""
    clause = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp", "parataxis") and not _bare_attribution(c)
        ),
        None,
    )
    doc = sentence.doc
    if clause is not None:
        tokens = list(clause.subtree)
        span = doc[tokens[0].i : tokens[-1].i + 1]
        if span.start > 0 and doc[span.start - 1].lower_ == "that":
            span = doc[span.start - 1 : span.end]
        return span
    target = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if target is not None and verb.lemma_.lower() in _OBJECT_VERBS:
        # "called him a loser", "described the meeting as positive": object and all
        indexes = sorted(t.i for c in verb.children if c.i >= target.i for t in c.subtree)
        while indexes and (doc[indexes[-1]].is_punct or doc[indexes[-1]].is_space):
            indexes.pop()  # the sentence's full stop and the paragraph break are not said
        if indexes:
            return doc[indexes[0] : indexes[-1] + 1]
    before = doc[sentence.start : min(speaker.start, verb.i)]
    if len(before) >= 3 and _set_off_before(before):  # "A rose, officials said"
        return before
    # what follows the verb, as far as its own words go ("to make sure the progress
    # continues, the order will …": the order is not what "continues" reports)
    rest = doc[verb.i + 1 : min(sentence.end, verb.right_edge.i + 1)]
    if len(rest) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None  # "Stella Kim reported from Seoul": a credit line reports no words
    return rest


def _set_off_before(before: Span) -> bool:
    """Words before the speaker are what they said only when a mark sets the speaker
    off ("A rose, officials said"; "“A,” she said"), not in "Officials said Sudan had
    shown progress", where "Sudan shown" would report "Officials said"."""
    last = next((t for t in reversed(before) if not t.is_space), None)
    return last is not None and last.is_punct


def _bare_attribution(clause: Token) -> bool:
    """ "Sudan had shown progress, American officials said": the parser may hang the
    sentence's attribution from the verb it reports; a verb of saying with a subject
    and nothing it says is that attribution, not the content of the verb above."""
    if clause.lemma_.lower() not in SPEECH_VERBS or clause.i < clause.head.i:
        return False
    deps = {c.dep_ for c in clause.children}
    return "nsubj" in deps and not deps & {"ccomp", "xcomp", "dobj", "parataxis"}


def phrase(head: Token) -> Span:
    """The noun phrase a head token stands for, without a leading comma or quote mark;
    empty when the head is a mark or a space (callers ask ``len``)."""
    tokens = [t for t in head.subtree if not (t.dep_ in ("relcl", "acl") and t.i > head.i)]
    doc = head.doc
    start, end = tokens[0].i, tokens[-1].i + 1
    # A relative clause or apposition after the head is not part of the name.
    for child in head.children:
        if child.i > head.i and child.dep_ in ("relcl", "appos", "acl", "punct"):
            end = min(end, max(child.left_edge.i, head.i + 1))  # never before the head
    # The name stays in its paragraph: the parser sometimes joins a heading to it.
    for token in doc[start : head.i]:
        if token.is_space and "\n" in token.text:
            start = token.i + 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def name_of(speaker: Span) -> str:
    """A speaker's words as a name: the leading article dropped ("The Armenian government"
    is "Armenian government"), "a"/"an" kept for anonymous sources ("a U.S. official")."""
    words = speaker.text.strip()
    first = words.split(" ", 1)[0].lower()
    if first in ("the", "this", "that", "these", "those") and " " in words:
        return words.split(" ", 1)[1]
    return words
