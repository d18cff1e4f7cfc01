"""IAC054: asynchronously invoked functions without a dead-letter queue or failure
destination, and queues consumed by functions without a redrive policy."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.model.app import App, Function, ResourceKind, TriggerKind
from faasguard.rules.iac._app import all_triggers, quoted, referenced_resource

# Services that invoke functions asynchronously (Lambda queues the event and retries twice).
ASYNC_KINDS = frozenset(
    {
        TriggerKind.S3,
        TriggerKind.SNS,
        TriggerKind.EVENTBRIDGE,
        TriggerKind.SCHEDULE,
        TriggerKind.IOT,
        TriggerKind.CLOUDWATCH_LOGS,
    }
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for function in app.functions.values():
        kinds = sorted({t.kind.value for t in function.triggers if t.kind in ASYNC_KINDS})
        if kinds and not _has_failure_target(function):
            yield Hit(
                message=f"function {function.name} is invoked asynchronously ({quoted(kinds)}) "
                "with no dead-letter queue or on-failure destination: events that still fail "
                "after two retries are dropped without a trace",
                location=function.loc,
                resource=function.id,
                function=function.name,
                severity=Severity.LOW,
                evidence=f"async {' '.join(kinds)} no dlq",
            )
    yield from _queues(app)


def _has_failure_target(function: Function) -> bool:
    return function.dead_letter is not None or function.on_failure is not None


def _queues(app: App) -> Iterator[Hit]:
    seen: set[str] = set()
    for trigger in all_triggers(app):
        if trigger.kind is not TriggerKind.SQS or trigger.function is None:
            continue
        queue = referenced_resource(app, trigger.source, ResourceKind.QUEUE)
        if queue is None or queue.dead_letter is not None or queue.id in seen:
            continue
        seen.add(queue.id)
        consumer = app.functions.get(trigger.function)
        name = consumer.name if consumer is not None else trigger.function
        yield Hit(
            message=f"queue {queue.id} is consumed by {name} but has no redrive policy: a "
            "message that always fails is retried until it expires, invoking the function "
            "again and again",
            location=queue.loc,
            resource=queue.id,
            function=name,
            evidence="queue no redrive",
        )


RULE = Rule(
    id="IAC054",
    name="async-or-queue-without-dead-letter",
    category=Category.MISSING_DOS_LIMITS,
    severity=Severity.MEDIUM,
    summary="An asynchronously invoked function has no failure destination, or a queue "
    "consumed by a function has no redrive policy.",
    cwe=(400, 754),
    confidence=Confidence.HIGH,
    remediation="Give the function a DeadLetterQueue or an EventInvokeConfig OnFailure "
    "destination; give the queue a RedrivePolicy with a dead-letter queue and a small "
    "maxReceiveCount.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html",
        "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html",
        "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html",
    ),
    check=check,
    doc="""
## What it does
Reports functions triggered asynchronously (S3, SNS, EventBridge, schedules, IoT, CloudWatch
Logs subscriptions) with neither a dead-letter queue nor an on-failure destination (low), and
SQS queues of the template that a function consumes and that have no redrive policy (medium).

## Why is this bad?
An asynchronous event that fails three times is discarded: the upload is never processed, the
order never confirmed, and nobody knows. On a queue without a redrive policy, a poison message
comes back after every visibility timeout until its retention ends (four days by default):
the function fails on it again and again, burning concurrency and money, and in a FIFO queue
it blocks its whole message group.

## Example
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
```

## Use instead
```yaml template.yaml
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersDeadLetters:
    Type: AWS::SQS::Queue
  OrdersQueue:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt OrdersDeadLetters.Arn
        maxReceiveCount: 5
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt OrdersQueue.Arn
```

## Known problems
Dead-letter queues set on an SNS subscription or an EventBridge target catch delivery
failures only, not function errors, and do not count. Stream sources (Kinesis, DynamoDB
streams) are not checked here.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
- https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
""",
)

__all__ = ["ASYNC_KINDS", "RULE", "check"]
