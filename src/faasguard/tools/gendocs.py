"""Write docs/rules/ from the rule files: `python -m faasguard.tools.gendocs [--check]`.

The rule modules are the single source; a test fails when the pages are stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from faasguard.cli.rules_cmd import rule_page, rules_table_markdown
from faasguard.rules import all_rules

INDEX_HEADER = """# Rules

Generated from the rule files by `make docs` (`python -m faasguard.tools.gendocs`); do not edit.
Each rule's page has the same sections: what it does, why it is bad, an example that fires, what
to write instead, known problems. `faasguard explain RULE` prints the same text.

"""


def expected_pages() -> dict[str, str]:
    pages = {"README.md": INDEX_HEADER + rules_table_markdown(link=True)}
    for rule in all_rules():
        pages[f"{rule.id}.md"] = rule_page(rule.id)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/rules"))
    parser.add_argument("--check", action="store_true", help="exit 1 if the pages are stale")
    args = parser.parse_args(argv)
    pages = expected_pages()
    stale = [
        name
        for name, text in pages.items()
        if not (args.out / name).is_file() or (args.out / name).read_text("utf-8") != text
    ]
    extra = sorted(p.name for p in args.out.glob("*.md") if p.name not in pages)
    if args.check:
        for name in [*stale, *extra]:
            print(f"stale: {args.out / name}", file=sys.stderr)
        return 1 if stale or extra else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (args.out / name).unlink()
    for name in stale:
        (args.out / name).write_text(pages[name], encoding="utf-8")
    print(f"wrote {len(stale)} page(s), removed {len(extra)} in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
