"""IAC017: an administrator or full-access AWS managed policy attached to a role, user or group."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.managed import admin_policies, managed_policy_name
from faasguard.model.app import App
from faasguard.rules.iac._app import role_exposure, role_functions


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
