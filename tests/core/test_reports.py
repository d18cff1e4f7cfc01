from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard.analysis.baseline import Baseline, baseline_text, read_baseline
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.finding import Finding, TraceStep, fingerprint
from faasguard.core.location import Location
from faasguard.report import OutputFormat, render
from faasguard.report.data import ReportData
from faasguard.rules import all_rules

SCHEMA = Path(__file__).parents[3] / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"


def _data() -> ReportData:
    finding = Finding(
        rule_id="FG001",
        rule_name="scan-error",
        category=Category.SCAN_ERROR,
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        message="did not find expected ',' | or ']'",
        location=Location("app/template.yaml", 3, 5, 3, 9),
        resource="Fn",
        cwe=(20,),
        trace=(TraceStep(Location("app/a.py", 1, 1), "source"),),
        remediation="Fix it.",
        fingerprint=fingerprint("FG001", "app/template.yaml", "Fn", "x"),
    )
    return ReportData(
        findings=(finding,), rules=all_rules(), roots=("proj",), files_scanned=2, tool_version="0"
    )


def test_json_shape_is_the_documented_one() -> None:
    document = json.loads(render(OutputFormat.JSON, _data()))
    assert set(document) == {"version", "tool", "findings", "summary"}
    finding = document["findings"][0]
    assert set(finding) == {
        "rule_id", "rule_name", "category", "severity", "confidence", "message", "location",
        "resource", "function", "cwe", "trace", "remediation", "fingerprint",
    }  # fmt: skip
    assert finding["location"] == {
        "path": "app/template.yaml",
        "start_line": 3,
        "start_column": 5,
        "end_line": 3,
        "end_column": 9,
    }
    assert document["summary"]["by_severity"]["medium"] == 1
    assert document["summary"]["failing"] == 0


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("shared SARIF schema not present")
    document = json.loads(render(OutputFormat.SARIF, _data()))
    jsonschema.validate(document, json.loads(SCHEMA.read_text()))
    run = document["runs"][0]
    result = run["results"][0]
    assert result["partialFingerprints"]["faasguard/v1"]
    assert result["codeFlows"][0]["threadFlows"][0]["locations"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["FG001"]["help"]["markdown"].startswith("## What it does")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "FG001"


def test_sarif_cwe_tags() -> None:
    document = json.loads(render(OutputFormat.SARIF, _data()))
    for descriptor in document["runs"][0]["tool"]["driver"]["rules"]:
        cwe_tags = [t for t in descriptor["properties"]["tags"] if t.startswith("external/cwe/")]
        assert all(t.removeprefix("external/cwe/cwe-").isdigit() for t in cwe_tags)


def test_text_without_colour_has_no_escape_codes() -> None:
    text = render(OutputFormat.TEXT, _data(), color=False)
    assert "\033" not in text
    assert "app/template.yaml" in text and "3:5" in text and "FG001" in text
    assert "\033[" in render(OutputFormat.TEXT, _data(), color=True)


def test_markdown_escapes_pipes() -> None:
    text = render(OutputFormat.MARKDOWN, _data())
    assert "\\|" in text and "| Severity |" in text


def test_every_format_renders() -> None:
    for fmt in OutputFormat:
        assert render(fmt, _data())


def test_baseline_round_trip(tmp_path: Path) -> None:
    data = _data()
    path = tmp_path / "baseline.json"
    path.write_text(baseline_text(data.findings))
    baseline = read_baseline(path)
    new, known = baseline.split(list(data.findings))
    assert (new, known) == ([], 1)
    assert Baseline(frozenset()).split(list(data.findings)) == (list(data.findings), 0)


def test_fingerprint_ignores_lines_and_whitespace() -> None:
    assert fingerprint("R", "a", "Fn", "x  y") == fingerprint("R", "a", "Fn", "x y")
    assert fingerprint("R", "a", "Fn", "x") != fingerprint("R", "a", "Other", "x")
