"""IAC033: a log group that looks sensitive is not encrypted with a customer managed key."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._encryption import (
    Family,
    KeyState,
    encryption_hits,
    first_state,
    kms_key_state,
)
from faasguard.rules.iac.environment_without_customer_key import secret_names


def _state(group: Resource) -> KeyState:
    return first_state(kms_key_state(group.kms_key)) or KeyState.DEFAULT


FAMILY = Family(
    kinds=(ResourceKind.LOG_GROUP,),
    noun="log group",
    state=_state,
    default_note="CloudWatch Logs always encrypts log data with keys AWS owns",
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    secret_handlers = {
        function.log_group: function.name
        for function in app.functions.values()
        if function.log_group is not None and secret_names(function)
    }

    def hint(group: Resource) -> str | None:
        owner = secret_handlers.get(group.id)
        return f"it holds the logs of {owner}, which handles secrets" if owner else None

    yield from encryption_hits(app, ctx, FAMILY, hint)


RULE = Rule(
    id="IAC033",
    name="log-group-without-customer-key",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.LOW,
    summary="A log group that looks sensitive is not encrypted with a customer managed KMS key.",
    cwe=(311,),
    confidence=Confidence.MEDIUM,
    remediation="Set KmsKeyId (Terraform `kms_key_id`) on the log group to a customer managed "
    "key whose policy allows the CloudWatch Logs service principal of the region.",
    references=(
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    ),
    options={"sensitive-words": None, "require-customer-key": False},
    check=check,
    doc="""
## What it does
Reports log groups without a customer managed KMS key when they look sensitive: their name
mentions personal, payment, health or credential data (the word list is data,
`faasguard/data/sensitive_data.json`, replaced by the option `sensitive-words`), or they hold
the logs of a function whose environment has secret-like variables. With the option
`require-customer-key = true` every log group without one is reported (info).

## Why is this bad?
CloudWatch Logs always encrypts log data at rest, with keys AWS owns: the finding is low
severity on purpose. What a customer managed key adds is control: a key policy that decides
who can read the logs besides IAM, a CloudTrail record for each use, and the ability to make
the data unreadable by disabling the key. Logs of functions that touch secrets or personal data
are where that control matters, because handlers log more than they should.

## Example
```yaml template.yaml
Resources:
  PaymentsLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/payments
      RetentionInDays: 30
```

## Use instead
```yaml template.yaml
Resources:
  LogsKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
  PaymentsLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/payments
      RetentionInDays: 30
      KmsKeyId: !GetAtt LogsKey.Arn
```

## Known problems
Sensitivity is guessed from names. Implicit log groups (created by Lambda on first
invocation, not declared in the template) are not seen.

## References
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
""",
)

__all__ = ["FAMILY", "RULE", "check"]
