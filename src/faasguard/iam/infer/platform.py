"""What the Lambda service does with the function's role, which never appears in its code:
writing logs, sending traces, attaching to a VPC, polling its queues and streams (event source
mappings), and delivering failed events to a dead-letter queue or an on-failure destination.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from faasguard.core.enums import Confidence
from faasguard.core.location import Location
from faasguard.iam.infer.arn import STAR, Arn, Part, Pseudo, RefPart
from faasguard.iam.infer.callmap import CallMap
from faasguard.iam.infer.keys import customer_key
from faasguard.iam.infer.needs import Gap, Need
from faasguard.iam.infer.resolve import AppValue, FunctionContext, Known
from faasguard.model.app import SourceFormat, Trigger, TriggerKind
from faasguard.model.values import V

LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
TRACE_ACTIONS = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
VPC_ACTIONS = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)
SQS_POLL = ("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes")
DYNAMODB_STREAM = (
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
)
KINESIS_STREAM = (
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetRecords",
    "kinesis:GetShardIterator",
    "kinesis:ListShards",
    "kinesis:ListStreams",
)
_UNSCOPED = frozenset({"dynamodb:ListStreams", "kinesis:ListStreams", "ec2:DescribeSubnets"})
_DESTINATIONS = {
    "sqs": ("sqs:SendMessage",),
    "sns": ("sns:Publish",),
    "lambda": ("lambda:InvokeFunction",),
    "events": ("events:PutEvents",),
}
_POLLED = {
    TriggerKind.SQS: SQS_POLL,
    TriggerKind.DYNAMODB_STREAM: DYNAMODB_STREAM,
    TriggerKind.KINESIS: KINESIS_STREAM,
}


class Platform:
    def __init__(self, cmap: CallMap, ctx: FunctionContext) -> None:
        self.cmap = cmap
        self.ctx = ctx
        self.function = ctx.function

    def needs(self) -> tuple[list[Need], list[Gap]]:
        needs = [*self._logs(), *self._tracing(), *self._vpc()]
        gaps: list[Gap] = []
        for trigger in self.function.triggers:
            found, gap = self._trigger(trigger)
            needs.extend(found)
            gaps.extend(gap)
        for label, value in (
            ("dead-letter", self.function.dead_letter),
            ("on-failure", self.function.on_failure),
        ):
            if value is not None:
                found, gap = self._destination(label, value)
                needs.extend(found)
                gaps.extend(gap)
        return needs, gaps

    def _need(
        self,
        action: str,
        arn: Arn,
        why: str,
        at: Location,
        about: str | None = None,
        level: Confidence = Confidence.HIGH,
    ) -> Need:
        if action in _UNSCOPED:
            return Need(action, STAR, level, at, why, platform=True)
        whole = about is not None and arn.single_ref() is not None
        return Need(action, arn, level, at, why, about, whole, platform=True)

    # ------------------------------------------------------------------ logs
    def _logs(self) -> Iterator[Need]:
        group, level, declared = self._log_group()
        arn = (
            Arn.of(
                "arn:",
                Pseudo.PARTITION,
                ":logs:",
                Pseudo.REGION,
                ":",
                Pseudo.ACCOUNT,
                ":log-group:",
            )
            + group
            + Arn.of(":*")
        )
        at = self.function.loc
        actions = LOG_ACTIONS if declared else ("logs:CreateLogGroup", *LOG_ACTIONS)
        why = "Lambda writes the function's logs" + (
            "" if declared else " (and creates the log group)"
        )
        for action in actions:
            yield self._need(action, arn, why, at, level=level)

    def _log_group(self) -> tuple[Arn, Confidence, bool]:
        fn = self.function
        if fn.log_group is not None:
            found = self.ctx.resource(fn.log_group)
            if found is not None and found.name is not None:
                value = self.ctx.template_value(found.name, "log group")
                if isinstance(value, Known) and value.exact and fn.id not in value.arn.refs():
                    return value.arn, Confidence.HIGH, True
        return (
            Arn.of("/aws/lambda/") + self._deployed_name(),
            self._name_confidence(),
            fn.log_group is not None,
        )

    def _deployed_name(self) -> Arn:
        fn = self.function
        if fn.name != fn.id or self.ctx.app.format is SourceFormat.TERRAFORM:
            return Arn.of(fn.name)
        if self.ctx.app.format is SourceFormat.SERVERLESS:
            return Arn.of("*-", fn.name)  # <service>-<stage>-<function>
        # CloudFormation names functions <stack>-<logical id>-<random suffix>
        return Arn.of(Pseudo.STACK, "-", fn.id[:40], "*")

    def _name_confidence(self) -> Confidence:
        fn = self.function
        if fn.name != fn.id or self.ctx.app.format is SourceFormat.TERRAFORM:
            return Confidence.HIGH
        return Confidence.MEDIUM

    # ------------------------------------------------------------------ tracing, VPC
    def _tracing(self) -> Iterator[Need]:
        tracing = self.function.tracing
        if tracing is not None and tracing.is_("Active"):
            for action in TRACE_ACTIONS:
                yield self._need(
                    action, STAR, "active tracing: Lambda sends X-Ray segments", tracing.loc
                )

    def _vpc(self) -> Iterator[Need]:
        vpc = self.function.vpc
        if vpc is not None:
            for action in VPC_ACTIONS:
                yield self._need(
                    action, STAR, "VPC: Lambda manages the function's network interfaces", vpc.loc
                )

    # ------------------------------------------------------------------ event sources
    def _trigger(self, trigger: Trigger) -> tuple[list[Need], list[Gap]]:
        actions = _POLLED.get(trigger.kind)
        if actions is None:
            if trigger.kind in (TriggerKind.KAFKA, TriggerKind.MQ):
                gap = f"the {trigger.kind.value} event source's permissions are not inferred"
                return [], [Gap(gap, trigger.loc)]
            return [], []
        if trigger.source is None:
            return [], [Gap(f"the source of trigger {trigger.name} is unknown", trigger.loc)]
        arn, about, level = self._source_arn(trigger.source, trigger.kind)
        why = f"{trigger.kind.value} trigger {trigger.name}: Lambda polls it"
        needs = [self._need(a, arn, why, trigger.source.loc, about, level) for a in actions]
        if about is not None:
            key = customer_key(self.ctx, about)
            if key is not None:
                kms = Need(
                    "kms:Decrypt",
                    key[0],
                    key[1],
                    trigger.source.loc,
                    why,
                    platform=True,
                    extra=True,
                )
                needs.append(kms)
        return needs, []

    def _source_arn(self, value: V[str], kind: TriggerKind) -> tuple[Arn, str | None, Confidence]:
        found = self.ctx.template_value(value, f"trigger {kind.value}")
        if isinstance(found, AppValue):
            if found.meaning in ("arn", "stream"):
                return (
                    Arn.of(RefPart(found.resource, found.attribute)),
                    found.resource,
                    Confidence.HIGH,
                )
            ref = self.ctx.arn_part(found.resource)
            if ref is not None:
                return Arn.of(ref), found.resource, Confidence.HIGH
        if isinstance(found, Known) and found.arn.render().startswith("arn:"):
            return found.arn, None, Confidence.HIGH
        if isinstance(found, Known) and kind is TriggerKind.SQS and found.arn.literal:
            name = found.arn.render()
            own: tuple[Part, ...] = (
                "arn:",
                Pseudo.PARTITION,
                ":sqs:",
                Pseudo.REGION,
                ":",
                Pseudo.ACCOUNT,
                ":",
                name,
            )
            return Arn.of(*own), None, Confidence.HIGH
        service = {TriggerKind.SQS: "sqs", TriggerKind.KINESIS: "kinesis"}.get(kind, "dynamodb")
        wildcard = {"sqs": ":*", "kinesis": ":stream/*", "dynamodb": ":table/*/stream/*"}[service]
        arn = Arn.of(
            "arn:", Pseudo.PARTITION, f":{service}:", Pseudo.REGION, ":", Pseudo.ACCOUNT, wildcard
        )
        return arn, None, Confidence.LOW

    def _destination(self, label: str, value: V[str]) -> tuple[list[Need], list[Gap]]:
        found = self.ctx.template_value(value, label)
        service: str | None = None
        arn: Arn | None = None
        about: str | None = None
        if isinstance(found, AppValue):
            kind = self.ctx.kind(found.resource)
            service = kind.sar[0] if kind is not None else None
            ref = self.ctx.arn_part(found.resource)
            arn = Arn.of(ref) if ref is not None else None
            about = found.resource
        elif isinstance(found, Known):
            text = found.arn.render()
            service = (
                text.split(":")[2] if text.startswith("arn:") and text.count(":") > 2 else None
            )
            arn = found.arn
        actions = _DESTINATIONS.get(service or "")
        if actions is None or arn is None:
            return [], [
                Gap(f"the {label} target {value.text()} is not one faasguard can map", value.loc)
            ]
        why = f"{label} target: Lambda delivers failed events to it"
        needs = [replace(self._need(a, arn, why, value.loc, about), delivery=True) for a in actions]
        return needs, []


__all__ = ["Platform"]
