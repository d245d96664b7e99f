"""The web UI in a real browser: Debian's Chromium driven by Playwright, against a real
uvicorn server on 127.0.0.1.

CI installs the ``chromium`` package (``.ci/run``); Playwright's own browser download is
never used. Without CI and without the package the tests are skipped, saying how to
install it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from serve_store import SCRIPT, document_id, shared

from copydesk.serve import app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = "Debian's chromium is missing: apt-get install -y chromium"

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip(INSTALL_HINT, allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    return shared(tmp_path_factory)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    """``copydesk serve`` on a free port of 127.0.0.1, in a thread; its base URL."""
    port = free_port()
    config = uvicorn.Config(app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):  # bounded: 10 s at most
        if running.started:
            break
        time.sleep(0.05)
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), INSTALL_HINT
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield launched
        launched.close()


@dataclass
class Seen:
    """What a page did that no page of ours should: open a dialog, log an error (a CSP
    violation is one), throw."""

    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.fixture
def page(browser: Browser, seen: Seen) -> Iterator[Page]:
    """A fresh page whose dialogs and console errors land in ``seen``."""
    context = browser.new_context()
    opened = context.new_page()

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen.errors.append(message.text)

    opened.on("dialog", on_dialog)
    opened.on("console", on_console)
    opened.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield opened
    context.close()


def test_search_article_speaker_and_figure_chart(server: str, page: Page, seen: Seen) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "flood waters")
    page.press("input[name=q]", "Enter")
    first = page.locator("#results a.headline").first
    expect(first).to_contain_text("Flood waters force thousands")
    first.click()
    expect(page.locator("#headline")).to_have_text(
        "Flood waters force thousands from homes in northern river valley"
    )
    quote = page.locator("q[title^='Marta Lind']").first
    expect(quote).to_contain_text("We have never seen the river rise this fast")
    assert "cue: said" in (quote.get_attribute("title") or "")

    page.click("text=Why was text dropped?")
    expect(page.locator("#dropped table")).to_contain_text("navigation")

    page.click(".legend a:text('Marta Lind')")
    expect(page.locator("h1")).to_have_text("Marta Lind")
    expect(page.locator("table.quotes tbody tr").first).to_be_visible()

    # Two claimants with dated figures (regional officials, however cased; Red Cross).
    page.goto(server + "/figures?about=people")
    expect(page.locator("#chart canvas")).to_have_count(1)
    expect(page.locator("#chart")).to_have_attribute("data-drawn", "2")
    expect(page.locator("table.figures")).to_contain_text("3,100")
    assert seen == Seen()


@pytest.mark.parametrize("words", ["Hostile", "Markup"])
def test_hostile_markup_shows_as_words_and_runs_nothing(
    server: str, store: str, page: Page, seen: Seen, words: str
) -> None:
    page.goto(f"{server}/articles/{document_id(store, words)}")
    page.wait_for_load_state("networkidle")
    headline = page.locator("#headline").inner_text()
    assert "<script>alert(" in headline
    body = page.locator(".body").inner_text()
    assert "<img src=x onerror=alert(" in body
    injected = page.evaluate(
        """() => document.querySelectorAll(
            'main script, main img, main iframe, [onerror], [onmouseover], [onload]').length"""
    )
    assert injected == 0
    page.hover(".body p")
    assert seen == Seen()
    if words == "Hostile":
        assert SCRIPT in headline
