"""IAC051: an API with no throttling on its stages, routes or usage plans."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import Api, App, Throttle
from faasguard.rules.iac._app import all_triggers


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    routed: dict[str, list[Throttle | None]] = {}
    for trigger in all_triggers(app):
        if trigger.api is not None:
            routed.setdefault(trigger.api, []).append(trigger.throttle)
    for api in app.apis.values():
        if _throttled(api, routed.get(api.id, [])):
            continue
        private = api.public is False
        yield Hit(
            message=f"API {api.id} has no throttling on its stages, routes or usage plans: only "
            "the account-wide limit stands between a flood of requests and its functions",
            location=api.loc,
            resource=api.id,
            severity=Severity.LOW if private else Severity.MEDIUM,
            evidence="api no throttling",
        )


def _throttled(api: Api, route_limits: list[Throttle | None]) -> bool:
    limits = [s.throttle for s in api.stages] + [api.usage_plan_throttle] + route_limits
    return any(_limits(limit) for limit in limits)


def _limits(limit: Throttle | None) -> bool:
    """A throttle that sets a rate or burst (a value the scan cannot know counts)."""
    return limit is not None and (limit.rate is not None or limit.burst is not None)


RULE = Rule(
    id="IAC051",
    name="api-without-throttling",
    category=Category.MISSING_DOS_LIMITS,
    severity=Severity.MEDIUM,
    summary="An API has no throttling on its stages, routes or usage plans.",
    cwe=(770, 799),
    confidence=Confidence.MEDIUM,
    remediation="Set stage throttling (REST MethodSettings ThrottlingRateLimit/BurstLimit, "
    "HTTP DefaultRouteSettings, Terraform `throttle_settings`/`default_route_settings`) or a "
    "usage plan with a throttle sized for real traffic.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html",
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html",
    ),
    check=check,
    doc="""
## What it does
Reports APIs (REST, HTTP, WebSocket) where no stage, route or usage plan sets a throttling
rate or burst limit. Private APIs are reported at low severity.

## Why is this bad?
Without its own limits an API accepts requests up to the account-wide quota of the region
(10,000 requests per second by default), shared by every API of the account. One abused
route can then exhaust that quota for all APIs, run up the Lambda and downstream bill, and
overload the databases behind it. A stage limit sized for real traffic bounds all three.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties:
      DefaultRouteSettings:
        ThrottlingBurstLimit: 200
        ThrottlingRateLimit: 100
```

## Known problems
Throttling set outside the template (account settings, a usage plan in another stack) is not
seen.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
""",
)

__all__ = ["RULE", "check"]
