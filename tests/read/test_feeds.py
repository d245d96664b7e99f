"""RSS and Atom feeds and JSONL headline rows: each item a headline document."""

from __future__ import annotations

import json
from pathlib import Path

import copydesk
from conftest import fixture
from copydesk.errors import ReadError
from copydesk.read import RawDocument, read_documents
from copydesk.read.document import content_key
from copydesk.read.feeds import looks_like_feed


def test_an_rss_feed_gives_one_headline_document_per_item() -> None:
    path = fixture("feeds/wire.rss")
    first, second, empty = read_documents([str(path)])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{path}:1"
    assert first.headline == "Flood waters rise in Velmar as river bursts its banks"
    assert first.url == "https://wire.example/2024/03/14/velmar-floods"
    assert first.published == "2024-03-14T08:30:00Z"  # +0100 read as UTC
    assert first.content.split("\n\n") == [
        "About 4,200 people were moved from their homes in Velmar on Thursday.",
        "The regional emergency service said more rain was due.",
    ]
    assert (second.headline, second.content) == ("Chipmaker Nordtek names new chief executive", "")
    assert isinstance(empty, ReadError) and empty.source == f"{path}:3"
    assert "neither a title nor a summary" in str(empty)


def test_an_atom_feed_reads_content_escaped_titles_and_the_update_time() -> None:
    comets, nappes = read_documents([str(fixture("feeds/science.atom"))])
    assert isinstance(comets, RawDocument) and isinstance(nappes, RawDocument)
    assert comets.headline == "Comet & asteroid survey finds 300 new objects"
    assert comets.published == "2024-03-15T12:45:00Z"
    assert comets.content == "Astronomers said on Friday that the survey had found 300 objects."
    assert nappes.published == "2024-03-15T06:00:00Z"  # no <published>: its <updated>


def test_a_malformed_feed_is_read_and_its_items_say_it_was_repaired() -> None:
    (item,) = read_documents([str(fixture("feeds/broken.rss"))])
    assert isinstance(item, RawDocument)
    assert item.headline == "Markets close higher & lower"
    assert [notice.code for notice in item.warnings] == ["feed_repaired"]


def test_a_feed_is_told_from_html_and_other_xml() -> None:
    assert looks_like_feed(b'<?xml version="1.0"?>\n<!-- x -->\n<rss version="2.0">')
    assert looks_like_feed(b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b"<rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body><p>rss</p>")
    assert not looks_like_feed(b"<?xml version='1.0'?><svg/>")


def test_a_headline_item_is_an_article_with_its_headline_and_time() -> None:
    from copydesk.api import extract_paths

    record, second, _error = extract_paths([str(fixture("feeds/wire.rss"))], understand=False)
    assert isinstance(record, copydesk.Article) and isinstance(second, copydesk.Article)
    assert record.headline == "Flood waters rise in Velmar as river bursts its banks"
    assert record.provenance["headline"] == "caller"
    assert (record.published.value, record.published.time) == ("2024-03-14", "2024-03-14T08:30:00Z")
    assert record.site == "wire.example" and record.page_type == "article"
    assert len(record.body) == 2
    assert second.body == [] and second.page_type == "article"  # a headline alone is read


def test_jsonl_rows_with_a_title_are_headline_items(tmp_path: Path) -> None:
    rows = [
        {"url": "https://x.example/a", "title": "Rates rise", "published": "2024-03-10T14:05:00Z"},
        {"url": "https://x.example/b", "title": "Rates hold", "summary": "The bank held rates."},
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    first, second = read_documents([str(path)])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.headline, first.content, first.published) == (
        "Rates rise",
        "",
        "2024-03-10T14:05:00Z",
    )
    assert (second.headline, second.content) == ("Rates hold", "The bank held rates.")
    twin = RawDocument(source="other", content="", url="https://y.example/a", headline="Rates rise")
    assert content_key(first) != content_key(twin)  # two outlets' items with one title
