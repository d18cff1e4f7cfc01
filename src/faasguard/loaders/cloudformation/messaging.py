"""Queues, topics, event buses and rules, and the triggers plain CloudFormation declares on the
source side: S3 notifications, SNS subscriptions, EventBridge rule and Scheduler targets.

``Resource.extra`` keys: queue ``visibility_timeout``, ``fifo``; rule ``schedule``.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.cloudformation.storage import attach_policy, redrive_target
from faasguard.model.app import ResourceKind, Trigger, TriggerKind
from faasguard.model.values import Ref, V


def load_queue(b: Build, item: Item) -> None:
    p = item.props
    queue = b.add_resource(item, ResourceKind.QUEUE, "QueueName")
    queue.kms_key = p.str("KmsMasterKeyId")
    queue.encrypted = p.bool("SqsManagedSseEnabled")
    queue.dead_letter = redrive_target(p)
    queue.extra["visibility_timeout"] = p.int("VisibilityTimeout")
    queue.extra["fifo"] = p.bool("FifoQueue")


def load_queue_policy(b: Build, item: Item) -> None:
    attach_policy(b, item, item.props.strs("Queues"), ResourceKind.QUEUE)


def load_topic(b: Build, item: Item) -> None:
    p = item.props
    topic = b.add_resource(item, ResourceKind.TOPIC, "TopicName")
    topic.kms_key = p.str("KmsMasterKeyId")


def load_topic_subscriptions(b: Build, item: Item) -> None:
    """Inline ``Subscription`` entries of a topic with protocol lambda."""
    for subscription in item.props.maps("Subscription"):
        _subscribe(b, item.id, item.id, subscription)


def load_subscription(b: Build, item: Item) -> None:
    topic = item.props.str("TopicArn")
    topic_id = b.target(topic, b.app.resources)
    _subscribe(b, item.id, topic_id, item.props, topic)


def _subscribe(
    b: Build, name: str, topic_id: str | None, p: Props, topic: V[str] | None = None
) -> None:
    protocol = p.text("Protocol")
    if protocol is None or protocol.lower() != "lambda":
        return
    function = b.function_of(p.value("Endpoint"))
    source: V[str] | None = V(Ref(topic_id), p.loc) if topic_id is not None else topic
    b.add_trigger(Trigger(TriggerKind.SNS, p.loc, name, function, public=False, source=source))


def load_topic_policy(b: Build, item: Item) -> None:
    attach_policy(b, item, item.props.strs("Topics"), ResourceKind.TOPIC)


def load_bus(b: Build, item: Item) -> None:
    b.add_resource(item, ResourceKind.EVENT_BUS, "Name")


def load_bus_policy(b: Build, item: Item) -> None:
    """``AWS::Events::EventBusPolicy`` with a ``Statement``, merged into its bus."""
    p = item.props
    body = p.get("Statement")
    if body is None:
        return
    statements = b.statements(body, f"EventBusPolicy {item.id}")
    bus_id = b.target(p.value("EventBusName"), b.app.resources)
    bus = b.app.resources.get(bus_id or "") or b.add_resource(item, ResourceKind.EVENT_BUS)
    bus.policy.extend(statements)


def load_rule(b: Build, item: Item) -> None:
    rule = b.add_resource(item, ResourceKind.OTHER, "Name")
    rule.extra["schedule"] = item.props.str("ScheduleExpression")


def load_rule_targets(b: Build, item: Item) -> None:
    p = item.props
    kind = TriggerKind.SCHEDULE if p.has("ScheduleExpression") else TriggerKind.EVENTBRIDGE
    source = p.str("EventBusName") if kind is TriggerKind.EVENTBRIDGE else None
    for target in p.maps("Targets"):
        function = b.function_of(target.value("Arn"))
        if function is not None:
            _internal(b, kind, target.loc, item.id, function, source)


def load_schedule(b: Build, item: Item) -> None:
    """``AWS::Scheduler::Schedule`` invoking a function."""
    target = item.props.map("Target")
    function = b.function_of(target.value("Arn")) if target is not None else None
    if target is not None and function is not None:
        _internal(b, TriggerKind.SCHEDULE, target.loc, item.id, function, None)


def load_bucket_notifications(b: Build, item: Item) -> None:
    notification = item.props.map("NotificationConfiguration")
    configs = notification.maps("LambdaConfigurations") if notification is not None else []
    for config in configs:
        function = b.function_of(config.value("Function"))
        source: V[str] = V(Ref(item.id), config.loc)
        _internal(b, TriggerKind.S3, config.loc, item.id, function, source)


def _internal(
    b: Build,
    kind: TriggerKind,
    at: Location,
    name: str,
    function: str | None,
    source: V[str] | None,
) -> None:
    b.add_trigger(Trigger(kind, at, name, function, public=False, source=source))


__all__ = [
    "load_bucket_notifications",
    "load_bus",
    "load_bus_policy",
    "load_queue",
    "load_queue_policy",
    "load_rule",
    "load_rule_targets",
    "load_schedule",
    "load_subscription",
    "load_topic",
    "load_topic_policy",
    "load_topic_subscriptions",
]
