"""Every rule's annotated fixtures: each `# expect:` line is reported, nothing else is.

Layout: tests/fixtures/rules/<RULE_ID>/<case>/... where each case folder is scanned as its own
project root (e.g. `sam/template.yaml`, `serverless/serverless.yml`, `terraform/main.tf`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.rule import Rule
from faasguard.rules import all_rules
from tests.annotations import read_annotations

FIXTURES = Path(__file__).parent.parent / "fixtures" / "rules"
ENGINE_RULES = {"FG001", "FG002"}


def _cases() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.is_dir())


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_lines(case: Path) -> None:
    annotations = read_annotations(case)
    rule_ids = set(annotations.expect) | set(annotations.ok) | {case.parent.name}
    result = scan(case, Config())
    reported: dict[str, set[tuple[str, int]]] = {}
    for finding in result.findings:
        reported.setdefault(finding.rule_id, set()).add(
            (finding.location.path, finding.location.start_line)
        )
    errors = [f for f in result.findings if f.rule_id == "FG001"]
    if "FG001" not in rule_ids:
        assert not errors, (
            f"fixture does not load cleanly: {[(str(e.location), e.message) for e in errors]}"
        )
    problems = []
    for rule_id in sorted(rule_ids):
        expected = annotations.expect.get(rule_id, set())
        got = reported.get(rule_id, set())
        for path, line in sorted(expected - got):
            problems.append(f"{path}:{line}: expected {rule_id}, not reported")
        for path, line in sorted(got - expected):
            problems.append(f"{path}:{line}: unexpected {rule_id}")
        for path, line in sorted(annotations.ok.get(rule_id, set()) & got):
            problems.append(f"{path}:{line}: {rule_id} reported on a line marked ok")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "rule", [r for r in all_rules() if r.id not in ENGINE_RULES], ids=lambda r: r.id
)
def test_every_rule_has_fixtures_with_both_marks(rule: Rule) -> None:
    rule_id = rule.id
    folder = FIXTURES / rule_id
    assert folder.is_dir(), f"no fixtures for {rule_id} in {folder}"
    annotations = read_annotations(folder)
    assert annotations.expect.get(rule_id), f"{rule_id}: no `# expect: {rule_id}` line"
    assert annotations.ok.get(rule_id), f"{rule_id}: no `# ok: {rule_id}` line"
