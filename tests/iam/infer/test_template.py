"""Resources resolved through the template: environment variables, what ``Ref`` returns per
resource type, Terraform attributes, literal names, customer managed keys, trigger sources."""

from __future__ import annotations

from pathlib import Path

from faasguard.iam.infer.infer import ProjectPolicies
from faasguard.iam.infer.policy import FunctionPolicy
from tests.iam.infer.support import infer_project, write

HANDLER = "import os\nimport boto3\n\n"


def grants(policy: FunctionPolicy) -> set[tuple[str, str]]:
    return {(n.action, n.resource.render()) for n in policy.needs if not n.platform}


def only(found: ProjectPolicies) -> FunctionPolicy:
    assert len(found.functions) == 1
    return found.functions[0]


SAM = """Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: !Ref Key
  Key:
    Type: AWS::KMS::Key
  Topic:
    Type: AWS::SNS::Topic
  Secret:
    Type: AWS::SecretsManager::Secret
  Machine:
    Type: AWS::Serverless::StateMachine
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Environment:
        Variables:
          QUEUE_URL: !Ref Queue
          TOPIC: !Ref Topic
          SECRET: !Ref Secret
          MACHINE: !Ref Machine
          TABLE_NAME: orders-prod
          LOGS: !Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:audit"
"""

SAM_CODE = (
    HANDLER
    + """def handler(event, context):
    boto3.client("sqs").send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody="x")
    boto3.client("sns").publish(TopicArn=os.environ["TOPIC"], Message="x")
    boto3.client("sns").publish(TopicArn=os.environ["LOGS"], Message="x")
    boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["SECRET"])
    boto3.client("stepfunctions").start_execution(stateMachineArn=os.environ["MACHINE"])
    boto3.client("dynamodb").get_item(TableName=os.environ["TABLE_NAME"], Key={})
    boto3.client("dynamodb").get_item(TableName=os.environ["NOT_SET"], Key={})
"""
)


def test_references_resolve_by_what_ref_returns_per_type(tmp_path: Path) -> None:
    policy = only(infer_project(write(tmp_path, {"template.yaml": SAM, "src/app.py": SAM_CODE})))
    assert grants(policy) == {
        ("sqs:SendMessage", "${Queue.Arn}"),  # Ref of a queue is its URL
        ("kms:GenerateDataKey", "${Key.Arn}"),  # the queue's customer managed key
        ("kms:Decrypt", "${Key.Arn}"),
        ("sns:Publish", "${Topic}"),  # Ref of a topic is its ARN
        ("sns:Publish", "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:audit"),
        ("secretsmanager:GetSecretValue", "${Secret}"),  # a secret's ARN has a random suffix
        ("states:StartExecution", "${Machine}"),
        (
            "dynamodb:GetItem",
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/orders-prod",
        ),
        (
            "dynamodb:GetItem",
            "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*",
        ),
    }
    low = [n for n in policy.needs if n.confidence.value == "low"]
    assert [n.resource.render().rsplit("/", 1)[-1] for n in low] == ["*"]
    assert any("NOT_SET is not set in the template" in g.message for g in policy.gaps)


TERRAFORM = """
resource "aws_sqs_queue" "jobs" {
  name = "jobs-prod"
}

resource "aws_s3_bucket" "media" {
  bucket = "media-prod"
}

resource "aws_sns_topic" "news" {
  name = "news"
}

resource "aws_iam_role" "fn" {
  name               = "fn"
  assume_role_policy = "{}"
}

resource "aws_lambda_function" "fn" {
  function_name = "worker"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "build.zip"
  source_code_hash = "x"
  role          = aws_iam_role.fn.arn
  environment {
    variables = {
      QUEUE_URL = aws_sqs_queue.jobs.url
      BUCKET    = aws_s3_bucket.media.id
      TOPIC     = aws_sns_topic.news.arn
    }
  }
}
"""

TF_CODE = (
    HANDLER
    + """def handler(event, context):
    boto3.client("sqs").send_message(QueueUrl=os.environ["QUEUE_URL"], MessageBody="x")
    boto3.client("s3").put_object(Bucket=os.environ["BUCKET"], Key=f"in/{event['id']}", Body=b"")
    boto3.client("sns").publish(TopicArn=os.environ["TOPIC"], Message="x")
"""
)


def test_terraform_attributes_and_literal_names(tmp_path: Path) -> None:
    found = infer_project(write(tmp_path, {"main.tf": TERRAFORM, "app.py": TF_CODE}))
    policy = only(found)
    own = "${AWS::Region}:${AWS::AccountId}"
    assert grants(policy) == {
        ("sqs:SendMessage", f"arn:${{AWS::Partition}}:sqs:{own}:jobs-prod"),
        ("s3:PutObject", "arn:${AWS::Partition}:s3:::media-prod/in/*"),
        ("sns:Publish", "${aws_sns_topic.news.arn}"),
    }
    groups = {n.resource.render() for n in policy.needs if n.action == "logs:PutLogEvents"}
    assert groups == {f"arn:${{AWS::Partition}}:logs:{own}:log-group:/aws/lambda/worker:*"}


