from __future__ import annotations

import json
from pathlib import Path

import pytest

import copydesk
from copydesk.record import Article, json_schema

SCHEMA = Path(__file__).parent.parent / "schema" / "article.schema.json"
CONTRACT_FIELDS = {
    "schema_version",
    "source",
    "page_type",
    "url",
    "site",
    "site_name",
    "fetched",
    "language",
    "language_confidence",
    "headline",
    "kicker",
    "dateline",
    "published",
    "modified",
    "authors",
    "credits",
    "captions",
    "body",
    "entries",
    "boilerplate",
    "provenance",
    "actors",
    "quotes",
    "stances",
    "figures",
    "vague_figures",
    "times",
    "understood",
    "layers",
    "warnings",
    "places",
}


def test_committed_schema_is_generated_from_the_types() -> None:
    assert json.loads(SCHEMA.read_text()) == json_schema(), (
        "run: copydesk schema > schema/article.schema.json"
    )


def test_contract_field_names() -> None:
    assert set(Article.__struct_fields__) == CONTRACT_FIELDS


def test_json_round_trip() -> None:
    article = copydesk.extract(
        text="Headline of the day here\n\n" + "A sentence of the story, long enough to count. " * 5
    )
    assert copydesk.from_json(copydesk.to_json(article)) == article


@pytest.mark.parametrize(
    "data,message", [(b"{", "not JSON"), (b'{"source": 3}', "not a valid article record")]
)
def test_invalid_records_are_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(copydesk.RecordError, match=message):
        copydesk.from_json(data)


def test_public_surface_is_pinned() -> None:
    assert sorted(copydesk.__all__) == sorted(
        [
            "SCHEMA_VERSION",
            "Article",
            "Caption",
            "CopydeskError",
            "CorpusError",
            "Credits",
            "Dateline",
            "ExtractError",
            "ReadError",
            "Limits",
            "Modified",
            "NotFoundError",
            "PipelineError",
            "Published",
            "RawDocument",
            "RecordError",
            "anonymous_sources",
            "errors",
            "export",
            "extract",
            "extract_paths",
            "figures",
            "from_json",
            "ingest",
            "json_schema",
            "quotes",
            "search",
            "show",
            "speakers",
            "story",
            "thread",
            "threads",
            "to_json",
        ]
    )


def test_each_name_is_one_thing() -> None:
    """The readers, the extraction stage and the public functions do not shadow each other."""
    import copydesk.extraction
    import copydesk.read

    assert callable(copydesk.extract) and copydesk.extract is copydesk.api.extract
    assert callable(copydesk.ingest) and copydesk.ingest is copydesk.api.ingest
    assert not callable(copydesk.extraction) and not callable(copydesk.read)


def test_every_error_is_a_copydesk_error_naming_its_source() -> None:
    for cls in (
        copydesk.ReadError,
        copydesk.ExtractError,
        copydesk.RecordError,
        copydesk.PipelineError,
        copydesk.CorpusError,
    ):
        error = cls("broken", source="a.txt")
        assert isinstance(error, copydesk.CopydeskError)
        assert str(error) == "a.txt: broken"


def test_understanding_marks_the_record_and_extraction_alone_does_not() -> None:
    text = "Headline here\n\nThe mayor said on Monday that the bridge would reopen in May."
    assert copydesk.extract(text=text, understand=False).understood is False
    assert copydesk.extract(text=text).understood is True


def test_a_record_that_is_not_utf8_is_a_record_error() -> None:
    with pytest.raises(copydesk.RecordError, match="not UTF-8"):
        copydesk.from_json(b'{"source": "caf\xe9 \xff\xfe"}')
