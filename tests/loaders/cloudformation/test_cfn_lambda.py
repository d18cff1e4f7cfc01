"""Plain CloudFormation Lambda resources: functions, permissions, URLs, event source
mappings, invoke configs, aliases, layers and code signing."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import AuthKind, Ref, ResourceKind, TriggerKind
from tests.loaders.cloudformation.helpers import load, texts, where

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders-api
      Runtime: nodejs16.x
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Code:
        S3Bucket: artefacts
        S3Key: orders.zip
      TracingConfig: {Mode: PassThrough}
      DeadLetterConfig: {TargetArn: !GetAtt Dlq.Arn}
      CodeSigningConfigArn: !Ref Signing
      Environment:
        Variables:
          DB_PASSWORD: hunter2
  Inline:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111111111111:role/external
      Code:
        ZipFile: "def handler(event, context): return 1"
  Image:
    Type: AWS::Lambda::Function
    Properties:
      PackageType: Image
      Code: {ImageUri: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/fn:1}
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
  Stream:
    Type: AWS::Kinesis::Stream
  Signing:
    Type: AWS::Lambda::CodeSigningConfig
    Properties:
      AllowedPublishers:
        SigningProfileVersionArns: [arn:aws:signer:eu-west-1:1:/signing-profiles/p/1]
      CodeSigningPolicies: {UntrustedArtifactOnDeployment: Warn}
  Public:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Fn
      Principal: "*"
  FromBucket:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: orders-api
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::uploads
      SourceAccount: !Ref AWS::AccountId
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
      AuthType: NONE
      Cors: {AllowOrigins: ["https://a.example"]}
  FromQueue:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: !GetAtt Queue.Arn
  FromStream:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: orders-api
      EventSourceArn: !GetAtt Stream.Arn
  FromExternalTable:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Fn
      EventSourceArn: arn:aws:dynamodb:eu-west-1:1:table/t/stream/2024
  FromKafka:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: !Ref Inline
      SelfManagedEventSource: {Endpoints: {KafkaBootstrapServers: [b:9092]}}
  Async:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Fn
      Qualifier: $LATEST
      MaximumRetryAttempts: 1
      DestinationConfig: {OnFailure: {Destination: !GetAtt Dlq.Arn}}
  Live:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Inline
      FunctionVersion: "1"
      Name: live
  AliasPermission:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Live
      Principal: sns.amazonaws.com
  Layer:
    Type: AWS::Lambda::LayerVersion
    Properties:
      LayerName: shared
      CompatibleRuntimes: [python3.12]
      Content: {S3Bucket: artefacts, S3Key: layer.zip}
  LayerShare:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      LayerVersionArn: !Ref Layer
      Action: lambda:GetLayerVersion
      Principal: "*"
      OrganizationId: o-123
"""


def test_function_values_locations_and_role_link() -> None:
    loaded = load(TEMPLATE)
    fn = loaded.app.functions["Fn"]
    assert fn.name == "orders-api"
    assert fn.resource_type == "AWS::Lambda::Function"
    assert fn.runtime is not None and fn.runtime.value == "nodejs16.x"
    assert fn.code_uri is not None and fn.code_uri.value == "s3://artefacts/orders.zip"
    assert fn.code_dir is None
    assert fn.tracing is not None and fn.tracing.value == "PassThrough"
    assert fn.dead_letter is not None and fn.dead_letter.value == Ref("Dlq", "Arn")
    assert fn.code_signing is not None and fn.code_signing.value == Ref("Signing")
    assert fn.role == "Role" and loaded.app.roles["Role"].functions == ["Fn"]
    secret = fn.environment["DB_PASSWORD"]
    assert where(secret.value) == loaded.at("hunter2")
    assert loaded.app.functions["Inline"].role is None
    assert loaded.app.functions["Image"].image is True
    assert loaded.problems == [], loaded.messages()


