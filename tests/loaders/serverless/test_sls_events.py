"""Internal AWS events: queues, topics, buckets, streams, schedules, rules, pools, others."""

from __future__ import annotations

from faasguard.model import Ref, ResourceKind, TriggerKind, Unresolved
from tests.loaders.serverless.helpers import load, where

EVENTS = """
service: shop
provider:
  name: aws
functions:
  worker:
    handler: worker.handler
    events:
      - sqs: arn:aws:sqs:eu-west-1:111111111111:orders
      - sqs:
          arn: !GetAtt Queue.Arn
          batchSize: 5
      - sns: order-events
      - sns:
          arn: !Ref Topic
          topicName: existing
      - s3: uploads-bucket
      - s3:
          bucket: existing-bucket
          existing: true
      - stream: arn:aws:dynamodb:eu-west-1:111111111111:table/orders/stream/2024
      - stream:
          arn: !GetAtt Kinesis.Arn
      - stream:
          type: dynamodb
          arn: !GetAtt Table.StreamArn
      - schedule: rate(5 minutes)
      - schedule:
          rate: [cron(0 12 * * ? *)]
      - eventBridge:
          eventBus: arn:aws:events:eu-west-1:111111111111:event-bus/orders
          pattern:
            source: [shop.orders]
      - eventBridge:
          schedule: rate(1 hour)
      - cloudwatchEvent:
          event:
            source: [aws.ec2]
      - cognitoUserPool:
          pool: customers
          trigger: PreSignUp
      - iot:
          sql: "SELECT * FROM 'sensors'"
      - cloudwatchLog: /aws/lambda/other
      - msk:
          arn: arn:aws:kafka:eu-west-1:111111111111:cluster/c/1
          topic: orders
      - kafka:
          topic: orders
          bootstrapServers: [broker:9092]
      - activemq:
          arn: arn:aws:mq:eu-west-1:111111111111:broker:b
          queue: q
      - rabbitmq:
          arn: arn:aws:mq:eu-west-1:111111111111:broker:r
          queue: q
      - alexaSkill: amzn1.ask.skill.x
      - cloudFront:
          eventType: viewer-request
      - telepathy: now
resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
    Topic:
      Type: AWS::SNS::Topic
    Kinesis:
      Type: AWS::Kinesis::Stream
    Table:
      Type: AWS::DynamoDB::Table
"""

KINDS = [
    TriggerKind.SQS,
    TriggerKind.SQS,
    TriggerKind.SNS,
    TriggerKind.SNS,
    TriggerKind.S3,
    TriggerKind.S3,
    TriggerKind.DYNAMODB_STREAM,
    TriggerKind.KINESIS,
    TriggerKind.DYNAMODB_STREAM,
    TriggerKind.SCHEDULE,
    TriggerKind.SCHEDULE,
    TriggerKind.EVENTBRIDGE,
    TriggerKind.SCHEDULE,
    TriggerKind.EVENTBRIDGE,
    TriggerKind.COGNITO,
    TriggerKind.IOT,
    TriggerKind.CLOUDWATCH_LOGS,
    TriggerKind.KAFKA,
    TriggerKind.KAFKA,
    TriggerKind.MQ,
    TriggerKind.MQ,
    TriggerKind.OTHER,
    TriggerKind.OTHER,
    TriggerKind.OTHER,
]


def test_every_event_type_becomes_a_trigger() -> None:
    loaded = load(EVENTS)
    triggers = loaded.app.functions["worker"].triggers
    assert [t.kind for t in triggers] == KINDS
    assert [t.name for t in triggers][:2] == ["worker.events[0]", "worker.events[1]"]
    assert all(t.function == "worker" and t.auth is None for t in triggers)
    assert loaded.app.triggers == triggers
    internal = triggers[:21]
    assert all(t.public is False for t in internal)
    assert [t.public for t in triggers[21:]] == [None, None, None]
    assert where(triggers[0].loc) == loaded.at("sqs: arn")


def test_unknown_event_type_is_reported() -> None:
    loaded = load(EVENTS)
    assert loaded.problem_at("unknown event type 'telepathy'").start_line == loaded.line(
        "telepathy"
    )
    assert len(loaded.problems) == 1


