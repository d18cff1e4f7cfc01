"""The correctness table: every boto3 call of ``calls.json`` maps to exactly its IAM actions.

``data/calls.json`` is our own table (a copy of the project's shared ``calls.json``); each
entry's ``python`` snippet is analysed as code and must give exactly ``iam_actions`` plus the
conditional actions whose condition the snippet meets, on a resource of the entry's type.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.iam.infer.support import needs_of

DATA = Path(__file__).parent / "data" / "calls.json"
SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "iam" / "calls.json"
TABLE: list[dict[str, Any]] = json.loads(DATA.read_text("utf-8"))["calls"]

# Conditional actions whose condition the entry's own snippet meets.
MET = {
    "ddb.transact_write_items": [
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:ConditionCheckItem",
    ],
    "s3.generate_presigned_url": ["s3:GetObject"],
}
# Objects the snippets use without creating them.
PRELUDE = {
    "waiter": "client = boto3.client({service!r})\n",
    "paginator": "client = boto3.client({service!r})\n",
}


def _program(entry: dict[str, Any]) -> str:
    snippet = entry["python"].split("  #")[0].strip()
    prelude = PRELUDE.get(entry["style"], "").format(service=entry["service"])
    if "table." in snippet and "table =" not in snippet:
        prelude += "table = boto3.resource('dynamodb').Table(n)\n"
    body = "\n".join("    " + line for line in (prelude + snippet).splitlines())
    return f"import os\nimport boto3\n\ndef handler(event, context):\n{body}\n"


def _template_glob(template: str) -> re.Pattern[str]:
    text = re.sub(r"\$\{[^}]+\}", "\0", template)
    return re.compile(re.escape(text).replace("\0", ".*"))


@pytest.mark.parametrize("entry", TABLE, ids=lambda e: e["id"])
def test_call_needs_exactly_its_actions(entry: dict[str, Any]) -> None:
    needs, _ = needs_of(_program(entry))
    expected = set(entry["iam_actions"]) | set(MET.get(entry["id"], []))
    assert {n.action for n in needs} == expected


@pytest.mark.parametrize("entry", [e for e in TABLE if e["resources"]], ids=lambda e: e["id"])
def test_call_resource_has_the_entry_type(entry: dict[str, Any]) -> None:
    needs, _ = needs_of(_program(entry))
    allowed = [_template_glob(r["arn_template"]) for r in entry["resources"]]
    for need in needs:
        if need.action.startswith("kms:") and entry["service"] != "kms":
            continue
        text = re.sub(r"\$\{[^}]+\}", "x", need.resource.render())
        assert any(p.fullmatch(text) for p in allowed), (need.action, need.resource.render())


def test_table_covers_the_core_calls() -> None:
    assert len(TABLE) == 57
    assert sum(1 for e in TABLE if e["core"]) == 32


@pytest.mark.skipif(not SHARED.is_file(), reason="the project's shared data is not here")
def test_our_copy_is_the_shared_table() -> None:
    assert json.loads(SHARED.read_text("utf-8")) == json.loads(DATA.read_text("utf-8"))
