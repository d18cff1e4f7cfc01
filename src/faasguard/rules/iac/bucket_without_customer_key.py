"""IAC035: an S3 bucket that looks sensitive has no customer managed KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._encryption import (
    Family,
    KeyState,
    algorithm,
    encryption_hits,
    kms_key_state,
)


def _state(bucket: Resource) -> KeyState:
    key = kms_key_state(bucket.kms_key)
    if key is not None:
        return key
    mode = algorithm(bucket.encryption)
    if mode == "?":
        return KeyState.UNKNOWN
    if mode is not None and mode.startswith("aws:kms"):
        return KeyState.AWS_MANAGED  # SSE-KMS without a key id uses aws/s3
    return KeyState.DEFAULT  # SSE-S3, declared or by default


FAMILY = Family(
    kinds=(ResourceKind.BUCKET,),
    noun="bucket",
    state=_state,
    default_note="S3 encrypts every new object with SSE-S3 by default since January 2023",
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from encryption_hits(app, ctx, FAMILY)


RULE = Rule(
    id="IAC035",
    name="bucket-without-customer-key",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.LOW,
    summary="An S3 bucket that looks sensitive is not encrypted with a customer managed KMS key.",
    cwe=(311,),
    confidence=Confidence.MEDIUM,
    remediation="Use SSE-KMS with a customer managed key (BucketEncryption with SSEAlgorithm "
    "aws:kms and KMSMasterKeyID) and enable BucketKeyEnabled to keep KMS costs down.",
    references=(
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    ),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports S3 buckets whose name suggests sensitive data (personal, payment, health, credential
words: `faasguard/data/sensitive_data.json`, or the option `sensitive-words`) and that are
encrypted only with SSE-S3 (low) or with the AWS managed `aws/s3` key (info). Buckets with a
customer managed key are never reported; with `require-customer-key = true` every other bucket
is reported (info).

## Why is this bad?
It is not unencrypted: S3 encrypts every object at rest by default (SSE-S3) since January
2023, so this is low severity. SSE-S3 is transparent to anyone with `s3:GetObject`; a customer
managed key adds a second gate (the key policy), an audit trail of every decrypt, and a way to
cut off all access to the data at once. For buckets of personal or payment data, auditors and
regulations usually expect it.

## Example
```yaml template.yaml
Resources:
  CustomerDocumentsBucket:
    Type: AWS::S3::Bucket
```

## Use instead
```yaml template.yaml
Resources:
  DocumentsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  CustomerDocumentsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !GetAtt DocumentsKey.Arn
            BucketKeyEnabled: true
```

## Known problems
Sensitivity is guessed from the bucket's id and name only.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
