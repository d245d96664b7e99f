"""A chart drawn in markup inside a story is not story text."""

from __future__ import annotations

import copydesk

P = [
    "The council said on Monday that the new bridge would open in May, a month late.",
    "Engineers found cracks in two of the piers during a routine inspection last year.",
    "The repairs cost the city four million euros, more than the budget had allowed.",
    "Residents have used a ferry across the river since the old bridge closed in June.",
    "The mayor said the delay was regrettable but that safety had to come first here.",
    "A public ceremony is planned for the opening, with a parade across the new deck.",
]


def test_chart_labels_inside_a_story_are_dropped() -> None:
    chart = "".join(f"<p>{label}</p>" for label in ["$915", "billion", "600", "300", "0", "’17"])
    html = (
        "<html><body><h1>Debt</h1><div class='article-body'>"
        + "".join(f"<p>{p}</p>" for p in P[:3])
        + chart
        + "".join(f"<p>{p}</p>" for p in P[3:])
        + "</div></body></html>"
    )
    article = copydesk.extract(html=html)
    assert "$915" not in article.body
    assert article.body == P