def test_event_sources_and_their_locations() -> None:
    loaded = load(EVENTS)
    triggers = loaded.app.functions["worker"].triggers
    sources = [t.source.value if t.source is not None else None for t in triggers]
    assert sources[0] == "arn:aws:sqs:eu-west-1:111111111111:orders"
    assert where(triggers[0].source) == loaded.at("arn:aws:sqs")
    assert sources[1] == Ref("Queue", "Arn")
    assert sources[2] == Ref("SNSTopicOrderevents")
    assert sources[3] == Ref("Topic")
    assert sources[4] == "uploads-bucket"
    assert sources[7] == Ref("Kinesis", "Arn")
    assert sources[9] == "rate(5 minutes)"
    assert sources[10] == "cron(0 12 * * ? *)"
    assert sources[11] == "arn:aws:events:eu-west-1:111111111111:event-bus/orders"
    assert sources[14] == "customers"
    assert sources[15] == "SELECT * FROM 'sensors'"
    assert sources[16] == "/aws/lambda/other"


def test_resources_the_framework_creates_for_events() -> None:
    loaded = load(EVENTS)
    resources = loaded.app.resources
    topic = resources["SNSTopicOrderevents"]
    assert (topic.kind, topic.type) == (ResourceKind.TOPIC, "AWS::SNS::Topic")
    assert topic.name is not None and topic.name.value == "order-events"
    assert topic.extra["generated_by"] == "serverless"
    bucket = resources["S3BucketUploadsbucket"]
    assert bucket.kind is ResourceKind.BUCKET and where(bucket.loc) == loaded.at("s3: uploads")
    assert "S3BucketExistingbucket" not in resources
    pool = resources["CognitoUserPoolCustomers"]
    assert pool.kind is ResourceKind.USER_POOL


def test_invoke_permissions_for_push_events() -> None:
    loaded = load(EVENTS)
    permissions = {p.id: p for p in loaded.app.permissions}
    assert all(p.generated for p in permissions.values())
    sns = permissions["WorkerLambdaPermissionOrdereventsSNS"]
    assert sns.principal.value == "sns.amazonaws.com"
    assert sns.source_arn is not None and sns.source_arn.value == Ref("SNSTopicOrderevents")
    s3 = permissions["WorkerLambdaPermissionUploadsbucketS3"]
    assert s3.source_arn is not None and isinstance(s3.source_arn.value, Unresolved)
    assert s3.source_arn.value.text.endswith(":s3:::uploads-bucket")
    assert s3.source_account is not None
    principals = {p.principal.value for p in permissions.values()}
    assert {"events.amazonaws.com", "iot.amazonaws.com", "logs.amazonaws.com"} <= principals
    assert "cognito-idp.amazonaws.com" in principals


def test_queue_and_stream_consumers_get_read_permissions() -> None:
    loaded = load(EVENTS)
    role = loaded.app.roles["IamRoleLambdaExecution"]
    generated = [s for s in role.statements if s.origin.startswith("serverless generated: sqs")]
    assert [str(r.value) for s in generated for r in s.resources] == [
        "arn:aws:sqs:eu-west-1:111111111111:orders",
        "Queue.Arn",
    ]
    assert [a.value for a in generated[0].actions] == [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
    ]
    assert where(generated[0]) == loaded.at("arn:aws:sqs")
    streams = [s for s in role.statements if "stream event" in s.origin or "kinesis" in s.origin]
    assert {a.value.split(":")[0] for s in streams for a in s.actions} == {"dynamodb", "kinesis"}


def test_events_that_are_not_maps_are_reported() -> None:
    text = """
    service: s
    provider:
      name: aws
    functions:
      f:
        handler: a.a
        events:
          - just-a-string
          - ${file(./events.js)}
          - sqs: arn:aws:sqs:eu-west-1:111111111111:q
            sns: arn:aws:sns:eu-west-1:111111111111:t
    """
    loaded = load(text)
    assert loaded.problem_at("f.events[0] should be a map").start_line == loaded.line("just-a")
    assert "JavaScript" in next(m for m in loaded.messages() if "f.events[1]" in m)
    assert loaded.problem_at("more than one event type").start_line == loaded.line("- sqs")
    assert [t.kind for t in loaded.app.functions["f"].triggers] == [TriggerKind.SQS]


def test_events_not_a_list_is_reported() -> None:
    text = "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.a\n"
    text += "    events:\n      http: GET /\n"
    loaded = load(text)
    assert loaded.problem_at("events should be a list").start_line == loaded.line("http: GET")
    assert loaded.app.functions["f"].triggers == []
