"""Inline suppressions: `# faasguard: ignore[RULE-ID, ...] reason` on the line or the line above.

Works in YAML, HCL (`#` and `//`) and Python comments. A comment naming no rule suppresses
nothing and is reported itself (FG002).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from faasguard.core.finding import Finding
from faasguard.core.location import Location

_COMMENT = re.compile(
    r"(?:#|//)\s*faasguard:\s*ignore(?:\[(?P<ids>[^\]]*)\])?(?P<reason>[^\n]*)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    line: int  # 1-based line of the comment
    rules: frozenset[str]  # empty: a blanket suppression (reported, honours nothing)
    reason: str
    location: Location
    own_line: bool  # the comment is alone on its line: it covers the next line too


def parse_suppressions(text: str, path: str) -> list[Suppression]:
    if "faasguard" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "faasguard" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        ids = match.group("ids")
        rules = frozenset(i.strip().upper() for i in (ids or "").split(",") if i.strip())
        column = match.start() + 1
        found.append(
            Suppression(
                line=number,
                rules=rules,
                reason=match.group("reason").strip(),
                location=Location(path, number, column, number, len(line) + 1),
                own_line=not line[: match.start()].strip(),
            )
        )
    return found


def covers(suppression: Suppression, finding: Finding) -> bool:
    if finding.rule_id not in suppression.rules:
        return False
    line = finding.location.start_line
    return line == suppression.line or (suppression.own_line and line == suppression.line + 1)


def apply_suppressions(
    findings: Iterable[Finding], suppressions: dict[str, list[Suppression]]
) -> tuple[list[Finding], int]:
    """The findings no suppression covers, and how many were suppressed."""
    kept: list[Finding] = []
    dropped = 0
    for finding in findings:
        candidates = suppressions.get(finding.location.path, ())
        if any(covers(s, finding) for s in candidates):
            dropped += 1
        else:
            kept.append(finding)
    return kept, dropped


__all__ = ["Suppression", "apply_suppressions", "covers", "parse_suppressions"]
