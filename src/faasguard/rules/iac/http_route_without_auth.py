"""IAC001: an HTTP route or API method that anyone can call without authorization."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, AuthKind, Trigger, TriggerKind
from faasguard.rules.iac._app import all_triggers

_KINDS = frozenset(
    {TriggerKind.REST_API, TriggerKind.HTTP_API, TriggerKind.WEBSOCKET, TriggerKind.ALB}
)
_DEFAULT_SENSITIVE = r"(?i)(?:^|/)(?:admin|internal|manage|management|debug|ops|backoffice)(?:/|$)"


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    sensitive = re.compile(str(ctx.option("sensitive-path-pattern", _DEFAULT_SENSITIVE)))
    for trigger in all_triggers(app):
        if not _unauthenticated_route(trigger) or trigger.auth is None:
            continue
        route = _route_text(trigger)
        severity = Severity.HIGH if trigger.public else Severity.MEDIUM
        if trigger.path and sensitive.search(trigger.path):
            severity = severity.raised()
        api = app.apis.get(trigger.api) if trigger.api else None
        confidence = Confidence.HIGH
        if trigger.public is None or (api is not None and api.policy):
            confidence = Confidence.MEDIUM  # reachability depends on what the scan cannot see
        target = f" (function {trigger.function})" if trigger.function else ""
        yield Hit(
            message=f"{route} has no authorization: anyone can call it{target}",
            location=trigger.auth.loc,
            resource=trigger.api or trigger.name,
            function=trigger.function,
            severity=severity,
            confidence=confidence,
            evidence=f"{trigger.kind.value} {route} auth none",
        )


def _unauthenticated_route(trigger: Trigger) -> bool:
    if trigger.kind not in _KINDS or trigger.auth is None:
        return False
    if trigger.auth.kind is not AuthKind.NONE or trigger.auth.api_key_required:
        return False  # API-key-only routes are IAC005's
    if trigger.kind is TriggerKind.WEBSOCKET and not _is_connect(trigger):
        return False  # WebSocket authorization exists on $connect only
    if (trigger.method or "").upper() == "OPTIONS":
        return False  # CORS preflight must stay unauthenticated
    return trigger.public is not False


def _is_connect(trigger: Trigger) -> bool:
    texts = (trigger.path, trigger.method, trigger.name)
    return any(text is not None and "$connect" in text.lower() for text in texts)


def _route_text(trigger: Trigger) -> str:
    if trigger.kind is TriggerKind.WEBSOCKET:
        return f"WebSocket route $connect of {trigger.api or trigger.name}"
    if trigger.kind is TriggerKind.ALB:
        return f"ALB target {trigger.name}"
    method = (trigger.method or "ANY").upper()
    where = f" on {trigger.api}" if trigger.api else ""
    return f"route {method} {trigger.path or trigger.name}{where}"


RULE = Rule(
    id="IAC001",
    name="http-route-without-auth",
    category=Category.MISSING_AUTH,
    severity=Severity.HIGH,
    summary="An HTTP route or API method (REST, HTTP API, WebSocket $connect, ALB) has no "
    "authorization.",
    cwe=(306, 862),
    confidence=Confidence.HIGH,
    remediation="Attach an authorizer (Cognito/JWT, Lambda or AWS_IAM) to the route, or a default "
    "authorizer to the API; keep only deliberately public routes open and suppress them inline.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html",
    ),
    options={"sensitive-path-pattern": _DEFAULT_SENSITIVE},
    check=check,
    doc="""
## What it does
Reports HTTP entry points that run a function for any caller: API Gateway REST methods with
authorization `NONE`, HTTP API routes without an authorizer, a WebSocket API whose `$connect`
route has no authorizer, and Lambda targets behind an internet-facing Application Load
Balancer without an authenticating listener rule. Routes on private APIs and internal load
balancers are not reported; `OPTIONS` (CORS preflight) is ignored. A route whose path looks
administrative (option `sensitive-path-pattern`) is raised one severity step.

## Why is this bad?
An unauthenticated route hands the function, and everything its role may touch, to anyone on
the internet. Attackers enumerate API Gateway and function endpoints routinely; an "internal"
route that is merely undocumented is still public.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        ListOrders:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        ListOrders:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get
            Auth:
              Authorizer: AWS_IAM
```

## Known problems
A resource policy on a REST API can restrict callers (source IP, VPC endpoint) without an
authorizer; such routes are still reported, with medium confidence. Routes defined only in an
OpenAPI `DefinitionBody` are checked as far as the loader reads them.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
""",
)

__all__ = ["RULE", "check"]
