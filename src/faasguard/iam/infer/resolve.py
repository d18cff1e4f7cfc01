"""From values in code to what the template says: environment variables, references to the
template's resources, trigger sources, and what each reference stands for.

``os.environ["QUEUE_URL"]`` in a function whose template sets ``QUEUE_URL: !Ref OrderQueue``
is the URL of ``OrderQueue`` (``Ref`` of an SQS queue is its URL; of an SNS topic its ARN; of a
DynamoDB table, S3 bucket, Lambda function or Kinesis stream its name). ``event["Records"][i]
["s3"]["bucket"]["name"]`` is the bucket of the function's S3 trigger.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from faasguard.iam.infer.arn import Arn, Part, RefPart, parse_template
from faasguard.iam.infer.values import Env, EventField, Hole, Str, Values, strings
from faasguard.model.app import App, Function, Resource, TriggerKind
from faasguard.model.values import Ref, Unresolved, V


@dataclass(frozen=True, slots=True)
class Kind:
    """What faasguard knows about one resource type: its IAM resource type, what ``Ref`` (or
    the Terraform ``id``) returns, what its attributes mean (name, arn, url, id), which
    attribute gives its ARN (`arn_attr`; None: the reference itself is the ARN; "": none) and
    which fills the resource variable of its ARN (`var_attr`; None: the reference itself;
    "": none does, e.g. a secret's name lacks the random suffix of its ARN)."""

    sar: tuple[str, str]
    ref: str
    attrs: Mapping[str, str]
    arn_attr: str | None
    var_attr: str | None


def _cfn(
    sar: tuple[str, str], ref: str, arn: str | None = "Arn", var: str | None = None, **attrs: str
) -> Kind:
    meanings = {k.lower(): v for k, v in attrs.items()}
    if arn:
        meanings[arn.lower()] = "arn"
    if var:
        meanings.setdefault(var.lower(), "name")
    return Kind(sar, ref, meanings, arn, var)


def _tf(sar: tuple[str, str], id_is: str, var: str = "name", **attrs: str) -> Kind:
    meanings = {"arn": "arn", "id": id_is, **attrs}
    if var:
        meanings.setdefault(var, "name")
    return Kind(sar, id_is, meanings, "arn", var)


KINDS: dict[str, Kind] = {
    "AWS::DynamoDB::Table": _cfn(("dynamodb", "table"), "name", StreamArn="stream"),
    "AWS::Serverless::SimpleTable": _cfn(("dynamodb", "table"), "name"),
    "AWS::S3::Bucket": _cfn(("s3", "bucket"), "name"),
    "AWS::SQS::Queue": _cfn(("sqs", "queue"), "url", var="QueueName", QueueUrl="url"),
    "AWS::SNS::Topic": _cfn(("sns", "topic"), "arn", None, "TopicName", TopicArn="arn"),
    "AWS::Lambda::Function": _cfn(("lambda", "function"), "name"),
    "AWS::Serverless::Function": _cfn(("lambda", "function"), "name"),
    "AWS::StepFunctions::StateMachine": _cfn(("states", "stateMachine"), "arn", None, "Name"),
    "AWS::Serverless::StateMachine": _cfn(("states", "stateMachine"), "arn", None, "Name"),
    "AWS::SecretsManager::Secret": _cfn(("secretsmanager", "Secret"), "arn", None, "", Id="arn"),
    "AWS::SSM::Parameter": _cfn(("ssm", "parameter"), "name", ""),
    "AWS::KMS::Key": _cfn(("kms", "key"), "id", KeyId="id"),
    "AWS::Kinesis::Stream": _cfn(("kinesis", "stream"), "name"),
    "AWS::KinesisFirehose::DeliveryStream": _cfn(("firehose", "deliverystream"), "name"),
    "AWS::Events::EventBus": _cfn(("events", "event-bus"), "name", Name="name"),
    "AWS::Cognito::UserPool": _cfn(("cognito-idp", "userpool"), "id", UserPoolId="id"),
    "AWS::Logs::LogGroup": _cfn(("logs", "log-group"), "name"),
    "AWS::SES::EmailIdentity": _cfn(("ses", "identity"), "name", ""),
    "aws_dynamodb_table": _tf(("dynamodb", "table"), "name", stream_arn="stream"),
    "aws_s3_bucket": _tf(("s3", "bucket"), "name", "bucket"),
    "aws_sqs_queue": _tf(("sqs", "queue"), "url", url="url"),
    "aws_sns_topic": _tf(("sns", "topic"), "arn"),
    "aws_lambda_function": _tf(("lambda", "function"), "name", "function_name"),
    "aws_sfn_state_machine": _tf(("states", "stateMachine"), "arn"),
    "aws_secretsmanager_secret": _tf(("secretsmanager", "Secret"), "arn", ""),
    "aws_ssm_parameter": _tf(("ssm", "parameter"), "name"),
    "aws_kms_key": _tf(("kms", "key"), "id", "key_id", key_id="id"),
    "aws_kinesis_stream": _tf(("kinesis", "stream"), "arn"),
    "aws_kinesis_firehose_delivery_stream": _tf(("firehose", "deliverystream"), "arn"),
    "aws_cloudwatch_event_bus": _tf(("events", "event-bus"), "name"),
    "aws_cognito_user_pool": _tf(("cognito-idp", "userpool"), "id", "id"),
    "aws_cloudwatch_log_group": _tf(("logs", "log-group"), "name"),
}


@dataclass(frozen=True, slots=True)
class Known:
    """A value known as text or as a template expression; `exact` False when it only starts
    with `arn` (the rest is computed: the pattern ends in ``*``)."""

    arn: Arn
    exact: bool = True

    @property
    def text(self) -> str | None:
        return self.arn.render() if self.arn.literal and self.exact else None


@dataclass(frozen=True, slots=True)
class AppValue:
    """A value of a template resource: its name, ARN, URL or id (`meaning`)."""

    resource: str
    meaning: str  # name | arn | url | id | stream
    attribute: str | None  # as written: None for CloudFormation Ref
    via: str  # how the code got it: "environment variable ORDERS_TABLE", "S3 trigger"


@dataclass(frozen=True, slots=True)
class Missing:
    reason: str


Alt = Known | AppValue | Missing
_S3_BUCKET = ("Records", "*", "s3", "bucket", "name")
_SOURCE_ARN = ("Records", "*", "eventSourceARN")
_TOPIC_ARN = ("Records", "*", "Sns", "TopicArn")
_TRIGGER_FIELDS = {
    _S3_BUCKET: (TriggerKind.S3,),
    _SOURCE_ARN: (TriggerKind.SQS, TriggerKind.KINESIS, TriggerKind.DYNAMODB_STREAM),
    _TOPIC_ARN: (TriggerKind.SNS,),
}


_IDS: dict[int, tuple[App, frozenset[str]]] = {}


def _app_ids(app: App) -> frozenset[str]:
    """Every id of the app, computed once per app (not once per function)."""
    cached = _IDS.get(id(app))
    if cached is None or cached[0] is not app:
        cached = (app, frozenset([*app.resources, *app.functions, *app.roles]))
        _IDS[id(app)] = cached
    return cached[1]


class FunctionContext:
    """Resolution of code values for one deployed function of one app."""

    def __init__(self, app: App, function: Function) -> None:
        self.app = app
        self.function = function
        self.ids = _app_ids(app)

    def kind(self, resource: str) -> Kind | None:
        found = self.app.resources.get(resource)
        if found is not None:
            return KINDS.get(found.type)
        function = self.app.functions.get(resource)
        return KINDS.get(function.resource_type) if function is not None else None

    def resource(self, resource: str) -> Resource | None:
        return self.app.resources.get(resource)

    def resolve(self, values: Values) -> list[Alt]:
        """Every alternative a parameter value may be (at most a handful)."""
        found: list[Alt] = []
        for text in strings(values):
            found.extend(self.resolve_str(text))
        if len(found) < len(values):
            found.append(Missing("computed at run time"))
        return _unique(found)[:8]

    def resolve_str(self, text: Str) -> list[Alt]:
        if len(text.parts) == 1:
            part = text.parts[0]
            if isinstance(part, Env):
                return self._env(part)
            if isinstance(part, EventField):
                return self._event(part)
        parts: list[Part] = []
        for part in text.parts:
            if isinstance(part, str):
                parts.append(part)
                continue
            piece = self.resolve_str(Str((part,))) if not isinstance(part, Hole) else []
            known = [p for p in piece if isinstance(p, Known) and p.exact]
            if len(piece) == 1 and known:
                parts.extend(known[0].arn.parts)
                continue
            return [Known(Arn.of(*parts), exact=False)] if parts else [Missing(_why(piece))]
        return [Known(Arn.of(*parts))]

    def _env(self, env: Env) -> list[Alt]:
        var = self.function.environment.get(env.name)
        if var is None:
            if env.default is not None:
                return self.resolve_str(env.default)
            return [Missing(f"environment variable {env.name} is not set in the template")]
        return [self.template_value(var.value, f"environment variable {env.name}")]

    def template_value(self, value: V[Any], via: str) -> Alt:
        raw = value.value
        if isinstance(raw, Ref):
            return self._reference(raw, via)
        if isinstance(raw, Unresolved):
            return Known(parse_template(raw.text, self.ids))
        if isinstance(raw, str | int | float):
            return Known(Arn.of(str(raw)))
        return Missing(f"{via} is not a string")

    def _reference(self, ref: Ref, via: str) -> Alt:
        kind = self.kind(ref.target)
        if kind is None:
            if ref.target in self.ids:
                return Missing(f"{via} names {ref.target}, a resource faasguard cannot map")
            return Missing(f"{via} names {ref.target}, which is not in the template")
        meaning = kind.ref if ref.attribute is None else kind.attrs.get(ref.attribute.lower(), "")
        if not meaning:
            return Missing(f"{via} is {ref}, an attribute faasguard cannot map")
        return AppValue(ref.target, meaning, ref.attribute, via)

    def _event(self, field_: EventField) -> list[Alt]:
        kinds = _TRIGGER_FIELDS.get(field_.path)
        if kinds is None:
            return [Missing("read from the event")]
        found: list[Alt] = []
        for trigger in self.function.triggers:
            if trigger.kind in kinds and trigger.source is not None:
                found.append(self.template_value(trigger.source, f"{trigger.kind.value} trigger"))
        return found or [Missing("read from the event of a trigger the template does not declare")]

    def name_parts(self, resource: str) -> tuple[Part, ...] | None:
        """What fills the resource variable of the resource's ARN (its name, or its id for
        keys and user pools): its name as declared when literal or templated, else the
        reference that gives it; None when no expression gives it."""
        kind = self.kind(resource)
        function = self.app.functions.get(resource)
        if function is not None and function.name != function.id:
            return (function.name,)
        found = self.app.resources.get(resource)
        declared = found.name if found is not None else None
        if declared is not None and (kind is None or _var_is_name(kind)):
            raw = declared.value
            if isinstance(raw, str) and raw:
                return (raw,)
            if isinstance(raw, Unresolved) and raw.text:
                return parse_template(raw.text, self.ids).parts
        if kind is None or kind.var_attr == "":
            return None
        return (RefPart(resource, kind.var_attr),)

    def arn_part(self, resource: str) -> RefPart | None:
        """The reference that gives the resource's whole ARN, if one does."""
        kind = self.kind(resource)
        if kind is None or kind.arn_attr == "":
            return None
        return RefPart(resource, kind.arn_attr)


def _var_is_name(kind: Kind) -> bool:
    if kind.var_attr is None:
        return kind.ref == "name"
    return kind.var_attr != "" and kind.attrs.get(kind.var_attr.lower()) == "name"


def _why(pieces: list[Alt]) -> str:
    for piece in pieces:
        if isinstance(piece, Missing):
            return piece.reason
    return "computed at run time"


def _unique(alts: list[Alt]) -> list[Alt]:
    seen: list[Alt] = []
    for alt in alts:
        if alt not in seen:
            seen.append(alt)
    return seen


__all__ = ["KINDS", "Alt", "AppValue", "FunctionContext", "Kind", "Known", "Missing"]
