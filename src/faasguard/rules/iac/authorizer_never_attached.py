"""IAC004: an API authorizer that is defined but protects no route."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import Api, App, AuthKind, Trigger
from faasguard.rules.iac._app import all_triggers


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    triggers = list(all_triggers(app))
    for api in app.apis.values():
        routes = [t for t in triggers if t.api == api.id]
        if not api.authorizers or not routes or not _all_known(routes):
            continue
        used = _attached(api, routes)
        for key, authorizer in api.authorizers.items():
            if _norm(key) in used or _norm(authorizer.name) in used:
                continue
            yield Hit(
                message=f"authorizer {authorizer.name} of API {api.id} is attached to no route; "
                "the routes it was meant to protect may be open",
                location=authorizer.loc,
                resource=api.id,
                evidence=f"authorizer {authorizer.name} unattached",
            )


def _all_known(routes: list[Trigger]) -> bool:
    """Every route's authorization is readable; otherwise the attachment cannot be judged."""
    return all(t.auth is not None and t.auth.kind is not AuthKind.UNKNOWN for t in routes)


def _attached(api: Api, routes: list[Trigger]) -> set[str]:
    used = {_norm(t.auth.authorizer) for t in routes if t.auth and t.auth.authorizer}
    default = api.default_auth
    if default is not None and default.authorizer:
        inherits = any(
            t.auth is not None and t.auth.authorizer is None and t.auth.kind is default.kind
            for t in routes
        )
        if inherits:
            used.add(_norm(default.authorizer))
    return used


def _norm(name: str) -> str:
    text = name.strip().lower()
    return text.removesuffix(".id")


RULE = Rule(
    id="IAC004",
    name="authorizer-never-attached",
    category=Category.MISSING_AUTH,
    severity=Severity.MEDIUM,
    summary="An API authorizer is defined but no route uses it.",
    cwe=(306,),
    confidence=Confidence.MEDIUM,
    remediation="Attach the authorizer to the routes it should protect (or make it the API's "
    "default authorizer), or delete it if it is really unused.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html",
    ),
    check=check,
    doc="""
## What it does
Reports authorizers (Cognito, JWT, Lambda) declared on an API Gateway REST, HTTP or WebSocket
API that no route of that API uses, directly or as the API's default authorizer. APIs whose
routes the scan cannot see, or whose route authorization is unresolved, are skipped.

## Why is this bad?
An authorizer that is declared and never attached is a strong sign of intended protection
that never took effect: the author believes the API is authenticated while its routes are
open. It is a common slip when a default authorizer is removed or a route is added later.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          OrdersJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example
              audience:
                - orders-client
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
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: get
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: OrdersJwt
        Authorizers:
          OrdersJwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration:
              issuer: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example
              audience:
                - orders-client
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
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: get
```

## Known problems
Authorizers used only by routes defined outside the scanned project (another stack, an
OpenAPI file the loader does not read) are reported.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html
""",
)

__all__ = ["RULE", "check"]
