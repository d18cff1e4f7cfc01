"""AWS::Serverless::Function: settings, Globals, code, Policies, the generated role, URLs."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import AuthKind, Ref, ResourceKind, TriggerKind, Unresolved
from tests.loaders.cloudformation.helpers import load, texts, where

BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"

FUNCTION = """
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    Timeout: 10
    Layers: [arn:aws:lambda:eu-west-1:111111111111:layer:shared:1]
    Environment:
      Variables:
        LOG_LEVEL: INFO
        STAGE: global
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/api/
      Timeout: "30"
      MemorySize: 512
      ReservedConcurrentExecutions: 5
      Tracing: Active
      KmsKeyArn: arn:aws:kms:eu-west-1:111111111111:key/abc
      Layers: [arn:aws:lambda:eu-west-1:222222222222:layer:other:3]
      VpcConfig:
        SecurityGroupIds: [sg-1]
        SubnetIds: [subnet-1, subnet-2]
      Environment:
        Variables:
          STAGE: local
          TABLE: !Ref Table
      DeadLetterQueue:
        Type: SQS
        TargetArn: arn:aws:sqs:eu-west-1:111111111111:dlq
      EventInvokeConfig:
        MaximumRetryAttempts: 0
        DestinationConfig:
          OnFailure:
            Type: SNS
            Destination: arn:aws:sns:eu-west-1:111111111111:failures
"""


def test_settings_values_and_locations() -> None:
    loaded = load(FUNCTION)
    fn = loaded.app.functions["Api"]
    assert fn.resource_type == "AWS::Serverless::Function"
    assert fn.name == "Api"
    assert where(fn.loc) == loaded.at("Api:\n    Type: AWS::Serverless::Function")
    assert fn.handler is not None and fn.handler.value == "app.handler"
    assert fn.timeout is not None and fn.timeout.value == 30  # "30" read as a number
    assert where(fn.timeout) == loaded.at('"30"')
    assert fn.memory is not None and fn.memory.value == 512
    assert fn.reserved_concurrency is not None and fn.reserved_concurrency.value == 5
    assert fn.tracing is not None and fn.tracing.value == "Active"
    assert fn.env_kms_key is not None and fn.env_kms_key.text().endswith("key/abc")
    assert fn.vpc is not None and texts(fn.vpc.subnets) == ["subnet-1", "subnet-2"]
    assert fn.dead_letter is not None and fn.dead_letter.text().endswith(":dlq")
    assert fn.max_retry_attempts is not None and fn.max_retry_attempts.value == 0
    assert fn.on_failure is not None and fn.on_failure.text().endswith(":failures")
    assert loaded.problems == []


def test_globals_merge_maps_and_lists_with_their_own_locations() -> None:
    loaded = load(FUNCTION)
    fn = loaded.app.functions["Api"]
    assert fn.runtime is not None and fn.runtime.value == "python3.12"
    assert where(fn.runtime) == loaded.at("python3.12")  # the Globals line
    env = fn.environment
    assert env["LOG_LEVEL"].value.value == "INFO"
    assert env["STAGE"].value.value == "local"  # the function's own value wins
    assert where(env["STAGE"].name_loc) == loaded.at("STAGE: local")
    assert env["TABLE"].value.value == Ref("Table")
    assert [layer.text().split(":")[4] for layer in fn.layers] == ["111111111111", "222222222222"]


def test_code_uri_is_a_directory_relative_to_the_template(tmp_path: Path) -> None:
    loaded = load(FUNCTION, tmp_path, path="stacks/template.yaml")
    fn = loaded.app.functions["Api"]
    assert fn.code_uri is not None and fn.code_uri.value == "src/api/"
    assert fn.code_dir == "stacks/src/api"


def test_code_outside_the_root_is_reported_and_dropped(tmp_path: Path) -> None:
    loaded = load(FUNCTION.replace("src/api/", "../../elsewhere/"), tmp_path)
    assert loaded.app.functions["Api"].code_dir is None
    assert loaded.problem_at("outside the scanned root").start_line == loaded.line("../../")


def test_s3_code_inline_code_and_images() -> None:
    loaded = load(
        """
        Resources:
          FromS3:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: s3://bucket/key.zip
          FromMap:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: {Bucket: artefacts, Key: fn.zip}
          Inline:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: "def handler(e, c): pass"
          Image:
            Type: AWS::Serverless::Function
            Properties:
              PackageType: Image
              ImageUri: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/fn:1
        """
    )
    fns = loaded.app.functions
    assert fns["FromS3"].code_dir is None
    assert fns["FromMap"].code_uri is not None
    assert fns["FromMap"].code_uri.value == "s3://artefacts/fn.zip"
    assert fns["Inline"].code_uri is None and fns["Inline"].code_dir is None
    assert fns["Image"].image is True and fns["Image"].code_dir is None
    assert loaded.problems == []


def test_generated_role_with_basic_xray_and_vpc_policies() -> None:
    loaded = load(FUNCTION)
    fn = loaded.app.functions["Api"]
    role = loaded.app.roles["ApiRole"]
    assert fn.role == "ApiRole" and role.functions == ["Api"]
    assert fn.role_value is not None and fn.role_value.value == Ref("ApiRole", "Arn")
    assert role.generated is True
    assert texts(role.managed_policies) == [
        BASIC,
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
    ]
    [trust] = role.trust
    assert (
        trust.principals is not None and trust.principals[0].value.value == "lambda.amazonaws.com"
    )


POLICIES = """
Resources:
  Table:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      PermissionsBoundary: arn:aws:iam::111111111111:policy/boundary
      Policies:
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::111111111111:policy/custom
        - AWSLambdaSQSQueueExecutionRole
        - DynamoDBCrudPolicy:
            TableName: !Ref Table
        - VPCAccessPolicy: {}
        - Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: "*"
        - Statement:
            Effect: Deny
            Action: iam:*
            Resource: "*"
