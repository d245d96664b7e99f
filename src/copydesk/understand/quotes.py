"""Quotes: what each attribution reports, how (direct, indirect, mixed) and by whom.

The content of an attribution is its reported clause; when the attribution stands in
the middle of the sentence ("A," she said, "B.") the content is the sentence around it,
kept as fragments. A content wholly inside quotation marks is direct; one that carries a
quoted fragment is mixed; the rest is indirect.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from spacy.tokens import Span, Token

from copydesk.understand.actors import ActorFound, Actors
from copydesk.understand.attribution import Attribution
from copydesk.understand.confidence import (
    QUOTE_MODEL,
    SPEAKER_MODEL,
    quote_features,
    speaker_features,
)
from copydesk.understand.quotation_marks import DOUBLED, Regions, quoted_regions, region_at
from copydesk.understand.span_index import SpanIndex

_QUOTE_MARKS = '"“”«»„'
_MARK_TOKENS = frozenset(_QUOTE_MARKS) | {DOUBLED}
_SUBORDINATORS = frozenset(
    "as while because after before since when though although if until unless".split()
)


class QuoteFound(NamedTuple):
    text: str
    kind: str
    start: int
    end: int
    fragments: list[tuple[int, int]]
    cue: str
    speaker: ActorFound
    mention: tuple[int, int]
    confidence: float = 0.0  # how likely the words are an attribution (confidence.py)
    speaker_confidence: float = 0.0  # how likely the speaker is right, if they are
    features: frozenset[str] = frozenset()  # what the confidences were read from
    speaker_features: frozenset[str] = frozenset()


def find_quotes(attributions: list[Attribution], actors: Actors) -> list[QuoteFound]:
    quotes: list[QuoteFound] = []
    if not attributions:
        return quotes
    body = attributions[0].cue.doc.text  # Doc.text is built anew on every access
    regions = quoted_regions(body)
    breaks = _Breaks(body)
    taken: SpanIndex[list[tuple[int, int]]] = SpanIndex()
    sentence_ends: dict[int, int] = {}  # a quote's start: where its cue's sentence ends
    inner: set[int] = set()  # the starts of quotes whose cue and speaker are quoted
    attributed: dict[int, Attribution] = {}  # a quote's start: its attribution
    for attribution in _outer_first(attributions, regions):
        if _speaks_inside_quotation(attribution, regions):
            continue
        fragments = _fragments(attribution, breaks)
        fragments = _to_closing_mark(fragments, regions, body)
        fragments = _from_opening_mark(fragments, regions, breaks)
        if not fragments:
            continue
        first, last = fragments[0][0], max(end for _, end in fragments)
        if any(_overlaps(fragments, other) for other in taken.overlapping(first, last)):
            continue  # "X said Y, according to a statement": one quote, not two
        text = " ".join(body[s:e] for s, e in fragments).strip()
        if not _long_enough(text) and not (_opens_with_mark(text) and _has_words(text)):
            continue  # a short quotation may go on after its cue ("Okay," I said. "…")
        taken.add(first, last, fragments)
        sentence_ends[fragments[0][0]] = attribution.cue.sent.end_char
        if _within_quotation(attribution, regions):
            inner.add(fragments[0][0])
        speaker = actors.resolve(attribution.speaker)
        quotes.append(
            QuoteFound(
                text=text,
                kind=_kind(text),
                start=fragments[0][0],
                end=fragments[-1][1],
                fragments=fragments,
                cue=attribution.cue.text,
                speaker=speaker,
                mention=(attribution.named_by.start_char, attribution.named_by.end_char),
                speaker_features=speaker_features(attribution, regions),
            )
        )
        attributed[fragments[0][0]] = attribution
    outer = [q for q in quotes if q.start not in inner]
    outer = _continue_floating(outer, attributions, regions, body, sentence_ends)
    quotes = _without_held([*outer, *(q for q in quotes if q.start in inner)], inner)
    kept = sorted((q for q in quotes if _long_enough(q.text)), key=lambda q: q.start)
    return [_with_confidence(q, attributed[q.start]) for q in kept]


def _with_confidence(quote: QuoteFound, attribution: Attribution) -> QuoteFound:
    """The quote with its features and both confidences, read once it is complete (a
    continuation changes its kind and length)."""
    words = len(quote.text.split())
    features = quote_features(attribution, quote.kind, quote.fragments, words)
    return quote._replace(
        confidence=QUOTE_MODEL.probability(features),
        speaker_confidence=SPEAKER_MODEL.probability(quote.speaker_features),
        features=features,
    )


def _without_held(quotes: list[QuoteFound], inner: set[int]) -> list[QuoteFound]:
    """An inner quotation's own quote (starting at one of ``inner``) gives way to the
    quote that a continuation grew over it: its words are the outer speaker's."""
    kept = []
    index: SpanIndex[list[tuple[int, int]]] = SpanIndex()
    for quote in quotes:
        if quote.start not in inner:
            index.add(quote.start, quote.end, quote.fragments)
    for quote in quotes:
        held = quote.start in inner and any(
            _overlaps(quote.fragments, other) for other in index.overlapping(quote.start, quote.end)
        )
        if not held:
            kept.append(quote)
    return kept


