"""One speaker across articles, anonymous sources per outlet, and quote provenance."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from copydesk import api
from copydesk.cli import cli
from copydesk.corpus.speakers import name_key


def story(headline: str, *paragraphs: str) -> str:
    return "\n\n".join([headline, *paragraphs])


FULL = story(
    "Obama presses Sudan over Darfur",
    "WASHINGTON (Reuters) - President Barack Obama said on Tuesday that the United States "
    "would keep pressing Sudan over the fighting in Darfur.",
    '"We will not look away from Darfur, not now and not later," Obama told reporters.',
    "Eric Reeves, a researcher at Smith College, said the pressure was long overdue.",
)
SURNAME = story(
    "Sanctions on Sudan stay, Obama says",
    "WASHINGTON - Obama said on Wednesday that the sanctions on Sudan would stay in place.",
    "Administration officials said talks with Khartoum would resume in May.",
)
TITLED = story(
    "Talks on Darfur to resume",
    "President Obama said on Thursday that envoys would meet in Doha next month.",
    "Officials said the meeting would be held behind closed doors.",
)
REWRITE = story(
    "Obama: no looking away from Darfur",
    '"We will not look away from Darfur, not now," Obama said in an interview on Friday.',
)


def ingest(tmp_path: Path, rows: list[tuple[str, str, str]]) -> str:
    db = str(tmp_path / "news.db")
    path = tmp_path / "rows.jsonl"
    path.write_text(
        "".join(
            json.dumps({"url": url, "text": text, "published": day}) + "\n"
            for url, text, day in rows
        ),
        encoding="utf-8",
    )
    api.ingest([str(path)], db=db, workers=1, progress=False)
    return db


ROWS = [
    ("https://wire.example/1", FULL, "2024-03-05"),
    ("https://daily.example/2", SURNAME, "2024-03-06"),
    ("https://daily.example/3", TITLED, "2024-03-07"),
    ("https://weekly.example/4", REWRITE, "2024-03-08"),
]


def test_a_name_key_sets_case_accents_punctuation_and_titles_aside() -> None:
    assert name_key("President Barack Obama") == "barack obama"
    assert name_key("Mme Christine LAGARDE") == name_key("christine lagarde")
    assert name_key("José Núñez's") == "jose nunez"
    assert name_key("President") == "president"  # a title alone is still a name


def test_one_person_under_every_name_is_one_speaker(tmp_path: Path) -> None:
    db = ingest(tmp_path, ROWS)
    obama = [s for s in api.speakers(db=db) if s.type == "person" and "Obama" in s.name]
    assert len(obama) == 1
    (speaker,) = obama
    assert speaker.name == "Barack Obama"
    assert "Obama" in speaker.aliases
    assert speaker.quotes >= 3 and speaker.outlets == 3
    president = next(role for role in speaker.roles if role.role == "President")
    assert president.first_seen == "2024-03-05"
    found = {
        name: {q.document_id for q in api.quotes(db=db, speaker=name)}
        for name in ("Barack Obama", "President Obama", "Obama", "obama")
    }
    assert found["Barack Obama"] >= {1, 2, 3}
    assert len({frozenset(ids) for ids in found.values()}) == 1


def test_a_surname_only_speaker_is_taken_over_by_the_full_name(tmp_path: Path) -> None:
    first = story(
        "Darfur aid blocked",
        "Reeves said on Monday that aid convoys had been blocked for a week near Nyala.",
    )
    db = ingest(tmp_path, [("https://a.example/1", first, "2024-03-04"), *ROWS[:1]])
    (reeves,) = api.speakers(db=db, name="Eric Reeves")
    assert reeves.name == "Eric Reeves" and "Reeves" in reeves.aliases
    assert {q.document_id for q in api.quotes(db=db, speaker="Eric Reeves")} == {1, 2}


def test_two_people_of_one_surname_stay_apart(tmp_path: Path) -> None:
    michelle = story(
        "School meals",
        "Michelle Obama said on Monday that school meals had to get healthier across the land.",
    )
    db = ingest(tmp_path, [*ROWS[:1], ("https://b.example/1", michelle, "2024-03-09")])
    people = {s.name for s in api.speakers(db=db) if s.type == "person"}
    assert {"Barack Obama", "Michelle Obama"} <= people
    assert {q.speaker for q in api.quotes(db=db, speaker="Michelle Obama")} == {"Michelle Obama"}


def test_anonymous_sources_are_counted_per_outlet(tmp_path: Path) -> None:
    db = ingest(tmp_path, ROWS)
    by_site = {o.site: o for o in api.anonymous_sources(db=db)}
    assert by_site["daily.example"].anonymous >= 2
    assert by_site["wire.example"].anonymous == 0
    daily = by_site["daily.example"]
    assert daily.share == round(daily.anonymous / daily.quotes, 4)
    result = CliRunner().invoke(cli, ["speakers", "--anonymous", "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)[0]["site"] == "daily.example"


def test_a_quote_knows_where_it_first_ran_and_how_it_was_reworded(tmp_path: Path) -> None:
    copy = FULL.replace("WASHINGTON (Reuters) - ", "")
    db = ingest(tmp_path, [*ROWS, ("https://copies.example/5", copy, "2024-03-06")])
    quotes = [q for q in api.quotes(db=db, speaker="Obama") if "look away" in q.text]
    assert quotes and all(q.provenance for q in quotes)
    provenance = quotes[0].provenance
    assert provenance is not None
    assert provenance.first_seen.url == "https://wire.example/1"
    urls = [a.url for a in provenance.appearances]
    assert urls[0] == "https://wire.example/1" and "https://weekly.example/4" in urls
    assert provenance.count == len(urls) >= 2
    assert len(provenance.variants) == 2  # the rewrite trimmed it


def test_quotes_stored_before_speakers_were_kept_are_linked_by_the_next_ingest(
    tmp_path: Path,
) -> None:
    db = ingest(tmp_path, ROWS[:2])
    with sqlite3.connect(db) as conn:  # as a store written before migration 10 holds them
        conn.execute("UPDATE quotes SET speaker_id = NULL, text_key = NULL, family_id = NULL")
        conn.execute("DELETE FROM speaker_names")
        conn.execute("DELETE FROM speakers")
    assert api.speakers(db=db) == []
    ingest(tmp_path, ROWS[2:3])
    assert {q.document_id for q in api.quotes(db=db, speaker="President Obama")} >= {1, 2, 3}
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM quotes WHERE family_id IS NULL").fetchone() == (
            0,
        )


COURT = """Court ruling

