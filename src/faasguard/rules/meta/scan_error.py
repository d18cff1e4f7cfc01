"""FG001: files the scan could not read. The engine reports these hits."""

from __future__ import annotations

from collections.abc import Iterable

from faasguard.core.enums import Category, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App


def _engine_reported(app: App, ctx: RuleContext) -> Iterable[Hit]:
    return ()


RULE = Rule(
    id="FG001",
    name="scan-error",
    category=Category.SCAN_ERROR,
    severity=Severity.MEDIUM,
    summary="A file, or part of one, could not be read; what it declares was not checked.",
    remediation="Fix the syntax error, or exclude the file in the configuration if it is not "
    "part of the deployment.",
    check=_engine_reported,
    doc="""
## What it does
Reports every file, or part of a file, that faasguard could not read: malformed YAML, JSON or
HCL, unknown tags and intrinsic functions, files over the size limit, binary files with template
names, symlinks leading out of the scanned root or in loops, unreadable files, and YAML alias
bombs.

## Why is this bad?
Whatever the file declares was not checked. A template that does not parse here may still deploy
(CloudFormation and Terraform accept a few things faasguard does not), so the scan would be
silent about real problems.

## Example
```yaml template.yaml
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties: [unclosed
```

## Use instead
```yaml template.yaml
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/app
```

## Known problems
A scan error is reported once per problem; a file with one syntax error yields one finding even
if it has more.
""",
)

__all__ = ["RULE"]
