"""The triggers other services declare on the source side: S3 notifications, SNS
subscriptions, EventBridge rules and targets, IoT rules, log subscriptions.

EventBridge rules are Resources of kind OTHER with ``extra["schedule"]`` (the schedule
expression, as CloudFormation's ``AWS::Events::Rule``)."""

from __future__ import annotations

from collections.abc import Callable

from faasguard.loaders.terraform.lambdas import add_trigger
from faasguard.loaders.terraform.state import Item, State
from faasguard.model.app import Resource, ResourceKind, Trigger, TriggerKind
from faasguard.model.values import V

Handler = Callable[[State, Item], None]


def event_rule(state: State, item: Item) -> None:
    view = item.view
    rule = Resource(item.address, item.type, ResourceKind.OTHER, item.block.loc)
    rule.name = view.string("name")
    rule.extra["schedule"] = view.string("schedule_expression")
    state.app.resources[item.address] = rule


def _service_trigger(
    state: State, item: Item, kind: TriggerKind, fn_value: V[str] | None, source: V[str] | None
) -> None:
    trigger = Trigger(kind, item.block.loc, item.address, public=False, source=source)
    trigger.function = state.function_of(fn_value)
    add_trigger(state, trigger)


def bucket_notification(state: State, item: Item) -> None:
    bucket = item.view.string("bucket")
    for target in item.view.blocks("lambda_function"):
        trigger = Trigger(TriggerKind.S3, target.loc, item.address, public=False, source=bucket)
        trigger.function = state.function_of(target.string("lambda_function_arn"))
        add_trigger(state, trigger)


def sns_subscription(state: State, item: Item) -> None:
    protocol = item.view.string("protocol")
    if protocol is not None and protocol.is_("lambda"):
        view = item.view
        _service_trigger(
            state, item, TriggerKind.SNS, view.string("endpoint"), view.string("topic_arn")
        )


def event_target(state: State, item: Item) -> None:
    view = item.view
    fn_id = state.function_of(view.string("arn"))
    if fn_id is None:
        return
    rule_value = view.string("rule")
    kind = TriggerKind.EVENTBRIDGE
    for target in state.targets(rule_value):
        rule = state.items.get(target)
        if rule is not None and rule.view.has("schedule_expression"):
            kind = TriggerKind.SCHEDULE
    _service_trigger(state, item, kind, view.string("arn"), rule_value)


def iot_rule(state: State, item: Item) -> None:
    for action in item.view.blocks("lambda"):
        _service_trigger(
            state, item, TriggerKind.IOT, action.string("function_arn"), item.view.string("sql")
        )


def log_subscription(state: State, item: Item) -> None:
    view = item.view
    destination = view.string("destination_arn")
    if state.function_of(destination) is not None:
        _service_trigger(
            state, item, TriggerKind.CLOUDWATCH_LOGS, destination, view.string("log_group_name")
        )


PRIMARY: dict[str, Handler] = {"aws_cloudwatch_event_rule": event_rule}
DEPENDENTS: dict[str, Handler] = {
    "aws_s3_bucket_notification": bucket_notification,
    "aws_sns_topic_subscription": sns_subscription,
    "aws_cloudwatch_event_target": event_target,
    "aws_iot_topic_rule": iot_rule,
    "aws_cloudwatch_log_subscription_filter": log_subscription,
}

__all__ = ["DEPENDENTS", "PRIMARY"]
