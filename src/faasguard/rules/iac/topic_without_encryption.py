"""IAC037: an SNS topic without server-side encryption."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._encryption import Family, KeyState, encryption_hits, kms_key_state


def _state(topic: Resource) -> KeyState:
    return kms_key_state(topic.kms_key) or KeyState.NONE


FAMILY = Family(
    kinds=(ResourceKind.TOPIC,),
    noun="SNS topic",
    state=_state,
    default_note="SNS does not encrypt topics at rest unless a KMS key is set",
    unencrypted=Severity.LOW,
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from encryption_hits(app, ctx, FAMILY)


RULE = Rule(
    id="IAC037",
    name="topic-without-encryption",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.LOW,
    summary="An SNS topic has no server-side encryption.",
    cwe=(311,),
    confidence=Confidence.HIGH,
    remediation="Set KmsMasterKeyId (Terraform `kms_master_key_id`, serverless resources) to a "
    "customer managed key whose policy lets the publishing services use it.",
    references=("https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports SNS topics without `KmsMasterKeyId`: low severity, medium when the topic's name
suggests sensitive data. Topics that use the AWS managed `alias/aws/sns` key are reported
(info) only when their name looks sensitive or with `require-customer-key = true`.

## Why is this bad?
Unlike S3, DynamoDB and SQS, SNS does not encrypt topics at rest by default: messages waiting
for delivery are stored without server-side encryption. Messages to functions often carry
order, user or payment data. The AWS managed key cannot be used by services that publish
through a key policy (EventBridge, CloudWatch alarms, S3 notifications), which is why a
customer managed key is the usual choice.

## Example
```yaml template.yaml
Resources:
  OrdersTopic:
    Type: AWS::SNS::Topic
```

## Use instead
```yaml template.yaml
Resources:
  TopicKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  OrdersTopic:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: !Ref TopicKey
```

## References
- https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
