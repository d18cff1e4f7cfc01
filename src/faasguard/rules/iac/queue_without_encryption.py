"""IAC038: an SQS queue with server-side encryption turned off."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._encryption import Family, KeyState, encryption_hits, kms_key_state
from faasguard.rules.iac._values import flag


def _state(queue: Resource) -> KeyState:
    key = kms_key_state(queue.kms_key)
    if key is not None:
        return key
    managed = flag(queue.encrypted)
    if queue.encrypted is not None and managed is None:
        return KeyState.UNKNOWN
    return KeyState.NONE if managed is False else KeyState.DEFAULT


FAMILY = Family(
    kinds=(ResourceKind.QUEUE,),
    noun="SQS queue",
    state=_state,
    default_note="SQS encrypts new queues with SSE-SQS by default since October 2022",
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from encryption_hits(app, ctx, FAMILY)


RULE = Rule(
    id="IAC038",
    name="queue-without-encryption",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.MEDIUM,
    summary="An SQS queue has server-side encryption turned off.",
    cwe=(311,),
    confidence=Confidence.HIGH,
    remediation="Remove `SqsManagedSseEnabled: false` (Terraform `sqs_managed_sse_enabled = "
    "false`), or set KmsMasterKeyId to a customer managed key.",
    references=(
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
    ),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports SQS queues whose server-side encryption is explicitly turned off
(`SqsManagedSseEnabled: false` and no KMS key): medium, high when the name suggests sensitive
data. Queues left at the default are encrypted with SSE-SQS; they are reported (info) only
when their name looks sensitive or with `require-customer-key = true`.

## Why is this bad?
Since October 2022 SQS encrypts every new queue at rest with SSE-SQS unless told not to, so a
queue without encryption is a deliberate opt-out: its messages (often the payloads functions
process) sit on disk unencrypted until consumed or expired.

## Example
```yaml template.yaml
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
```

## Use instead
```yaml template.yaml
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: true
```

## Known problems
Queues created before October 2022 and never updated may still be unencrypted; the template
cannot show that.

## References
- https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
