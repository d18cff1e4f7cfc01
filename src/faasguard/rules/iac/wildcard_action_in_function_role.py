"""IAC015: a function's role allows every action (`*`) or every action of a service (`s3:*`)."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import is_full_wildcard, service_wildcard
from faasguard.model.app import App
from faasguard.rules.iac._app import quoted, role_exposure, role_functions, role_statements


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for role in app.roles.values():
        functions = role_functions(app, role)
        if not functions:
            continue
        exposure = role_exposure(app, role)
        users = quoted([f.name for f in functions])
        for statement in role_statements(role):
            for action in statement.actions:
                if not action.known:
                    continue
                text = action.text().strip()
                service = service_wildcard(text)
                if is_full_wildcard(text):
                    base, granted = Severity.HIGH, "every action of every service"
                elif service is not None:
                    base, granted = Severity.MEDIUM, f"every {service} action"
                else:
                    continue
                yield Hit(
                    message=f"role {role.id} of {users} allows {granted} ({text}) in "
                    f"{statement.origin}",
                    location=action.loc,
                    resource=role.id,
                    function=functions[0].name if len(functions) == 1 else None,
                    severity=exposed_severity(base, exposure),
                    evidence=f"{statement.origin} action {text}",
                )


RULE = Rule(
    id="IAC015",
    name="wildcard-action-in-function-role",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.HIGH,
    summary="A function's role allows every action (`*`) or every action of a service "
    "(`service:*`).",
    cwe=(250, 732),
    confidence=Confidence.HIGH,
    remediation="List the actions the function calls (`faasguard policy` infers them from the "
    "code), e.g. dynamodb:GetItem and dynamodb:PutItem instead of dynamodb:*.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
    ),
    check=check,
    doc="""
## What it does
Reports Allow statements in the roles that functions run with whose actions are `*` (high)
or `service:*` (medium). Severity rises one step when a function using the role is reachable
from the internet without authentication and drops one when all of them are internal.

## Why is this bad?
A function's role is what an attacker gets when the function is compromised (an injection,
a vulnerable dependency, leaked environment credentials). `dynamodb:*` includes
`DeleteTable`, `PutResourcePolicy` and `RestoreTableToPointInTime`; `*` is an administrator.
Least privilege is the control that turns a code bug into a small incident.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  InventoryFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/inventory
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  InventoryFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:GetItem
                - dynamodb:UpdateItem
              Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/inventory
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
""",
)

__all__ = ["RULE", "check"]
