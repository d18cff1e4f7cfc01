"""IAC016: write or permissions-management actions allowed on every resource."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from faasguard.analysis.exposure import exposed_severity
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import (
    AccessLevel,
    action_matches,
    catalogue,
    is_wildcard_resource,
    modifying_actions,
)
from faasguard.model.app import App, Statement
from faasguard.model.values import V
from faasguard.rules.iac._app import quoted, role_exposure, role_statements

# Actions Lambda functions commonly need on "*" and that are hardly scoped in practice.
DEFAULT_IGNORED = (
    "ec2:CreateNetworkInterface",
    "ec2:DeleteNetworkInterface",
    "ec2:DetachNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
    "logs:CreateLogGroup",
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "cloudwatch:PutMetricData",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
)
_COUNTED = (AccessLevel.WRITE, AccessLevel.PERMISSIONS_MANAGEMENT)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    ignored = tuple(str(a) for a in ctx.option("ignore-actions", DEFAULT_IGNORED))
    for role in app.roles.values():
        exposure = role_exposure(app, role)
        for statement in role_statements(role):
            for resource in statement.resources:
                if not resource.known or not is_wildcard_resource(resource.text()):
                    continue
                granted = _granted(statement, resource, ignored)
                if not granted:
                    continue
                manage = any(level is AccessLevel.PERMISSIONS_MANAGEMENT for _, level in granted)
                base = Severity.HIGH if manage else Severity.MEDIUM
                shown = [pattern for pattern, _ in granted]
                kind = "permissions-management" if manage else "write"
                yield Hit(
                    message=f"{role.kind.value} {role.id} allows {kind} actions on every resource "
                    f"({resource.text()}): {quoted(shown)}",
                    location=resource.loc,
                    resource=role.id,
                    severity=exposed_severity(base, exposure),
                    evidence=f"{statement.origin} {resource.text()} {' '.join(shown)}",
                )
                break  # one finding per statement


def _granted(
    statement: Statement, resource: V[str], ignored: tuple[str, ...]
) -> list[tuple[str, AccessLevel]]:
    """Each action pattern of the statement that grants scopable write or permissions-management
    actions on `resource`, with the highest such level (patterns granting none are left out)."""
    arn_service = _arn_service(resource.text())
    result = []
    for pattern in (a.text().strip() for a in statement.actions if a.known):
        level = _highest_counted_level(pattern, arn_service, ignored)
        if level is not None:
            result.append((pattern, level))
    return result


@lru_cache(maxsize=2048)
def _highest_counted_level(
    pattern: str, arn_service: str | None, ignored: tuple[str, ...]
) -> AccessLevel | None:
    """Permissions management, write, or None: what `pattern` grants among the scopable actions
    of `arn_service` (any service when None) that are not ignored. Cached: `*` expands to every
    catalogued action."""
    found: AccessLevel | None = None
    for info in modifying_actions([pattern], catalogue()):
        if (
            info.level not in _COUNTED
            or not info.scoped
            or (arn_service is not None and info.service != arn_service)
            or any(action_matches(skip, info.action) for skip in ignored)
        ):
            continue
        if info.level is AccessLevel.PERMISSIONS_MANAGEMENT:
            return info.level
        found = info.level
    return found


def _arn_service(resource: str) -> str | None:
    parts = resource.strip().split(":")
    return parts[2].lower() if len(parts) > 2 and parts[0] == "arn" and parts[2] else None


RULE = Rule(
    id="IAC016",
    name="wildcard-resource-with-write-actions",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.MEDIUM,
    summary="Write or permissions-management actions are allowed on every resource (`*`).",
    cwe=(250, 732),
    confidence=Confidence.HIGH,
    remediation="Scope the statement's Resource to the ARNs the function works on (a table, a "
    "bucket prefix, a queue), e.g. with !GetAtt Table.Arn or a SAM policy template.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    ),
    options={"ignore-actions": DEFAULT_IGNORED},
    check=check,
    doc="""
## What it does
Reports Allow statements of IAM roles, users and groups whose resource is `*` or an ARN
covering a whole service or resource type (`arn:aws:s3:::*`, `arn:aws:dynamodb:*:*:table/*`)
and whose actions include write or permissions-management actions, according to the AWS
Service Authorization Reference shipped as data. Actions that cannot be scoped to a resource
at all, and the ones in option `ignore-actions` (network interfaces, log delivery, X-Ray),
are not counted. Permissions management (policies, ACLs, grants) is high, other writes medium;
exposure of the functions using the role moves the severity.

## Why is this bad?
`s3:PutObject` on `*` lets a compromised function overwrite any bucket in the account,
`sqs:SendMessage` on `*` lets it inject into every queue, `iam:PutRolePolicy` on `*` makes it
an administrator. The same actions scoped to the function's own table or bucket contain the
damage.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReceiptFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:GetObject
                - s3:PutObject
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReceiptFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:GetObject
                - s3:PutObject
              Resource: arn:aws:s3:::shop-receipts/*
```

## Known problems
Conditions that narrow a wildcard resource (for example on resource tags) are not evaluated.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
""",
)

__all__ = ["RULE", "check"]
