"""IAM roles, users, groups and the policies attached to them."""

from __future__ import annotations

from faasguard.model import Ref, RoleKind
from tests.loaders.cloudformation.helpers import load, texts, where

TEMPLATE = """
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
        - !Ref Shared
      PermissionsBoundary: arn:aws:iam::111111111111:policy/boundary
      Policies:
        - PolicyName: inline-one
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub "${Bucket.Arn}/*"
                Condition:
                  Bool: {aws:SecureTransport: "true"}
        - PolicyName: broken
  Bucket:
    Type: AWS::S3::Bucket
  User:
    Type: AWS::IAM::User
    Properties:
      UserName: deployer
      Policies:
        - PolicyName: everything
          PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
  Group:
    Type: AWS::IAM::Group
    Properties:
      GroupName: admins
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: sqs:*
            Resource: "*"
  ByRef:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: by-ref
      Roles: [!Ref Role]
      Groups: [admins]
      PolicyDocument:
        Statement:
          - Effect: Deny
            NotAction: iam:PassRole
            NotResource: arn:aws:iam::111111111111:role/x
  ManagedByName:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Users: [deployer]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: kms:Decrypt, Resource: "*"}
"""


def test_role_trust_inline_managed_and_boundary() -> None:
    loaded = load(TEMPLATE)
    role = loaded.app.roles["Role"]
    assert role.kind is RoleKind.ROLE
    assert role.name is not None and role.name.value == "app-role"
    [trust] = role.trust
    assert trust.principals is not None
    assert [(p.kind, p.value.value) for p in trust.principals] == [
        ("Service", "lambda.amazonaws.com")
    ]
    assert texts(role.managed_policies) == [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        Ref("Shared"),
    ]
    assert role.permissions_boundary is not None
    inline = [s for s in role.statements if s.origin == "inline policy inline-one"]
    assert len(inline) == 1
    assert texts(inline[0].actions) == ["s3:GetObject", "s3:PutObject"]
    assert where(inline[0].actions[1]) == loaded.at("s3:PutObject")
    assert texts(inline[0].conditions["Bool"]["aws:SecureTransport"]) == ["true"]
    assert loaded.problem_at("inline policy broken has no PolicyDocument")


def test_policies_attach_by_reference_and_by_name() -> None:
    loaded = load(TEMPLATE)
    roles = loaded.app.roles
    by_ref = [s for s in roles["Role"].statements if s.origin == "policy by-ref"]
    assert len(by_ref) == 1 and by_ref[0].not_actions is not None
    assert texts(by_ref[0].not_actions) == ["iam:PassRole"]
    group = [s.origin for s in roles["Group"].statements]
    assert group == ["policy by-ref"]
    assert roles["Group"].kind is RoleKind.GROUP
    user = [s.origin for s in roles["User"].statements]
    assert user == ["inline policy everything", "managed policy ManagedByName"]
    assert roles["User"].kind is RoleKind.USER


def test_template_managed_policy_is_expanded_once_into_roles_listing_it() -> None:
    loaded = load(TEMPLATE)
    shared = [s for s in loaded.app.roles["Role"].statements if s.origin == "managed policy Shared"]
    assert len(shared) == 1
    assert texts(shared[0].actions) == ["sqs:*"]
    assert where(shared[0].loc) == loaded.at("Effect: Allow\n            Action: sqs:*")
