"""Wildcard patterns compared with each other, and template placeholders."""

from __future__ import annotations

import pytest

from faasguard.iam.patterns import Answer, any_of, covers, normalise, overlap


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("a*", "*b", True),
        ("a*c", "ab?", True),
        ("a*c", "b*", False),
        ("a?c", "a*", True),
        ("abc", "abd", False),
        ("*", "anything", True),
        ("arn:*:iam::*:role/app-*", "arn:*:iam::*:role/*-api", True),
        # components are compared one by one: `*` in the account does not reach the resource
        ("arn:*:iam::*:role/tenants/*", "arn:*:iam::*:role/tenant-admin", False),
        ("arn:*:s3:::b/*", "arn:*:iam::*:role/*", False),
    ],
)
def test_overlap(first: str, second: str, expected: bool) -> None:
    assert overlap(first, second) is expected
    assert overlap(second, first) is expected


def test_covers_reads_the_other_pattern_literally() -> None:
    assert covers("arn:*:iam::*:role/*", "arn:*:iam::*:role/app-*")
    assert not covers("arn:*:iam::*:role/app-*", "arn:*:iam::*:role/*")
    assert covers("*", "arn:*:lambda:*:*:function:*")
    assert not covers("arn:aws:s3:::*", "*")


def test_normalise_keeps_own_placeholders_exact() -> None:
    own = normalise("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x")
    assert own.text == "arn:*:iam::*:role/x" and own.exact
    other = normalise("arn:aws:s3:::${BucketName}/*")
    assert other.text == "arn:*:s3:::*/*" and not other.exact and other.typed
    terraform = normalise("arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/r")
    assert terraform.exact
    # a literal account and region are the project's own
    assert normalise("arn:aws:lambda:eu-west-1:123456789012:function:f").text == (
        "arn:*:lambda:*:*:function:f"
    )
    # ...but AWS's own account in managed policy ARNs stays
    assert normalise("arn:aws:iam::aws:policy/AdministratorAccess").text == (
        "arn:*:iam::aws:policy/AdministratorAccess"
    )


def test_three_valued_logic() -> None:
    yes, no, unknown = Answer.YES, Answer.NO, Answer.UNKNOWN
    assert yes & unknown is unknown and no & unknown is no
    assert yes | unknown is yes and no | unknown is unknown
    assert ~yes is no and ~unknown is unknown
    assert any_of([]) is no and any_of([no, unknown]) is unknown
