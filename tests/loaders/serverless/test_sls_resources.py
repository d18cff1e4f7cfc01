"""`resources` (embedded CloudFormation), generated resources, layers."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import Ref, ResourceKind
from tests.loaders.serverless.helpers import load, position, texts, where

RESOURCES = """
service: shop
provider:
  name: aws
  environment:
    TABLE: !Ref Table
    REGION_NAME: !FindInMap [Regions, eu, name]
    SIZE: !Ref TableSize
    API: !Ref ApiGatewayRestApi
functions:
  f:
    handler: a.a
resources:
  - Parameters:
      TableSize:
        Type: Number
        Default: 5
      DbPassword:
        Type: String
        Default: hunter2
    Mappings:
      Regions:
        eu: {name: europe}
    Resources:
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          SSESpecification:
            SSEEnabled: true
  - Resources:
      Queue:
        Type: AWS::SQS::Queue
      ExtraPolicy:
        Type: AWS::IAM::Policy
        Properties:
          PolicyName: extra
          Roles: [!Ref IamRoleLambdaExecution]
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Queue.Arn
      IamRoleLambdaExecution:
        Properties:
          Description: an override of the generated role
    Outputs:
      QueueUrl:
        Value: !Ref Queue
"""


def test_resources_are_loaded_into_the_same_app() -> None:
    loaded = load(RESOURCES)
    resources = loaded.app.resources
    assert resources["Table"].kind is ResourceKind.TABLE
    assert where(resources["Table"].loc) == loaded.at("Table:\n")
    assert resources["Queue"].kind is ResourceKind.QUEUE
    env = loaded.app.functions["f"].environment
    assert env["TABLE"].value.value == Ref("Table")
    assert env["REGION_NAME"].value.value == "europe"
    assert env["SIZE"].value.value == 5
    assert env["API"].value.value == Ref("ApiGatewayRestApi")
    assert loaded.problems == []


def test_parameters() -> None:
    loaded = load(RESOURCES)
    parameters = loaded.app.parameters
    assert set(parameters) == {"TableSize", "DbPassword"}
    password = parameters["DbPassword"]
    assert password.type == "String"
    assert password.default is not None and password.default.value == "hunter2"
    assert where(password.default) == loaded.at("hunter2")
    assert password.no_echo is None


def test_policies_attach_to_the_generated_role() -> None:
    loaded = load(RESOURCES)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    attached = [s for s in role.statements if texts(s.actions) == ["sqs:SendMessage"]]
    assert len(attached) == 1
    assert attached[0].resources[0].value == Ref("Queue", "Arn")


def test_resources_from_other_files(tmp_path: Path) -> None:
    files = {
        "resources/queues.yml": "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n",
        "resources/buckets.yml": "Resources:\n  Assets:\n    Type: AWS::S3::Bucket\n",
    }
    text = """
    service: s
    provider:
      name: aws
    functions:
      f:
        handler: a.a
    resources:
      - ${file(./resources/queues.yml)}
      - ${file(./resources/buckets.yml)}
    """
    loaded = load(text, tmp_path, files=files)
    jobs = loaded.app.resources["Jobs"]
    assert jobs.loc.path == "resources/queues.yml"
    assert where(jobs.loc) == position(files["resources/queues.yml"], "Jobs")
    assert loaded.app.resources["Assets"].loc.path == "resources/buckets.yml"
    assert {"resources/queues.yml", "resources/buckets.yml"} <= set(loaded.app.files)


def test_deployment_bucket_defaults() -> None:
    loaded = load("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.a\n")
    bucket = loaded.app.resources["ServerlessDeploymentBucket"]
    assert bucket.kind is ResourceKind.BUCKET and bucket.extra["generated_by"] == "serverless"
    assert bucket.encryption is not None and bucket.encryption.value == "AES256"
    assert bucket.public_access_block is None
    deny = bucket.policy[0]
    assert deny.effect.value == "Deny"
    assert texts(deny.conditions["Bool"]["aws:SecureTransport"]) == ["false"]
    assert where(bucket.loc) == loaded.at("provider:")


def test_deployment_bucket_settings() -> None:
    text = """
    service: s
    provider:
      name: aws
      deploymentBucket:
        blockPublicAccess: true
        serverSideEncryption: aws:kms
        versioning: true
    """
    loaded = load(text)
    bucket = loaded.app.resources["ServerlessDeploymentBucket"]
    assert bucket.encryption is not None and bucket.encryption.value == "aws:kms"
    assert bucket.public_access_block is not None
    assert all(flag.value is True for flag in bucket.public_access_block.values())
    assert bucket.versioning is not None
    named = load(text.replace("blockPublicAccess: true", "name: my-deployments"))
    assert "ServerlessDeploymentBucket" not in named.app.resources


def test_layers() -> None:
    text = """
    service: s
    provider:
      name: aws
    layers:
      tools:
        path: layer
        compatibleRuntimes: [python3.12]
        allowedAccounts:
          - "*"
          - "222222222222"
    functions:
      f:
        handler: a.a
        layers:
          - !Ref ToolsLambdaLayer
    """
    loaded = load(text)
    layer = loaded.app.resources["ToolsLambdaLayer"]
    assert layer.kind is ResourceKind.LAYER
    assert layer.name is not None and layer.name.value == "tools"
    assert texts(layer.extra["compatible_runtimes"]) == ["python3.12"]
    principals = [p for s in layer.policy for p in s.principals or []]
    assert [(p.kind, p.value.value) for p in principals] == [("*", "*"), ("AWS", "222222222222")]
    assert loaded.app.functions["f"].layers[0].value == Ref("ToolsLambdaLayer")
    assert loaded.problems == []


def test_resources_of_the_wrong_shape_are_reported() -> None:
    text = """
    service: s
    provider:
      name: aws
    resources:
      Resources:
        - not: a map of resources
    """
    loaded = load(text)
    assert loaded.problem_at("resources.Resources should be a map").start_line == loaded.line(
        "- not"
    )


def test_ref_to_nothing_is_reported() -> None:
    text = "service: s\nprovider:\n  name: aws\n  environment:\n    X: !Ref Nothing\n"
    text += "functions:\n  f:\n    handler: a.a\n"
    loaded = load(text)
    assert loaded.problem_at("'Nothing'").start_line == loaded.line("!Ref Nothing")
