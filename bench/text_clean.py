"""Body F1 of copydesk's text reader on naive whole-page text (issue 2's benchmark).

Every page of ../shared/bench/aeb and ../shared/bench/naeb is turned into naive text with
html-text (menus, footers and all), read by ``copydesk.extract(text=...)``, and its body
scored against the ground truth with the AEB token metric, beside the uncleaned text as
the baseline. naeb bodies keep the dateline, so the dateline is put back before scoring.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python bench/text_clean.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import html_text

sys.path.insert(0, str(Path(__file__).parent))
import copydesk
from _aeb_metric import Counts, bootstrap_f1_sd, page_counts, summarise
from _data import aeb_pages, naeb_pages


def body_of(article: copydesk.Article) -> str:
    body = list(article.body)
    if body and article.dateline:
        body[0] = f"{article.dateline.text} {body[0]}"
    return "\n\n".join(body)


def run(name: str, pages: list[tuple[str, str, dict[str, str]]]) -> list[str]:
    naive_counts: list[Counts] = []
    ours: list[Counts] = []
    elapsed = 0.0
    for key, page, truth in pages:
        naive = html_text.extract_text(page, guess_layout=True)
        truth_body = truth.get("articleBody", "")
        naive_counts.append(page_counts(truth_body, naive))
        start = time.perf_counter()
        article = copydesk.extract(text=naive, source=key, understand=False)
        elapsed += time.perf_counter() - start
        ours.append(page_counts(truth_body, body_of(article)))
    rows = []
    for label, counts in (("naive text (baseline)", naive_counts), ("copydesk text reader", ours)):
        m = summarise(counts)
        rows.append(
            f"| {name} | {label} | {m['precision']:.3f} | {m['recall']:.3f} | "
            f"{m['f1']:.3f} ± {bootstrap_f1_sd(counts):.3f} | {len(counts)} |"
        )
    rows[-1] += f" {len(pages) / elapsed:.0f} pages/s |"
    return rows


def main() -> None:
    print("| set | reader | precision | recall | F1 ± sd | pages | speed |")
    print("|---|---|---|---|---|---|---|")
    for name, loader in (("aeb", aeb_pages), ("naeb", naeb_pages)):
        for row in run(name, list(loader())):
            print(row)


if __name__ == "__main__":
    main()