def test_permissions_keep_what_was_written() -> None:
    loaded = load(TEMPLATE)
    permissions = {p.id: p for p in loaded.app.permissions}
    public = permissions["Public"]
    assert public.principal.value == "*" and public.source_arn is None
    assert where(public.principal) == loaded.at('"*"')
    assert public.function.value == Ref("Fn")
    bucket = permissions["FromBucket"]
    assert bucket.source_arn is not None and bucket.source_arn.value == "arn:aws:s3:::uploads"
    assert bucket.source_account is not None and not bucket.source_account.known


def test_url_resource_sets_the_url_and_a_public_trigger() -> None:
    loaded = load(TEMPLATE)
    fn = loaded.app.functions["Fn"]
    assert fn.url is not None and fn.url.auth_type is not None
    assert fn.url.auth_type.value == "NONE"
    assert fn.url.cors is not None and texts(fn.url.cors.allow_origins) == ["https://a.example"]
    [url] = [t for t in fn.triggers if t.kind is TriggerKind.FUNCTION_URL]
    assert url.public is True and url.name == "Url"
    assert url.auth is not None and url.auth.kind is AuthKind.NONE
    assert where(url.auth.loc) == loaded.at("NONE")


def test_event_source_mappings_by_source_type_and_arn() -> None:
    loaded = load(TEMPLATE)
    triggers = {t.name: t for t in loaded.app.triggers}
    assert triggers["FromQueue"].kind is TriggerKind.SQS
    assert triggers["FromQueue"].function == "Fn"
    assert triggers["FromStream"].kind is TriggerKind.KINESIS
    assert triggers["FromStream"].function == "Fn"  # found by FunctionName literal
    assert triggers["FromExternalTable"].kind is TriggerKind.DYNAMODB_STREAM
    assert triggers["FromKafka"].kind is TriggerKind.KAFKA
    assert triggers["FromKafka"].function == "Inline"
    assert all(t.public is False for t in triggers.values() if t.name.startswith("From"))


def test_event_invoke_config_alias_layers_and_signing() -> None:
    loaded = load(TEMPLATE)
    fn = loaded.app.functions["Fn"]
    assert fn.max_retry_attempts is not None and fn.max_retry_attempts.value == 1
    assert fn.on_failure is not None and fn.on_failure.value == Ref("Dlq", "Arn")
    alias = loaded.app.resources["Live"]
    assert alias.extra["function"] == "Inline"
    layer = loaded.app.resources["Layer"]
    assert layer.kind is ResourceKind.LAYER
    [share] = layer.policy
    assert share.principals is not None and share.principals[0].kind == "*"
    assert texts(share.conditions["StringEquals"]["aws:PrincipalOrgID"]) == ["o-123"]
    signing = loaded.app.resources["Signing"]
    assert signing.extra["untrusted_artifact_on_deployment"].value == "Warn"
    assert len(signing.extra["signing_profiles"]) == 1


def test_packaged_local_code_and_cdk_asset(tmp_path: Path) -> None:
    loaded = load(
        """
        Resources:
          Packaged:
            Type: AWS::Lambda::Function
            Properties:
              Code: ./build/packaged
          Cdk:
            Type: AWS::Lambda::Function
            Properties:
              Code:
                S3Bucket: !Sub cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}
                S3Key: abc.zip
            Metadata:
              aws:asset:path: asset.abc
              aws:asset:property: Code
        """,
        tmp_path,
        path="cdk.out/Stack.template.yaml",
    )
    assert loaded.app.functions["Packaged"].code_dir == "cdk.out/build/packaged"
    assert loaded.app.functions["Cdk"].code_dir == "cdk.out/asset.abc"
    code_uri = loaded.app.functions["Cdk"].code_uri
    assert code_uri is not None and not code_uri.known


def test_code_signing_without_policies_is_awss_default_warn() -> None:
    loaded = load(
        """
        Resources:
          Signing:
            Type: AWS::Lambda::CodeSigningConfig
            Properties:
              AllowedPublishers:
                SigningProfileVersionArns: [arn:aws:signer:x:1:/signing-profiles/a]
        """
    )
    signing = loaded.app.resources["Signing"]
    action = signing.extra["untrusted_artifact_on_deployment"]
    assert action.value == "Warn" and action.loc == signing.loc  # the default, at the config
    assert where(signing.loc) == loaded.at("Signing:")
