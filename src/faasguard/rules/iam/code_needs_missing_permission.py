"""IAM021: the code calls AWS with a permission its role does not grant."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.iam._inferred import diffs

SEVERITY = Severity.LOW
SAM_FUNCTION = "AWS::Serverless::Function"


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for policy, diff in diffs(project):
        if diff.role is None:
            continue
        reported: set[tuple[str, str, int]] = set()
        sam_role = diff.role.generated and policy.function.resource_type == SAM_FUNCTION
        for lacking in diff.denied:
            need = lacking.need
            if need.extra or (sam_role and need.delivery):
                continue  # a key policy may grant it; SAM adds dead-letter permissions itself
            key = (need.action, need.location.path, need.location.start_line)
            if key in reported:
                continue
            reported.add(key)
            resource = need.resource.render()
            by = "the Lambda service" if need.platform else need.reason
            yield Hit(
                message=f"{policy.name} needs {need.action} on {resource} ({by}) but its role "
                f"{diff.role.id} does not grant it: the call fails with AccessDenied at run time",
                location=need.location,
                resource=policy.resource,
                function=policy.name,
                confidence=need.confidence,
                evidence=f"{policy.resource} {need.action} {resource}",
            )


RULE = Rule(
    id="IAM021",
    name="code-needs-missing-permission",
    category=Category.MISCONFIGURATION,
    severity=SEVERITY,
    summary="A function's code (or its event source) needs a permission its role does not grant.",
    cwe=(),
    confidence=Confidence.HIGH,
    remediation="Add the permission to the role, scoped to the resource the finding names "
    "(`faasguard policy --function NAME --diff` shows the whole gap), or remove the call.",
    references=("https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",),
    project_check=check,
    doc="""
## What it does
Infers the permissions each function's code needs (see `faasguard policy`) and reports those
its declared role surely does not grant: no statement allows the action on the resource, and
every policy attached to the role is readable. Event sources count too: a queue trigger
needs `sqs:ReceiveMessage`, `sqs:DeleteMessage` and `sqs:GetQueueAttributes` on the queue.

## Why is this bad?
The deploy succeeds and the call fails in production with `AccessDenied`, often on a path no
test covers (an error branch, a nightly job). The usual fix under pressure is a wildcard,
which is how over-privileged roles are born; catching the gap before the deploy keeps the
fix narrow.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Exports:
    Type: AWS::S3::Bucket
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Environment:
        Variables:
          BUCKET: !Ref Exports
      InlineCode: |
        import os
        import boto3
        s3 = boto3.client("s3")
        def handler(event, context):
            s3.put_object(Bucket=os.environ["BUCKET"], Key="report.csv", Body=b"")
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Exports:
    Type: AWS::S3::Bucket
  ExportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Environment:
        Variables:
          BUCKET: !Ref Exports
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub "${Exports.Arn}/report.csv"
      InlineCode: |
        import os
        import boto3
        s3 = boto3.client("s3")
        def handler(event, context):
            s3.put_object(Bucket=os.environ["BUCKET"], Key="report.csv", Body=b"")
```

## Known problems
Only certain gaps are reported: a statement whose resource is a reference faasguard cannot
compare, a condition, or an attached policy whose document faasguard does not ship makes the
answer "cannot tell", which `faasguard policy --diff` lists as undecided. Permissions granted
outside the project (a permissions boundary set elsewhere, a resource policy that names the
role) are not seen.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html
""",
)

__all__ = ["RULE", "check"]
