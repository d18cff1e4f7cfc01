"""Words for a flow's source: which field of which event, behind which trigger, how exposed.

"event['body']['discount'] (request body of HTTP API route POST /orders, public, no auth)".
"""

from __future__ import annotations

from dataclasses import dataclass

from faasguard.analysis.exposure import Exposure, function_exposure, trigger_unauthenticated
from faasguard.analysis.python.catalog import Catalog, Risk, SourceSpec
from faasguard.analysis.python.handlers import Entry
from faasguard.analysis.python.values import path_text
from faasguard.model.app import Function, Trigger, TriggerKind

_KIND_LABEL = {
    TriggerKind.REST_API: "REST API",
    TriggerKind.HTTP_API: "HTTP API",
    TriggerKind.WEBSOCKET: "WebSocket API",
    TriggerKind.FUNCTION_URL: "function URL",
    TriggerKind.ALB: "load balancer",
    TriggerKind.S3: "S3 bucket",
    TriggerKind.SQS: "SQS queue",
    TriggerKind.SNS: "SNS topic",
    TriggerKind.DYNAMODB_STREAM: "DynamoDB stream",
    TriggerKind.KINESIS: "Kinesis stream",
    TriggerKind.EVENTBRIDGE: "EventBridge rule",
    TriggerKind.SCHEDULE: "schedule",
    TriggerKind.COGNITO: "Cognito trigger",
}
_WIDEST_FIRST = (
    Exposure.PUBLIC_UNAUTHENTICATED,
    Exposure.PUBLIC_AUTHENTICATED,
    Exposure.UNKNOWN,
    Exposure.INTERNAL,
)


@dataclass(frozen=True, slots=True)
class SourceRoot:
    """Where one kind of untrusted value enters: a handler's event, a request object, a route
    argument, a store read back."""

    id: str
    kind: str  # "event", "global", "route", "second-order"
    name: str  # how the root reads in code: event, request, order_id, get_item
    spec: SourceSpec | None  # None: a Lambda event (fields from events.json)
    module: str  # where it was declared or read
    entry: Entry | None = None


@dataclass(frozen=True, slots=True)
class SourceField:
    text: str  # event['body']['discount']
    field: str  # request body
    channel: str
    risk: Risk
    trigger_kinds: tuple[str, ...]


def source_field(catalog: Catalog, root: SourceRoot, path: tuple[str, ...]) -> SourceField:
    text = path_text(root.name, path)
    if root.spec is not None:
        spec = root.spec
        return SourceField(text, spec.field, spec.channel, spec.risk, ())
    normalised = tuple("[]" if key.startswith("#") else key for key in path)
    entry = catalog.event_field(normalised)
    risk = entry.risk
    if risk is Risk.TRUSTED and len(normalised) < len(entry.path):
        risk = Risk.UNTRUSTED  # a container that holds trusted fields and others
    return SourceField(text, entry.field, entry.channel, risk, entry.triggers)


def exposure_of(functions: tuple[Function, ...]) -> Exposure:
    if not functions:
        return Exposure.UNKNOWN
    exposures = [function_exposure(f) for f in functions]
    return min(exposures, key=_WIDEST_FIRST.index)


def trigger_text(functions: tuple[Function, ...], kinds: tuple[str, ...]) -> str:
    """The triggers that deliver a field: every trigger when the field is not trigger-specific."""
    triggers = [t for f in functions for t in f.triggers]
    if kinds:
        matching = [t for t in triggers if t.kind.value in kinds]
        triggers = matching or triggers
    if not triggers:
        return "direct invocation" if functions else "unknown trigger"
    texts = list(dict.fromkeys(_trigger(t) for t in triggers))
    shown = texts[:2]
    if len(texts) > 2:
        shown.append(f"{len(texts) - 2} more")
    return "; ".join(shown)


def _trigger(trigger: Trigger) -> str:
    label = _KIND_LABEL.get(trigger.kind, trigger.kind.value)
    if trigger.kind.is_http:
        route = " ".join(p for p in (trigger.method, trigger.path) if p)
        head = f"{label} route {route}" if route else label
        reach = {True: "public", False: "private", None: "reach unknown"}[trigger.public]
        if trigger.auth is None:
            auth = "auth unknown"
        elif trigger_unauthenticated(trigger):
            auth = "no auth" if trigger.auth.kind.value == "none" else "API key only"
        else:
            auth = f"{trigger.auth.kind.value} auth"
        return f"{head}, {reach}, {auth}"
    source = f" {trigger.source.text()}" if trigger.source is not None else ""
    return f"{label}{source}, internal"


def entry_label(entry: Entry) -> str:
    function = entry.function
    name = f"{function.qualname}()"
    return f"{entry.route} handler {name}" if entry.route else f"handler {name}"


__all__ = [
    "SourceField",
    "SourceRoot",
    "entry_label",
    "exposure_of",
    "source_field",
    "trigger_text",
]
