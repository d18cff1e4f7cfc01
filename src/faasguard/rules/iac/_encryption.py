"""Encryption at rest: which key protects a resource, whether its data looks sensitive, and the
hits the per-family rules (IAC033, IAC035-IAC039) share.

Each family says what "nothing declared" means for it, honestly: S3, DynamoDB, SQS (new queues
since October 2022) and CloudWatch Logs encrypt by default with keys AWS owns; SNS topics and
Kinesis streams are not encrypted at rest unless asked. A customer managed key adds control
(key policy, grants, CloudTrail for every decrypt, crypto-shredding) that AWS owned keys lack.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from faasguard.core.enums import Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit, RuleContext
from faasguard.model.app import App, Resource, ResourceKind
from faasguard.model.values import Ref, V

_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_AWS_MANAGED = "alias/aws/"


class KeyState(str, Enum):
    CUSTOMER = "customer"  # a customer managed KMS key (an ARN, an alias, a key of the app)
    AWS_MANAGED = "aws-managed"  # the aws/<service> KMS key
    DEFAULT = "default"  # the service's own default encryption with AWS owned keys
    NONE = "none"  # not encrypted at rest
    UNKNOWN = "unknown"  # set to something the scan cannot know


def kms_key_state(key: V[Any] | None) -> KeyState | None:
    """The state a KMS key setting gives, or None when it is absent."""
    if key is None:
        return None
    if isinstance(key.value, Ref):
        return KeyState.CUSTOMER
    text = key.text()
    if _AWS_MANAGED in text:
        return KeyState.AWS_MANAGED
    if not key.known:
        return KeyState.UNKNOWN
    return KeyState.CUSTOMER if text.strip() else None


@cache
def default_sensitive_words() -> tuple[str, ...]:
    text = (resources.files("faasguard") / "data" / "sensitive_data.json").read_text("utf-8")
    words: list[str] = json.loads(text)["words"]
    return tuple(words)


def sensitive_words(ctx: RuleContext) -> frozenset[str]:
    configured = ctx.option("sensitive-words", None)
    if isinstance(configured, list | tuple) and all(isinstance(w, str) for w in configured):
        return frozenset(w.lower() for w in configured)
    return frozenset(default_sensitive_words())


def name_words(text: str) -> set[str]:
    """``CustomerPIIBucket`` / ``customer-pii_bucket`` -> {customer, pii, bucket}; a trailing
    ``s`` is dropped (``payments`` -> ``payment``)."""
    words = {w.lower() for w in _WORDS.findall(text)}
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words}


def looks_sensitive(resource: Resource, words: frozenset[str]) -> str | None:
    """Why the resource's id or (known) name suggests sensitive data, or None."""
    texts = [resource.id]
    if resource.name is not None and resource.name.known:
        texts.append(resource.name.text())
    found = sorted(set().union(*(name_words(t) for t in texts)) & words)
    return f"its name mentions {found[0]!r}" if found else None


@dataclass(frozen=True, slots=True)
class Family:
    """How one resource family is encrypted, and what to say about it."""

    kinds: tuple[ResourceKind, ...]
    noun: str  # "bucket", "SNS topic"
    state: Callable[[Resource], KeyState]
    default_note: str  # what AWS does when nothing is declared
    unencrypted: Severity = Severity.MEDIUM  # severity when NONE


def encryption_hits(
    app: App,
    ctx: RuleContext,
    family: Family,
    hint: Callable[[Resource], str | None] | None = None,
) -> Iterator[Hit]:
    """Hits for every resource of the family; `hint` may name another reason to think the
    data is sensitive (a log group of a function that handles secrets)."""
    words = sensitive_words(ctx)
    every = bool(ctx.option("require-customer-key", False))
    for resource in app.resources_of(*family.kinds):
        state = family.state(resource)
        if state in (KeyState.CUSTOMER, KeyState.UNKNOWN):
            continue
        word = looks_sensitive(resource, words) or (hint(resource) if hint else None)
        hit = _hit(resource, family, state, word, every)
        if hit is not None:
            yield hit


def _hit(
    resource: Resource, family: Family, state: KeyState, word: str | None, every: bool
) -> Hit | None:
    if state is KeyState.NONE:
        severity = family.unencrypted.raised(1) if word else family.unencrypted
        why = f"; it looks sensitive ({word})" if word else ""
        message = f"{family.noun} {resource.id} is not encrypted at rest{why}"
        confidence = Confidence.HIGH
    elif word is None and not every:
        return None
    else:
        managed = state is KeyState.AWS_MANAGED
        severity = Severity.INFO if managed or word is None else Severity.LOW
        what = "the AWS managed key" if managed else "AWS owned keys"
        why = f" looks sensitive ({word}) but" if word else ""
        message = (
            f"{family.noun} {resource.id}{why} is encrypted with {what} only, not a customer "
            f"managed KMS key ({family.default_note})"
        )
        confidence = Confidence.MEDIUM
    return Hit(
        message=message,
        location=setting_loc(resource),
        resource=resource.id,
        severity=severity,
        confidence=confidence,
        evidence=f"{family.noun} encryption {state.value}",
    )


def setting_loc(resource: Resource) -> Location:
    """Where the resource's encryption is set, or the resource itself when it is not."""
    for value in (resource.kms_key, resource.encryption, resource.encrypted):
        if value is not None:
            return value.loc
    return resource.loc


def first_state(*states: KeyState | None) -> KeyState | None:
    return next((s for s in states if s is not None), None)


def algorithm(value: V[Any] | None) -> str | None:
    """An algorithm/type setting as lower-case text; "?" when unknown; None when absent."""
    if value is None:
        return None
    return value.text().strip().lower() if value.known else "?"


def any_known(values: Iterable[V[Any] | None]) -> bool:
    return all(v is None or v.known for v in values)


__all__ = [
    "Family",
    "KeyState",
    "algorithm",
    "any_known",
    "default_sensitive_words",
    "encryption_hits",
    "first_state",
    "kms_key_state",
    "looks_sensitive",
    "name_words",
    "sensitive_words",
    "setting_loc",
]
