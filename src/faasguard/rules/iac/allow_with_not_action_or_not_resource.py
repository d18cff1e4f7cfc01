"""IAC018: Allow statements with NotAction, NotResource or NotPrincipal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Statement
from faasguard.rules.iac._app import first_loc, quoted


@dataclass(frozen=True, slots=True)
class _Owner:
    id: str
    what: str  # "role", "bucket policy", ...


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for owner, statement in _statements(app):
        if not statement.allows:
            continue
        problem = _problem(statement)
        if problem is None:
            continue
        element, severity, location, values = problem
        yield Hit(
            message=f"{owner.what} {owner.id} has an Allow statement with {element} "
            f"({quoted(values)}) in {statement.origin}: it grants "
            f"{'everyone' if element == 'NotPrincipal' else 'everything'} not listed",
            location=location,
            resource=owner.id,
            severity=severity,
            evidence=f"{statement.origin} allow {element} {' '.join(values)}",
        )


def _statements(app: App) -> Iterator[tuple[_Owner, Statement]]:
    for role in app.roles.values():
        for statement in role.statements:
            yield _Owner(role.id, role.kind.value), statement
    for resource in app.resources.values():
        for statement in resource.policy:
            yield _Owner(resource.id, f"{resource.kind.value} policy of"), statement
    for api in app.apis.values():
        for statement in api.policy:
            yield _Owner(api.id, "resource policy of API"), statement


def _problem(statement: Statement) -> tuple[str, Severity, Location, list[str]] | None:
    if statement.not_actions:
        values = [v.text() for v in statement.not_actions]
        return "NotAction", Severity.HIGH, first_loc(statement.not_actions, statement.loc), values
    if statement.not_principals:
        values = [p.value.text() for p in statement.not_principals]
        location = statement.not_principals[0].value.loc
        return "NotPrincipal", Severity.HIGH, location, values
    if statement.not_resources:
        values = [v.text() for v in statement.not_resources]
        location = first_loc(statement.not_resources, statement.loc)
        return "NotResource", Severity.MEDIUM, location, values
    return None


RULE = Rule(
    id="IAC018",
    name="allow-with-not-action-or-not-resource",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.HIGH,
    summary="An Allow statement uses NotAction, NotResource or NotPrincipal.",
    cwe=(732, 863),
    confidence=Confidence.HIGH,
    remediation="Rewrite the statement as an allow-list of actions and resources; use NotAction "
    "or NotResource only inside Deny statements.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
    ),
    check=check,
    doc="""
## What it does
Reports `Effect: Allow` statements that use `NotAction` (high), `NotPrincipal` (high) or
`NotResource` (medium), in the identity policies of roles, users and groups and in resource
policies (buckets, queues, topics, keys, secrets, APIs).

## Why is this bad?
An Allow with `NotAction` grants every action of every service except those listed,
including actions AWS adds later; `NotResource` grants the actions on every resource except
the listed ones; `NotPrincipal` lets in everyone except the named principals. Such statements
are almost always far broader than their author meant.

## Example
```yaml template.yaml
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: worker
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                NotAction: iam:*
                Resource: "*"
```

## Use instead
```yaml template.yaml
Resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: worker
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: arn:aws:sqs:eu-west-1:123456789012:jobs
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
""",
)

__all__ = ["RULE", "check"]
