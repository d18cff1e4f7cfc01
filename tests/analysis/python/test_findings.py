"""Findings of the taint rules: severity from exposure, confidence, message, trace, identity."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.enums import Confidence, Severity
from faasguard.core.finding import Finding
from faasguard.report.data import ReportData
from faasguard.report.json_report import render_json
from faasguard.report.sarif import render_sarif
from faasguard.rules import rule_by_id

CODE = """\
import os


def handler(event, context):
    os.system("convert " + event["body"])
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
{events}
"""

PUBLIC = """\
        Api:
          Type: HttpApi
          Properties:
            Path: /convert
            Method: POST
"""
AUTHENTICATED = (
    PUBLIC
    + """\
            Auth:
              Authorizer: AWS_IAM
"""
)
QUEUE = """\
        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:jobs
"""


def command_findings(root: Path, events: str | None) -> list[Finding]:
    code = root / "src" / "app.py" if events is not None else root / "app.py"
    code.parent.mkdir(parents=True, exist_ok=True)
    code.write_text(CODE, encoding="utf-8")
    if events is not None:
        (root / "template.yaml").write_text(TEMPLATE.format(events=events), encoding="utf-8")
    return [f for f in scan(root, Config()).findings if f.rule_id == "PY003"]


def test_severity_follows_exposure(tmp_path: Path) -> None:
    severities = {}
    for name, events in (("public", PUBLIC), ("iam", AUTHENTICATED), ("queue", QUEUE)):
        (finding,) = command_findings(tmp_path / name, events)
        severities[name] = finding.severity
    (unknown,) = command_findings(tmp_path / "shape", None)
    assert severities == {
        "public": Severity.CRITICAL,
        "iam": Severity.HIGH,
        "queue": Severity.MEDIUM,
    }
    assert unknown.severity is Severity.HIGH


def test_confidence_is_lower_without_a_known_trigger(tmp_path: Path) -> None:
    (known,) = command_findings(tmp_path / "known", PUBLIC)
    (shape,) = command_findings(tmp_path / "shape", None)
    assert known.confidence is Confidence.HIGH
    assert shape.confidence is Confidence.MEDIUM


def test_message_names_field_trigger_and_sink(tmp_path: Path) -> None:
    (finding,) = command_findings(tmp_path, PUBLIC)
    assert finding.message == (
        "event['body'] (request body of HTTP API route POST /convert, public, no auth) "
        "reaches shell command"
    )
    assert finding.function == "Fn" and finding.cwe == (78,)


def test_trace_has_one_location_per_step_from_source_to_sink(tmp_path: Path) -> None:
    (finding,) = command_findings(tmp_path, None)
    assert [(s.location.path, s.location.start_line) for s in finding.trace] == [
        ("app.py", 4),
        ("app.py", 5),
    ]
    assert finding.trace[0].message == "source: event of handler()"
    assert finding.trace[-1].message == "sink: shell command"
    rule = rule_by_id("PY003")
    assert rule is not None
    data = ReportData(findings=(finding,), rules=(rule,), roots=(str(tmp_path),))
    document = json.loads(render_json(data))
    assert [step["start_line"] for step in document["findings"][0]["trace"]] == [4, 5]
    sarif = json.loads(render_sarif(data))
    flow = sarif["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(flow) == 2


def test_identity_does_not_depend_on_line_numbers(tmp_path: Path) -> None:
    (before,) = command_findings(tmp_path / "a", None)
    moved = tmp_path / "b"
    moved.mkdir()
    (moved / "app.py").write_text("# a comment\n\n" + CODE, encoding="utf-8")
    (after,) = [f for f in scan(moved, Config()).findings if f.rule_id == "PY003"]
    assert after.location.start_line == before.location.start_line + 2
    assert after.fingerprint == before.fingerprint


def test_inline_suppression_works_in_python(tmp_path: Path) -> None:
    code = CODE.replace(
        'event["body"])', 'event["body"])  # faasguard: ignore[PY003] fixed input upstream'
    )
    (tmp_path / "app.py").write_text(textwrap.dedent(code), encoding="utf-8")
    result = scan(tmp_path, Config())
    assert [f for f in result.findings if f.rule_id == "PY003"] == []
    assert result.suppressed == 1
