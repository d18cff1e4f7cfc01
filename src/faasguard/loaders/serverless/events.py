"""A function's `events`: one :class:`Trigger` each, plus what the framework adds for it
(invoke permissions, the read permissions queue and stream consumers need on the shared role,
and topics, buckets and user pools it creates when an event names one by name).

HTTP events are in :mod:`faasguard.loaders.serverless.http`. Internal AWS events (queues,
topics, buckets, streams, schedules, EventBridge, Cognito, IoT, logs, Kafka, MQ) have
``public=False``; an unknown event type is reported and kept as ``TriggerKind.OTHER``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.loaders.nodes import MapNode, Node, SeqNode
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.generated import (
    PARTITION,
    deploy_arn,
    permission,
    resource,
)
from faasguard.loaders.serverless.http import (
    alb_event,
    http_api_event,
    http_event,
    websocket_event,
)
from faasguard.loaders.serverless.reader import Cfg, is_opaque
from faasguard.loaders.serverless.state import Event, Load
from faasguard.model.app import Function, ResourceKind, Statement, Trigger, TriggerKind
from faasguard.model.values import Ref, V

_QUEUE_ACTIONS = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
_STREAM_ACTIONS = {
    TriggerKind.DYNAMODB_STREAM: (
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:DescribeStream",
        "dynamodb:ListStreams",
    ),
    TriggerKind.KINESIS: (
        "kinesis:GetRecords",
        "kinesis:GetShardIterator",
        "kinesis:DescribeStream",
        "kinesis:DescribeStreamSummary",
        "kinesis:ListShards",
        "kinesis:ListStreams",
    ),
}


def load_events(load: Load, fn: Function, cfg: Cfg) -> None:
    node = cfg.get("events")
    if node is None:
        return
    if not isinstance(node, SeqNode):
        if not is_opaque(node):
            load.report("events should be a list", node.loc)
        return
    for index, item in enumerate(node.items):
        event = _event(load, fn, index, item)
        if event is None:
            continue
        handler = _HANDLERS.get(event.type)
        if handler is None:
            load.report(f"unknown event type {event.type!r}", event.at)
            trigger = _simple(TriggerKind.OTHER, fn, event, None)
            trigger.public = None
        else:
            trigger = handler(load, fn, event)
        fn.triggers.append(trigger)
        load.app.triggers.append(trigger)


def _event(load: Load, fn: Function, index: int, item: Node) -> Event | None:
    name = f"{fn.name}.events[{index}]"
    if not isinstance(item, MapNode) or is_opaque(item) or not item.entries:
        reason = getattr(getattr(item, "unresolved", None), "reason", "")
        detail = f" ({reason})" if reason else ""
        load.report(f"{name} should be a map with one event type{detail}", item.loc)
        return None
    if len(item) > 1:
        load.report(f"{name} has more than one event type: {', '.join(item)}", item.loc)
    kind = next(iter(item))
    return Event(kind, item.key_loc(kind), item.entries[kind], name, index)


# -- queues, topics, buckets, streams --------------------------------------------------------


def _sqs(load: Load, fn: Function, event: Event) -> Trigger:
    arn = _main(load, event, "arn")
    trigger = _simple(TriggerKind.SQS, fn, event, arn)
    if arn is not None:
        _needs(load, fn, "serverless generated: sqs event", _QUEUE_ACTIONS, arn)
    return trigger


def _sns(load: Load, fn: Function, event: Event) -> Trigger:
    cfg = _settings(load, event)
    arn: V[Any] | None = cfg.value("arn") if cfg is not None else load.value(event.node)
    topic = cfg.str("topicName") if cfg is not None else None
    plain = arn is not None and isinstance(arn.value, str) and not arn.value.startswith("arn:")
    if cfg is None and plain:
        arn, topic = None, arn
    source = arn
    name = _text(topic) or _last_part(arn)
    if arn is None and topic is not None and name is not None:
        topic_id = naming.topic_id(name)
        created = resource(load, topic_id, "AWS::SNS::Topic", ResourceKind.TOPIC, event.at)
        created.name = topic
        source = V(Ref(topic_id), topic.loc)
    suffix = f"{naming.alphanumeric(name or str(event.index))}SNS"
    permission(load, fn, suffix, "sns.amazonaws.com", event.at, source)
    return _simple(TriggerKind.SNS, fn, event, source)


def _s3(load: Load, fn: Function, event: Event) -> Trigger:
    cfg = _settings(load, event)
    bucket = _main(load, event, "bucket")
    name = _text(bucket)
    if name is not None and not (cfg is not None and cfg.flag("existing")):
        created = resource(
            load, naming.bucket_id(name), "AWS::S3::Bucket", ResourceKind.BUCKET, event.at
        )
        created.name = bucket
    at = event.at
    arn: V[str] = V(deploy_arn(f"arn:{PARTITION}:s3:::{name or '${bucket}'}"), at)
    suffix = f"{naming.alphanumeric(name or 'Bucket')}S3"
    granted = permission(load, fn, suffix, "s3.amazonaws.com", at, arn)
    granted.source_account = V(deploy_arn("${AWS::AccountId}"), at)
    return _simple(TriggerKind.S3, fn, event, bucket)


def _stream(load: Load, fn: Function, event: Event) -> Trigger:
    cfg = _settings(load, event)
    arn = _main(load, event, "arn")
    declared = cfg.text("type") if cfg is not None else None
    kind = _stream_kind(load, declared, arn)
    trigger = _simple(kind, fn, event, arn)
    if arn is not None and kind in _STREAM_ACTIONS:
        origin = f"serverless generated: {kind.value} event"
        _needs(load, fn, origin, _STREAM_ACTIONS[kind], arn)
    return trigger


def _stream_kind(load: Load, declared: str | None, arn: V[Any] | None) -> TriggerKind:
    if declared is not None:
        return {"dynamodb": TriggerKind.DYNAMODB_STREAM, "kinesis": TriggerKind.KINESIS}.get(
            declared.lower(), TriggerKind.OTHER
        )
    value = arn.value if arn is not None else None
    if isinstance(value, Ref):
        type_ = load.resource_types.get(value.target, "")
        if type_ == "AWS::DynamoDB::Table":
            return TriggerKind.DYNAMODB_STREAM
        if type_ == "AWS::Kinesis::Stream":
            return TriggerKind.KINESIS
    text = str(value)
    if ":dynamodb:" in text:
        return TriggerKind.DYNAMODB_STREAM
    if ":kinesis:" in text:
        return TriggerKind.KINESIS
    return TriggerKind.OTHER


# -- schedules, rules, pools, others ---------------------------------------------------------


def _schedule(load: Load, fn: Function, event: Event) -> Trigger:
    rate = _main(load, event, "rate")
    if rate is not None and isinstance(rate.value, list):
        rate = V(rate.value[0], rate.loc) if rate.value else None
    _rule_permission(load, fn, event, "EventsRuleSchedule")
    return _simple(TriggerKind.SCHEDULE, fn, event, rate)


def _event_bridge(load: Load, fn: Function, event: Event) -> Trigger:
    cfg = _settings(load, event)
    bus = cfg.value("eventBus") if cfg is not None else None
    only_schedule = cfg is not None and cfg.has("schedule") and not cfg.has("pattern")
    kind = TriggerKind.SCHEDULE if only_schedule else TriggerKind.EVENTBRIDGE
    _rule_permission(load, fn, event, "EventBridge")
    return _simple(kind, fn, event, bus)


def _cloudwatch_event(load: Load, fn: Function, event: Event) -> Trigger:
    _rule_permission(load, fn, event, "EventsRuleCloudWatchEvent")
    return _simple(TriggerKind.EVENTBRIDGE, fn, event, None)


def _cognito(load: Load, fn: Function, event: Event) -> Trigger:
    cfg = _settings(load, event)
    pool = cfg.value("pool") if cfg is not None else None
    name = _text(pool)
    if name is not None and cfg is not None and not cfg.flag("existing"):
        pool_id = naming.user_pool_id(name)
        created = resource(
            load, pool_id, "AWS::Cognito::UserPool", ResourceKind.USER_POOL, event.at
        )
        created.name = pool
    permission(
        load,
        fn,
        f"CognitoUserPool{naming.alphanumeric(name or '')}",
        "cognito-idp.amazonaws.com",
        event.at,
    )
    return _simple(TriggerKind.COGNITO, fn, event, pool)


def _iot(load: Load, fn: Function, event: Event) -> Trigger:
    sql = _main(load, event, "sql")
    permission(load, fn, f"IotTopicRule{event.index + 1}", "iot.amazonaws.com", event.at)
    return _simple(TriggerKind.IOT, fn, event, sql)


def _logs(load: Load, fn: Function, event: Event) -> Trigger:
    group = _main(load, event, "logGroup")
    permission(
        load,
        fn,
        f"LogsSubscriptionFilterCloudWatchLog{event.index + 1}",
        "logs.amazonaws.com",
        event.at,
    )
    return _simple(TriggerKind.CLOUDWATCH_LOGS, fn, event, group)


def _plain(kind: TriggerKind, key: str | None) -> Callable[[Load, Function, Event], Trigger]:
    def handler(load: Load, fn: Function, event: Event) -> Trigger:
        source = _main(load, event, key) if key is not None else None
        trigger = _simple(kind, fn, event, source)
        if kind is TriggerKind.OTHER:
            trigger.public = None  # Alexa, CloudFront (Lambda@Edge): not internal AWS events
        return trigger

    return handler


# -- helpers ---------------------------------------------------------------------------------


def _settings(load: Load, event: Event) -> Cfg | None:
    node = event.node
    return load.cfg(node) if isinstance(node, MapNode) and not is_opaque(node) else None


def _main(load: Load, event: Event, key: str) -> V[Any] | None:
    """The event's main setting: its short form (`- sqs: arn:...`) or `key` of its map."""
    cfg = _settings(load, event)
    if cfg is not None:
        return cfg.value(key)
    value = load.value(event.node)
    return None if value.value is None else value


