"""FG002: inline suppressions that name no rule. The engine reports these hits."""

from __future__ import annotations

from collections.abc import Iterable

from faasguard.core.enums import Category, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App


def _engine_reported(app: App, ctx: RuleContext) -> Iterable[Hit]:
    return ()


RULE = Rule(
    id="FG002",
    name="suppression-without-rule",
    category=Category.MISCONFIGURATION,
    severity=Severity.LOW,
    summary="An inline `faasguard: ignore` comment names no rule, so it suppresses nothing.",
    remediation="Name the rules to ignore: `# faasguard: ignore[IAC001] reason`.",
    check=_engine_reported,
    doc="""
## What it does
Reports inline suppression comments that do not name the rules they silence.

## Why is this bad?
A blanket suppression hides every present and future finding on a line, including ones nobody
reviewed. faasguard does not honour it: suppressions must name the rule ids they accept, with a
reason.

## Example
```yaml template.yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/app  # faasguard: ignore
```

## Use instead
```yaml template.yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/app  # faasguard: ignore[IAC999] reviewed in SEC-12
```
""",
)

__all__ = ["RULE"]
