"""The IAM helpers: action catalogue, wildcard matching, resource wildcards, conditions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faasguard.iam.actions import (
    AccessLevel,
    ActionCatalogue,
    action_matches,
    catalogue,
    is_full_wildcard,
    is_wildcard_resource,
    modifying_actions,
    service_wildcard,
)
from faasguard.iam.statements import (
    is_anyone,
    is_restricted,
    opens_to_anyone,
    whole_account,
)
from faasguard.model import Principal, Ref, Unresolved, V
from tests.rules.iac.build_iam_access_levels import SHARED, TARGET, render
from tests.rules.iac.builders import at, statement


def test_shipped_catalogue_levels() -> None:
    cat = catalogue()
    put = cat.lookup("S3:putobject")
    assert put is not None and put.level is AccessLevel.WRITE and put.scoped
    policy = cat.lookup("s3:PutBucketPolicy")
    assert policy is not None and policy.level is AccessLevel.PERMISSIONS_MANAGEMENT
    get = cat.lookup("s3:GetObject")
    assert get is not None and get.level is AccessLevel.READ and not get.level.modifies
    traces = cat.lookup("xray:PutTraceSegments")
    assert traces is not None and not traces.scoped
    assert cat.lookup("s3:NoSuchAction") is None


def test_expand_patterns() -> None:
    cat = catalogue()
    names = {info.action for info in cat.expand("s3:Put*")}
    assert "s3:PutObject" in names and "s3:PutBucketPolicy" in names
    assert "s3:GetObject" not in names
    assert {i.action for i in cat.expand("sqs:sendmessage")} == {"sqs:SendMessage"}
    assert {i.service for i in cat.expand("dynamodb:*")} == {"dynamodb"}
    assert len(cat.expand("*")) > 10_000
    assert cat.expand("not-an-action") == ()
    assert {i.action for i in cat.expand("sq?:SendMessage")} == {"sqs:SendMessage"}


def test_modifying_actions_skip_reads() -> None:
    found = modifying_actions(["s3:Get*", "s3:PutObject", "s3:putobject"], catalogue())
    assert [i.action for i in found] == ["s3:PutObject"]


def test_small_catalogue_from_data() -> None:
    cat = ActionCatalogue.from_data({"services": {"svc": {"write": "Make ~Ping", "read": "Look"}}})
    ping = cat.lookup("svc:ping")
    assert ping is not None and not ping.scoped and ping.level is AccessLevel.WRITE
    assert [i.name for i in cat.expand("svc:*")] == ["Make", "Ping", "Look"]


@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        ("s3:Get*", "s3:GetObject", True),
        ("S3:GET*", "s3:getobject", True),
        ("s3:Get*", "s3:PutObject", False),
        ("*", "iam:PassRole", True),
        ("iam:Pass?ole", "iam:PassRole", True),
        ("iam:Pass?ole", "iam:PassXXRole", False),
        ("s3:Get.bject", "s3:GetObject", False),
    ],
)
def test_action_matches(pattern: str, action: str, expected: bool) -> None:
    assert action_matches(pattern, action) is expected


def test_action_wildcards() -> None:
    assert is_full_wildcard(" * ")
    assert not is_full_wildcard("s3:*")
    assert service_wildcard("DynamoDB:*") == "dynamodb"
    assert service_wildcard("s3:Get*") is None
    assert service_wildcard("*:*") is None


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("*", True),
        ("arn:aws:s3:::*", True),
        ("arn:aws:s3:::*/*", True),
        ("arn:aws:s3:::shop-receipts/*", False),
        ("arn:aws:s3:::shop-receipts", False),
        ("arn:aws:dynamodb:*:*:table/*", True),
        ("arn:aws:dynamodb:eu-west-1:123456789012:table/orders", False),
        ("arn:aws:sqs:eu-west-1:123456789012:*", True),
        ("arn:aws:sqs:eu-west-1:123456789012:jobs", False),
        ("arn:aws:lambda:eu-west-1:123456789012:function:*", True),
        ("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/x:*", False),
        ("orders", False),
    ],
)
def test_wildcard_resource(resource: str, expected: bool) -> None:
    assert is_wildcard_resource(resource) is expected


def test_anyone_principals() -> None:
    assert is_anyone(Principal("*", V("*", at(1))))
    assert is_anyone(Principal("AWS", V("*", at(1))))
    assert not is_anyone(Principal("AWS", V("arn:aws:iam::123456789012:root", at(1))))
    assert not is_anyone(Principal("Service", V("*", at(1))))
    assert is_anyone(Principal("AWS", V(Unresolved("${P}"), at(1)))) is None


def test_conditions_restrict() -> None:
    anyone = [("AWS", "*")]
    open_ = statement(["sqs:SendMessage"], ["*"], principals=anyone)
    assert is_restricted(open_) is False
    assert opens_to_anyone(open_) is not None
    arn = {"ArnEquals": {"aws:SourceArn": ["arn:aws:sns:eu-west-1:1:t"]}}
    scoped = statement(["sqs:SendMessage"], ["*"], principals=anyone, conditions=arn)
    assert is_restricted(scoped) is True
    assert opens_to_anyone(scoped) is None
    ref = {"StringEquals": {"aws:SourceAccount": [V(Ref("Param"), at(3))]}}
    assert is_restricted(statement(principals=anyone, conditions=ref)) is True


@pytest.mark.parametrize(
    "conditions",
    [
        {"StringNotEquals": {"aws:SourceAccount": ["111122223333"]}},
        {"StringEqualsIfExists": {"aws:SourceAccount": ["111122223333"]}},
        {"ForAllValues:StringEquals": {"aws:SourceAccount": ["111122223333"]}},
        {"Null": {"aws:SourceArn": ["false"]}},
        {"StringLike": {"aws:SourceArn": ["*"]}},
        {"IpAddress": {"aws:SourceIp": ["0.0.0.0/0"]}},
        {"Bool": {"aws:SecureTransport": ["true"]}},
    ],
)
def test_conditions_that_do_not_restrict(conditions: dict[str, dict[str, list[str]]]) -> None:
    assert is_restricted(statement(principals=[("*", "*")], conditions=conditions)) is False


def test_unreadable_conditions_are_unknown() -> None:
    unreadable = statement(principals=[("*", "*")])
    unreadable.conditions_unresolved = True
    assert is_restricted(unreadable) is None
    assert opens_to_anyone(unreadable) is None


def test_deny_and_not_principal_are_not_openings() -> None:
    assert opens_to_anyone(statement(principals=[("*", "*")], effect="Deny")) is None


def test_whole_account() -> None:
    assert whole_account(Principal("AWS", V("arn:aws:iam::111122223333:root", at(1)))) == (
        "111122223333"
    )
    assert whole_account(Principal("AWS", V("111122223333", at(1)))) == "111122223333"
    assert whole_account(Principal("AWS", V("arn:aws:iam::111122223333:role/x", at(1)))) is None
    assert whole_account(Principal("AWS", V(Unresolved("${AWS::AccountId}"), at(1)))) is None


def test_shipped_data_matches_its_derivation() -> None:
    if not SHARED.is_file():
        pytest.skip("shared IAM data not available")
    expected = render(json.loads(SHARED.read_text(encoding="utf-8")))
    assert Path(TARGET).read_text(encoding="utf-8") == expected