def _simple(kind: TriggerKind, fn: Function, event: Event, source: V[Any] | None) -> Trigger:
    raw = event.node if isinstance(event.node, MapNode) else None
    trigger = Trigger(kind, event.at, event.name, fn.id, source=source, raw=raw)
    trigger.public = False
    return trigger


def _needs(load: Load, fn: Function, origin: str, actions: tuple[str, ...], target: V[Any]) -> None:
    at = target.loc
    statement = Statement(at, V("Allow", at), origin)
    statement.actions = [V(action, at) for action in actions]
    statement.resources = [target]
    load.role_needs.setdefault(fn.id, []).append(statement)


def _rule_permission(load: Load, fn: Function, event: Event, suffix: str) -> None:
    text = f"arn:{PARTITION}:events:${{AWS::Region}}:${{AWS::AccountId}}:rule/*"
    arn: V[str] = V(deploy_arn(text), event.at)
    permission(load, fn, f"{suffix}{event.index + 1}", "events.amazonaws.com", event.at, arn)


def _text(value: V[Any] | None) -> str | None:
    return value.value if value is not None and isinstance(value.value, str) else None


def _last_part(value: V[Any] | None) -> str | None:
    text = _text(value)
    return text.rsplit(":", 1)[-1] if text else None


_Handler = Callable[[Load, Function, Event], Trigger]
_HANDLERS: dict[str, _Handler] = {
    "http": http_event,
    "httpApi": http_api_event,
    "websocket": websocket_event,
    "alb": alb_event,
    "sqs": _sqs,
    "sns": _sns,
    "s3": _s3,
    "stream": _stream,
    "schedule": _schedule,
    "eventBridge": _event_bridge,
    "cloudwatchEvent": _cloudwatch_event,
    "cognitoUserPool": _cognito,
    "iot": _iot,
    "iotFleetProvisioning": _plain(TriggerKind.IOT, None),
    "cloudwatchLog": _logs,
    "msk": _plain(TriggerKind.KAFKA, "arn"),
    "kafka": _plain(TriggerKind.KAFKA, "topic"),
    "activemq": _plain(TriggerKind.MQ, "arn"),
    "rabbitmq": _plain(TriggerKind.MQ, "arn"),
    "alexaSkill": _plain(TriggerKind.OTHER, None),
    "alexaSmartHome": _plain(TriggerKind.OTHER, None),
    "cloudFront": _plain(TriggerKind.OTHER, None),
}

__all__ = ["load_events"]
