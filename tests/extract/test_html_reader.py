from __future__ import annotations

import pytest

import copydesk

PARAGRAPH = (
    "The council said on Monday that the new bridge would open in May, a month late, and cost more."
)


def test_visible_text_only_and_comment_tails_kept() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Home</nav>"
        f"<h1>Bridge opening delayed by a month</h1><p>The council said<!-- x --> on Monday"
        " that the new bridge would open in May, a month late, and cost more.</p>"
        f"<script>var a = 1;</script><p>{PARAGRAPH}</p></body></html>"
    )
    article = copydesk.extract(html=html)
    assert article.headline == "Bridge opening delayed by a month"
    assert article.body == [PARAGRAPH, PARAGRAPH]


@pytest.mark.parametrize(
    "html",
    [
        "<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000,
        "<p>" + PARAGRAPH + "<b>unclosed" * 5000,
        "\x00<html>\x01<body><p>" + PARAGRAPH + "\x00</p>",
        "<html><body></body></html>",
        "",
    ],
    ids=["deep", "truncated", "control-chars", "empty-body", "empty"],
)
def test_hostile_html_gives_a_record_or_a_clear_error(html: str) -> None:
    try:
        article = copydesk.extract(html=html, source="hostile.html")
    except copydesk.CopydeskError as exc:
        assert str(exc).startswith("hostile.html: ")
    else:
        assert article.source == "hostile.html"