"""


def test_policies_managed_names_become_arns() -> None:
    loaded = load(POLICIES)
    role = loaded.app.roles["FnRole"]
    assert texts(role.managed_policies) == [
        BASIC,
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        "arn:aws:iam::111111111111:policy/custom",
        "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
    ]
    assert where(role.managed_policies[1]) == loaded.at("AmazonS3ReadOnlyAccess")
    assert role.permissions_boundary is not None
    assert role.permissions_boundary.text().endswith("policy/boundary")
    assert loaded.problems == []


def test_policy_template_is_expanded_with_the_users_parameter_node() -> None:
    loaded = load(POLICIES)
    role = loaded.app.roles["FnRole"]
    crud = [s for s in role.statements if s.origin == "SAM template DynamoDBCrudPolicy"]
    assert len(crud) == 1
    statement = crud[0]
    assert "dynamodb:PutItem" in texts(statement.actions)
    assert where(statement.loc) == loaded.at("DynamoDBCrudPolicy")
    table_arn = statement.resources[0].value
    assert isinstance(table_arn, Unresolved)
    assert table_arn.refs == ("Table",)
    assert table_arn.text.endswith(":table/${Table}")
    vpc = [s for s in role.statements if s.origin == "SAM template VPCAccessPolicy"]
    assert texts(vpc[0].resources) == ["*"]


def test_inline_documents_and_bare_statements() -> None:
    loaded = load(POLICIES)
    role = loaded.app.roles["FnRole"]
    inline = [s for s in role.statements if "inline policy" in s.origin]
    assert [(s.effect.value, texts(s.actions)) for s in inline] == [
        ("Allow", ["s3:GetObject"]),
        ("Deny", ["iam:*"]),
    ]
    assert where(inline[1].actions[0]) == loaded.at("iam:*")


def test_missing_and_unknown_template_parameters_are_reported() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                - SQSSendMessagePolicy: {Queue: x}
                - NoSuchPolicyTemplate: {A: b}
        """
    )
    role = loaded.app.roles["FnRole"]
    [statement] = role.statements
    resource = statement.resources[0].value
    assert isinstance(resource, Unresolved)  # never guessed
    assert loaded.problem_at("needs the parameter QueueName").start_line == loaded.line(
        "SQSSendMessagePolicy"
    )
    assert loaded.problem_at("has no parameter Queue")
    assert loaded.problem_at("unknown SAM policy template").start_line == loaded.line("NoSuch")
    assert len(loaded.problems) == 3


def test_explicit_role_is_linked_and_no_role_is_generated() -> None:
    loaded = load(
        """
        Resources:
          Shared:
            Type: AWS::IAM::Role
            Properties:
              RoleName: shared
          ByRef:
            Type: AWS::Serverless::Function
            Properties:
              Role: !GetAtt Shared.Arn
          ByArn:
            Type: AWS::Serverless::Function
            Properties:
              Role: arn:aws:iam::111111111111:role/shared
          External:
            Type: AWS::Serverless::Function
            Properties:
              Role: arn:aws:iam::111111111111:role/elsewhere
        """
    )
    app = loaded.app
    assert set(app.roles) == {"Shared"}
    assert app.functions["ByRef"].role == "Shared"
    assert app.functions["ByArn"].role == "Shared"
    assert app.functions["External"].role is None
    assert app.functions["External"].role_value is not None
    assert app.roles["Shared"].functions == ["ByRef", "ByArn"]


