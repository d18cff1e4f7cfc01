"""IAC039: a Kinesis data stream without server-side encryption."""

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


def _state(stream: Resource) -> KeyState:
    mode = algorithm(stream.encryption)
    if mode == "?":
        return KeyState.UNKNOWN
    if mode in (None, "none"):
        return KeyState.NONE
    return kms_key_state(stream.kms_key) or KeyState.UNKNOWN  # KMS needs a key id


FAMILY = Family(
    kinds=(ResourceKind.STREAM,),
    noun="Kinesis stream",
    state=_state,
    default_note="Kinesis Data Streams does not encrypt at rest unless StreamEncryption is set",
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from encryption_hits(app, ctx, FAMILY)


RULE = Rule(
    id="IAC039",
    name="stream-without-encryption",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.MEDIUM,
    summary="A Kinesis data stream has no server-side encryption.",
    cwe=(311,),
    confidence=Confidence.HIGH,
    remediation="Set StreamEncryption with EncryptionType KMS and a KeyId (Terraform "
    '`encryption_type = "KMS"` and `kms_key_id`); `alias/aws/kinesis` works, a customer '
    "managed key gives control over who decrypts.",
    references=(
        "https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html",
        "https://docs.aws.amazon.com/config/latest/developerguide/kinesis-stream-encrypted.html",
    ),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports Kinesis data streams without server-side encryption (`StreamEncryption` absent, or
`encryption_type = "NONE"`): medium, high when the name suggests sensitive data. Streams
encrypted with the AWS managed `alias/aws/kinesis` key are reported (info) only when their
name looks sensitive or with `require-customer-key = true`.

## Why is this bad?
Kinesis does not encrypt records at rest by default: everything producers write (click
streams, events, change data) is stored unencrypted for the retention period, 24 hours to a
year.

## Example
```yaml template.yaml
Resources:
  EventsStream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
```

## Use instead
```yaml template.yaml
Resources:
  EventsStream:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: KMS
        KeyId: alias/aws/kinesis
```

## References
- https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
