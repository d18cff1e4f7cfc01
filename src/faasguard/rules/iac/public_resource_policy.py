"""IAC026: an SQS queue, SNS topic, KMS key, secret or Lambda layer whose resource policy lets
anyone in."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.statements import opens_to_anyone
from faasguard.model.app import App, ResourceKind

_SEVERITY = {
    ResourceKind.SECRET: Severity.CRITICAL,
    ResourceKind.KEY: Severity.CRITICAL,
    ResourceKind.QUEUE: Severity.HIGH,
    ResourceKind.TOPIC: Severity.HIGH,
    ResourceKind.LAYER: Severity.MEDIUM,
}
_NOUN = {
    ResourceKind.SECRET: "secret",
    ResourceKind.KEY: "KMS key",
    ResourceKind.QUEUE: "queue",
    ResourceKind.TOPIC: "topic",
    ResourceKind.LAYER: "layer",
}


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for resource in app.resources_of(*_SEVERITY):
        for statement in resource.policy:
            principal = opens_to_anyone(statement)
            if principal is None:
                continue
            actions = " ".join(a.text() for a in statement.actions) or "(NotAction)"
            yield Hit(
                message=f"policy of {_NOUN[resource.kind]} {resource.id} allows {actions} to "
                "anyone (Principal * without a restricting condition)",
                location=principal.value.loc,
                resource=resource.id,
                severity=_SEVERITY[resource.kind],
                evidence=f"principal * {actions}",
            )


RULE = Rule(
    id="IAC026",
    name="public-resource-policy",
    category=Category.PUBLIC_RESOURCE_POLICY,
    severity=Severity.HIGH,
    summary="An SQS queue, SNS topic, KMS key, Secrets Manager secret or Lambda layer policy "
    "allows Principal * without a restricting condition.",
    cwe=(284, 732),
    confidence=Confidence.HIGH,
    remediation="Name the principals (accounts, roles, service principals) that need access and "
    "add a condition such as aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.",
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html",
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
        "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
        "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html",
    ),
    check=check,
    doc="""
## What it does
Reports resource policy statements on SQS queues, SNS topics, KMS keys (key policies),
Secrets Manager secrets and Lambda layer versions that allow `Principal: "*"` (or
`{"AWS": "*"}`) with no condition narrowing who may come: `aws:SourceArn`,
`aws:SourceAccount`, `aws:SourceOwner`, `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
`aws:SourceVpce`, `kms:CallerAccount` and similar. A condition on an unresolvable value counts
as a restriction. Secrets and keys are critical, queues and topics high, layers medium.

## Why is this bad?
Anyone with an AWS account can then use the resource: read or inject messages in the queue,
publish to or subscribe to the topic, decrypt with the key, read the secret, or download the
layer's code and whatever credentials were packed in it.

## Example
```yaml template.yaml
Resources:
  Orders:
    Type: AWS::SQS::Queue
  OrdersPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Orders
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource: !GetAtt Orders.Arn
```

## Use instead
```yaml template.yaml
Resources:
  Orders:
    Type: AWS::SQS::Queue
  OrdersPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref Orders
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt Orders.Arn
            Condition:
              ArnEquals:
                aws:SourceArn: arn:aws:sns:eu-west-1:123456789012:order-events
```

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
""",
)

__all__ = ["RULE", "check"]
