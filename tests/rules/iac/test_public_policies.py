"""IAC025 and IAC026 on hand-built models."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.core.enums import Confidence, Severity
from faasguard.model import App, Resource, ResourceKind, Unresolved, V
from faasguard.rules.iac import public_resource_policy, public_s3_bucket
from tests.rules.iac.builders import app, at, hits, lines, resource, statement, v

IAC025 = public_s3_bucket.RULE
IAC026 = public_resource_policy.RULE

ANYONE = [("*", "*")]


def _bucket(block: dict[str, Any] | None = None, acl: str | None = None, **kw: Any) -> App:
    bucket = resource("Bucket", ResourceKind.BUCKET, **kw)
    if acl is not None:
        bucket.acl = v(acl, 62)
    if block is not None:
        bucket.public_access_block = {
            key: value if isinstance(value, V) else v(value, 63 + i)
            for i, (key, value) in enumerate(block.items())
        }
    return app(resources={"Bucket": bucket})


OFF = {
    "BlockPublicAcls": False,
    "IgnorePublicAcls": False,
    "BlockPublicPolicy": False,
    "RestrictPublicBuckets": False,
}
POLICY_OPEN = {**OFF, "BlockPublicAcls": True, "IgnorePublicAcls": True}
ACL_OPEN = {**OFF, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}


def test_public_read_policy_with_block_disabled() -> None:
    policy = [statement(["s3:GetObject"], ["arn:aws:s3:::b/*"], principals=ANYONE, line=70)]
    found = hits(IAC025, _bucket(OFF, policy=policy))
    assert lines(found) == [73]
    assert found[0].severity is Severity.HIGH and found[0].confidence is Confidence.HIGH
    assert "read" in found[0].message


def test_public_write_policy_is_critical() -> None:
    policy = [statement(["s3:*"], ["arn:aws:s3:::b/*"], principals=[("AWS", "*")], line=70)]
    found = hits(IAC025, _bucket(OFF, policy=policy))
    assert [h.severity for h in found] == [Severity.CRITICAL]


@pytest.mark.parametrize(
    "block",
    [
        {**OFF, "BlockPublicPolicy": True},
        {**OFF, "RestrictPublicBuckets": True},
        {"block_public_policy": True},  # Terraform spelling
        {**OFF, "BlockPublicPolicy": V(Unresolved("${Flag}"), at(64))},
    ],
)
def test_block_neutralises_or_hides_public_policy(block: dict[str, Any]) -> None:
    policy = [statement(["s3:GetObject"], ["arn:aws:s3:::b/*"], principals=ANYONE, line=70)]
    assert hits(IAC025, _bucket(block, policy=policy)) == []


def test_policy_without_declared_block_is_lower_and_explained() -> None:
    policy = [statement(["s3:GetObject"], ["arn:aws:s3:::b/*"], principals=ANYONE, line=70)]
    found = hits(IAC025, _bucket(None, policy=policy))
    assert found[0].severity is Severity.MEDIUM and found[0].confidence is Confidence.MEDIUM
    assert "April 2023" in found[0].message


def test_restricted_policies_are_not_public() -> None:
    conditions = {"StringEquals": {"aws:SourceVpce": ["vpce-1"]}}
    policy = [
        statement(["s3:GetObject"], ["arn:aws:s3:::b/*"], principals=ANYONE, conditions=conditions),
        statement(["s3:*"], ["arn:aws:s3:::b/*"], principals=ANYONE, effect="Deny"),
        statement(
            ["s3:GetObject"],
            ["arn:aws:s3:::b/*"],
            principals=[("Service", "cloudfront.amazonaws.com")],
        ),
    ]
    assert hits(IAC025, _bucket(POLICY_OPEN, policy=policy)) == []


def test_public_acls() -> None:
    assert [h.severity for h in hits(IAC025, _bucket(OFF, acl="PublicReadWrite"))] == [
        Severity.CRITICAL
    ]
    found = hits(IAC025, _bucket(OFF, acl="public-read"))
    assert lines(found) == [62] and found[0].severity is Severity.HIGH
    assert hits(IAC025, _bucket({**OFF, "IgnorePublicAcls": True}, acl="PublicRead")) == []
    assert hits(IAC025, _bucket(ACL_OPEN, acl="Private")) == []
    assert lines(hits(IAC025, _bucket(ACL_OPEN, acl="PublicRead"))) == [62]
    enforced = _bucket(ACL_OPEN, acl="PublicRead")
    enforced.resources["Bucket"].extra["object_ownership"] = v("BucketOwnerEnforced", 66)
    assert hits(IAC025, enforced) == []
    default = hits(IAC025, _bucket(None, acl="PublicRead"))
    assert default[0].severity is Severity.MEDIUM


def test_disabled_block_alone() -> None:
    found = hits(IAC025, _bucket(OFF))
    assert lines(found) == [63] and found[0].severity is Severity.MEDIUM
    assert hits(IAC025, _bucket({"BlockPublicAcls": True, "IgnorePublicAcls": False})) == []
    assert hits(IAC025, _bucket(None)) == []
    empty = hits(IAC025, _bucket({}))
    assert lines(empty) == [60]  # a declared block that sets nothing: all off, at the bucket


def _with_policy(kind: ResourceKind, *statements: Any) -> App:
    target = Resource("R", kind.value, kind, at(60), policy=list(statements))
    return app(resources={"R": target})


@pytest.mark.parametrize(
    ("kind", "severity"),
    [
        (ResourceKind.QUEUE, Severity.HIGH),
        (ResourceKind.TOPIC, Severity.HIGH),
        (ResourceKind.KEY, Severity.CRITICAL),
        (ResourceKind.SECRET, Severity.CRITICAL),
        (ResourceKind.LAYER, Severity.MEDIUM),
    ],
)
def test_public_resource_policies(kind: ResourceKind, severity: Severity) -> None:
    found = hits(IAC026, _with_policy(kind, statement(["x:Do"], ["*"], principals=ANYONE, line=70)))
    assert lines(found) == [73] and found[0].severity is severity


def test_public_resource_policy_conditions_and_kinds() -> None:
    conditions = {"StringEquals": {"aws:SourceOwner": ["123456789012"]}}
    caller = {"StringEquals": {"kms:CallerAccount": ["123456789012"]}}
    restricted = _with_policy(
        ResourceKind.TOPIC,
        statement(["sns:Publish"], ["*"], principals=ANYONE, conditions=conditions),
        statement(["kms:Decrypt"], ["*"], principals=ANYONE, conditions=caller),
        statement(["sns:Publish"], ["*"], principals=[("AWS", "arn:aws:iam::1:root")]),
    )
    assert hits(IAC026, restricted) == []
    bucket = _with_policy(
        ResourceKind.BUCKET, statement(["s3:GetObject"], ["*"], principals=ANYONE)
    )
    assert hits(IAC026, bucket) == []  # buckets are IAC025's
