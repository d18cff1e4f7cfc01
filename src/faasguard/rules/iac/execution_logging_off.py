"""IAC048: a REST or WebSocket API stage with execution logging off."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import ApiKind, App

_KINDS = (ApiKind.REST, ApiKind.WEBSOCKET)  # HTTP APIs have no execution logs


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for api in app.apis.values():
        if api.kind not in _KINDS:
            continue
        for stage in api.stages:
            level = stage.execution_logging
            if level is not None and (not level.known or not level.is_("OFF")):
                continue
            setting = "set to OFF" if level is not None else "not enabled"
            yield Hit(
                message=f"stage {stage.name} of API {api.id} has execution logging "
                f"{setting}: authorizer and integration errors are not logged",
                location=level.loc if level is not None else stage.loc,
                resource=api.id,
                evidence=f"stage {stage.name} execution logging off",
            )


RULE = Rule(
    id="IAC048",
    name="execution-logging-off",
    category=Category.MISSING_LOGGING,
    severity=Severity.LOW,
    summary="A REST or WebSocket API stage has execution logging off.",
    cwe=(778,),
    confidence=Confidence.HIGH,
    remediation="Set the stage's MethodSettings LoggingLevel to ERROR (INFO while "
    "investigating) for `/*` and `*`; the account needs a CloudWatch role for API Gateway.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
    ),
    check=check,
    doc="""
## What it does
Reports stages of REST and WebSocket APIs whose execution logging (`LoggingLevel` in
`MethodSettings`) is absent or `OFF`. HTTP APIs have no execution logs and are not checked.

## Why is this bad?
Execution logs record what API Gateway itself did with a request: authorizer decisions and
failures, request validation, integration errors and throttling. Without them, denied and
failed requests (brute force on an authorizer, malformed payload probing) leave no trace
beyond a status code. Use `ERROR`: `INFO` logs full requests and may log secrets.

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
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: '/*'
          HttpMethod: '*'
          LoggingLevel: ERROR
```

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
""",
)

__all__ = ["RULE", "check"]
