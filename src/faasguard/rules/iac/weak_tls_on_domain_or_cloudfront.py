"""IAC041: a custom domain, CloudFront distribution or load balancer listener that accepts
TLS below 1.2."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, ResourceKind

# Security policies that still accept TLS 1.0 or 1.1 (API Gateway, CloudFront, ELB).
_WEAK = re.compile(
    r"^(?:TLS_1_0"
    r"|SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016"
    r"|ELBSecurityPolicy-(?:2015-05|2016-08|TLS-1-0-.*|TLS-1-1-.*|FS-2018-06|FS-1-1-.*"
    r"|TLS13-1-[01]-.*))$",
    re.IGNORECASE,
)
_WHAT = {
    ResourceKind.DOMAIN: "custom domain",
    ResourceKind.DISTRIBUTION: "CloudFront distribution",
    ResourceKind.LOAD_BALANCER: "load balancer",
}


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for resource in app.resources.values():
        policy = resource.tls_policy
        if policy is None or not policy.known or not _WEAK.match(policy.text().strip()):
            continue
        what = _WHAT.get(resource.kind, "listener")
        yield Hit(
            message=f"{what} {resource.id} uses the security policy {policy.text()}, which "
            "accepts TLS 1.0/1.1 connections",
            location=policy.loc,
            resource=resource.id,
            evidence=f"tls policy {policy.text()}",
        )


RULE = Rule(
    id="IAC041",
    name="weak-tls-on-domain-or-cloudfront",
    category=Category.INSECURE_TRANSPORT,
    severity=Severity.MEDIUM,
    summary="A custom domain, CloudFront distribution or ALB listener accepts TLS below 1.2.",
    cwe=(326, 327),
    confidence=Confidence.HIGH,
    remediation="Use SecurityPolicy TLS_1_2 on API Gateway domains, MinimumProtocolVersion "
    "TLSv1.2_2021 on CloudFront, and an ELBSecurityPolicy-TLS13-1-2-* policy on listeners.",
    references=(
        "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html",
        "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
    ),
    check=check,
    doc="""
## What it does
Reports API Gateway custom domains with `SecurityPolicy: TLS_1_0`, CloudFront distributions
with a `MinimumProtocolVersion` below `TLSv1.2_2018` (`SSLv3`, `TLSv1`, `TLSv1_2016`,
`TLSv1.1_2016`), and load balancer listeners whose `SslPolicy` still accepts TLS 1.0 or 1.1
(`ELBSecurityPolicy-2016-08` and the like).

## Why is this bad?
TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on weak hash constructions and cipher
suites, and keeping them lets an attacker in the path negotiate clients down to them.

## Example
```yaml template.yaml
Resources:
  ApiDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      EndpointConfiguration:
        Types: [REGIONAL]
      SecurityPolicy: TLS_1_0
```

## Use instead
```yaml template.yaml
Resources:
  ApiDomain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      RegionalCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      EndpointConfiguration:
        Types: [REGIONAL]
      SecurityPolicy: TLS_1_2
```

## Known problems
Only policies written in the template are checked. A CloudFront distribution on its default
`*.cloudfront.net` certificate always accepts TLS 1.0 and cannot be changed without a custom
certificate; default endpoints of REST APIs accept TLS 1.0 too (use a custom domain and
disable the default endpoint).

## References
- https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
- https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
""",
)

__all__ = ["RULE", "check"]
