"""IAM008: a principal has a policy the privilege-escalation analysis cannot read."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.identity import policy_of
from faasguard.iam.managed import admin_policies, managed_policy_name
from faasguard.model.app import App
from faasguard.model.values import V


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for role in app.roles.values():
        policy = policy_of(app, role)
        for value in policy.unreadable:
            if _named_by_iac017(value):
                continue
            yield Hit(
                message=f"{role.kind.value} {role.id} has the managed policy {value.text()}, "
                "which faasguard cannot read: privilege escalation through it is not checked",
                location=value.loc,
                resource=role.id,
                evidence=f"unreadable policy {value.text()}",
            )
        boundary = role.permissions_boundary
        if policy.boundary_unreadable and boundary is not None:
            yield Hit(
                message=f"{role.kind.value} {role.id} has the permissions boundary "
                f"{boundary.text()}, which faasguard cannot read: its paths may be narrower "
                "than reported",
                location=boundary.loc,
                resource=role.id,
                evidence=f"unreadable boundary {boundary.text()}",
            )


def _named_by_iac017(value: V[str]) -> bool:
    name = managed_policy_name(value)
    return name is not None and admin_policies().classify(name) is not None


RULE = Rule(
    id="IAM008",
    name="policy-unknown-to-privesc-analysis",
    category=Category.PRIVESC_PATH,
    severity=Severity.INFO,
    summary="A role, user or group has a managed policy or permissions boundary whose "
    "statements faasguard cannot read, so its privilege-escalation analysis is incomplete.",
    confidence=Confidence.HIGH,
    remediation="Declare the policy in the project (AWS::IAM::ManagedPolicy, aws_iam_policy) or "
    "replace it with inline statements, so that it can be checked.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
    ),
    check=check,
    doc="""
## What it does
Reports, at the line that attaches it, each managed policy of a role, user or group that the
scan cannot read: a customer managed policy outside the project (an ARN, an import, a
parameter) or an AWS managed policy whose statements faasguard does not ship (the ones it
knows are listed in `faasguard/data/iam_admin_policies.json`; the administrator and
full-access ones are IAC017's). Also reports a permissions boundary it cannot read. The
privilege-escalation rules (IAM001-IAM004) never treat such a policy as harmless, but they
cannot find paths through it either: this finding says so.

## Why is this bad?
A path that goes through an unreadable policy is invisible to the scan. A clean result for a
principal with such a policy is not a proof that it cannot escalate.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - arn:aws:iam::123456789012:policy/shop-legacy-reports
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::shop-reports/*
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - !Ref ReportsPolicy
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
""",
)

__all__ = ["RULE", "check"]