def _outer_first(attributions: list[Attribution], regions: Regions) -> list[Attribution]:
    """The attribution that reports the others is read first, so that an inner one,
    reporting the same words, gives way to it (stable otherwise: text order).

    A cue outside every quotation comes before one inside a quotation: in "“People
    dismiss us when we tell them…,” says Te Kaurinui" the writer's "says" names the
    speaker, and the verbs inside are the speaker's own words. Then "They believe the
    deal will hold, Rubio said": an attribution whose content holds another's cue, and
    is held by fewer, goes first (Rubio's words hold the belief)."""
    cues = sorted(a.cue.i for a in attributions)

    def held_inside(attribution: Attribution) -> bool:
        return region_at(regions, attribution.cue.idx) is not None

    def holds_another(attribution: Attribution) -> bool:
        content = attribution.content
        inside = bisect_left(cues, content.end) - bisect_left(cues, content.start)
        own = content.start <= attribution.cue.i < content.end
        return inside - own > 0

    return sorted(attributions, key=lambda a: (held_inside(a), not holds_another(a)))


def _long_enough(text: str) -> bool:
    return len(text.split()) >= _MIN_QUOTE_WORDS


_MIN_QUOTE_WORDS = 3


def _speaks_inside_quotation(attribution: Attribution, regions: Regions) -> bool:
    """\"I think we will win\" inside a quotation is the quoted speaker's own words, part
    of the quote around it, not a quote by someone called "I"."""
    return attribution.speaker.text.lower() in _FIRST_AND_SECOND_PERSON and (
        region_at(regions, attribution.cue.idx) is not None
    )


_FIRST_AND_SECOND_PERSON = frozenset("i we you me us".split())


def _within_quotation(attribution: Attribution, regions: Regions) -> bool:
    """Cue and speaker inside one quotation ("“That was the president saying, ‘Don't
    leave it’”"): words the quoted speaker reports, which go on that speaker's quote."""
    if _speaks_inside_quotation(attribution, regions):
        return True
    region = region_at(regions, attribution.cue.idx)
    return region is not None and region_at(regions, attribution.speaker.start_char) == region


def _to_closing_mark(
    fragments: list[tuple[int, int]], regions: Regions, text: str
) -> list[tuple[int, int]]:
    """A quote whose words stop inside a quotation runs on to its closing mark: the
    parse ends it with its first sentence, the writer with the mark."""
    if not fragments:
        return fragments
    start, end = fragments[-1]
    region = region_at(regions, end - 1)
    if region is None or end >= region.end:
        return fragments
    if not _has_words(text[max(start, region.start) : end]):
        return fragments  # it ends on the opening mark: the quotation is not its own
    return [*fragments[:-1], (start, region.end)]


def _from_opening_mark(
    fragments: list[tuple[int, int]], regions: Regions, breaks: _Breaks
) -> list[tuple[int, int]]:
    """A quote whose words start inside a quotation starts at its opening mark, in the
    same paragraph: '"We need energy. We need smarts. We have to get it done," Trump
    said' is one quote, though the parse gives the attribution its last sentence only."""
    if not fragments:
        return fragments
    start, end = fragments[0]
    region = region_at(regions, start)
    if region is None or region.start >= start or breaks.within(region.start, start):
        return fragments
    return [(region.start, end), *fragments[1:]]


