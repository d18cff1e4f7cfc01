"""Behaviour of the code pattern rules beyond the fixtures: exposure, function attribution,
handler shapes, import aliases and fingerprints that survive moved lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.enums import Severity
from faasguard.core.finding import Finding
from faasguard.rules.code._ast import is_handler

LEAK = """import json


def handler(event, context):
    try:
        return {"statusCode": 200, "body": json.dumps(event)}
    except Exception as e:
        return {"statusCode": 500, "body": str(e)}
"""

SAM = """Transform: AWS::Serverless-2016-10-31
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
PUBLIC = """        Api:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get"""
QUEUE = """        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:orders"""


def _findings(root: Path, files: dict[str, str], rule_id: str) -> list[Finding]:
    for relpath, text in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return [f for f in scan(root, Config()).findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    ("events", "severity"),
    [(PUBLIC, Severity.HIGH), (QUEUE, Severity.LOW)],
    ids=["public-unauthenticated", "internal-queue"],
)
def test_error_details_follow_the_functions_exposure(
    tmp_path: Path, events: str, severity: Severity
) -> None:
    found = _findings(
        tmp_path, {"template.yaml": SAM.format(events=events), "src/app.py": LEAK}, "PY040"
    )
    assert [(f.location.start_line, f.severity, f.function) for f in found] == [(8, severity, "Fn")]


def test_without_a_template_the_rule_default_applies(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"app.py": LEAK}, "PY040")
    assert [(f.severity, f.function) for f in found] == [(Severity.MEDIUM, None)]


def test_a_handler_named_by_the_template_needs_no_shape(tmp_path: Path) -> None:
    code = """def main(payload):
    try:
        return run(payload)
    except Exception as e:
        return {"error": str(e)}
"""
    template = SAM.format(events=QUEUE).replace("Handler: app.handler", "Handler: jobs.main")
    found = _findings(tmp_path, {"template.yaml": template, "src/jobs.py": code}, "PY040")
    assert [f.location.start_line for f in found] == [5]


def _function(source: str) -> ast.FunctionDef | ast.AsyncFunctionDef:
    node = ast.parse(source).body[-1]
    assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def handler(event, context): pass", True),
        ("def process(evt, _): pass", True),
        ("async def lambda_handler(event, ctx): pass", True),
        ("def main(req: func.HttpRequest): pass", True),
        ("@app.route('/x')\ndef view(): pass", True),
        ("@router.post('/orders')\nasync def create(order): pass", True),
        ("def _response(status, body): pass", False),
        ("def add(a, b): pass", False),
        ("def handler(event, context, extra): pass", False),
    ],
)
def test_handlers_by_shape(source: str, expected: bool) -> None:
    assert is_handler(_function(source), module_level=True) is expected


def test_import_aliases_are_resolved(tmp_path: Path) -> None:
    code = """import hashlib as h
from Crypto.Cipher import AES as Block


def store(password, key):
    digest = h.md5(password.encode()).hexdigest()
    cipher = Block.new(key, Block.MODE_ECB)
    return digest, cipher
"""
    files = {"app.py": code}
    assert [f.location.start_line for f in _findings(tmp_path / "a", files, "PY041")] == [6]
    assert [f.location.start_line for f in _findings(tmp_path / "b", files, "PY043")] == [7]


def test_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    code = """import requests

TOKEN = "ghp_FAKEfakeFAKEfake00000000000000000000"


def handler(event, context):
    return requests.get("https://partner.example.com", timeout=5, verify=False).text
"""
    before = {
        (f.rule_id, f.fingerprint)
        for rule in ("PY044", "SEC001")
        for f in _findings(tmp_path / "before", {"app.py": code}, rule)
    }
    moved = "# a comment\n\n" + code
    after = {
        (f.rule_id, f.fingerprint)
        for rule in ("PY044", "SEC001")
        for f in _findings(tmp_path / "after", {"app.py": moved}, rule)
    }
    assert len(before) == 2 and before == after


def test_messages_name_the_function_and_what_was_found(tmp_path: Path) -> None:
    code = """import random


def make_reset_code():
    return random.randint(100000, 999999)
"""
    found = _findings(tmp_path, {"app.py": code}, "PY042")
    assert len(found) == 1
    assert "random.randint" in found[0].message and "make_reset_code" in found[0].message
