"""IAC036: a DynamoDB table that looks sensitive has no customer managed KMS key."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._encryption import Family, KeyState, encryption_hits, kms_key_state
from faasguard.rules.iac._values import flag


def _state(table: Resource) -> KeyState:
    key = kms_key_state(table.kms_key)
    if key is not None:
        return key
    enabled = flag(table.encrypted)
    if table.encrypted is not None and enabled is None:
        return KeyState.UNKNOWN
    # SSEEnabled true without a key: the AWS managed aws/dynamodb key; else AWS owned keys.
    return KeyState.AWS_MANAGED if enabled else KeyState.DEFAULT


FAMILY = Family(
    kinds=(ResourceKind.TABLE,),
    noun="table",
    state=_state,
    default_note="DynamoDB encrypts every table at rest with an AWS owned key by default",
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from encryption_hits(app, ctx, FAMILY)


RULE = Rule(
    id="IAC036",
    name="table-without-customer-key",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.LOW,
    summary="A DynamoDB table that looks sensitive is not encrypted with a customer managed "
    "KMS key.",
    cwe=(311,),
    confidence=Confidence.MEDIUM,
    remediation="Set SSESpecification with SSEEnabled true, SSEType KMS and KMSMasterKeyId "
    "(Terraform `server_side_encryption` with `kms_key_arn`) to a customer managed key.",
    references=(
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
    ),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports DynamoDB tables whose name suggests sensitive data (`faasguard/data/sensitive_data.json`
or the option `sensitive-words`) and that use the default AWS owned key (low) or the AWS
managed `aws/dynamodb` key (info). With `require-customer-key = true` every table without a
customer managed key is reported (info).

## Why is this bad?
It is not unencrypted: DynamoDB encrypts all tables at rest by default, so this is low
severity. The AWS owned key is invisible to you: no key policy, no CloudTrail record of its
use, no way to revoke access to the data by disabling it. A customer managed key gives those
controls for tables of users, payments or health data.

## Example
```yaml template.yaml
Resources:
  PaymentsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
```

## Use instead
```yaml template.yaml
Resources:
  TableKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  PaymentsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: !GetAtt TableKey.Arn
```

## Known problems
Sensitivity is guessed from the table's id and name only.

## References
- https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
