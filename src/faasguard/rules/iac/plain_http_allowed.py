"""IAC042: a CloudFront distribution or load balancer listener serves functions over plain
HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind, TriggerKind
from faasguard.model.values import V
from faasguard.rules.iac._app import all_triggers


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for distribution in app.resources_of(ResourceKind.DISTRIBUTION):
        yield from _distribution(distribution)
    forwarding = {t.name for t in all_triggers(app) if t.kind is TriggerKind.ALB and t.function}
    for listener in app.resources_of(ResourceKind.OTHER):
        protocol = listener.extra.get("protocol")
        if "load_balancer" not in listener.extra or not isinstance(protocol, V):
            continue  # not a listener, or one whose protocol is not written
        if protocol.is_("HTTP") and listener.id in forwarding:
            yield Hit(
                message=f"listener {listener.id} forwards plain HTTP requests to a function",
                location=protocol.loc,
                resource=listener.id,
                evidence="listener protocol HTTP forward",
            )


def _distribution(distribution: Resource) -> Iterator[Hit]:
    for policy in distribution.extra.get("viewer_protocol_policies") or []:
        if isinstance(policy, V) and policy.is_("allow-all"):
            yield Hit(
                message=f"CloudFront distribution {distribution.id} lets viewers use plain "
                "HTTP (ViewerProtocolPolicy allow-all)",
                location=policy.loc,
                resource=distribution.id,
                evidence="viewer protocol allow-all",
            )


RULE = Rule(
    id="IAC042",
    name="plain-http-allowed",
    category=Category.INSECURE_TRANSPORT,
    severity=Severity.MEDIUM,
    summary="A CloudFront distribution or load balancer listener accepts plain HTTP.",
    cwe=(319,),
    confidence=Confidence.HIGH,
    remediation="Set ViewerProtocolPolicy to redirect-to-https or https-only on every cache "
    "behaviour; on load balancers, serve functions from an HTTPS listener and make the HTTP "
    "listener redirect.",
    references=(
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html",
    ),
    check=check,
    doc="""
## What it does
Reports CloudFront cache behaviours with `ViewerProtocolPolicy: allow-all`, and
load balancer listeners on protocol `HTTP` that forward requests to a Lambda function.

## Why is this bad?
Over plain HTTP, session cookies, tokens and the data of every request and response cross the
network readable and modifiable by anyone in the path. API Gateway and function URLs are
HTTPS only; these two front doors are where HTTP slips back in.

## Example
```yaml template.yaml
Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: allow-all
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
```

## Use instead
```yaml template.yaml
Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins:
          - Id: api
            DomainName: api.example.com
            CustomOriginConfig:
              OriginProtocolPolicy: https-only
        DefaultCacheBehavior:
          TargetOriginId: api
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
```

## Known problems
A listener rule (as opposed to a listener's default action) that forwards HTTP traffic to a
function is not reported. A Terraform listener without `protocol` on an application load
balancer is read as HTTP, the provider's default.

## References
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
""",
)

__all__ = ["RULE", "check"]
