"""Output formats: the documented JSON form, and SAM, serverless.yml and Terraform snippets
that parse and say the same as the JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import hcl2
import pytest

from faasguard.iam.infer.arn import Arn, Pseudo, RefPart, Style
from faasguard.iam.infer.diff import diff_policy
from faasguard.iam.infer.infer import ProjectPolicies
from faasguard.iam.render import PolicyFormat, hcl_resource, render, yaml_resource
from faasguard.loaders.nodes import to_plain
from faasguard.loaders.yamlread import read_yaml
from tests.iam.infer.support import infer_project, write

TEMPLATE = """Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: orders-api
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          TABLE: !Ref Orders
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders
"""
CODE = """import os
import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE"])

def handler(event, context):
    table.put_item(Item=event)
    boto3.client("s3").get_object(Bucket=event["bucket"], Key="k")
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> ProjectPolicies:
    root = tmp_path_factory.mktemp("render")
    return infer_project(write(root, {"template.yaml": TEMPLATE, "src/app.py": CODE}))


def test_json_form_is_exactly_the_documented_shape(found: ProjectPolicies) -> None:
    data = json.loads(render(found.functions, PolicyFormat.JSON))
    assert list(data) == ["functions"]
    [entry] = data["functions"]
    assert list(entry) == ["function", "resource", "policy", "reasons", "unresolved"]
    assert (entry["function"], entry["resource"]) == ("orders-api", "Fn")
    assert entry["policy"]["Version"] == "2012-10-17"
    assert {tuple(s) for s in entry["policy"]["Statement"]} == {("Effect", "Action", "Resource")}
    for reason in entry["reasons"]:
        assert list(reason) == ["action", "resource", "path", "line", "confidence"]
    put = next(r for r in entry["reasons"] if r["action"] == "dynamodb:PutItem")
    assert (put["resource"], put["path"], put["line"]) == ("${Orders.Arn}", "src/app.py", 7)
    [gap] = entry["unresolved"]
    assert list(gap) == ["message", "path", "line"] and gap["line"] == 8
    low = next(r for r in entry["reasons"] if r["action"] == "s3:GetObject")
    assert (low["resource"], low["confidence"]) == ("arn:${AWS::Partition}:s3:::*/k", "low")


def test_diff_adds_a_diff_entry(found: ProjectPolicies) -> None:
    diffs = [diff_policy(p, found.functions) for p in found.functions]
    [entry] = json.loads(render(found.functions, PolicyFormat.JSON, diffs))["functions"]
    diff = entry["diff"]
    assert diff["role"] == "FnRole"
    unused = {u["action"] for u in diff["unused"]}
    assert {"dynamodb:DeleteItem", "dynamodb:Scan"} <= unused
    assert [m["action"] for m in diff["missing"]] == ["s3:GetObject"]


def _sam_statements(text: str) -> list[dict[str, object]]:
    plain = to_plain(read_yaml(text, "policy.yaml"))
    assert isinstance(plain, dict)
    return plain["Fn"]["Properties"]["Policies"][0]["Statement"]  # type: ignore[no-any-return]


def test_sam_snippet_parses_with_intrinsic_functions(found: ProjectPolicies) -> None:
    statements = _sam_statements(render(found.functions, PolicyFormat.SAM))
    put = next(s for s in statements if s["Action"] == ["dynamodb:PutItem"])
    assert put["Resource"] == [{"Fn::GetAtt": ["Orders", "Arn"]}]
    logs = next(s for s in statements if "logs:PutLogEvents" in s["Action"])  # type: ignore[operator]
    sub = logs["Resource"][0]["Fn::Sub"]  # type: ignore[index]
    own = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}"
    assert sub == f"{own}:log-group:/aws/lambda/orders-api:*"


def test_serverless_snippet_is_per_function_statements(found: ProjectPolicies) -> None:
    plain = to_plain(read_yaml(render(found.functions, PolicyFormat.SERVERLESS), "s.yml"))
    assert isinstance(plain, dict)
    statements = plain["functions"]["Fn"]["iamRoleStatements"]
    assert {a for s in statements for a in s["Action"]} >= {"dynamodb:PutItem", "s3:GetObject"}


def test_terraform_snippet_parses_and_keeps_references(tmp_path: Path) -> None:
    main = """
resource "aws_sqs_queue" "jobs" {}
resource "aws_lambda_function" "fn" {
  function_name = "worker"
  runtime = "python3.12"
  handler = "app.handler"
  filename = "x.zip"
  environment {
    variables = { QUEUE = aws_sqs_queue.jobs.url }
  }
}
"""
    code = "import os, boto3\n\ndef handler(event, context):\n"
    code += "    boto3.client('sqs').send_message(QueueUrl=os.environ['QUEUE'], MessageBody='x')\n"
    found = infer_project(write(tmp_path, {"main.tf": main, "app.py": code}))
    text = render(found.functions, PolicyFormat.TERRAFORM)
    parsed = _unquoted(hcl2.loads(text))
    documents = [d for d in parsed["data"] if "aws_iam_policy_document" in d]
    statements = documents[0]["aws_iam_policy_document"]["fn"]["statement"]
    send = next(s for s in statements if s["actions"] == ["sqs:SendMessage"])
    assert send["resources"] == ["${aws_sqs_queue.jobs.arn}"]
    assert 'data "aws_partition" "current" {}' in text


def _unquoted(value: object) -> Any:
    """python-hcl2 keeps the quotes of string keys and values (7.x): drop them."""
    if isinstance(value, dict):
        return {_unquoted(k): _unquoted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unquoted(v) for v in value]
    if isinstance(value, str) and len(value) > 1 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


@pytest.mark.parametrize(
    ("arn", "cloudformation", "terraform"),
    [
        (Arn.of(RefPart("Queue", "Arn")), "!GetAtt Queue.Arn", '"${Queue.Arn}"'),
        (Arn.of(RefPart("Topic")), "!Ref Topic", '"${Topic}"'),
        (
            Arn.of(RefPart("aws_sns_topic.t", "arn")),
            "!GetAtt aws_sns_topic.t.arn",
            "aws_sns_topic.t.arn",
        ),
        (Arn.of("arn:aws:s3:::b/*"), '"arn:aws:s3:::b/*"', '"arn:aws:s3:::b/*"'),
        (
            Arn.of("arn:", Pseudo.PARTITION, ":s3:::${not-a-ref}"),
            '!Sub "arn:${AWS::Partition}:s3:::${!not-a-ref}"',
            '"arn:${data.aws_partition.current.partition}:s3:::$${not-a-ref}"',
        ),
    ],
)
def test_resources_in_each_syntax(arn: Arn, cloudformation: str, terraform: str) -> None:
    assert yaml_resource(arn) == cloudformation
    assert hcl_resource(arn) == terraform
    assert Arn.of("a", "b", Pseudo.REGION).render(Style.JSON) == "ab${AWS::Region}"
