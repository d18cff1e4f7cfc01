"""Execution roles: the shared generated role, per-function roles, custom roles."""

from __future__ import annotations

from faasguard.model import Ref, Unresolved
from tests.loaders.serverless.helpers import load, texts, where

SHARED = """
service: shop
provider:
  name: aws
  tracing:
    lambda: true
  iam:
    role:
      name: shop-role
      permissionsBoundary: arn:aws:iam::111111111111:policy/boundary
      managedPolicies:
        - arn:aws:iam::aws:policy/AdministratorAccess
      statements:
        - Effect: Allow
          Action: dynamodb:*
          Resource: "*"
        - Effect: Deny
          Action: [s3:DeleteObject]
          Resource: !Join ["", [!GetAtt Bucket.Arn, "/*"]]
          Condition:
            StringEquals:
              aws:RequestedRegion: eu-west-1
functions:
  api:
    handler: a.a
    vpc:
      securityGroupIds: [sg-1]
      subnetIds: [subnet-1]
    destinations:
      onFailure: arn:aws:sqs:eu-west-1:111111111111:failed
      onSuccess: other
  other:
    handler: b.b
resources:
  Resources:
    Bucket:
      Type: AWS::S3::Bucket
"""


def test_shared_generated_role() -> None:
    loaded = load(SHARED)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    assert role.generated and role.functions == ["api", "other"]
    assert where(role.loc) == loaded.at("role:")
    assert role.name is not None and role.name.value == "shop-role"
    assert role.permissions_boundary is not None
    assert role.permissions_boundary.value.endswith("policy/boundary")
    assert texts(role.managed_policies) == [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    ]
    assert where(role.managed_policies[1]) == loaded.at("vpc:")
    trust = role.trust[0]
    assert (
        trust.principals is not None and trust.principals[0].value.value == "lambda.amazonaws.com"
    )
    for fn in loaded.app.functions.values():
        assert fn.role == "IamRoleLambdaExecution"
        assert fn.role_value is not None and fn.role_value.value == Ref(
            "IamRoleLambdaExecution", "Arn"
        )


def test_shared_role_statements() -> None:
    loaded = load(SHARED)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    by_origin: dict[str, list[object]] = {}
    for statement in role.statements:
        by_origin.setdefault(statement.origin, []).append(statement)
    provided = [s for s in role.statements if s.origin == "serverless provider.iam.role.statements"]
    assert [texts(s.actions) for s in provided] == [["dynamodb:*"], ["s3:DeleteObject"]]
    assert where(provided[0]) == loaded.at("Effect: Allow")
    assert where(provided[0].actions[0]) == loaded.at("dynamodb:*")
    assert provided[1].effect.value == "Deny"
    deny_resource = provided[1].resources[0].value
    assert isinstance(deny_resource, Unresolved) and deny_resource.refs == ("Bucket",)
    assert texts(provided[1].conditions["StringEquals"]["aws:RequestedRegion"]) == ["eu-west-1"]
    logs = [s for s in role.statements if s.origin == "serverless generated: logs"]
    assert [texts(s.actions) for s in logs] == [
        ["logs:CreateLogStream", "logs:CreateLogGroup", "logs:TagResource"],
        ["logs:PutLogEvents"],
    ]
    assert "log-group:/aws/lambda/shop-dev*:*" in str(logs[0].resources[0].value)
    xray = [s for s in role.statements if "X-Ray" in s.origin]
    assert [texts(s.actions) for s in xray] == [
        ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    ]
    destinations = [s for s in role.statements if s.origin == "serverless generated: destination"]
    assert {(texts(s.actions)[0], str(s.resources[0].value)) for s in destinations} == {
        ("sqs:SendMessage", "arn:aws:sqs:eu-west-1:111111111111:failed"),
        ("lambda:InvokeFunction", "other.Arn"),
    }


def test_legacy_provider_iam_settings() -> None:
    text = """
    service: old
    provider:
      name: aws
      iamRoleStatements:
        - Effect: Allow
          Action: [s3:GetObject]
          Resource: arn:aws:s3:::bucket/*
      iamManagedPolicies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
      rolePermissionsBoundary: arn:aws:iam::111111111111:policy/legacy
    functions:
      f:
        handler: a.a
    """
    loaded = load(text)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    legacy = [s for s in role.statements if s.origin == "serverless provider.iamRoleStatements"]
    assert [texts(s.resources) for s in legacy] == [["arn:aws:s3:::bucket/*"]]
    assert texts(role.managed_policies) == ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    assert role.permissions_boundary is not None
    assert where(role.loc) == loaded.at("iamRoleStatements:")