def test_function_url_trigger_auth_cors_and_generated_permission() -> None:
    loaded = load(
        """
        Resources:
          Open:
            Type: AWS::Serverless::Function
            Properties:
              FunctionUrlConfig:
                AuthType: NONE
                Cors:
                  AllowOrigins: ["*"]
                  AllowCredentials: true
          Closed:
            Type: AWS::Serverless::Function
            Properties:
              FunctionUrlConfig:
                AuthType: AWS_IAM
        Outputs:
          Url:
            Value: !GetAtt OpenUrl.FunctionUrl
        """
    )
    app = loaded.app
    assert loaded.problems == []  # OpenUrl is a generated id
    url = app.functions["Open"].url
    assert url is not None and url.auth_type is not None and url.auth_type.value == "NONE"
    assert url.cors is not None and texts(url.cors.allow_origins) == ["*"]
    assert url.cors.allow_credentials is not None and url.cors.allow_credentials.value is True
    [trigger] = app.functions["Open"].triggers
    assert trigger.kind is TriggerKind.FUNCTION_URL and trigger.public is True
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.NONE
    assert where(trigger.auth.loc) == loaded.at("NONE")
    [closed] = app.functions["Closed"].triggers
    assert closed.auth is not None and closed.auth.kind is AuthKind.IAM
    [permission] = app.permissions
    assert permission.generated and permission.principal.value == "*"
    assert permission.function.value == Ref("Open")
    assert permission.function_url_auth_type is not None
    assert permission.function_url_auth_type.value == "NONE"


def test_function_url_without_auth_type_is_reported_as_unknown() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              FunctionUrlConfig: {InvokeMode: BUFFERED}
        """
    )
    [trigger] = loaded.app.functions["Fn"].triggers
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.UNKNOWN
    assert loaded.problem_at("has no AuthType")


def test_auto_publish_alias_can_be_referenced() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              AutoPublishAlias: live
          Allow:
            Type: AWS::Lambda::Permission
            Properties:
              FunctionName: !Ref FnAliaslive
              Principal: sns.amazonaws.com
        """
    )
    assert loaded.problems == []
    [permission] = loaded.app.permissions
    assert permission.function.value == Ref("FnAliaslive")


def test_other_sam_resources_with_their_globals() -> None:
    loaded = load(
        """
        Globals:
          SimpleTable:
            SSESpecification: {SSEEnabled: true}
          Api:
            Auth:
              DefaultAuthorizer: AWS_IAM
        Resources:
          Table:
            Type: AWS::Serverless::SimpleTable
            Properties:
              TableName: sessions
          Layer:
            Type: AWS::Serverless::LayerVersion
            Properties:
              LayerName: deps
              ContentUri: layer/
              CompatibleRuntimes: [python3.12]
          Machine:
            Type: AWS::Serverless::StateMachine
            Properties:
              Type: EXPRESS
              Logging: {Level: ERROR}
              Tracing: {Enabled: true}
              Policies:
                - LambdaInvokePolicy: {FunctionName: !Ref Fn}
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Get: {Type: Api, Properties: {Path: /, Method: GET}}
        """
    )
    assert loaded.problems == [], loaded.messages()
    resources = loaded.app.resources
    table = resources["Table"]
    assert table.kind is ResourceKind.TABLE
    assert table.encrypted is not None and table.encrypted.value is True
    assert where(table.encrypted) == loaded.at("true")  # from Globals
    layer = resources["Layer"]
    assert layer.kind is ResourceKind.LAYER and texts(layer.extra["compatible_runtimes"]) == [
        "python3.12"
    ]
    machine = resources["Machine"]
    assert machine.kind is ResourceKind.STATE_MACHINE
    assert machine.extra["tracing"].value is True
    assert machine.extra["role"].value == Ref("MachineRole", "Arn")
    role = loaded.app.roles["MachineRole"]
    assert role.generated and role.functions == []
    [statement] = role.statements
    assert texts(statement.actions) == ["lambda:InvokeFunction"]
    [trigger] = loaded.app.functions["Fn"].triggers
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.IAM  # Globals.Api
