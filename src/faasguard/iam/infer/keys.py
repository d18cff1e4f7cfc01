"""The customer managed KMS key a template resource is encrypted with, as an ARN.

AWS managed keys (``alias/aws/sqs``) need no permission on the caller's role; a customer
managed key does (``kms:Decrypt`` to read an encrypted queue, ``kms:GenerateDataKey`` to
write to it). A key named through an alias stands for a key faasguard cannot name: the key
ARN pattern ``key/*`` with medium confidence.
"""

from __future__ import annotations

import re

from faasguard.core.enums import Confidence
from faasguard.iam.infer.arn import Arn, Pseudo, parse_template
from faasguard.iam.infer.resolve import FunctionContext
from faasguard.model.values import Ref, Unresolved, V

_KEY_ID = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$"
)
_ANY_KEY = Arn.of("arn:", Pseudo.PARTITION, ":kms:", Pseudo.REGION, ":", Pseudo.ACCOUNT, ":key/*")


def customer_key(ctx: FunctionContext, resource: str) -> tuple[Arn, Confidence] | None:
    found = ctx.resource(resource)
    if found is None or found.kms_key is None:
        return None
    return key_arn(ctx, found.kms_key)


def key_arn(ctx: FunctionContext, value: V[str]) -> tuple[Arn, Confidence] | None:
    raw = value.value
    if isinstance(raw, Ref):
        target = ctx.resource(raw.target)
        if target is not None and target.type in ("AWS::KMS::Key", "aws_kms_key"):
            ref = ctx.arn_part(raw.target)
            if ref is not None:
                return Arn.of(ref), Confidence.HIGH
        return _ANY_KEY, Confidence.MEDIUM
    if isinstance(raw, Unresolved):
        parsed = parse_template(raw.text, ctx.ids)
        return (parsed, Confidence.HIGH) if ":key/" in raw.text else (_ANY_KEY, Confidence.MEDIUM)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if text.startswith("alias/aws/") or ":alias/aws/" in text:
        return None  # an AWS managed key
    if text.startswith("arn:") and ":key/" in text:
        return Arn.of(text), Confidence.HIGH
    if _KEY_ID.match(text):
        own = Arn.of("arn:", Pseudo.PARTITION, ":kms:", Pseudo.REGION, ":", Pseudo.ACCOUNT, ":key/")
        return own + Arn.of(text), Confidence.HIGH
    return _ANY_KEY, Confidence.MEDIUM


__all__ = ["customer_key", "key_arn"]
