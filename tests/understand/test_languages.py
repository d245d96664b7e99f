"""A body is read only with its own language's model, and the record says what ran."""

from __future__ import annotations

from pathlib import Path

import pytest

import copydesk
from copydesk.understand.nlp import LAYERS, reading_language, reads_as_english

FIXTURES = Path(__file__).parents[1] / "fixtures" / "languages"


def _read(name: str) -> copydesk.Article:
    return copydesk.extract(text=(FIXTURES / name).read_text(encoding="utf-8"))


def _codes(article: copydesk.Article) -> list[str]:
    return [w.code for w in article.warnings]


def test_english_runs_every_layer_and_lists_them() -> None:
    article = _read("en.txt")
    assert article.layers == list(LAYERS["en"])
    assert "language_not_supported" not in _codes(article)
    assert any(q.speaker and q.speaker.name == "Marta Lind" for q in article.quotes)


def test_german_gets_no_english_model_and_says_why() -> None:
    article = _read("de.txt")
    assert article.language == "de"
    assert article.layers == []
    assert not article.actors and not article.quotes and not article.figures
    assert not article.times and not article.stances
    notice = next(w for w in article.warnings if w.code == "language_not_supported")
    assert "'de'" in notice.message


def test_french_reads_its_actors_with_the_french_model() -> None:
    article = _read("fr.txt")
    assert article.language == "fr"
    assert article.layers == ["actors"]
    kinds = {a.name: a.type for a in article.actors}
    assert kinds.get("Emmanuel Macron") == "person"
    assert kinds.get("Renault") == "organization"
    assert "Paris" not in kinds, "a place is not an actor"
    assert not article.figures, "English number rules do not read '438 suppressions'"
    assert "language_not_supported" in _codes(article)


def test_an_english_page_claimed_as_german_is_read_as_english() -> None:
    text = (FIXTURES / "en.txt").read_text(encoding="utf-8") * 3
    assert reading_language(text, "de") == "en"


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Prices rose 5% in May.", True),
        ("Shares fell 3%.", True),  # ASCII words and no other language's
        ("Le président a dit non.", False),
        ("Der Preis stieg um 5 Prozent.", False),
        ("Il prezzo è salito del 5%.", False),
    ],
)
def test_a_short_text_is_english_only_when_it_reads_as_english(text: str, english: bool) -> None:
    assert reads_as_english(text) is english


def test_an_unknown_language_runs_nothing_and_says_so() -> None:
    body = (
        "Pemerintah mengumumkan kebijakan baru pada hari Selasa untuk membantu petani "
        "Jawa Barat yang terdampak banjir besar bulan lalu."
    )
    assert reading_language(body, None) is None
    article = copydesk.extract(text=f"Banjir\n\n{body}")
    assert article.layers == [] and not article.actors
    assert "language_unknown" in _codes(article)


def test_a_lowercase_word_is_no_named_actor() -> None:
    body = (
        "Le texte sera examiné jusqu’en juin par le Sénat, puisqu’il doit s’appliquer "
        "dès l’été, a rappelé François Hollande devant les députés de l’Assemblée."
    )
    article = copydesk.extract(text=f"Renseignement\n\n{body}")
    names = [a.name for a in article.actors]
    assert names and all(any(c.isupper() for c in name) for name in names), names
