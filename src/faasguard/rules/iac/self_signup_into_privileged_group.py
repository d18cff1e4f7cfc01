"""IAC012: a user pool where anyone can sign up and a sign-up function can add them to a
privileged group."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.rules.iac._app import role_allows
from faasguard.rules.iac._cognito import PRIVILEGED_GROUP, pool_functions, pool_of, self_signup

_ADD_TO_GROUP = "cognito-idp:AdminAddUserToGroup"


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    privileged = re.compile(str(ctx.option("privileged-group-pattern", PRIVILEGED_GROUP)))
    for group in app.resources_of(ResourceKind.USER_POOL_GROUP):
        name = group.name.text() if group.name is not None and group.name.known else group.id
        if not privileged.search(name):
            continue
        pool = pool_of(app, group)
        if pool is None or self_signup(pool) is not True:
            continue
        adders = _group_adders(app, pool)
        if not adders:
            continue
        yield Hit(
            message=f"anyone can sign up to user pool {pool.id}, and {', '.join(adders)}, run "
            f"by the pool, may add users to the privileged group {name}",
            location=group.name.loc if group.name is not None else group.loc,
            resource=group.id,
            evidence=f"self sign-up {pool.id} group {name}",
        )


def _group_adders(app: App, pool: Resource) -> list[str]:
    """Functions invoked by the pool whose role may call AdminAddUserToGroup."""
    adders = []
    for function_id in pool_functions(app, pool):
        role = app.function_role(app.functions[function_id])
        if role is not None and role_allows(role, _ADD_TO_GROUP):
            adders.append(app.functions[function_id].name)
    return adders


RULE = Rule(
    id="IAC012",
    name="self-signup-into-privileged-group",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.HIGH,
    summary="Users can sign themselves up to a user pool whose sign-up trigger may add them to a "
    "privileged group.",
    cwe=(269, 284),
    confidence=Confidence.MEDIUM,
    remediation="Disable self sign-up (AllowAdminCreateUserOnly) for pools with privileged groups, "
    "or take cognito-idp:AdminAddUserToGroup away from the sign-up trigger and add members to "
    "privileged groups from an administrative path only.",
    references=(
        "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html",
        "https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html",
        "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html",
    ),
    options={"privileged-group-pattern": PRIVILEGED_GROUP},
    check=check,
    doc="""
## What it does
Reports Cognito user pool groups whose names look privileged (admin, staff, moderator, owner,
support...; option `privileged-group-pattern`) in a pool that allows self sign-up (the default
unless `AllowAdminCreateUserOnly` is true) and that invokes a function (a pre sign-up, post
confirmation or other pool trigger) whose role may call `cognito-idp:AdminAddUserToGroup`.

## Why is this bad?
Cognito adds users to groups only when something calls `AdminAddUserToGroup`. A sign-up
trigger allowed to do that decides group membership from what a self-registered user sent:
often a client-supplied attribute or a path in the handler that an attacker can reach. Group
membership then ends up in the `cognito:groups` claim and, through group roles, in IAM
credentials.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
  AdminGroup:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      GroupName: admins
      UserPoolId: !Ref UserPool
  OnboardFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: cognito-idp:AdminAddUserToGroup
              Resource: "*"
      Events:
        Confirmed:
          Type: Cognito
          Properties:
            UserPool: !Ref UserPool
            Trigger: PostConfirmation
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      AdminCreateUserConfig:
        AllowAdminCreateUserOnly: true
  AdminGroup:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      GroupName: admins
      UserPoolId: !Ref UserPool
  OnboardFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: cognito-idp:AdminAddUserToGroup
              Resource: "*"
      Events:
        Confirmed:
          Type: Cognito
          Properties:
            UserPool: !Ref UserPool
            Trigger: PostConfirmation
```

## Known problems
The trigger may add users to a harmless group only; the scan cannot read the handler's logic,
hence medium confidence. Group membership granted by code outside the pool's triggers is not
seen.

## References
- https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-user-groups.html
""",
)

__all__ = ["RULE", "check"]
