from __future__ import annotations

from faasguard.analysis.suppress import apply_suppressions, parse_suppressions
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.finding import Finding
from faasguard.core.location import Location


def _finding(rule: str, line: int, path: str = "t.yaml") -> Finding:
    return Finding(
        rule, "r", Category.MISSING_AUTH, Severity.HIGH, Confidence.HIGH, "m", Location(path, line)
    )


TEXT = """\
Resources:
  # faasguard: ignore[IAC001, IAC002] public by design, see ADR-7
  Fn:
    AuthType: NONE  # faasguard: ignore[IAC003] reviewed
    Other: x  // faasguard: ignore
"""


def test_parse_ids_reason_and_blanket() -> None:
    found = parse_suppressions(TEXT, "t.yaml")
    assert [(s.line, sorted(s.rules), s.own_line) for s in found] == [
        (2, ["IAC001", "IAC002"], True),
        (4, ["IAC003"], False),
        (5, [], False),
    ]
    assert found[0].reason == "public by design, see ADR-7"


def test_own_line_comment_covers_next_line_trailing_covers_its_own() -> None:
    suppressions = {"t.yaml": parse_suppressions(TEXT, "t.yaml")}
    findings = [
        _finding("IAC001", 3),  # covered by the comment above
        _finding("IAC002", 2),  # on the comment line itself
        _finding("IAC003", 4),  # trailing comment
        _finding("IAC003", 5),  # trailing comment of line 4 does not reach line 5
        _finding("IAC004", 3),  # not named
        _finding("IAC001", 3, path="other.yaml"),  # other file
        _finding("IAC009", 5),  # blanket suppression honours nothing
    ]
    kept, dropped = apply_suppressions(findings, suppressions)
    assert dropped == 3
    assert [(f.rule_id, f.location.path, f.location.start_line) for f in kept] == [
        ("IAC003", "t.yaml", 5),
        ("IAC004", "t.yaml", 3),
        ("IAC001", "other.yaml", 3),
        ("IAC009", "t.yaml", 5),
    ]
