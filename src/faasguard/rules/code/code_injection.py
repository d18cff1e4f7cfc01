"""PY004: Python code or module name from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY004", SEVERITY)


RULE = Rule(
    id="PY004",
    name="code-injection",
    category=Category.INJECTION_CODE,
    severity=SEVERITY,
    summary="Untrusted input is evaluated as Python code or names a module to import.",
    cwe=(94, 95),
    confidence=Confidence.HIGH,
    remediation=(
        "Do not evaluate input. Parse the data format you expect (json.loads, ast.literal_eval "
        "for Python literals, a small expression grammar) and map names to functions through a "
        "dict allow-list instead of importing by name."
    ),
    references=(
        "https://docs.python.org/3/library/functions.html#eval",
        "https://cwe.mitre.org/data/definitions/95.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports untrusted data that reaches `eval`, `exec`, `compile`, `__import__` or
`importlib.import_module`.

## Why is this bad?
`eval` of a request field runs whatever Python the caller sends, with the function's role, its
secrets in the environment and its network access. Empty `globals` do not help:
`().__class__.__base__.__subclasses__()` reaches everything.

## Example
```python app.py
import json

def handler(event, context):
    body = json.loads(event["body"])
    total = eval(body["discount"], {}, {"total": 100.0})
    return {"statusCode": 200, "body": json.dumps({"total": total})}
```

## Use instead
```python app.py
import json

PROMOTIONS = {"WELCOME10": 0.9, "SPRING5": 0.95}

def handler(event, context):
    body = json.loads(event["body"])
    code = body["promo_code"]
    if code not in PROMOTIONS:
        return {"statusCode": 400}
    return {"statusCode": 200, "body": json.dumps({"total": 100.0 * PROMOTIONS[code]})}
```

## References
- https://cwe.mitre.org/data/definitions/95.html
""",
)

__all__ = ["RULE", "check"]
