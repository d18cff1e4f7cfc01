"""IAC011: a Cognito app client that does not restrict which attributes users may write."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, ResourceKind
from faasguard.rules.iac._cognito import (
    PRIVILEGED_ATTRIBUTE,
    attribute_name,
    custom_attributes,
    pool_of,
    write_attributes,
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    privileged = re.compile(str(ctx.option("privileged-pattern", PRIVILEGED_ATTRIBUTE)))
    for client in app.resources_of(ResourceKind.USER_POOL_CLIENT):
        if write_attributes(client) is not None:
            continue  # restricted (IAC010 looks at the list) or unknown
        pool = pool_of(app, client)
        names = [attribute_name(v) for v in custom_attributes(pool)] if pool else []
        risky = [n for n in names if privileged.search(n)]
        if risky:
            severity = Severity.HIGH
            detail = f", including custom:{', custom:'.join(risky)}"
        elif pool is not None and not names:
            severity = Severity.LOW  # only standard attributes exist today
            detail = ""
        else:
            severity = Severity.MEDIUM
            detail = ""
        yield Hit(
            message=f"app client {client.id} sets no WriteAttributes: users can write every "
            f"attribute of their profile{detail}",
            location=client.loc,
            resource=client.id,
            severity=severity,
            evidence="write attributes unrestricted",
        )


RULE = Rule(
    id="IAC011",
    name="cognito-client-unrestricted-write-attributes",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.MEDIUM,
    summary="A Cognito app client does not restrict its write attributes, so users can change "
    "every attribute, custom ones included.",
    cwe=(269, 915),
    confidence=Confidence.HIGH,
    remediation="List only the attributes users may edit themselves in the client's "
    "WriteAttributes (`write_attributes`); never custom attributes used for authorization.",
    references=(
        "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes",
        "https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html",
    ),
    options={"privileged-pattern": PRIVILEGED_ATTRIBUTE},
    check=check,
    doc="""
## What it does
Reports Cognito user pool clients without `WriteAttributes` (`write_attributes` in
Terraform). Severity is high when the pool defines custom attributes that look like
authorization data (role, group, tier, tenant...), medium when the pool is unknown or has
other custom attributes, low when it has standard attributes only.

## Why is this bad?
When write attributes are not set, the client may write all of them, and so may every user
signed in through it, with their own access token. Any custom attribute the backend trusts
(now or later) becomes self-service.

## Example
```yaml template.yaml
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      Schema:
        - Name: tier
          AttributeDataType: String
          Mutable: true
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
```

## Use instead
```yaml template.yaml
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      Schema:
        - Name: tier
          AttributeDataType: String
          Mutable: true
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      WriteAttributes:
        - email
        - name
```

## References
- https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
""",
)

__all__ = ["RULE", "check"]
