"""No English model on another language: the non-English pages of the given sets, read
through ``copydesk.extract`` with understanding, and what came out of each.

Sets: readability, postlight and naeb (``_sets``). A page is non-English when its record
says so (the language the page claims, else the one its body reads as) or when its
markup claims another language. For each such page the record must list in ``layers``
only what its language's pipeline reads (``copydesk.understand.languages``), and hold no
output of any other layer: an actor, quote, stance, time or figure from a page whose
language has no rules for it is English-model output, and is counted.

    .venv/bin/python bench/languages.py
    .venv/bin/python bench/languages.py --show fr     # the French quotes, to read
    PYTHONPATH=../old/src .venv/bin/python bench/languages.py   # an older checkout
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _sets import Page, load

_SETS = ("readability", "postlight", "naeb")
_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})", re.IGNORECASE)
# each understanding layer and the record field of the same name it fills
_LAYERS = ("actors", "quotes", "stances", "times", "figures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", help="print the quotes of the pages in this language")
    args = parser.parse_args()

    import copydesk

    try:
        from copydesk.understand.languages import KITS
    except ImportError:  # a checkout from before the registry: no language but English
        KITS = {}

    languages: Counter[str] = Counter()
    wrong: list[str] = []
    layers_run: Counter[str] = Counter()
    outputs: Counter[str] = Counter()
    pages = 0
    for set_name in _SETS:
        loaded = load(set_name)
        if isinstance(loaded, str):
            print(f"> skipped: {loaded}")
            continue
        for page in loaded:
            claimed = _claimed(page)
            quick = copydesk.extract(html=page.html, url=page.url or None, understand=False)
            language = quick.language or claimed or "?"
            if language == "en" and claimed in (None, "en"):
                continue
            pages += 1
            article = copydesk.extract(html=page.html, url=page.url or None)
            language = article.language or claimed or "?"
            languages[language] += 1
            kit = KITS.get(language)
            allowed = set(kit.layers) if kit else set()
            for layer in article.layers:
                layers_run[f"{language}:{layer}"] += 1
            for layer in _LAYERS:
                found = len(getattr(article, layer))
                outputs[f"{language}:{layer}"] += found
                if found and (layer not in allowed or layer not in article.layers):
                    wrong.append(f"{set_name}/{page.key} ({language}): {found} {layer}")
            if args.show and language == args.show:
                _show(f"{set_name}/{page.key}", article)
    print(f"non-English pages: {pages}; by record language: {dict(languages.most_common())}")
    print(f"layers run: {dict(sorted(layers_run.items()))}")
    print(f"outputs: {dict(sorted((k, v) for k, v in outputs.items() if v))}")
    print(f"records with output of a layer their language has no rules for: {len(wrong)}")
    for line in wrong:
        print(f"  - {line}")


def _claimed(page: Page) -> str | None:
    match = _LANG.search(page.html[:5000])
    return match.group(1).lower() if match else None


def _show(name: str, article: object) -> None:
    import copydesk

    assert isinstance(article, copydesk.Article)
    print(f"## {name}: {article.headline!r}")
    for quote in article.quotes:
        speaker = quote.speaker.name if quote.speaker else None
        print(f"  - [{quote.kind}] {speaker!r} {quote.cue!r}: {quote.text[:140]!r}")
    for figure in article.figures:
        print(
            f"  - figure {figure.text!r}: {figure.value:g} {figure.unit} of {figure.counted!r}"
            f" by {figure.claimant!r} as of {figure.as_of}"
        )
    for time in article.times:
        print(f"  - time {time.text!r}: {time.type} {time.value}")


if __name__ == "__main__":
    main()
