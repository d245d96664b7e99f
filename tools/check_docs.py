"""Keep the README true: every command's --help and every record field documented.

    python tools/check_docs.py          # fail if the README is stale
    python tools/check_docs.py --write  # re-render the --help blocks into the README

The help texts live between ``<!-- help:NAME -->`` and ``<!-- /help:NAME -->`` markers.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import msgspec
from click.testing import CliRunner

from copydesk import record
from copydesk.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def help_text(command: str | None) -> str:
    args = [command, "--help"] if command else ["--help"]
    result = CliRunner().invoke(cli, args, prog_name="copydesk", terminal_width=88)
    return result.output.rstrip() + "\n"


def render(readme: str) -> str:
    names = [None, *sorted(cli.commands)]  # type: ignore[attr-defined]
    for name in names:
        key = name or "copydesk"
        block = f"<!-- help:{key} -->\n```\n{help_text(name)}```\n<!-- /help:{key} -->"
        pattern = re.compile(rf"<!-- help:{key} -->.*?<!-- /help:{key} -->", re.DOTALL)
        found = pattern.search(readme)
        if found is None:
            raise SystemExit(f"README.md has no help block for '{key}': add the markers")
        readme = readme[: found.start()] + block + readme[found.end() :]
    return readme


def undocumented_fields(readme: str) -> list[str]:
    structs = [
        obj
        for obj in vars(record).values()
        if isinstance(obj, type) and issubclass(obj, msgspec.Struct)
    ]
    section = readme.split("## The article record", 1)[-1]
    return [
        f"{s.__name__}.{f}" for s in structs for f in s.__struct_fields__ if f"`{f}`" not in section
    ]


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    rendered = render(readme)
    if "--write" in argv:
        README.write_text(rendered, encoding="utf-8")
        readme = rendered
    problems = []
    if rendered != readme:
        problems.append("README --help blocks are stale: run python tools/check_docs.py --write")
    missing = undocumented_fields(readme)
    if missing:
        problems.append("record fields missing from README's record section: " + ", ".join(missing))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