LONDON (Reuters) - The company lost its case on Monday.

"We will appeal the ruling," it said in a statement.

They said the decision was wrong, and officials said the fine would be paid by March.

"This is a good day for consumers," said Marta Lind, the regulator.
"""


def test_words_that_name_nobody_are_no_speaker_across_the_store(tmp_path: Path) -> None:
    import sqlite3

    from click.testing import CliRunner

    from copydesk.cli import cli

    story = tmp_path / "court.txt"
    story.write_text(COURT, encoding="utf-8")
    db = str(tmp_path / "news.db")
    run = CliRunner().invoke
    assert run(cli, ["ingest", str(story), "--db", db, "--no-progress"]).exit_code == 0
    listed = json.loads(run(cli, ["speakers", "--db", db, "--json"]).output)
    assert [row["name"] for row in listed] == ["Marta Lind"]
    quotes = json.loads(run(cli, ["quotes", "--db", db, "--json"]).output)
    assert {q["speaker"] for q in quotes} == {"it", "They", "officials", "Marta Lind"}
    # a store linked before this rule: migration 14 unlinks and removes them
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO speakers (name, type, surname) VALUES ('it', 'unknown', 'it')")
        conn.execute("UPDATE quotes SET speaker_id = last_insert_rowid() WHERE speaker = 'it'")
        conn.execute("PRAGMA user_version = 13")
    assert run(cli, ["ingest", str(story), "--db", db, "--no-progress"]).exit_code == 0
    listed = json.loads(run(cli, ["speakers", "--db", db, "--json"]).output)
    assert [row["name"] for row in listed] == ["Marta Lind"]
