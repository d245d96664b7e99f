"""A body's language, from its script and its most common function words.

News bodies are long enough that the share of each language's function words tells
them apart reliably; scripts settle CJK, Cyrillic, Greek, Arabic and Hebrew at once.
This keeps a language-identification model out of the dependencies; a record whose
language cannot be told says None rather than guessing.
"""

from __future__ import annotations

import re
from collections import Counter

_STOPWORDS = {
    "en": "the of and to in is that for on was with he it as said by at from his be have are",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als",
    "fr": "le la les de des et en du un une est que pour dans qui sur au par pas plus",
    "es": "el la de que y en los del se las por un para con no una su al es lo como",
    "it": "il di che e la per un in del non è una le si da sono con della gli al",
    "pt": "de que e o a do da em para com não uma os no se na por mais as dos",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die als ook",
    "sv": "och i att det som en på är av för med till den har de inte om ett",
    "pl": "i w na z się do nie że to jest o jak po co przez dla od za",
    "tr": "ve bir bu da de için ile olarak çok daha olan gibi kadar ama ne",
    "ru": "и в не на что с по как это из у к за от то о для его",
    "uk": "і в на з що не до у та як за від це по про для його",
}
_WORDS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def _languages_of(words: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each function word and the languages it belongs to ("de": fr, es, pt and nl)."""
    languages: dict[str, list[str]] = {}
    for lang, lang_words in words.items():
        for word in lang_words:
            languages.setdefault(word, []).append(lang)
    return languages


_LANGS_OF = _languages_of(_WORDS)
_TOKEN = re.compile(r"\w+", re.UNICODE)
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
_SAMPLE = 5000
_MIN_LETTERS = 40
# Every script above in one class: most pages have too few of them to check one by one.
_ANY_SCRIPT = re.compile("|".join(script.pattern for _, script in _SCRIPTS))


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when the text is too short or too mixed to tell."""
    sample = text[:_SAMPLE]
    scripts = len(_ANY_SCRIPT.findall(sample))
    # Letters are counted in full only where it matters: a sample with letters of another
    # script, or one whose first 400 characters hold fewer than the 40 needed.
    if scripts or sum(map(str.isalpha, sample[:400])) < _MIN_LETTERS:
        letters = sum(map(str.isalpha, sample))
        if letters < _MIN_LETTERS:
            return None
        if scripts > letters * 0.2:
            for lang, script in _SCRIPTS:
                if len(script.findall(sample)) > letters * 0.2:
                    return lang
    tokens = _TOKEN.findall(sample.lower())
    counts = Counter(tokens)
    hits = dict.fromkeys(_WORDS, 0)
    for word in counts.keys() & _LANGS_OF:  # the function words that occur, each once
        for lang in _LANGS_OF[word]:
            hits[lang] += counts[word]
    lang, best = max(hits.items(), key=lambda item: item[1])
    return lang if best >= max(3, len(tokens) * 0.08) else None


def language_code(claimed: str) -> str | None:
    """The ISO 639-1 code a page's language claim stands for: "en-US", "pt_BR", "eng",
    "Italiano (Italian)", "Deutsch"; None when the claim names no language."""
    value = claimed.strip().lower().replace("_", "-")
    primary = value.split(",")[0].split("-")[0].strip()
    if _CODE.fullmatch(primary):
        return _THREE_LETTER.get(primary, primary if len(primary) == 2 else None)
    words = _TOKEN.findall(value)
    return next((_NAMES[word] for word in words if word in _NAMES), None)


_CODE = re.compile(r"[a-z]{2,3}")
_THREE_LETTER = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
    "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "rus": "ru", "ukr": "uk",
    "pol": "pl", "tur": "tr", "swe": "sv", "jpn": "ja", "kor": "ko", "zho": "zh",
    "chi": "zh", "ara": "ar", "heb": "he", "hin": "hi", "ind": "id", "ell": "el",
}  # fmt: skip
_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
    "francais": "fr", "spanish": "es", "español": "es", "espanol": "es", "italian": "it",
    "italiano": "it", "portuguese": "pt", "português": "pt", "portugues": "pt",
    "dutch": "nl", "nederlands": "nl", "russian": "ru", "русский": "ru",
    "ukrainian": "uk", "українська": "uk", "polish": "pl", "polski": "pl",
    "turkish": "tr", "türkçe": "tr", "swedish": "sv", "svenska": "sv",
    "japanese": "ja", "日本語": "ja", "korean": "ko", "한국어": "ko", "chinese": "zh",
    "中文": "zh", "arabic": "ar", "hebrew": "he", "hindi": "hi", "indonesian": "id",
    "greek": "el",
}  # fmt: skip


def language_support(text: str, code: str) -> float | None:
    """How far a body's own words bear out that it is written in ``code``, from 0 to 1:
    the share of its function words of one language that are that language's (of its
    letters in that script, for the languages told by script), less where the body is too short for
    the share to mean much. None for a language this module cannot check."""
    sample = text[:_SAMPLE]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return 0.0 if code in _WORDS or code in _SCRIPT_OF else None
    enough = min(1.0, letters / _MIN_LETTERS)
    script = _SCRIPT_OF.get(code)
    if script is not None:
        share = len(script.findall(sample)) / letters
        return round(min(1.0, share / _SCRIPT_SHARE) * enough, 2)
    if code not in _WORDS:
        return None
    # only the words of one language count ("de" is French, Spanish and Dutch alike)
    hits = Counter(
        langs[0]
        for word in _TOKEN.findall(sample.lower())
        if len(langs := _LANGS_OF.get(word, [])) == 1
    )
    total = sum(hits.values())
    if not total:
        return 0.0
    return round(hits[code] / total * min(1.0, hits[code] / _ENOUGH_HITS) * enough, 2)


_SCRIPT_OF = dict(_SCRIPTS)
_SCRIPT_SHARE = 0.2  # of the letters in a script: enough to say the text is in it
_ENOUGH_HITS = 10  # function words of a language that settle it
