"""IAM005: iam:PassRole allowed on every role."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import is_full_wildcard, is_wildcard_resource
from faasguard.iam.evaluate import action_hits
from faasguard.iam.patterns import Answer
from faasguard.iam.statements import restricting_entries
from faasguard.model.app import App, Statement
from faasguard.model.values import V
from faasguard.rules.iac._app import quoted, role_functions
from faasguard.rules.iam._paths import principal_severity

_PASSED_TO = frozenset({"iam:passedtoservice"})


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for role in app.roles.values():
        functions = role_functions(app, role)
        for statement in role.statements:
            resource = _any_role(statement)
            if resource is None:
                continue
            services = [
                v.text() for e in restricting_entries(statement, _PASSED_TO) for v in e.values
            ]
            severity = principal_severity(app, role)
            only = ""
            if services:
                severity = severity.raised(-1)
                only = f", only to {quoted(services)}"
            yield Hit(
                message=f"{role.kind.value} {role.id} may pass every role of the account "
                f"({resource.text()}{only}) in {statement.origin}",
                location=resource.loc,
                resource=role.id,
                function=functions[0].name if len(functions) == 1 else None,
                severity=severity,
                evidence=f"{statement.origin} iam:PassRole {resource.text()} {' '.join(services)}",
            )


def _any_role(statement: Statement) -> V[str] | None:
    """The wildcard resource through which an Allow statement passes any role: the statement
    must grant iam:PassRole by a pattern narrower than `*` (that one is IAC015's)."""
    if not statement.allows:
        return None
    granted = [
        (value, answer)
        for value, answer in action_hits(statement, "iam:PassRole")
        if answer is Answer.YES
    ]
    if not granted or all(v is not None and is_full_wildcard(v.text()) for v, _ in granted):
        return None
    if statement.not_resources is not None:
        return statement.not_resources[0] if statement.not_resources else None
    return next(
        (r for r in statement.resources if r.known and _every_role(r.text())),
        None,
    )


def _every_role(resource: str) -> bool:
    text = resource.strip()
    if text == "*":
        return True
    parts = text.split(":", 5)
    return len(parts) == 6 and parts[2] == "iam" and is_wildcard_resource(text)


RULE = Rule(
    id="IAM005",
    name="pass-role-on-any-role",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.HIGH,
    summary="iam:PassRole is allowed on every role (`*` or `arn:aws:iam::*:role/*`).",
    cwe=(269, 732),
    confidence=Confidence.HIGH,
    remediation="List the roles the principal passes in the Resource of iam:PassRole and add "
    "an iam:PassedToService condition naming the service they are passed to.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService",
    ),
    check=check,
    doc="""
## What it does
Reports Allow statements of roles, users and groups that grant `iam:PassRole` (by name,
`iam:Pass*`, `iam:*` or `NotAction`) on `*`, on every role (`arn:aws:iam::*:role/*`) or with
`NotResource`. Function roles are high (critical when a function using the role is public and
unauthenticated), other principals medium; a statement limited by an `iam:PassedToService`
condition is one step lower. Statements granting every action (`*`) are left to IAC015.

## Why is this bad?
`iam:PassRole` decides which roles a principal may hand to the resources it creates or
changes. On every role it includes the account's administrator roles: combined with almost any
create or update action it is a privilege escalation (rule IAM003 names the combinations it
finds), and it stays one when the principal later gains those actions.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  SchedulerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  SchedulerFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PassRole
              Resource: arn:aws:iam::123456789012:role/shop-scheduler-target
              Condition:
                StringEquals:
                  iam:PassedToService: scheduler.amazonaws.com
```

## Known problems
AWS managed policies that grant it (`AWSLambda_FullAccess`) are reported by IAC017, not here.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
""",
)

__all__ = ["RULE", "check"]
