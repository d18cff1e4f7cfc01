"""The example shop: every injection, deserialisation, path traversal and SSRF marker in its code
is found, and the fixed shop has none of those categories."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.finding import Finding

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
CATEGORIES = ("injection-", "deserialization", "path-traversal", "ssrf")
MARKER = re.compile(r"#\s*VULN:\s*([a-z-]+):\s*(.*)")


def markers(root: Path) -> list[tuple[str, int, str, str]]:
    """(path, line the marker applies to, category, text) for the code markers of a project."""
    found = []
    for path in sorted((root / "src").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = MARKER.search(line)
            if match is None or not match.group(1).startswith(CATEGORIES):
                continue
            target = number + 1
            while target <= len(lines) and lines[target - 1].strip().startswith("#"):
                target += 1
            relative = path.relative_to(root).as_posix()
            found.append((relative, target, match.group(1), match.group(2)))
    return found


def covers(finding: Finding, path: str, line: int) -> bool:
    """The finding is at the marked line, or its trace passes through it."""
    places = [finding.location, *(step.location for step in finding.trace)]
    return any(
        p.path == path and p.start_line <= line <= max(p.end_line, p.start_line) for p in places
    )


@pytest.fixture(scope="module")
def shop_findings() -> list[Finding]:
    return scan(EXAMPLES / "shop", Config()).findings


@pytest.mark.parametrize(
    "marker", markers(EXAMPLES / "shop"), ids=lambda m: f"{m[0]}:{m[1]}:{m[2]}"
)
def test_every_code_marker_is_found(
    marker: tuple[str, int, str, str], shop_findings: list[Finding]
) -> None:
    path, line, category, text = marker
    matching = [f for f in shop_findings if f.category.value == category and covers(f, path, line)]
    assert matching, f"{path}:{line}: {category} ({text}) not reported"
    assert all(f.trace for f in matching), "taint findings carry their trace"


def test_the_shop_has_markers_of_every_category() -> None:
    categories = {m[2] for m in markers(EXAMPLES / "shop")}
    assert {"injection-sql", "injection-command", "deserialization", "ssrf"} <= categories


@pytest.mark.parametrize("variant", ["shop-secure"])
def test_the_fixed_shop_has_none(variant: str) -> None:
    findings = scan(EXAMPLES / variant, Config()).findings
    flagged = [
        f"{f.location}: {f.rule_id} {f.message}"
        for f in findings
        if f.category.value.startswith(CATEGORIES)
    ]
    assert flagged == []


@pytest.mark.parametrize("variant", ["shop-serverless", "shop-terraform"])
def test_the_other_shop_variants_are_found_too(variant: str) -> None:
    findings = scan(EXAMPLES / variant, Config()).findings
    for path, line, category, text in markers(EXAMPLES / variant):
        matching = [f for f in findings if f.category.value == category and covers(f, path, line)]
        assert matching, f"{variant} {path}:{line}: {category} ({text}) not reported"
