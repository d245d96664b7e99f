"""The REST API through FastAPI's TestClient: shapes, errors, limits, and no writes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import html
from serve_store import IMG, SCRIPT, TEST_HOST, document_id, shared

from copydesk import CorpusError, api, to_json
from copydesk.serve import app
from copydesk.serve.schemas import PROBLEM_MEDIA_TYPE

MAX_BYTES = 64 * 1024


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return shared(tmp_path_factory)


@pytest.fixture(scope="module")
def client(store: str) -> TestClient:
    return TestClient(
        app(store, max_bytes=MAX_BYTES, hosts=TEST_HOST), raise_server_exceptions=False
    )


def is_problem(response: Any, status: int) -> dict[str, Any]:
    """The response is an RFC 9457 problem with ``status``; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert "news.db" not in body["detail"]  # a path on the server is no client's business
    return body


def test_search_reads_what_a_person_types_and_pages(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "flood", "limit": 1}).json()
    assert set(first["items"][0]) >= {"id", "headline", "published", "url", "snippet"}
    assert first["next"] == 1
    second = client.get("/api/search", params={"q": "flood", "limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    for typed in ['"flood waters"', "Nagorno-Karabakh", 'flood -"no such"', '"unclosed', "(*:^)"]:
        answer = client.get("/api/search", params={"q": typed})
        assert answer.status_code == 200, (typed, answer.text)
    last = client.get("/api/search", params={"q": "flood", "limit": 100}).json()
    assert last["next"] is None


def test_an_article_is_the_json_export_writes(
    client: TestClient, store: str, tmp_path: Path
) -> None:
    article_id = document_id(store, "Velmar")
    out = tmp_path / "all.jsonl"
    api.export(str(out), db=store)
    exported = {json.loads(line)["source"]: line for line in out.read_text().splitlines()}
    answer = client.get(f"/api/articles/{article_id}")
    assert answer.headers["content-type"] == "application/json"
    record = api.show(article_id, db=store)
    assert answer.content == to_json(record)
    assert json.loads(answer.content) == json.loads(exported[record.source])


def test_quotes_figures_threads_and_stories(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"speaker": "Marta Lind"}).json()["items"]
    assert quotes and {q["speaker"] for q in quotes} == {"Marta Lind"}
    figures = client.get("/api/figures", params={"about": "people"}).json()["items"]
    dated = [f["as_of"] for f in figures if f["as_of"]]
    assert dated == sorted(dated) and len(dated) >= 3
    assert all(isinstance(f["value"], float | int) for f in figures if f["value"] is not None)
    threads = client.get("/api/threads").json()["items"]
    copied = next(t for t in threads if len(t["documents"]) > 1)
    assert client.get(f"/api/threads/{copied['id']}").json() == copied
    story_id = next(q["story_id"] for q in quotes if q["copies"] > 1)
    copies = client.get(f"/api/stories/{story_id}").json()["copies"]
    assert copies[0]["copy"]["original"] and copies[0]["edits"] == []
    edits = [edit for entry in copies[1:] for edit in entry["edits"]]
    assert [edit["op"] for edit in edits] == ["cut", "added"]
    assert edits[1]["text"].startswith("Meteorologists expect")
    assert client.get("/api/errors").json() == {"items": [], "next": None}


def test_extract_reads_a_body_and_stores_nothing(client: TestClient, store: str) -> None:
    before = hashlib.sha256(Path(store).read_bytes()).hexdigest()
    text = Path(__file__).parent.parent.parent.joinpath("samples", "wire-story.txt").read_bytes()
    answer = client.post(
        "/api/extract",
        params={"understand": "false", "url": "https://example.org/x"},
        content=text,
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["headline"].startswith("Flood waters force thousands")
    page = b"<html><body><article><h1>A page</h1><p>" + b"Words of the story. " * 20 + b"</p>"
    as_html = client.post(
        "/api/extract?understand=false", content=page, headers={"content-type": "text/html"}
    )
    assert as_html.json()["headline"] == "A page"
    for path in ("/api/search?q=flood", "/api/quotes", "/api/figures", "/api/threads"):
        client.get(path)
    assert hashlib.sha256(Path(store).read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/articles/999999", 404),
        ("GET", "/api/stories/999999", 404),
        ("GET", "/api/threads/999999", 404),
        ("GET", "/api/articles/0", 422),
        ("GET", "/api/articles/99999999999999999999", 422),
        ("GET", "/api/articles/abc", 422),
        ("GET", "/api/search", 422),
        ("GET", "/api/search?q=x&limit=0", 422),
        ("GET", "/api/search?q=x&offset=-1", 422),
        ("GET", "/api/search?q=x&syntax=sql", 422),
        ("GET", "/api/search?q=%22&syntax=fts5", 400),
        ("GET", "/api/quotes?since=2024-02-30", 422),
        ("GET", "/api/figures?since=yesterday", 422),
        ("GET", "/api/threads?limit=1000", 422),
        ("GET", "/api/errors?offset=100000", 422),
        ("GET", "/api/nothing-here", 404),
        ("DELETE", "/api/articles/1", 405),
        ("POST", "/api/search?q=x", 405),
        ("GET", "/api/stories/1?x=1", None),
    ],
)
def test_every_api_error_is_a_problem(
    client: TestClient, method: str, path: str, status: int | None
) -> None:
    answer = client.request(method, path)
    if status is None:  # an unknown parameter is ignored, not an error
        assert answer.status_code in (200, 404)
        return
    body = is_problem(answer, status)
    assert body["instance"] == path.split("?")[0]
    if status == 405:
        assert answer.headers["allow"]


def test_a_missing_document_says_which(client: TestClient) -> None:
    assert is_problem(client.get("/api/articles/999999"), 404)["detail"] == (
        "no document with id 999999"
    )
    assert "no story with id 999999" in is_problem(client.get("/api/stories/999999"), 404)["detail"]


def test_bodies_over_the_limit_and_other_media_are_refused(client: TestClient) -> None:
    big = b"x" * (MAX_BYTES + 1)
    text = {"content-type": "text/plain"}
    assert (
        "--max-bytes"
        in is_problem(client.post("/api/extract", content=big, headers=text), 413)["detail"]
    )

    def chunks() -> Any:  # no content-length: counted as it streams
        for _ in range(MAX_BYTES // 1024 + 2):
            yield b"y" * 1024

    is_problem(client.post("/api/extract", content=chunks(), headers=text), 413)
    is_problem(client.request("GET", "/api/search?q=x", content=big), 413)
    is_problem(
        client.post("/api/extract", content=b"{}", headers={"content-type": "application/json"}),
        415,
    )
    is_problem(client.post("/api/extract", content=b"x"), 415)
    is_problem(
        client.post(
            "/api/extract", content=b"x", headers={"content-type": "text/plain; charset=nope"}
        ),
        415,
    )
    bad = client.post("/api/extract", content=b"caf\xe9", headers={"content-type": "text/plain"})
    assert "charset" in is_problem(bad, 422)["detail"]
    is_problem(client.post("/api/extract?published=2024-13-01", content=b"x", headers=text), 422)


def test_the_schema_lists_every_operation_and_docs_show_them(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert paths == {
        "/api/search",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/figures",
        "/api/threads",
        "/api/threads/{thread_id}",
        "/api/stories/{story_id}",
        "/api/errors",
        "/api/extract",
        "/api/speakers",
        "/api/sources/anonymous",
    }
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            assert "200" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if status != "200":
                    assert PROBLEM_MEDIA_TYPE in response["content"], (method, path, status)
    docs = client.get("/docs").text
    assert all(path in docs for path in paths)


def test_pages_escape_record_text_and_carry_a_strict_policy(client: TestClient, store: str) -> None:
    hostile = document_id(store, "Hostile")
    answer = client.get(f"/articles/{hostile}")
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert SCRIPT not in answer.text and IMG not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    tree = html.fromstring(answer.text)
    assert (
        "Hostile <script>alert(1)</script> headline"
        in tree.get_element_by_id("headline").text_content()
    )
    assert not tree.xpath("//main//img | //main//iframe | //script[not(@src)]")
    assert not tree.xpath("//@*[starts-with(name(), 'on')] | //@style")


@pytest.mark.parametrize(
    "page", ["/", "/?q=flood", "/figures?about=people", "/threads", "/errors", "/docs"]
)
def test_no_page_has_inline_script_or_style(client: TestClient, page: str) -> None:
    answer = client.get(page)
    assert answer.status_code == 200
    tree = html.fromstring(answer.text)
    assert not tree.xpath(
        "//script[not(@src)] | //style | //@style | //@*[starts-with(name(), 'on')]"
    )


def test_pages_show_a_missing_article_as_a_page(client: TestClient) -> None:
    answer = client.get("/articles/999999")
    assert answer.status_code == 404
    assert "no document with id 999999" in answer.text


def test_serving_a_store_that_is_not_there_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such database"):
        app(str(tmp_path / "missing.db"))


def test_speakers_and_anonymous_sources_page(client: TestClient) -> None:
    first = client.get("/api/speakers", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"] == 1
    second = client.get("/api/speakers", params={"limit": 1, "offset": 1}).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    named = client.get("/api/speakers", params={"name": "Lind"}).json()["items"]
    assert named and all(any("Lind" in name for name in [s["name"], *s["aliases"]]) for s in named)
    outlets = client.get("/api/sources/anonymous").json()["items"]
    assert outlets and all(0 <= o["share"] <= 1 and o["anonymous"] <= o["quotes"] for o in outlets)


def test_quotes_are_kept_by_how_sure_their_attribution_is(client: TestClient) -> None:
    every = client.get("/api/quotes", params={"limit": 100}).json()["items"]
    scores = sorted(q["confidence"] for q in every if q["confidence"] is not None)
    assert len(set(scores)) >= 2, scores
    cut = scores[len(scores) // 2]
    sure = client.get("/api/quotes", params={"limit": 100, "min_confidence": cut}).json()["items"]
    assert sure and all(q["confidence"] >= cut for q in sure)
    assert len(sure) < len(every)
    is_problem(client.get("/api/quotes", params={"min_confidence": 1.5}), 422)


def test_an_extract_past_its_time_budget_is_422_and_the_server_goes_on(store: str) -> None:
    with TestClient(app(store, max_bytes=MAX_BYTES, timeout=1e-6, hosts=TEST_HOST)) as hurried:
        body = b"Flood waters rise\n\nThousands left their homes, the mayor said on Monday."
        answer = hurried.post("/api/extract", content=body, headers={"content-type": "text/plain"})
        assert "timeout" in is_problem(answer, 422)["detail"]
        assert hurried.get("/api/quotes").status_code == 200


def test_a_host_that_is_not_the_servers_gets_400_and_nothing_else(store: str) -> None:
    with TestClient(app(store, max_bytes=MAX_BYTES), base_url="http://evil.example") as foreign:
        for answer in (
            foreign.get("/api/quotes"),
            foreign.get("/"),
            foreign.post("/api/extract", content=b"x", headers={"content-type": "text/plain"}),
        ):
            assert "evil.example" in is_problem(answer, 400)["detail"]
            assert "content-security-policy" in answer.headers
    for local in ("http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"):
        with TestClient(app(store, max_bytes=MAX_BYTES), base_url=local) as own:
            assert own.get("/api/quotes").status_code == 200, local
    named = app(store, max_bytes=MAX_BYTES, hosts=("news.internal",))
    with TestClient(named, base_url="http://news.internal:8000") as allowed:
        assert allowed.get("/api/quotes").status_code == 200


def test_serve_on_a_port_in_use_says_so_in_one_line(store: str) -> None:
    import socket

    from click.testing import CliRunner

    from copydesk.cli import cli

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", store, "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: port {port} on 127.0.0.1 is in use"
