"""The example shop: every code marker of a hardcoded secret, insecure transport or sensitive
data exposure is reported at its line; the code rules of this family find their own markers;
the secure shop gets none of their findings."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from faasguard.analysis.engine import ScanResult, scan
from faasguard.core.config import Config

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
_MARKER = re.compile(r"^\s*#\s*VULN:\s*(?P<category>[a-z-]+):\s*(?P<what>.+)$")
CATEGORIES = ("hardcoded-secret", "insecure-transport", "sensitive-data-exposure")
OUR_RULES = frozenset(
    {"PY040", "PY041", "PY042", "PY043", "PY044", "PY045", "PY046", "PY047"}
    | {"SEC001", "SEC002", "SEC003"}
)
# What our rules own among the shop's markers: (file, words of the marker) -> rule
OURS = {
    ("src/orders/app.py", "error text"): "PY040",
    ("src/orders/app.py", "drawn from random"): "PY042",
    ("src/payments/app.py", "TLS certificate verification"): "PY044",
    ("src/payments/app.py", "Stripe live key"): "SEC001",
    ("src/reports/app.py", "access key id"): "SEC001",
    ("src/reports/app.py", "secret access key"): "SEC001",
    ("src/authorizer/app.py", "without verifying its signature"): "PY045",
}


@cache
def _scan(name: str) -> ScanResult:
    return scan(EXAMPLES / name, Config())


def _markers(root: Path) -> list[tuple[str, int, str, str]]:
    """(path, target line, category, description) of each marker in the code."""
    found = []
    for path in sorted(root.glob("src/**/*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            match = _MARKER.match(line)
            if match is None:
                continue
            target = next(
                n
                for n in range(number + 1, len(lines) + 1)
                if not lines[n - 1].lstrip().startswith("#")
            )
            rel = path.relative_to(root).as_posix()
            found.append((rel, target, match.group("category"), match.group("what")))
    return found


@pytest.mark.parametrize("name", ["shop", "shop-serverless", "shop-terraform"])
def test_every_code_marker_of_these_categories_is_reported(name: str) -> None:
    result = _scan(name)
    reported = {(f.location.path, f.location.start_line, f.category.value) for f in result.findings}
    missing = [
        f"{path}:{line} {category}"
        for path, line, category, _ in _markers(EXAMPLES / name)
        if category in CATEGORIES and (path, line, category) not in reported
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("where", "rule_id"),
    list(OURS.items()),
    ids=[f"{rule}-{where[1]}" for where, rule in OURS.items()],
)
def test_our_rule_reports_its_shop_marker(where: tuple[str, str], rule_id: str) -> None:
    path, words = where
    targets = [
        line for p, line, _, what in _markers(EXAMPLES / "shop") if p == path and words in what
    ]
    assert len(targets) == 1, f"no single marker with {words!r} in {path}"
    reported = {
        (f.location.path, f.location.start_line)
        for f in _scan("shop").findings
        if f.rule_id == rule_id
    }
    assert (path, targets[0]) in reported


def test_our_rules_report_nothing_that_is_not_marked_in_the_shop() -> None:
    marked = {(path, line) for path, line, _, _ in _markers(EXAMPLES / "shop")}
    extra = [
        f"{f.rule_id} {f.location}"
        for f in _scan("shop").findings
        if f.rule_id in OUR_RULES and (f.location.path, f.location.start_line) not in marked
    ]
    assert extra == []


def test_the_secure_shop_is_clean() -> None:
    findings = [f for f in _scan("shop-secure").findings if f.rule_id in OUR_RULES]
    assert [f"{f.rule_id} {f.location}: {f.message}" for f in findings] == []
