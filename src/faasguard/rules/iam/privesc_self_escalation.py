"""IAM001: a principal can change its own permissions (self-escalation)."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.methods import PrivescCategory
from faasguard.model.app import App
from faasguard.rules.iam._paths import category_hits


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    return category_hits(app, PrivescCategory.SELF_ESCALATION, "can grant itself more permissions")


RULE = Rule(
    id="IAM001",
    name="privesc-self-escalation",
    category=Category.PRIVESC_PATH,
    severity=Severity.HIGH,
    summary="A role, user or group can change its own permissions (iam:PutRolePolicy, "
    "iam:AttachRolePolicy, iam:CreatePolicyVersion on its own policy, ...).",
    cwe=(269, 250),
    confidence=Confidence.HIGH,
    remediation="Remove the IAM write actions from the principal, or scope their Resource to "
    "roles, users, groups and policies that are not its own (a path such as role/tenants/*).",
    references=(
        "https://pathfinding.cloud/",
        "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
    ),
    check=check,
    doc="""
## What it does
Reports the principals of the project (function roles first) whose own policies let them add
to their own permissions: an inline policy on their own role or user (`iam:PutRolePolicy`,
`iam:PutUserPolicy`), a managed policy attached to themselves (`iam:AttachRolePolicy`,
`iam:AttachUserPolicy`, `iam:AttachGroupPolicy` and `iam:PutGroupPolicy` on a group they are
in), a new default version of a customer managed policy attached to them
(`iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`), joining a more privileged group
(`iam:AddUserToGroup`), or removing their permissions boundary. The methods come from
`faasguard/data/privesc.json` (pathfinding.cloud, Rhino Security Labs, cloudsplaining and
others). Wildcards, `NotAction`, `NotResource`, Deny statements and conditions are evaluated;
a grant scoped to other principals is not a path. Function roles are high (critical when a
function using the role is public and unauthenticated), other principals medium.

## Why is this bad?
A function that can write its own role's policy is an administrator as soon as its code is
compromised: the attacker adds `"Action": "*"` to the role and uses the function's temporary
credentials for everything else. The narrow statements around it protect nothing.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  TenantAdminFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action: iam:PutRolePolicy
              Resource: !Sub arn:aws:iam::${AWS::AccountId}:role/*
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  TenantAdminRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: tenant-admin
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: tenant-roles
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: iam:PutRolePolicy
                Resource: !Sub arn:aws:iam::${AWS::AccountId}:role/tenants/*
  TenantAdminFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Role: !GetAtt TenantAdminRole.Arn
```

## Known problems
A role whose name is generated (no `RoleName`) may be matched by any role pattern, so a
pattern such as `role/app-*` is reported with low confidence. Group membership is not
modelled: a user's group policies are not added to its own.

## References
- https://pathfinding.cloud/
- https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
""",
)

__all__ = ["RULE", "check"]
