"""Who wrote an HTML page: the byline it shows, checked against what it claims."""

from __future__ import annotations

import json

import copydesk
from copydesk.extraction.names import clean_name

STORY = "".join(
    f"<p>The council said on Monday that the new bridge would open in May, {n} weeks late.</p>"
    for n in range(3)
)


def authors(head: str = "", byline: str = "", after: str = "") -> list[str]:
    html = (
        f"<html><head>{head}</head><body><h1>Bridge opening delayed</h1>"
        f"{byline}{STORY}{after}</body></html>"
    )
    return copydesk.extract(html=html, understand=False).authors


def jsonld_authors(*names: str) -> str:
    obj = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": n} for n in names]}
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_a_name_glued_to_its_paper_is_the_name_written_alone() -> None:
    byline = "<div class='byline'>Sarah Barnacle Worcester Telegram</div>"
    assert authors(jsonld_authors("Sarah Barnacle"), byline) == ["Sarah Barnacle"]


def test_a_byline_sharing_no_name_with_the_claim_is_a_teasers() -> None:
    byline = "<div class='byline'>Parker Hall</div>"
    assert authors(jsonld_authors("Adrienne So"), byline) == ["Adrienne So"]


def test_one_authors_element_inside_a_byline_of_several() -> None:
    byline = (
        "<div class='byline'>By Aaron Scott, Berly McCoy and Rebecca Ramirez</div>"
        "<div class='author-name'>Rebecca Ramirez</div>"
    )
    assert authors(byline=byline) == ["Aaron Scott", "Berly McCoy", "Rebecca Ramirez"]


def test_test_ids_name_bylines_too() -> None:
    byline = "<a href='/car-news/greg-potts' data-testid='AuthorNameLink'>Greg Potts</a>"
    assert authors(byline=byline) == ["Greg Potts"]


def test_page_labels_and_companies_are_not_people() -> None:
    assert clean_name("View Author Archive") is None
    assert clean_name("Field Level Media") is None
    assert clean_name("Adam Sennott Globe Staff") == "Adam Sennott"
    assert clean_name("Sandhya KambhampatiData") == "Sandhya Kambhampati"
    assert clean_name("Berly McCoy") == "Berly McCoy"


def test_a_blog_byline_after_its_date() -> None:
    byline = "<div><small>Posted on <time>19 December 2023</time> by Jane Doe</small></div>"
    assert authors(byline=byline) == ["Jane Doe"]
    assert authors(byline="<div><small>Published by Penguin Random House</small></div>") == []


def test_the_writer_of_an_as_told_to_piece_is_the_one_told() -> None:
    byline = "<a href='/author/heather-eastman'>Amie Mock as told to Heather Eastman</a>"
    assert authors(byline=byline) == ["Heather Eastman"]


def test_an_author_named_only_in_the_app_state_is_the_last_resort() -> None:
    state = json.dumps({"page": {"authors": [{"name": "Jane Doe", "bio": "Writes."}]}})
    script = f"<script data-initial-state='{state}'></script>"
    assert authors(after=script) == ["Jane Doe"]
    shown = "<div class='byline'>By Ann Lee</div>"
    assert authors(byline=shown, after=script) == ["Ann Lee"]


def _with_publisher(author: dict[str, str], publisher: str) -> str:
    obj = {
        "@type": "BlogPosting",
        "author": author,
        "publisher": {"@type": "Organization", "name": publisher},
    }
    return f'<script type="application/ld+json">//<![CDATA[\n{json.dumps(obj)}\n//]]></script>'


def test_a_person_who_is_also_the_site_is_the_author() -> None:
    # a one-person blog: its publisher bears the author's name, and the page types the
    # author a Person
    head = _with_publisher({"@type": "Person", "name": "Haru Tanaka"}, "Haru Tanaka")
    assert authors(head) == ["Haru Tanaka"]


def test_the_sites_own_name_is_no_author() -> None:
    head = _with_publisher({"@type": "Person", "name": "Jane Doe"}, "City Herald")
    byline = "<div class='byline'>By City Herald</div>"
    assert "City Herald" not in authors(head, byline)


def test_a_byline_keeps_every_co_author_before_the_outlet_after_a_dash() -> None:
    byline = (
        "<div class='byline'>By: Jane Doe , Ana B. Ruiz - @heraldnews City Herald / "
        "05:42 AM March 12, 2024</div>"
    )
    assert authors(byline=byline) == ["Jane Doe", "Ana B. Ruiz"]


def test_a_word_glued_after_a_name_makes_no_fuller_name() -> None:
    # the author's box glues the title after the name; the byline link has it alone
    byline = "<p>March 12, 2024 by <a href='/blog/author/ana-ruiz'>Ana Ruiz</a></p>"
    card = "<div class='author-name'>Ana Ruiz Special Assistant to the Mayor</div>"
    assert authors(byline=byline, after=card) == ["Ana Ruiz"]
