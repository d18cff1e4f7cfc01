"""PY013: Whole events or secret-looking request data written to the logs."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY013", SEVERITY)


RULE = Rule(
    id="PY013",
    name="sensitive-data-in-logs",
    category=Category.SENSITIVE_DATA_EXPOSURE,
    severity=SEVERITY,
    summary=(
        "A whole event, request body or record, or a field named like a password, token or card "
        "number, is logged."
    ),
    cwe=(532,),
    confidence=Confidence.HIGH,
    remediation=(
        "Log identifiers (order id, request id, message id), never whole events or bodies. If you"
        " need payloads for debugging, log a redacted copy (faasguard.guard.redact or Powertools'"
        " data masking) at debug level, and set a log retention."
    ),
    references=(
        "https://cwe.mitre.org/data/definitions/532.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html",
    ),
    project_check=check,
    doc="""
## What it does
Follows event data into loggers (`logging`, Powertools `Logger`, structlog) and `print`, and
reports when what is logged is the whole event, a whole body, header set or record, or a field
whose name says it holds a secret or card data (`password`, `token`, `authorization`, `cookie`,
`card`, `cvc`, `ssn`, `iban`...). Logging single ordinary fields is not reported.

## Why is this bad?
CloudWatch Logs keep everything for their retention period and are readable by many more
people and tools than the data store: passwords, bearer tokens, card numbers and personal data
in them are a breach waiting to happen and put you in scope for PCI DSS.

## Example
```python app.py
import json
import logging

logger = logging.getLogger()

def handler(event, context):
    logger.info("charge request: %s", json.dumps(event))
    return {"statusCode": 202}
```

## Use instead
```python app.py
import json
import logging

logger = logging.getLogger()

def handler(event, context):
    body = json.loads(event["body"])
    logger.info("charge requested for order %s", body["order_id"])
    return {"statusCode": 202}
```

## Known problems
Sensitive fields are recognised by their names; a card number in a field called `value` is not.

## References
- https://cwe.mitre.org/data/definitions/532.html
""",
)

__all__ = ["RULE", "check"]
