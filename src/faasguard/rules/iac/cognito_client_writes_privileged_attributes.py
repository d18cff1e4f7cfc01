"""IAC010: a Cognito app client that lets users write privileged-looking custom attributes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, ResourceKind
from faasguard.rules.iac._cognito import PRIVILEGED_ATTRIBUTE, attribute_name, write_attributes


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    privileged = re.compile(str(ctx.option("privileged-pattern", PRIVILEGED_ATTRIBUTE)))
    for client in app.resources_of(ResourceKind.USER_POOL_CLIENT):
        attributes = write_attributes(client)
        if not isinstance(attributes, list):
            continue  # unset (IAC011) or unknown
        for value in attributes:
            if not value.known or not value.text().strip().startswith("custom:"):
                continue
            name = attribute_name(value)
            if not privileged.search(name):
                continue
            yield Hit(
                message=f"app client {client.id} lets users write custom:{name}, which looks "
                "like an authorization attribute: users can grant it to themselves",
                location=value.loc,
                resource=client.id,
                evidence=f"write custom:{name}",
            )


RULE = Rule(
    id="IAC010",
    name="cognito-client-writes-privileged-attributes",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.HIGH,
    summary="A Cognito app client lets users write a custom attribute that looks like a role, "
    "group, tier or tenant.",
    cwe=(269, 639),
    confidence=Confidence.MEDIUM,
    remediation="Remove the attribute from the client's WriteAttributes (keep it readable) and set "
    "it only from trusted code with AdminUpdateUserAttributes.",
    references=(
        "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html",
    ),
    options={"privileged-pattern": PRIVILEGED_ATTRIBUTE},
    check=check,
    doc="""
## What it does
Reports custom attributes in a Cognito user pool client's write attributes
(`WriteAttributes`, `write_attributes`) whose names look like authorization data: role,
group, admin, tier, plan, permission, scope, tenant and similar (option `privileged-pattern`).

## Why is this bad?
Whatever an app client may write, every signed-in user may write for themselves with
`UpdateUserAttributes` and their own access token. If the backend or an authorizer trusts
`custom:role` or `custom:tenant` from the ID token, any user can make themselves an admin or
read another tenant's data.

## Example
```yaml template.yaml
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      Schema:
        - Name: role
          AttributeDataType: String
          Mutable: true
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      WriteAttributes:
        - email
        - custom:role
```

## Use instead
```yaml template.yaml
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      Schema:
        - Name: role
          AttributeDataType: String
          Mutable: true
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref UserPool
      ReadAttributes:
        - email
        - custom:role
      WriteAttributes:
        - email
```

## Known problems
The check goes by name. A harmless attribute with a matching name (`custom:plan_notes`) is
reported; a privileged attribute with an innocent name is not.

## References
- https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
""",
)

__all__ = ["RULE", "check"]
