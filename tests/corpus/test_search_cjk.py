"""Chinese, Japanese and Korean words found by search, through the CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from copydesk.cli import cli

STORIES = {
    "tokyo.txt": "東京都知事選挙\n\n東京都知事選挙は七日に投開票が行われ、現職が三選を果たした。"
    "投票率は前回を上回った。\n",
    "beijing.txt": "北京举行新闻发布会\n\n北京市政府周一举行新闻发布会，"
    "介绍了空气质量改善的情况。官员表示，今年的目标已经完成。\n",
    "seoul.txt": "서울시 대중교통 요금 인상\n\n서울시는 다음 달부터 지하철과 버스 "
    "요금을 인상한다고 밝혔다. 시민들의 반응은 엇갈렸다.\n",
    "london.txt": "Flood waters rise in London\n\nThe river rose two metres overnight and "
    "thousands of people left their homes, officials said on Monday.\n",
}


def _store(tmp_path: Path) -> str:
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "news.db")
    paths = [str(tmp_path / name) for name in STORIES]
    result = CliRunner().invoke(cli, ["ingest", *paths, "--db", db, "--no-understand"])
    assert result.exit_code == 0, result.output
    return db


def _search(db: str, query: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["search", query, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    hits: list[dict[str, object]] = json.loads(result.output)
    return hits


def _found(db: str, query: str) -> list[str]:
    return [str(hit["headline"]) for hit in _search(db, query)]


def test_a_two_character_word_is_found_inside_a_run(tmp_path: Path) -> None:
    db = _store(tmp_path)
    assert _found(db, "東京") == ["東京都知事選挙"]
    assert _found(db, "知事") == ["東京都知事選挙"]  # the middle of the run
    assert _found(db, "北京") == ["北京举行新闻发布会"]
    assert _found(db, "요금") == ["서울시 대중교통 요금 인상"]
    assert _found(db, "東京 -投票率") == []
    assert _found(db, "大阪") == []
    [hit] = _search(db, "投票率")
    assert "[投票率]" in str(hit["snippet"])


def test_english_search_is_unchanged_beside_it(tmp_path: Path) -> None:
    db = _store(tmp_path)
    assert _found(db, "flood") == ["Flood waters rise in London"]
    both = _found(db, "river OR 東京")  # one ranking over both indexes
    assert sorted(both) == ["Flood waters rise in London", "東京都知事選挙"]
    assert _found(db, "river 東京") == []


def test_a_store_from_before_the_pair_index_is_indexed_when_it_migrates(tmp_path: Path) -> None:
    db = _store(tmp_path)
    with sqlite3.connect(db) as conn:  # back to the schema before the pair index
        conn.execute("DROP TABLE documents_cjk")
        conn.execute("ALTER TABLE quotes DROP COLUMN confidence")  # migration 12's
        conn.execute("PRAGMA user_version = 10")
    assert (
        CliRunner().invoke(cli, ["ingest", str(tmp_path / "london.txt"), "--db", db]).exit_code == 0
    )
    assert _found(db, "東京") == ["東京都知事選挙"]
