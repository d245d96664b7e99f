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
    assert first.published == "2024-03-14T09:30:00+01:00"  # the publisher's own offset
    assert first.published_evidence == "Thu, 14 Mar 2024 09:30:00 +0100"
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
    assert comets.published == "2024-03-15T07:45:00-05:00"
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
    assert (record.published.value, record.published.time) == (
        "2024-03-14",
        "2024-03-14T09:30:00+01:00",
    )
    assert record.published.evidence == "Thu, 14 Mar 2024 09:30:00 +0100"
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


LATE_NIGHT = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Town news</title>
<item><title>Storm closes schools</title><link>https://town.example/storm</link>
<description>Schools are closed.</description>
<pubDate>Mon, 10 Mar 2014 23:30:00 -0500</pubDate></item>
<item><title>Council meets</title><link>https://town.example/council</link>
<description>The council met on Monday evening to discuss the budget.</description>
<pubDate>Mon, 10 Mar 2014 23:30:00</pubDate></item>
<item><title>Leap day</title><link>https://town.example/leap</link>
<description>A day that was not.</description>
<pubDate>Fri, 30 Feb 2024 10:00:00 GMT</pubDate></item>
</channel></rss>
"""


def _extract_cli(*args: str) -> tuple[list[copydesk.Article], str]:
    from click.testing import CliRunner

    from copydesk.cli import cli

    result = CliRunner().invoke(cli, ["extract", *args, "--no-understand", "--format", "jsonl"])
    return [copydesk.from_json(line) for line in result.stdout.splitlines()], result.stderr


def test_a_feed_date_keeps_the_publishers_day_offset_and_words(tmp_path: Path) -> None:
    feed = tmp_path / "town.rss"
    feed.write_text(LATE_NIGHT, encoding="utf-8")
    storm, council, leap = _extract_cli(str(feed))[0]
    assert storm.published.value == "2014-03-10"  # not the 11th, as in UTC
    assert storm.published.time == "2014-03-10T23:30:00-05:00"
    assert storm.published.evidence == "Mon, 10 Mar 2014 23:30:00 -0500"
    # no zone: the day as written, no moment, and a word about it
    assert (council.published.value, council.published.time) == ("2014-03-10", None)
    assert [w.code for w in council.warnings] == ["published_without_zone"]
    # no such day: not used, and said
    assert leap.published.value is None
    assert "published_unusable" in [w.code for w in leap.warnings]


def test_a_short_item_is_a_short_article(tmp_path: Path) -> None:
    feed = tmp_path / "town.rss"
    feed.write_text(LATE_NIGHT, encoding="utf-8")
    dump = tmp_path / "items.jsonl"
    rows = [
        {"url": "https://x.example/a", "text": "Schools are closed.", "published": "2024-02-30"},
        {"url": "https://x.example/b", "title": "Flood", "summary": "Schools are closed."},
    ]
    dump.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    (storm, *_), _ = _extract_cli(str(feed))
    records, stderr = _extract_cli(str(dump))
    for record in (storm, *records):
        assert record.body == ["Schools are closed."], record.source
        assert not record.boilerplate
    assert records[0].published.value is None
    assert "2024-02-30" in next(w.message for w in records[0].warnings)
    assert f"{dump}:1: the given publication date '2024-02-30'" in stderr


UNCLOSED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Town</title>
<item><title>First story</title><link>https://town.example/1</link>
<description>The first item is fine.</description></item>
<item><title>Second story</title><link>https://town.example/2</link>
<description>The second item never closes its description.</item>
<item><title>Third story</title><link>https://town.example/3</link>
<description>The third item is fine too.</description></item>
</channel></rss>
"""


def test_an_item_that_never_closes_keeps_to_itself(tmp_path: Path) -> None:
    feed = tmp_path / "town.rss"
    feed.write_text(UNCLOSED, encoding="utf-8")
    records, stderr = _extract_cli(str(feed))
    assert [(r.source, r.headline, r.url) for r in records] == [
        (f"{feed}:{n}", f"{word} story", f"https://town.example/{n}")
        for n, word in ((1, "First"), (2, "Second"), (3, "Third"))
    ]
    assert records[2].body == ["The third item is fine too."]
    assert "third" not in records[1].body_text.lower()
    assert [w.code for w in records[1].warnings] == ["feed_repaired"]
    assert f"{feed}:2: the feed is not well-formed" in stderr
