"""AWS::Serverless::Connector expanded from SAM's connector profiles."""

from __future__ import annotations

from faasguard.model import Ref, Unresolved
from tests.loaders.cloudformation.helpers import load, texts, where

TEMPLATE = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt ConsumerRole.Arn
  ConsumerRole:
    Type: AWS::IAM::Role
  Table:
    Type: AWS::DynamoDB::Table
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
  Api:
    Type: AWS::Serverless::HttpApi
  FnToTable:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination: {Id: Table}
      Permissions: [Read, Write]
  QueueToConsumer:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Queue}
      Destination: {Id: Consumer}
      Permissions: [Read, Write]
  TopicToQueue:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Topic}
      Destination: {Id: Queue}
      Permissions: [Write]
  ApiToFn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Api}
      Destination: {Id: Fn}
      Permissions: [Write]
  FnToExternal:
    Type: AWS::Serverless::Connector
    Properties:
      Source: {Id: Fn}
      Destination:
        Type: AWS::S3::Bucket
        Arn: arn:aws:s3:::external
      Permissions: [Read]
"""


def test_source_policy_goes_to_the_sources_generated_role() -> None:
    loaded = load(TEMPLATE)
    statements = [s for s in loaded.app.roles["FnRole"].statements if "FnToTable" in s.origin]
    assert [s.origin for s in statements] == [
        "SAM connector FnToTable (Read)",
        "SAM connector FnToTable (Write)",
    ]
    read = statements[0]
    assert "dynamodb:GetItem" in texts(read.actions)
    arn, index = (r.value for r in read.resources)
    assert arn == Ref("Table", "Arn")
    assert isinstance(index, Unresolved) and index.text == "${Table.Arn}/index/*"
    assert where(read.loc) == loaded.at("FnToTable:")


def test_destination_policy_goes_to_the_destinations_own_role() -> None:
    loaded = load(TEMPLATE)
    origins = [s.origin for s in loaded.app.roles["ConsumerRole"].statements]
    assert origins == [
        "SAM connector QueueToConsumer (Read)",
        "SAM connector QueueToConsumer (Write)",
    ]


def test_queue_policy_and_lambda_permission_profiles() -> None:
    loaded = load(TEMPLATE)
    [statement] = loaded.app.resources["Queue"].policy
    assert statement.principals is not None
    assert statement.principals[0].value.value == "sns.amazonaws.com"
    assert texts(statement.conditions["ArnEquals"]["aws:SourceArn"]) == [Ref("Topic")]
    [permission] = loaded.app.permissions
    assert permission.generated is True
    assert permission.principal.value == "apigateway.amazonaws.com"
    assert permission.function.value == Ref("Fn", "Arn")


def test_destination_given_by_arn() -> None:
    loaded = load(TEMPLATE)
    [statement] = [s for s in loaded.app.roles["FnRole"].statements if "FnToExternal" in s.origin]
    assert "arn:aws:s3:::external" in texts(statement.resources)
    assert loaded.problems == [], loaded.messages()


def test_impossible_pairs_and_bad_ids_are_reported() -> None:
    loaded = load(
        """
        Resources:
          Table: {Type: AWS::DynamoDB::Table}
          Queue: {Type: AWS::SQS::Queue}
          Nope:
            Type: AWS::Serverless::Connector
            Properties:
              Source: {Id: Table}
              Destination: {Id: Queue}
              Permissions: [Write]
          Ghost:
            Type: AWS::Serverless::Connector
            Properties:
              Source: {Id: Missing}
              Destination: {Id: Queue}
              Permissions: [Write]
        """
    )
    assert loaded.problem_at("SAM has no connector").start_line == loaded.line("Nope:")
    assert loaded.problem_at("'Missing' is not a resource").start_line == loaded.line(
        "{Id: Missing}"
    )
