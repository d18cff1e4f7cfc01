"""The ``Events`` of ``AWS::Serverless::Function``, each into a Trigger.

HTTP events (``Api``, ``HttpApi``) are routes on an API of the template, or on the implicit API
SAM creates; their auth is the event's ``Auth.Authorizer``, else the API's default authorizer,
else none (located at the event, the place to add it). The other events are internal AWS
triggers (``public=False``) with the resource they read as ``source``.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Props
from faasguard.loaders.cloudformation.http import default_auth, with_api_key
from faasguard.loaders.cloudformation.sam_api import implicit_api, named_auth, resource_policy
from faasguard.loaders.cloudformation.sam_policies import managed_policy_arn
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import Api, ApiKind, Auth, AuthKind, Function, Trigger, TriggerKind
from faasguard.model.values import V

# Event type -> (trigger kind, property naming the source, managed policy SAM attaches).
PULL_EVENTS: dict[str, tuple[TriggerKind, str | None, str | None]] = {
    "S3": (TriggerKind.S3, "Bucket", None),
    "SQS": (TriggerKind.SQS, "Queue", "AWSLambdaSQSQueueExecutionRole"),
    "SNS": (TriggerKind.SNS, "Topic", None),
    "Kinesis": (TriggerKind.KINESIS, "Stream", "AWSLambdaKinesisExecutionRole"),
    "DynamoDB": (TriggerKind.DYNAMODB_STREAM, "Stream", "AWSLambdaDynamoDBExecutionRole"),
    "Schedule": (TriggerKind.SCHEDULE, None, None),
    "ScheduleV2": (TriggerKind.SCHEDULE, None, None),
    "EventBridgeRule": (TriggerKind.EVENTBRIDGE, "EventBusName", None),
    "CloudWatchEvent": (TriggerKind.EVENTBRIDGE, "EventBusName", None),
    "CloudWatchLogs": (TriggerKind.CLOUDWATCH_LOGS, "LogGroupName", None),
    "Cognito": (TriggerKind.COGNITO, "UserPool", None),
    "IoTRule": (TriggerKind.IOT, None, None),
    "MSK": (TriggerKind.KAFKA, "Stream", "AWSLambdaMSKExecutionRole"),
    "MQ": (TriggerKind.MQ, "Broker", None),
    "SelfManagedKafka": (TriggerKind.KAFKA, None, None),
    "AlexaSkill": (TriggerKind.OTHER, "SkillId", None),
    "DocumentDB": (TriggerKind.OTHER, "Cluster", None),
}
HTTP_EVENTS = {"Api": ApiKind.REST, "HttpApi": ApiKind.HTTP}


def load_events(b: Build, fn: Function, props: Props) -> None:
    """Every event of one function (called once all APIs of the template are loaded)."""
    for name, key_loc, node in props.entries("Events"):
        chosen = b.branch(node)
        if chosen is None:
            continue
        if not isinstance(chosen, MapNode):
            b.report(f"event {name} should be a map", chosen.loc)
            continue
        event = b.props(chosen)
        type_ = event.text("Type")
        inner = event.map("Properties") or b.props(MapNode(chosen.loc))
        if type_ is not None and type_ in HTTP_EVENTS:
            _http_event(b, fn, name, key_loc, inner, HTTP_EVENTS[type_], chosen)
        elif type_ is not None and type_ in PULL_EVENTS:
            _pull_event(b, fn, name, key_loc, inner, type_, chosen)
        else:
            b.report(f"event {name}: unknown event type {type_!r}", event.key_loc("Type"))
            b.add_trigger(Trigger(TriggerKind.OTHER, key_loc, name, fn.id, raw=chosen))


def _pull_event(
    b: Build, fn: Function, name: str, at: Location, p: Props, type_: str, raw: MapNode
) -> None:
    kind, source_key, policy = PULL_EVENTS[type_]
    source = p.str(source_key) if source_key else None
    trigger = Trigger(kind, at, name, fn.id, public=False, source=source, raw=raw)
    b.add_trigger(trigger)
    role = b.app.roles.get(fn.role or "")
    if policy is not None and role is not None and role.generated and role.id == f"{fn.id}Role":
        role.managed_policies.append(V(managed_policy_arn(policy), at))


def _http_event(
    b: Build, fn: Function, name: str, at: Location, p: Props, kind: ApiKind, raw: MapNode
) -> None:
    api_key = "RestApiId" if kind is ApiKind.REST else "ApiId"
    api: Api | None
    if p.has(api_key):
        api_id = b.target(p.value(api_key), b.app.apis)
        api = b.app.apis.get(api_id or "")
        if api is None:
            b.report(f"event {name}: {api_key} is not an API of this template", p.key_loc(api_key))
    else:
        api = implicit_api(b, kind, at)
    method = (p.text("Method") or ("ANY" if kind is ApiKind.HTTP else "")).upper() or None
    path = p.text("Path") or ("$default" if kind is ApiKind.HTTP and not p.has("Path") else None)
    trigger = Trigger(
        TriggerKind.REST_API if kind is ApiKind.REST else TriggerKind.HTTP_API,
        at,
        name,
        fn.id,
        api=api.id if api is not None else None,
        method=method,
        path=path,
        public=api.public if api is not None else None,
        cors=api.cors if api is not None else None,
        raw=raw,
    )
    trigger.auth = event_auth(b, api, p.map("Auth"), method, at)
    auth = p.map("Auth")
    policy = auth.map("ResourcePolicy") if auth is not None else None
    if policy is not None and api is not None:
        api.policy.extend(resource_policy(b, policy, f"ResourcePolicy of event {name}"))
    b.add_trigger(trigger)


def event_auth(
    b: Build, api: Api | None, auth: Props | None, method: str | None, at: Location
) -> Auth:
    scopes = auth.strs("AuthorizationScopes") if auth is not None else []
    authorizer = auth.str("Authorizer") if auth is not None else None
    result: Auth
    if authorizer is not None:
        result = named_auth(b, api, authorizer, scopes)
    elif api is None:
        result = Auth(AuthKind.UNKNOWN, at)
    elif api.default_auth is not None and _default_applies(b, api, method):
        base = api.default_auth
        result = default_auth(base.kind, base.loc, base.authorizer, [])
        result.scopes = tuple(s.value for s in scopes if isinstance(s.value, str)) or base.scopes
    else:
        result = Auth(AuthKind.NONE, at)
    key = auth.bool("ApiKeyRequired") if auth is not None else None
    required = key.value is True if key is not None else bool(api and api.api_key_required)
    return with_api_key(result, required)


def _default_applies(b: Build, api: Api, method: str | None) -> bool:
    return method != "OPTIONS" or b.preflight_auth.get(api.id, True)


__all__ = ["HTTP_EVENTS", "PULL_EVENTS", "event_auth", "load_events"]
