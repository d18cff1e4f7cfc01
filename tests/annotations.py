"""Reading `# expect: RULE` / `# ok: RULE` annotations from fixture files.

A comment alone on its line applies to the next line that is not blank and not a comment; a
comment after code applies to its own line. Works for `#` and `//` comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_MARK = re.compile(r"(?:#|//)\s*(expect|ok):\s*([A-Z]{2,4}\d{3}(?:\s*,\s*[A-Z]{2,4}\d{3})*)")


@dataclass
class Annotations:
    expect: dict[str, set[tuple[str, int]]] = field(default_factory=dict)  # rule -> {(path, line)}
    ok: dict[str, set[tuple[str, int]]] = field(default_factory=dict)

    def add(self, kind: str, rule: str, where: tuple[str, int]) -> None:
        target = self.expect if kind == "expect" else self.ok
        target.setdefault(rule, set()).add(where)


def read_annotations(root: Path) -> Annotations:
    result = Annotations()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(root).as_posix()
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        pending: list[tuple[str, str]] = []
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            marks = [(m.group(1), m.group(2)) for m in _MARK.finditer(line)]
            is_comment = stripped.startswith(("#", "//"))
            if is_comment:
                pending.extend(marks)
                continue
            if not stripped:
                continue
            for kind, ids in [*pending, *marks]:
                for rule in re.split(r"\s*,\s*", ids):
                    result.add(kind, rule, (rel, number))
            pending = []
    return result
