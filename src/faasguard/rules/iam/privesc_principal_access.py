"""IAM002: a principal can act as another, more privileged principal."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.methods import PrivescCategory
from faasguard.model.app import App
from faasguard.rules.iam._paths import category_hits


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    return category_hits(
        app, PrivescCategory.PRINCIPAL_ACCESS, "can act as another, more privileged principal"
    )


RULE = Rule(
    id="IAM002",
    name="privesc-principal-access",
    category=Category.PRIVESC_PATH,
    severity=Severity.HIGH,
    summary="A role, user or group can take over another principal (access keys, login "
    "profiles, trust policies, sts:AssumeRole) that has more permissions.",
    cwe=(269, 250),
    confidence=Confidence.HIGH,
    remediation="Scope iam:CreateAccessKey, iam:*LoginProfile, iam:UpdateAssumeRolePolicy and "
    "sts:AssumeRole to the principals the function manages, and make sure none of them holds "
    "permissions the function's own role lacks.",
    references=(
        "https://pathfinding.cloud/",
        "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/",
    ),
    check=check,
    doc="""
## What it does
Reports principals that can obtain another principal's permissions: create access keys or a
console password for another user (`iam:CreateAccessKey`, `iam:CreateLoginProfile`,
`iam:UpdateLoginProfile`), rewrite a role's trust policy (`iam:UpdateAssumeRolePolicy`), attach
or write a policy on another role or user and then use it (`iam:AttachRolePolicy` with
`sts:AssumeRole`, `iam:PutUserPolicy` with `iam:CreateAccessKey`, ...), or assume a role with
more permissions (`sts:AssumeRole`). The target must be reachable by the statement's resources
and, for a single action such as `sts:AssumeRole`, have more permissions than the principal (a
role's trust policy must also let it in). Targets declared in the project are checked by name;
a wildcard that also reaches principals outside the project is reported with medium
confidence, since faasguard cannot see them.

## Why is this bad?
`iam:CreateAccessKey` on `*` turns the function into a key factory for every user in the
account, administrators included; `sts:AssumeRole` on `*` hands over every role whose trust
policy names the account. The escalation needs no exploit of IAM itself, only the function's
credentials.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  KeyRotationFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - iam:CreateAccessKey
                - iam:DeleteAccessKey
              Resource: "*"
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  UploaderUser:
    Type: AWS::IAM::User
    Properties:
      Policies:
        - PolicyName: uploads
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: arn:aws:s3:::shop-uploads/*
  KeyRotationFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - iam:CreateAccessKey
                - iam:DeleteAccessKey
              Resource: !GetAtt UploaderUser.Arn
            - Effect: Allow
              Action: s3:PutObject
              Resource: arn:aws:s3:::shop-uploads/*
```

## Known problems
The two actions of a combined method are checked separately, not on the very same target.
Trust policies of roles outside the project are unknown.

## References
- https://pathfinding.cloud/
""",
)

__all__ = ["RULE", "check"]
