"""IAC017: an administrator or full-access AWS managed policy attached to a role, user or group."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from faasguard.analysis.exposure import exposed_severity
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App
from faasguard.model.values import V
from faasguard.rules.iac._app import role_exposure, role_functions

# An AWS managed policy ARN; the partition may be a placeholder (${AWS::Partition}).
_MANAGED_ARN = re.compile(
    r"^arn:(?:aws[\w-]*|\$\{[^}]+\}):iam::aws:policy/(?:[\w+=,.@-]+/)*(?P<name>[\w+=,.@-]+)$"
)
_BARE_NAME = re.compile(r"^[\w+=,.@-]+$")


@dataclass(frozen=True, slots=True)
class ManagedPolicyList:
    admin: Mapping[str, str]  # name -> why it is administrator-equivalent
    full_access: frozenset[str]
    full_access_suffixes: tuple[str, ...]

    def classify(self, name: str) -> tuple[Severity, str] | None:
        if name in self.admin:
            return Severity.CRITICAL, f"administrator-equivalent: {self.admin[name]}"
        if name in self.full_access or name.endswith(self.full_access_suffixes):
            return Severity.HIGH, "full access to a service"
        return None


@cache
def admin_policies() -> ManagedPolicyList:
    path = resources.files("faasguard") / "data" / "iam_admin_policies.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return ManagedPolicyList(
        admin=dict(data["admin"]),
        full_access=frozenset(data["full_access"]),
        full_access_suffixes=tuple(data["full_access_suffixes"]),
    )


def managed_policy_name(value: V[str]) -> str | None:
    """The AWS managed policy a value names: an ARN (its partition may be unresolved) or,
    as SAM `Policies` allow, a bare name. None for customer managed or unknown policies."""
    text = value.text().strip()
    match = _MANAGED_ARN.match(text)
    if match is not None:
        return match.group("name")
    if value.known and _BARE_NAME.match(text):
        return text
    return None


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    policies = admin_policies()
    for role in app.roles.values():
        exposure = role_exposure(app, role)
        users = [f.name for f in role_functions(app, role)]
        for value in role.managed_policies:
            name = managed_policy_name(value)
            verdict = policies.classify(name) if name else None
            if name is None or verdict is None:
                continue
            base, why = verdict
            used = f" (used by {', '.join(users)})" if users else ""
            yield Hit(
                message=f"{role.kind.value} {role.id}{used} has the AWS managed policy {name}: "
                f"{why}",
                location=value.loc,
                resource=role.id,
                function=users[0] if len(users) == 1 else None,
                severity=exposed_severity(base, exposure),
                evidence=f"managed policy {name}",
            )


RULE = Rule(
    id="IAC017",
    name="admin-managed-policy",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.HIGH,
    summary="An administrator or full-access AWS managed policy is attached to a role, user or "
    "group.",
    cwe=(250, 269),
    confidence=Confidence.HIGH,
    remediation="Replace the managed policy with statements listing the actions and resources "
    "the function needs (a SAM policy template, or what `faasguard policy` proposes).",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-use-aws-defined-policies",
    ),
    check=check,
    doc="""
## What it does
Reports AWS managed policies that make a principal an administrator (`AdministratorAccess`,
`PowerUserAccess`, `IAMFullAccess`, ...: critical) or give it full access to a service (any
`...FullAccess` policy, `SecretsManagerReadWrite`, ...: high), whether attached to a function's
role (`Policies` in SAM, `ManagedPolicyArns`, `iam.role.managedPolicies`,
`aws_iam_role_policy_attachment`) or to any other role, user or group of the project. The
list of policy names is data (`faasguard/data/iam_admin_policies.json`).

## Why is this bad?
Managed full-access policies are written for humans exploring a service, not for functions.
A function with `AdministratorAccess` hands the whole account to whoever finds an injection
in it; `AmazonS3FullAccess` exposes every bucket, not just the one it writes.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  RefundFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - AdministratorAccess
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::SimpleTable
  RefundFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
```

## Known problems
Customer managed policies are judged by their statements (IAC015, IAC016), not by name.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
""",
)

__all__ = ["RULE", "admin_policies", "check", "managed_policy_name"]