SERVERLESS = """service: shop
provider:
  name: aws
  runtime: python3.12
  stage: prod
functions:
  thumbs:
    handler: app.handler
    environment:
      OUT: !Ref Out
    events:
      - s3:
          bucket: shop-uploads
          event: s3:ObjectCreated:*
resources:
  Resources:
    Out:
      Type: AWS::S3::Bucket
"""

SERVERLESS_CODE = (
    HANDLER
    + """def handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        boto3.client("s3").download_file(bucket, record["s3"]["object"]["key"], "/tmp/x")
        boto3.resource("s3").Bucket(os.environ["OUT"]).upload_file("/tmp/x", "thumbs/x.jpg")
"""
)


def test_serverless_trigger_bucket_from_the_event(tmp_path: Path) -> None:
    files = {"serverless.yml": SERVERLESS, "app.py": SERVERLESS_CODE}
    policy = only(infer_project(write(tmp_path, files)))
    assert grants(policy) == {
        ("s3:GetObject", "arn:${AWS::Partition}:s3:::shop-uploads/*"),
        ("s3:PutObject", "arn:${AWS::Partition}:s3:::${Out}/thumbs/x.jpg"),
    }
    assert all(n.confidence.value == "high" for n in policy.needs if not n.platform)


INLINE = """Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: |
        import boto3

        def handler(event, context):
            boto3.client("events").put_events(Entries=[{"Source": "shop", "DetailType": "x"}])
"""


def test_inline_code_is_read_and_located_in_the_template(tmp_path: Path) -> None:
    policy = only(infer_project(write(tmp_path, {"template.yaml": INLINE})))
    [need] = [n for n in policy.needs if not n.platform]
    assert (need.action, need.resource.render().rsplit(":", 1)[-1]) == (
        "events:PutEvents",
        "event-bus/default",  # no EventBusName: the default bus
    )
    assert (need.location.path, need.location.start_line) == ("template.yaml", 12)


MULTI = """Transform: AWS::Serverless-2016-10-31
Resources:
  Reader:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: reader.handler, CodeUri: src/}
  Writer:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: writer.handler, CodeUri: src/}
"""


def test_each_function_gets_only_the_calls_its_handler_reaches(tmp_path: Path) -> None:
    files = {
        "template.yaml": MULTI,
        "src/shared/store.py": HANDLER
        + (
            "TABLE = boto3.resource('dynamodb').Table('orders')\n\n"
            "def load(key):\n    return TABLE.get_item(Key={'id': key})\n\n"
            "def save(item):\n    TABLE.put_item(Item=item)\n"
        ),
        "src/reader.py": "from shared.store import load\n\n"
        "def handler(event, context):\n    return load(event['id'])\n",
        "src/writer.py": "from shared import store\n\n"
        "def handler(event, context):\n    store.save(event)\n",
    }
    found = infer_project(write(tmp_path, files))
    actions = {p.name: {a for a in p.actions if a.startswith("dynamodb")} for p in found.functions}
    assert actions == {"Reader": {"dynamodb:GetItem"}, "Writer": {"dynamodb:PutItem"}}


PLATFORM = """Transform: AWS::Serverless-2016-10-31
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: {ShardCount: 1}
  Dlq:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: consumer
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Tracing: Active
      DeadLetterQueue: {Type: SNS, TargetArn: !Ref Dlq}
      VpcConfig: {SecurityGroupIds: [sg-1], SubnetIds: [subnet-1]}
      Events:
        Clicks:
          Type: Kinesis
          Properties: {Stream: !GetAtt Stream.Arn, StartingPosition: LATEST}
"""


def test_platform_needs_logs_tracing_network_polling_and_dead_letters(tmp_path: Path) -> None:
    files = {"template.yaml": PLATFORM, "src/app.py": "def handler(event, context):\n    pass\n"}
    policy = only(infer_project(write(tmp_path, files)))
    by_action = {n.action: n.resource.render() for n in policy.needs}
    own = "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}"
    assert by_action["logs:CreateLogGroup"] == f"{own}:log-group:/aws/lambda/consumer:*"
    assert by_action["xray:PutTraceSegments"] == "*"
    assert by_action["ec2:CreateNetworkInterface"] == "*"
    assert by_action["kinesis:GetRecords"] == "${Stream.Arn}"
    assert by_action["kinesis:ListStreams"] == "*"  # takes no resource
    assert by_action["sns:Publish"] == "${Dlq}"
    assert all(n.platform for n in policy.needs)


def test_inline_code_that_does_not_parse_is_a_scan_error_only_for_python(tmp_path: Path) -> None:
    from faasguard.analysis.engine import scan
    from faasguard.core.config import Config

    broken = INLINE.replace("def handler(event, context):", "def handler(event, context)")
    node = broken.replace("Runtime: python3.12", "Runtime: nodejs20.x")
    python_root = write(tmp_path / "py", {"template.yaml": broken})
    node_root = write(tmp_path / "node", {"template.yaml": node})
    errors = [f for f in scan(python_root, Config()).findings if f.rule_id == "FG001"]
    assert [(f.location.path, f.location.start_line) for f in errors] == [("template.yaml", 11)]
    assert not [f for f in scan(node_root, Config()).findings if f.rule_id == "FG001"]
