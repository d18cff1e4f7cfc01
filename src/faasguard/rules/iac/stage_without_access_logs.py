"""IAC045: an API Gateway stage without access logging."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for api in app.apis.values():
        severity = Severity.LOW if api.public is False else Severity.MEDIUM
        for stage in api.stages:
            if stage.access_log is not None:
                continue  # a destination, or one the scan cannot resolve
            yield Hit(
                message=f"stage {stage.name} of API {api.id} has no access logs: who called "
                "which route, from where and with what result is not recorded",
                location=stage.loc,
                resource=api.id,
                severity=severity,
                evidence=f"stage {stage.name} no access log",
            )


RULE = Rule(
    id="IAC045",
    name="stage-without-access-logs",
    category=Category.MISSING_LOGGING,
    severity=Severity.MEDIUM,
    summary="An API Gateway stage has no access logging.",
    cwe=(778,),
    confidence=Confidence.HIGH,
    remediation="Set AccessLogSetting (REST; `AccessLogSettings` on HTTP and WebSocket stages, "
    "Terraform `access_log_settings`, serverless `provider.logs.restApi`/`httpApi`) with a log "
    "group destination and a format that includes requestId, sourceIp, caller and status.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html",
    ),
    check=check,
    doc="""
## What it does
Reports REST, HTTP and WebSocket API stages without an access log destination. Stages of
private APIs are reported at low severity.

## Why is this bad?
Access logs are the only record of who called an API: source IP, identity, route, status,
latency. Without them, an attack, a credential abuse or a data leak through the API cannot be
detected, investigated or scoped afterwards, and alerting on error spikes is impossible.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 90
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      AccessLogSetting:
        DestinationArn: !GetAtt ApiLogs.Arn
        Format: '{"id":"$context.requestId","ip":"$context.identity.sourceIp"}'
```

## Known problems
The stage SAM creates for an implicit API is reported at the first event that uses it; set
`AccessLogSetting` in `Globals.Api` to fix them all.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
""",
)

__all__ = ["RULE", "check"]
