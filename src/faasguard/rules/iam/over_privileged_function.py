"""IAM020: a function's role grants far more than its code needs."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity, role_exposure
from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import ActionCatalogue, catalogue
from faasguard.iam.infer.diff import Excess
from faasguard.rules.iam._inferred import RoleView, replacement_steps, roles

SEVERITY = Severity.MEDIUM
MAX_EXAMPLES = 4
MANY_WRITES = 3
# What the Lambda service itself does with the role (AWSLambdaBasicExecutionRole and friends).
BENIGN = frozenset(
    a.lower()
    for a in (
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    )
)


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for view in roles(project):
        if not view.analysed:
            continue  # a function whose code is not read may need anything
        hit = _hit(view)
        if hit is not None:
            yield hit


def far_excess(view: RoleView) -> list[Excess]:
    """The excess that is far beyond need: wildcard actions that grant unused writes, unused
    permissions management, writes on services the code never calls, or three and more
    unused writes. A stray write next to the ones the code makes, and the Lambda service's
    own log, trace and network actions, are not."""
    cat = catalogue()
    services = {a.split(":")[0].lower() for p in view.policies for a in p.actions}
    found = []
    unused_writes: set[str] = set()
    for excess in view.diff.excess:
        writes = [a for a in excess.modifying if a.lower() not in BENIGN]
        unused_writes.update(writes)
        managing = any(_level(cat, a) == "permissions-management" for a in writes)
        foreign = any(a.split(":")[0].lower() not in services for a in writes)
        if writes and (excess.wildcard or managing or foreign):
            found.append(excess)
    if not found and len(unused_writes) >= MANY_WRITES:
        found = [e for e in view.diff.excess if any(a in unused_writes for a in e.modifying)]
    return found


def _hit(view: RoleView) -> Hit | None:
    diff = view.diff
    far = far_excess(view)
    widened = [w for w in diff.widened if not w.platform]
    if not far and not widened:
        return None
    parts = []
    if far:
        parts.append(_excess_text(far))
    if widened:
        actions = sorted({w.action for w in widened})
        resource = widened[0].resource
        parts.append(
            f"grants {', '.join(actions[:MAX_EXAMPLES])} on {resource!r} where the code needs "
            f"{widened[0].needed[0]}"
        )
    first = view.policies[0].name
    message = (
        f"role {view.role.id} of {view.names} {' and '.join(parts)}; replace it with the "
        f"inferred policy (faasguard policy --function {first})"
    )
    location = far[0].location if far else widened[0].location
    severity = _severity(view, far)
    evidence = "excess " + " ".join(sorted({e.pattern for e in far}))
    evidence += " widened " + " ".join(sorted({f"{w.action}@{w.resource}" for w in widened}))
    return Hit(
        message=message,
        location=location,
        resource=view.role.id,
        function=first if len(view.policies) == 1 else None,
        severity=severity,
        confidence=view.confidence,
        evidence=evidence,
        trace=replacement_steps(view),
    )


def _excess_text(far: list[Excess]) -> str:
    unused = sorted({a for e in far for a in e.unused})
    if any(e.pattern in ("*", "NotAction") for e in far):
        return f"grants every action of every service ({len(unused):,} its code never uses)"
    cat = catalogue()
    risky = sorted(
        {a for e in far for a in e.modifying if a.lower() not in BENIGN},
        key=lambda a: (_level(cat, a) != "permissions-management", a),
    )
    shown = risky or unused
    text = ", ".join(shown[:MAX_EXAMPLES]) + (", ..." if len(shown) > MAX_EXAMPLES else "")
    noun = "action" if len(unused) == 1 else "actions"
    return f"grants {len(unused):,} {noun} its code never uses ({text})"


def _level(cat: ActionCatalogue, action: str) -> str:
    info = cat.lookup(action)
    return info.level.value if info is not None else ""


def _severity(view: RoleView, far: list[Excess]) -> Severity:
    cat = catalogue()
    base = SEVERITY
    for excess in far:
        managing = any(_level(cat, a) == "permissions-management" for a in excess.modifying)
        if excess.pattern in ("*", "NotAction") or managing:
            base = Severity.HIGH
            break
    return exposed_severity(base, role_exposure(view.app, view.role.id))


RULE = Rule(
    id="IAM020",
    name="over-privileged-function",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=SEVERITY,
    summary="A function's role grants write or admin actions, or whole-service resources, that "
    "its code never needs.",
    cwe=(250, 269),
    confidence=Confidence.HIGH,
    remediation="Replace the role's statements with the policy `faasguard policy --function "
    "NAME` infers from the code: the finding's trace lists it statement by statement, each at "
    "the line of code that needs it.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
    ),
    project_check=check,
    doc="""
## What it does
Infers, from each function's code and template, the permissions it needs (see
`faasguard policy`), and reports a role that grants far more: write, tagging or
permissions-management actions no function of the role ever calls, wildcard actions
(`dynamodb:*`, `*`), or a wildcard resource (`*`, `table/*`) for an action the code uses on
one known resource. A role shared by several functions is judged against what all of them need.
The finding's trace is the suggested replacement.

## Why is this bad?
A function's role is what an attacker gets when the function is compromised: through an
injection, a vulnerable dependency, a leaked environment. Permissions the code never uses
serve only that attacker. `dynamodb:*` on `*` turns a read-only bug into deleting every
table of the account.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Environment:
        Variables:
          TABLE: !Ref Orders
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:*
              Resource: "*"
      InlineCode: |
        import os
        import boto3
        table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
        def handler(event, context):
            return table.get_item(Key={"id": event["id"]}).get("Item")
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Environment:
        Variables:
          TABLE: !Ref Orders
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: !GetAtt Orders.Arn
      InlineCode: |
        import os
        import boto3
        table = boto3.resource("dynamodb").Table(os.environ["TABLE"])
        def handler(event, context):
            return table.get_item(Key={"id": event["id"]}).get("Item")
```

## Known problems
Code reading cannot follow every call: a client built from a computed service name, a method
chosen with `getattr`, a resource named at run time. Such calls are listed as unresolved by
`faasguard policy`; when a function has any, the finding's confidence is medium, since the
code may need some of what looks unused. Functions whose code is not in the project (other
runtimes, container images, S3 artifacts) are not judged. Read-only excess (an unused
`Describe*`) is not reported here.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
""",
)

__all__ = ["RULE", "check"]