def _continue_floating(
    quotes: list[QuoteFound],
    attributions: list[Attribution],
    regions: Regions,
    body: str,
    sentence_ends: dict[int, int],
) -> list[QuoteFound]:
    """A sentence that is wholly a quotation, with no attribution of its own, continues
    the quote just before it ("A," she said. "B."), in its paragraph or the next one.
    The rest of the quote's attribution may stand between, however long ("…," said Mr.
    Reeves, a senior fellow at … University. "These guys are the worst of the worst.")."""
    doc = attributions[0].cue.doc
    # "I think" inside a quotation is the quoted speaker's words, not a new attribution
    cues = {a.cue.i for a in attributions if not _within_quotation(a, regions)}
    result = sorted(quotes, key=lambda q: q.start)  # a quote's start never moves
    starts = [q.start for q in result]
    reach = _Reach([q.end for q in result])
    texts = {i: [q.text] for i, q in enumerate(result)}  # joined once, at the end
    fragments = {i: list(q.fragments) for i, q in enumerate(result)}
    for sentence in doc.sents:
        start = _quotation_opening(sentence, regions, body)
        if start is None or any(t.i in cues for t in sentence):
            continue
        index = bisect_right(starts, start) - 1  # the last quote to start at or before
        if index < 0 or reach.furthest(index) > start:
            continue  # no quote before it, or one holds it already
        previous = result[index]
        if previous.kind == "indirect" or start - previous.end > _FAR:
            continue
        between = body[max(previous.end, sentence_ends.get(previous.start, 0)) : start]
        if body[previous.end : start].count("\n\n") > 1 or _words_between(between):
            continue
        region = region_at(regions, start)
        end = max(sentence.end_char, region.end if region is not None else 0)
        end = start + len(body[start:end].rstrip())
        texts[index].append(body[start:end])
        fragments[index].append((start, end))
        result[index] = previous._replace(end=end)
        reach.extend(index, end)
    return [
        q._replace(text=" ".join(texts[i]), fragments=fragments[i]) for i, q in enumerate(result)
    ]


_FAR = 10_000  # characters between a quote and a quotation that cannot continue it


class _Reach:
    """The furthest end among the quotes up to an index (by start), as ends grow: a
    Fenwick tree, so that "does a quote hold this offset?" is a logarithm, not a scan."""

    def __init__(self, ends: list[int]) -> None:
        self._tree = [-1] * (len(ends) + 1)
        for index, end in enumerate(ends):
            self.extend(index, end)

    def extend(self, index: int, end: int) -> None:
        """The quote at ``index`` now reaches ``end``."""
        node = index + 1
        while node < len(self._tree):
            self._tree[node] = max(self._tree[node], end)
            node += node & -node

    def furthest(self, index: int) -> int:
        """The furthest end of the quotes at ``0`` … ``index``."""
        node, best = index + 1, -1
        while node > 0:
            best = max(best, self._tree[node])
            node -= node & -node
        return best


def _quotation_opening(sentence: Span, regions: Regions, body: str) -> int | None:
    """Where the quotation opens that a sentence begins with, or None when the sentence
    does not begin inside one. The parser may leave the opening mark with the sentence
    before ('… she said. \'\'' + 'It will …'): only marks may stand between."""
    first = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
    if first is None:
        return None
    region = region_at(regions, first.idx)
    if region is None or region.start < sentence.start_char - len(DOUBLED):
        return None
    if body[region.start : first.idx].strip(" \n\t" + _QUOTE_MARKS + "'"):
        return None
    return region.start


def _words_between(text: str) -> bool:
    """Anything but the rest of the previous sentence's attribution and punctuation."""
    return len(text.strip(' \n\t.,;:"“”')) > _ATTRIBUTION_TAIL


_ATTRIBUTION_TAIL = 80  # "said Marta Lind, the mayor of Velmar." may stand between


def _fragments(attribution: Attribution, breaks: _Breaks) -> list[tuple[int, int]]:
    """The reported words as character spans; two when the attribution splits them."""
    if attribution.opens is not None:  # its reader bounded the words itself
        content = _trim(attribution.content)
        return [(content.start_char, content.end_char)] if content is not None else []
    sentence: Span = attribution.cue.sent
    speaker, cue = attribution.speaker, attribution.cue
    first, last = min(speaker.start, cue.i), max(speaker.end - 1, cue.i)
    start, end = _paragraph(sentence, cue, breaks)
    doc = sentence.doc
    before = doc[start:first]
    after = doc[last + 1 : end]
    reported_after = attribution.content.start > cue.i and (
        doc[attribution.content.start].lower_ not in _SUBORDINATORS
    )  # "X rose, officials said, as rain fell": the "as" clause is not what they said
    opens_quotation = _opens_with_mark(before.text.lstrip()) and len(_words(before)) > 0
    if not reported_after and (len(_words(before)) >= 3 or opens_quotation):
        # "A," the official said, "B." — the words around the attribution are the quote;
        # what follows belongs to it only when it carries on ("and will ...", "B.")
        spans = [_trim(before)]
        if _continues(after) or _set_off(before, after):
            spans.append(_trim(after))
        return [(s.start_char, s.end_char) for s in spans if s is not None and _words(s)]
    content = _trim(attribution.content)
    return [(content.start_char, content.end_char)] if content is not None else []