PER_FUNCTION = """
service: shop
plugins:
  - serverless-iam-roles-per-function
custom:
  serverless-iam-roles-per-function:
    defaultInherit: false
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: sns:Publish
          Resource: "*"
functions:
  scoped:
    handler: a.a
    iamRoleStatementsName: scoped-role
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:GetItem
        Resource: arn:aws:dynamodb:eu-west-1:111111111111:table/orders
  inheriting:
    handler: b.b
    iamRoleStatementsInherit: true
    iamRoleStatements:
      - Effect: Allow
        Action: s3:GetObject
        Resource: arn:aws:s3:::b/*
  plain:
    handler: c.c
"""


def test_per_function_roles_with_the_plugin() -> None:
    loaded = load(PER_FUNCTION)
    roles = loaded.app.roles
    assert set(roles) == {
        "ScopedIamRoleLambdaExecution",
        "InheritingIamRoleLambdaExecution",
        "IamRoleLambdaExecution",
    }
    scoped = roles["ScopedIamRoleLambdaExecution"]
    assert scoped.generated and scoped.functions == ["scoped"]
    assert scoped.name is not None and scoped.name.value == "scoped-role"
    own = [texts(s.actions) for s in scoped.statements if "iamRoleStatements" in s.origin]
    assert own == [["dynamodb:GetItem"]]
    assert not [s for s in scoped.statements if s.origin.startswith("serverless provider")]
    inheriting = roles["InheritingIamRoleLambdaExecution"]
    origins = {s.origin for s in inheriting.statements}
    assert "serverless provider.iam.role.statements" in origins
    assert roles["IamRoleLambdaExecution"].functions == ["plain"]
    assert loaded.app.functions["scoped"].role == "ScopedIamRoleLambdaExecution"
    assert loaded.problems == []


def test_function_statements_without_the_plugin_are_reported() -> None:
    loaded = load(PER_FUNCTION.replace("  - serverless-iam-roles-per-function\n", "  - other\n"))
    assert set(loaded.app.roles) == {"IamRoleLambdaExecution"}
    assert loaded.app.roles["IamRoleLambdaExecution"].functions == ["scoped", "inheriting", "plain"]
    located = [p.location.start_line for p in loaded.problems if "plugin" in p.message]
    assert located == [loaded.line("iamRoleStatements:", 1), loaded.line("iamRoleStatements:", 2)]


CUSTOM = """
service: shop
provider:
  name: aws
functions:
  byName:
    handler: a.a
    role: CustomRole
  byGetAtt:
    handler: b.b
    role: !GetAtt CustomRole.Arn
  byArn:
    handler: c.c
    role: arn:aws:iam::111111111111:role/external
  missing:
    handler: d.d
    role: NoSuchRole
resources:
  Resources:
    CustomRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Statement:
            - Effect: Allow
              Principal: {Service: lambda.amazonaws.com}
              Action: sts:AssumeRole
        Policies:
          - PolicyName: inline
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: "*"
                  Resource: "*"
"""


def test_custom_roles() -> None:
    loaded = load(CUSTOM)
    functions = loaded.app.functions
    assert "IamRoleLambdaExecution" not in loaded.app.roles
    role = loaded.app.roles["CustomRole"]
    assert set(role.functions) == {"byName", "byGetAtt"}
    assert not role.generated
    assert functions["byName"].role == "CustomRole"
    assert functions["byGetAtt"].role == "CustomRole"
    assert functions["byArn"].role is None
    assert functions["byArn"].role_value is not None
    assert functions["byArn"].role_value.value == "arn:aws:iam::111111111111:role/external"
    assert functions["missing"].role is None
    assert loaded.problem_at("'NoSuchRole' is not a resource").start_line == loaded.line("NoSuch")


def test_provider_role_for_every_function() -> None:
    text = """
    service: s
    provider:
      name: aws
      iam:
        role: arn:aws:iam::111111111111:role/shared
    functions:
      f:
        handler: a.a
    """
    loaded = load(text)
    assert loaded.app.roles == {}
    fn = loaded.app.functions["f"]
    assert fn.role is None and fn.role_value is not None
    assert where(fn.role_value) == loaded.at("arn:aws:iam")


def test_statements_of_the_wrong_shape_are_reported() -> None:
    text = """
    service: s
    provider:
      name: aws
      iam:
        role:
          statements:
            - just text
            - Effect: Allow
              Action: s3:GetObject
              Resource: "*"
    functions:
      f:
        handler: a.a
    """
    loaded = load(text)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    provided = [s for s in role.statements if s.origin.startswith("serverless provider")]
    assert len(provided) == 1 and texts(provided[0].actions) == ["s3:GetObject"]
    assert loaded.problem_at("a statement should be a map").start_line == loaded.line("just text")
