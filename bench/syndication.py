"""Wire-copy detection: precision and recall on copies built from real articles.

Positives: each naeb article body (≥ 150 words) placed into another site's page
template (that site's navigation and footer around an <article>), with local edits: a
new headline, one or two paragraphs cut, a local paragraph added, the first paragraph
lightly rewritten. Negatives: pairs of different articles from the same site (same
template, same section words). Every page goes through copydesk's HTML reader, then the
copy finder used at ingest decides whether it copies an earlier page.

    make bench-deps && .venv/bin/python bench/syndication.py
"""

from __future__ import annotations

import html
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lxml import etree
from lxml import html as lxml_html

import copydesk
from _data import naeb_pages
from copydesk.corpus.syndication import CopyFinder, signature


def template_parts(page: str) -> tuple[str, str]:
    """A site's navigation and footer markup, to wrap another site's story in."""
    try:
        root = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return "", ""
    nav = root.find(".//nav")
    footer = root.find(".//footer")
    to_html = lambda e: etree.tostring(e, encoding="unicode") if e is not None else ""  # noqa: E731
    return to_html(nav), to_html(footer)


def page(headline: str, paragraphs: list[str], template: tuple[str, str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><body>{template[0]}<article><h1>{html.escape(headline)}</h1>{body}"
        f"</article>{template[1]}</body></html>"
    )


def local_copy(paragraphs: list[str], local: str, rng: random.Random) -> list[str]:
    edited = list(paragraphs)
    for _ in range(rng.choice((1, 2))):
        if len(edited) > 3:
            edited.pop(rng.randrange(1, len(edited)))
    edited.insert(rng.randrange(1, len(edited) + 1), local)
    edited[0] = edited[0].replace(" said ", " told local reporters ", 1)
    return edited


def main() -> None:
    rng = random.Random(11)
    articles = []
    for key, raw, truth in naeb_pages():
        paragraphs = [p.strip() for p in truth.get("articleBody", "").split("\n") if p.strip()]
        if sum(len(p.split()) for p in paragraphs) >= 150 and len(paragraphs) >= 4:
            articles.append((key, truth.get("site") or truth.get("url", ""), paragraphs, raw))
    templates = [template_parts(raw) for _, _, _, raw in articles]
    finder = CopyFinder()
    originals: dict[str, int] = {}
    for n, (key, _site, paragraphs, _raw) in enumerate(articles):
        record = copydesk.extract(html=page("Original", paragraphs, templates[n]), understand=False)
        minhash = signature(record.body)
        if minhash is not None:
            finder.add(n, minhash)
            originals[key] = n
    true_pos = false_neg = false_pos = true_neg = 0
    for n, (key, _site, paragraphs, _raw) in enumerate(articles):
        if key not in originals:
            continue
        other = articles[(n + 1) % len(articles)]
        local = other[2][-1]
        template = templates[(n + 7) % len(templates)]
        copy = copydesk.extract(
            html=page(
                "Local headline for a wire story", local_copy(paragraphs, local, rng), template
            ),
            understand=False,
        )
        minhash = signature(copy.body)
        match = finder.original_of(minhash) if minhash is not None else None
        if match is not None and match.document_id == originals[key]:
            true_pos += 1
        else:
            false_neg += 1
    by_site: dict[str, list[int]] = defaultdict(list)
    for n, (_key, site, _p, _raw) in enumerate(articles):
        by_site[site].append(n)
    for members in by_site.values():
        for b in members[1:]:
            record = copydesk.extract(
                html=page("Other", articles[b][2], templates[b]), understand=False
            )
            minhash = signature(record.body)
            match = finder.original_of(minhash) if minhash is not None else None
            if match is not None and match.document_id != b:  # b's own page is in the index
                false_pos += 1
            else:
                true_neg += 1
    precision = true_pos / max(1, true_pos + false_pos)
    recall = true_pos / max(1, true_pos + false_neg)
    print(f"{true_pos + false_neg} copies, {false_pos + true_neg} same-site different articles")
    print("| precision | recall | copies found | copies missed | false copies |")
    print("|---|---|---|---|---|")
    print(f"| {precision:.3f} | {recall:.3f} | {true_pos} | {false_neg} | {false_pos} |")


if __name__ == "__main__":
    main()
