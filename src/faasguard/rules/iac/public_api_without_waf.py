"""IAC053: a public REST API, internet-facing load balancer or CloudFront distribution with
no WAF web ACL."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import trigger_unauthenticated
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import Api, ApiKind, App, Resource, ResourceKind, TriggerKind
from faasguard.model.values import V
from faasguard.rules.iac._app import all_triggers
from faasguard.rules.iac._values import flag


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    yield from _apis(app)
    yield from _load_balancers(app)
    for distribution in app.resources_of(ResourceKind.DISTRIBUTION):
        if not distribution.waf:
            yield Hit(
                message=f"CloudFront distribution {distribution.id} has no WAF web ACL",
                location=distribution.loc,
                resource=distribution.id,
                severity=Severity.LOW,
                evidence="distribution no waf",
            )


def _apis(app: App) -> Iterator[Hit]:
    open_routes = {t.api for t in all_triggers(app) if t.api and trigger_unauthenticated(t)}
    for api in app.apis.values():
        if api.kind is not ApiKind.REST or api.public is not True or _protected(api):
            continue  # WAF attaches to REST API stages only; private APIs are not public
        anyone = api.id in open_routes
        note = " and routes without authentication" if anyone else ""
        yield Hit(
            message=f"public REST API {api.id} has no WAF web ACL{note}: nothing filters "
            "injection payloads, bots or request floods before they reach its functions",
            location=api.loc,
            resource=api.id,
            severity=Severity.MEDIUM if anyone else Severity.LOW,
            evidence="rest api no waf",
        )


def _protected(api: Api) -> bool:
    return bool(api.waf) or any(stage.waf for stage in api.stages)


def _load_balancers(app: App) -> Iterator[Hit]:
    public_alb = any(t.kind is TriggerKind.ALB and t.public for t in all_triggers(app))
    if not public_alb:
        return
    for balancer in app.resources_of(ResourceKind.LOAD_BALANCER):
        if balancer.waf or not _internet_facing(balancer):
            continue
        yield Hit(
            message=f"internet-facing load balancer {balancer.id} forwards to functions "
            "without a WAF web ACL",
            location=balancer.loc,
            resource=balancer.id,
            severity=Severity.MEDIUM,
            evidence="alb no waf",
        )


def _internet_facing(balancer: Resource) -> bool:
    """An application load balancer (the default ``type``) that is not ``internal`` (absent
    means internet-facing); an unknown scheme is not reported."""
    kind = balancer.extra.get("type")
    if isinstance(kind, V) and not kind.is_("application"):
        return False  # network and gateway load balancers cannot have a web ACL
    internal = balancer.extra.get("internal")
    return internal is None or (isinstance(internal, V) and flag(internal) is False)


RULE = Rule(
    id="IAC053",
    name="public-api-without-waf",
    category=Category.MISSING_DOS_LIMITS,
    severity=Severity.MEDIUM,
    summary="A public REST API, internet-facing ALB or CloudFront distribution has no WAF.",
    cwe=(770, 693),
    confidence=Confidence.MEDIUM,
    remediation="Associate an AWS WAF web ACL (AWS::WAFv2::WebACLAssociation, Terraform "
    "`aws_wafv2_web_acl_association`, CloudFront `WebACLId`) with rate-based rules and the AWS "
    "managed rule groups for your stack.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html",
        "https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html",
    ),
    check=check,
    doc="""
## What it does
Reports public (edge or regional) REST APIs with no web ACL on the API or any of its stages,
internet-facing Application Load Balancers that forward to functions, and CloudFront
distributions without `WebACLId`. A REST API with routes that need no authentication is
medium, other REST APIs and distributions low.

## Why is this bad?
AWS WAF is where request floods from one source are cut off by rate-based rules, and where
known injection payloads, bad bots and exploit scanners are dropped before they cost a Lambda
invocation. Throttling alone (IAC051) limits everyone, attacker and customers alike; a
rate-based rule limits the attacker.

## Example
```yaml template.yaml
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
```

## Use instead
```yaml template.yaml
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  ApiAcl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction:
        Allow: {}
      VisibilityConfig:
        SampledRequestsEnabled: true
        CloudWatchMetricsEnabled: true
        MetricName: api-acl
      Rules:
        - Name: rate-limit
          Priority: 0
          Action:
            Block: {}
          Statement:
            RateBasedStatement:
              Limit: 1000
              AggregateKeyType: IP
          VisibilityConfig:
            SampledRequestsEnabled: true
            CloudWatchMetricsEnabled: true
            MetricName: rate-limit
  ApiAclAssociation:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub arn:aws:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod
      WebACLArn: !GetAtt ApiAcl.Arn
```

## Known problems
HTTP and WebSocket APIs cannot have a web ACL and are not reported (put CloudFront with a
web ACL in front of them if needed). Web ACLs attached outside the template (Firewall Manager
policies) are not seen.

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
""",
)

__all__ = ["RULE", "check"]