def _set_off(before: Span, after: Span) -> bool:
    """ "In his state, Christie said, offenders are sent to treatment": an attribution set
    off by commas inside an unquoted sentence leaves the sentence going on after it (not
    when a subordinate clause follows: "…, officials said, as rain fell")."""
    if len(before) < 2 or len(after) < 2 or before[-1].text != "," or after[0].text != ",":
        return False
    if any(t.text in _MARK_TOKENS for t in before):
        return False  # a quotation goes on only where a mark reopens it
    following = next((t for t in after[1:] if not (t.is_punct or t.is_space)), None)
    return following is not None and following.lower_ not in _SUBORDINATORS


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    covered = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    return covered >= 0.5 * min(sum(e - s for s, e in a), sum(e - s for s, e in b))


def _paragraph(sentence: Span, cue: Token, breaks: _Breaks) -> tuple[int, int]:
    """The sentence's token bounds clipped to the cue's paragraph (the parser sometimes
    carries a closing quote mark over a paragraph break)."""
    doc = sentence.doc
    para_start = breaks.last_before(cue.idx)
    para_end = breaks.first_from(cue.idx)
    start, end = sentence.start, sentence.end
    while para_start != -1 and start < cue.i and doc[start].idx < para_start + 2:
        start += 1
    while end > cue.i + 1 and para_end != -1 and doc[end - 1].idx >= para_end:
        end -= 1
    return start, end


class _Breaks:
    """Where the text's paragraph breaks (``"\\n\\n"``) stand, overlapping ones too, as
    ``str.find`` would find them; looked up by bisection, since a body of one huge
    paragraph would otherwise be searched whole again for every cue in it."""

    def __init__(self, text: str) -> None:
        self._at = [match.start() for match in _BREAK.finditer(text)]

    def last_before(self, offset: int) -> int:
        """``text.rfind("\\n\\n", 0, offset)``."""
        index = bisect_right(self._at, offset - len(_PARAGRAPH_BREAK)) - 1
        return self._at[index] if index >= 0 else -1

    def first_from(self, offset: int) -> int:
        """``text.find("\\n\\n", offset)``."""
        index = bisect_left(self._at, offset)
        return self._at[index] if index < len(self._at) else -1

    def within(self, start: int, end: int) -> bool:
        """``"\\n\\n" in text[start:end]``."""
        index = bisect_left(self._at, start)
        return index < len(self._at) and self._at[index] + len(_PARAGRAPH_BREAK) <= end


_PARAGRAPH_BREAK = "\n\n"
_BREAK = re.compile(r"(?=\n\n)")


def _continues(span: Span) -> bool:
    words = [t for t in span if not t.is_punct or t.text in _MARK_TOKENS]
    return bool(words) and (
        words[0].lower_ in ("and", "but", "or") or words[0].text in _MARK_TOKENS
    )


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _words(span: Span) -> list[str]:
    return [t.text for t in span if not (t.is_punct or t.is_space)]


def _trim(span: Span) -> Span | None:
    """Without the punctuation that joins it to the attribution (keeps quote marks and a
    comma inside them: '..., traffic,"' stays as the writer closed it; French puts its
    comma after the guillemet, « … », outside the quotation)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_punct and doc[start].text not in _MARK_TOKENS:
        start += 1
    while (
        end > start
        and doc[end - 1].text in (",", ";", ":", "—", "–", "-")
        and not (end - 2 >= start and doc[end - 2].text in _MARK_TOKENS - {"»"})
    ):
        end -= 1
    if end <= start:
        return None
    return doc[start:end]


def _opens_with_mark(text: str) -> bool:
    return bool(text) and (text[0] in _QUOTE_MARKS or text.startswith(DOUBLED))


def _kind(text: str) -> str:
    text = text.replace(DOUBLED, '"')  # one mark, however it is written
    marks = sum(text.count(mark) for mark in _QUOTE_MARKS)
    stripped = text.strip(" ,.")
    if marks >= 2 and stripped[:1] in _QUOTE_MARKS and stripped[-1:] in _QUOTE_MARKS + ",":
        inner = stripped.strip(_QUOTE_MARKS + ",")
        if not any(mark in inner for mark in _QUOTE_MARKS):
            return "direct"
    if marks and stripped[:1] in _QUOTE_MARKS and marks <= 2:
        return "direct"
    return "mixed" if marks else "indirect"
