"""IAC047: a log group that keeps its logs forever."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, ResourceKind


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for group in app.resources_of(ResourceKind.LOG_GROUP):
        retention = group.retention_days
        if retention is not None and (not retention.known or retention.value):
            continue
        where = retention.loc if retention is not None else group.loc
        yield Hit(
            message=f"log group {group.id} has no retention period: its logs, and whatever "
            "personal data or secrets were logged, are kept forever",
            location=where,
            resource=group.id,
            evidence="log group no retention",
        )


RULE = Rule(
    id="IAC047",
    name="log-group-without-retention",
    category=Category.MISSING_LOGGING,
    severity=Severity.LOW,
    summary="A CloudWatch log group never expires its logs.",
    cwe=(779,),
    confidence=Confidence.HIGH,
    remediation="Set RetentionInDays (Terraform `retention_in_days`, serverless "
    "`provider.logRetentionInDays`) to what your audit and privacy obligations require.",
    references=(
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
    ),
    check=check,
    doc="""
## What it does
Reports log groups declared without a retention period (or with 0, never expire).

## Why is this bad?
Logs kept forever are personal data kept forever: handlers log request bodies, e-mail
addresses, tokens by mistake. Unbounded retention breaks data-minimisation duties (GDPR and
similar), widens what a reader of the logs can find, and grows cost without limit. A retention
period that matches the audit requirement keeps what investigations need and no more.

## Example
```yaml template.yaml
Resources:
  OrdersLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
```

## Use instead
```yaml template.yaml
Resources:
  OrdersLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/orders
      RetentionInDays: 90
```

## Known problems
Log groups Lambda creates on first invocation (when the template declares none) never expire
either, and are not seen by this rule: declare them.

## References
- https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
""",
)

__all__ = ["RULE", "check"]
