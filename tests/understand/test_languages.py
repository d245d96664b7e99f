"""A body is read only with its own language's model, and the record says what ran."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import copydesk
from copydesk.cli import cli
from copydesk.understand.languages import KITS
from copydesk.understand.nlp import reading_language, reads_as_english

FIXTURES = Path(__file__).parents[1] / "fixtures" / "languages"


def _read(name: str) -> copydesk.Article:
    return copydesk.extract(text=(FIXTURES / name).read_text(encoding="utf-8"))


def _codes(article: copydesk.Article) -> list[str]:
    return [w.code for w in article.warnings]


def test_english_runs_every_layer_and_lists_them() -> None:
    article = _read("en.txt")
    assert article.layers == list(KITS["en"].layers)
    assert "language_not_supported" not in _codes(article)
    assert any(q.speaker and q.speaker.name == "Marta Lind" for q in article.quotes)


def test_german_gets_no_english_model_and_says_why() -> None:
    article = _read("de.txt")
    assert article.language == "de"
    assert article.layers == []
    assert not article.actors and not article.quotes and not article.figures
    assert not article.times and not article.stances
    notice = next(w for w in article.warnings if w.code == "language_not_supported")
    assert notice.message.startswith("no pipeline for de:"), notice.message


def test_french_reads_its_actors_with_the_french_model() -> None:
    article = _read("fr.txt")
    assert article.language == "fr"
    assert article.layers == ["actors", "quotes", "times", "figures"]
    kinds = {a.name: a.type for a in article.actors}
    assert kinds.get("Emmanuel Macron") == "person"
    assert kinds.get("Renault") == "organization"
    assert "Paris" not in kinds, "a place is not an actor"
    [figure] = article.figures
    assert (figure.text, figure.value, figure.counted) == ("438", 438, "suppressions de postes")
    notice = next(w for w in article.warnings if w.code == "language_not_supported")
    assert "stances" in notice.message, "the English stance model is not run on French"
    assert not article.stances


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


def _quotes_by_speaker(article: copydesk.Article) -> dict[str, list[copydesk.Quote]]:
    by: dict[str, list[copydesk.Quote]] = {}
    for quote in article.quotes:
        assert quote.speaker is not None, quote.text
        by.setdefault(quote.speaker.name, []).append(quote)
    return by


def test_a_french_wire_story_has_its_quotes_on_the_named_people() -> None:
    article = _read("fr_wire.txt")
    assert article.language == "fr" and "quotes" in article.layers
    by = _quotes_by_speaker(article)
    said = {name: [(q.kind, q.text) for q in quotes] for name, quotes in by.items()}
    # the incise, its subject after the verb: « … », a déclaré X
    assert (
        "direct",
        "« Nous irons jusqu'au bout de cette réforme, parce qu'elle est nécessaire »",
    ) in said["Élisabeth Borne"]
    assert any(
        k == "indirect" and t.startswith("Le gouvernement ne reculera pas")
        for k, t in said["Élisabeth Borne"]
    )
    # a que-clause after the subject, its title in apposition
    assert said["Olivier Dussopt"] == [("indirect", "que le texte serait voté avant l'été.")]
    assert [k for k, _ in said["Karin de Vries"]] == ["indirect"]
    # selon X, past X's title
    assert said["Laurent Berger"] == [
        ("indirect", "la mobilisation va se poursuivre dans toutes les régions.")
    ]
    # estime X; then "a-t-elle ajouté": the pronoun is the person last named
    assert [t for _, t in said["Sophie Binet"]] == [
        "« C'est une réforme injuste et brutale »",
        "« Les salariés n'en veulent pas »",
    ]
    assert "les syndicats" in said


def test_french_speakers_are_people_with_their_titles_and_no_title_is_an_actor() -> None:
    article = _read("fr_wire.txt")
    kinds = {a.name: a.type for a in article.actors}
    for person in (
        "Élisabeth Borne",
        "Olivier Dussopt",
        "Laurent Berger",
        "Sophie Binet",
        "Karin de Vries",
    ):
        assert kinds[person] == "person", (person, kinds)
    assert kinds["les syndicats"] == "organization"
    assert all(name[:1].isupper() or name.startswith("les ") for name in kinds), kinds
    assert not any("ministre" in name for name in kinds), "a title is no actor"
    roles = {a.name: a.roles for a in article.actors}
    assert roles["Élisabeth Borne"] == ["Première ministre"]
    assert roles["Olivier Dussopt"] == ["ministre du Travail"]


def test_french_times_are_read_against_the_story_date() -> None:
    body = (
        "Le président a rencontré lundi les syndicats, qui manifesteront jeudi prochain. "
        "Il y a deux semaines, le texte avait été présenté ; il sera voté en juin, "
        "trois mois après le 12 mars 2024. La grève de l'an dernier avait duré dix jours."
    )
    # 2024-03-14 is a Thursday
    article = copydesk.extract(text=f"Retraites\n\n{body}", published="2024-03-14")
    values = {t.text: t.value for t in article.times}
    assert values["lundi"] == "2024-03-11"
    assert values["jeudi prochain"] == "2024-03-21"
    assert values["Il y a deux semaines"] == "2024-W09"
    assert values["en juin"] == "2024-06"
    assert values["12 mars 2024"] == "2024-03-12"
    assert values["l'an dernier"] == "2023"
    assert values["trois mois"] == "P3M" and values["dix jours"] == "P10D"
    assert all(t.resolved for t in article.times if t.type == "date")


def test_french_figures_read_french_numbers_units_and_claimants() -> None:
    body = (
        "Plus d'un million de personnes ont manifesté jeudi, selon les syndicats. La commune "
        "compte 3 000 habitants et a reçu 1,5 million d'euros en 2023.\n\n"
        "Le chômage a atteint 12 % en mars, a indiqué l'Insee. Des dizaines de milliers de "
        "salariés attendent."
    )
    article = copydesk.extract(text=f"Grève\n\n{body}", published="2024-03-14")
    figures = {f.text: f for f in article.figures}
    crowd = figures["un million"]
    assert (crowd.value, crowd.unit, crowd.low, crowd.claimant) == (
        1e6,
        "person",
        1e6,
        "les syndicats",
    )
    assert (figures["3 000"].value, figures["3 000"].counted) == (3000, "habitants")
    money = figures["1,5 million"]
    assert (money.value, money.unit, money.as_of) == (1.5e6, "EUR", "2023")
    rate = figures["12"]
    assert (rate.unit, rate.claimant, rate.as_of) == ("percent", "l'Insee", "2024-03")
    assert "2023" not in figures, "a year is a time, not a figure"
    [vague] = article.vague_figures
    assert (vague.low, vague.counted) == (20_000, "salariés")


def _cli(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


SHORT_FRENCH = "Grève\n\nLa grève continue, a déclaré Sophie Binet lundi.\n"


def test_language_given_on_the_command_line_wins_over_the_words() -> None:
    # too short to tell alone: read as nothing (the words are not guessed)
    guessed = copydesk.from_json(_cli("extract", "-", stdin=SHORT_FRENCH).stdout)
    assert "quotes" not in guessed.layers
    result = _cli("extract", "-", "--language", "fr-FR", stdin=SHORT_FRENCH)
    assert result.exit_code == 0, result.output
    article = copydesk.from_json(result.stdout)
    assert (article.language, article.provenance["language"]) == ("fr", "caller")
    assert [q.speaker.name for q in article.quotes if q.speaker] == ["Sophie Binet"]
    german = _cli("extract", "-", "--language", "de", stdin=SHORT_FRENCH)
    assert copydesk.from_json(german.stdout).layers == []


def test_a_jsonl_row_states_its_own_language(tmp_path: Path) -> None:
    rows = [
        {"text": SHORT_FRENCH, "language": "fr"},
        {"text": SHORT_FRENCH},
        {"text": SHORT_FRENCH, "language": "french!"},
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = _cli("extract", str(dump), "--language", "de")
    assert result.exit_code == 1
    own, given = (copydesk.from_json(line) for line in result.stdout.splitlines())
    assert own.language == "fr" and "quotes" in own.layers
    assert given.language == "de" and given.layers == []
    assert f"{dump}:3" in result.stderr and "not a two-letter language code" in result.stderr


def test_a_language_that_is_no_code_is_refused_by_name() -> None:
    result = _cli("extract", "-", "--language", "Français", stdin=SHORT_FRENCH)
    assert result.exit_code == 2 and "--language" in result.output
    with pytest.raises(copydesk.CopydeskError, match="not a two-letter language code"):
        copydesk.extract(text=SHORT_FRENCH, language="xyz")


def test_ingest_takes_the_language_too(tmp_path: Path) -> None:
    story = tmp_path / "greve.txt"
    story.write_text(SHORT_FRENCH, encoding="utf-8")
    db = str(tmp_path / "news.db")
    ingested = _cli("ingest", str(story), "--db", db, "--language", "fr", "--no-progress")
    assert ingested.exit_code == 0, ingested.output
    [row] = copydesk.quotes(db=db, speaker="Binet")
    assert row.speaker == "Sophie Binet"


def test_the_record_says_how_far_the_words_bear_its_language_out() -> None:
    french = _read("fr_wire.txt")
    assert french.language_confidence is not None and french.language_confidence >= 0.5
    english_body = (FIXTURES / "en.txt").read_text(encoding="utf-8")
    page = f'<html lang="de"><body><article><p>{english_body}</p></article></body></html>'
    claimed = copydesk.extract(html=page, understand=False)
    assert claimed.language == "de"  # the page's claim, kept as the page made it
    assert claimed.language_confidence is not None and claimed.language_confidence < 0.2
    given = copydesk.extract(text=SHORT_FRENCH, language="fr", understand=False)
    assert given.language_confidence == 1.0


def test_a_french_name_runs_on_over_its_surname_and_particles() -> None:
    from spacy.tokens import Span

    from copydesk.understand.languages import FRENCH
    from copydesk.understand.nlp import _whole_names, model

    doc = model("fr").make_doc("a déclaré Jean de Lattre mardi")
    for token, pos in zip(doc, ["AUX", "VERB", "PROPN", "ADP", "PROPN", "NOUN"], strict=True):
        token.pos_ = pos
    doc.ents = [Span(doc, 2, 3, label="PERSON")]  # the small model's "Jean" alone
    assert [e.text for e in _whole_names(doc, FRENCH.name_particles).ents] == ["Jean de Lattre"]
