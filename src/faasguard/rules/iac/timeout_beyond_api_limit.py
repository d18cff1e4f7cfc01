"""IAC052: an HTTP-triggered function whose timeout exceeds what its API waits for."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity, function_exposure
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, TriggerKind

RULE_SEVERITY = Severity.LOW
_OPTION = {
    TriggerKind.REST_API: "rest-api-timeout",
    TriggerKind.HTTP_API: "http-api-timeout",
    TriggerKind.WEBSOCKET: "websocket-timeout",
}
_DEFAULTS = {"rest-api-timeout": 29, "http-api-timeout": 30, "websocket-timeout": 29}
_NAMES = {
    TriggerKind.REST_API: "REST API",
    TriggerKind.HTTP_API: "HTTP API",
    TriggerKind.WEBSOCKET: "WebSocket API",
}


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    seen: set[tuple[Location, str]] = set()
    for function in app.functions.values():
        timeout = function.timeout
        seconds = timeout.get(None) if timeout is not None else None
        if timeout is None or not isinstance(seconds, int | float) or isinstance(seconds, bool):
            continue  # the default (3 s), or a value the scan cannot know
        limits = sorted(
            (int(ctx.option(_OPTION[t.kind], _DEFAULTS[_OPTION[t.kind]])), _NAMES[t.kind])
            for t in function.triggers
            if t.kind in _OPTION
        )
        if not limits or seconds <= limits[0][0]:
            continue
        limit, front = limits[0]
        if (timeout.loc, function.id) in seen:
            continue
        seen.add((timeout.loc, function.id))
        yield Hit(
            message=f"function {function.name} may run {seconds:g} s but its {front} gives up "
            f"after {limit} s: callers get a 504 while the invocation keeps running and "
            "holding concurrency",
            location=timeout.loc,
            resource=function.id,
            function=function.name,
            severity=exposed_severity(RULE_SEVERITY, function_exposure(function)),
            evidence=f"timeout {seconds:g} over {front} {limit}",
        )


RULE = Rule(
    id="IAC052",
    name="timeout-beyond-api-limit",
    category=Category.MISSING_DOS_LIMITS,
    severity=RULE_SEVERITY,
    summary="An API-triggered function may run longer than its API waits for a response.",
    cwe=(400,),
    confidence=Confidence.HIGH,
    remediation="Lower the function's timeout to the API's integration timeout (29 s for REST "
    "and WebSocket APIs, 30 s for HTTP APIs), or move long work to an asynchronous job.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html",
    ),
    options=dict(_DEFAULTS),
    check=check,
    doc="""
## What it does
Reports functions behind an API Gateway route whose timeout is longer than the API's maximum
integration timeout: 29 seconds for REST and WebSocket APIs, 30 seconds for HTTP APIs. Regional
and private REST APIs can have their limit raised by a quota increase: set the rule option
`rest-api-timeout` to the granted value. Function URLs wait for the function's own timeout
(up to 15 minutes) and are not reported.

## Why is this bad?
When the API stops waiting, the caller gets a 504 but the invocation goes on until its own
timeout, holding a unit of concurrency and running up the bill. Clients and attackers retry on
504, so each slow request multiplies into many running invocations: a cheap way to exhaust
concurrency.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Timeout: 120
      Events:
        Report:
          Type: Api
          Properties:
            Path: /report
            Method: GET
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Timeout: 25
      Events:
        Report:
          Type: Api
          Properties:
            Path: /report
            Method: GET
```

## Known problems
Load balancer targets are not checked: their limit is the load balancer's idle timeout, which
the template may set elsewhere.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
- https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
""",
)

__all__ = ["RULE", "check"]
