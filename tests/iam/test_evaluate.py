"""The policy evaluator: wildcards, NotAction/NotResource, Deny, conditions, unknowns."""

from __future__ import annotations

from typing import Any

import pytest

from faasguard.core.location import Location
from faasguard.iam.evaluate import (
    PolicySet,
    Request,
    Target,
    evaluate,
    is_administrator,
)
from faasguard.iam.patterns import Answer
from faasguard.model import Ref, Statement, Unresolved, V

LOC = Location("template.yaml", 1, 1)


def val(value: Any, line: int = 1) -> V[Any]:
    return V(value, Location("template.yaml", line, 1))


def stmt(
    actions: list[Any] | None = None,
    resources: list[Any] | None = None,
    *,
    effect: str = "Allow",
    not_actions: list[Any] | None = None,
    not_resources: list[Any] | None = None,
    conditions: dict[str, dict[str, list[Any]]] | None = None,
    line: int = 10,
) -> Statement:
    result = Statement(loc=Location("template.yaml", line, 1), effect=val(effect), origin="test")
    result.actions = [val(a, line) for a in actions or []]
    result.resources = [val(r, line + 1) for r in resources or []]
    if not_actions is not None:
        result.not_actions = [val(a, line) for a in not_actions]
    if not_resources is not None:
        result.not_resources = [val(r, line + 1) for r in not_resources]
    for operator, block in (conditions or {}).items():
        result.conditions[operator] = {k: [val(x) for x in vs] for k, vs in block.items()}
    return result


def policy(*statements: Statement, **kw: Any) -> PolicySet:
    return PolicySet(tuple(statements), **kw)


ROLE_ARN = "arn:aws:iam::123456789012:role/shop-worker"


def ask(p: PolicySet, action: str, target: Target | str = "*", **context: str) -> Answer:
    target = Target(target) if isinstance(target, str) else target
    ctx = {k.replace("__", ":").lower(): (v,) for k, v in context.items()}
    return evaluate(p, Request(action, target, ctx)).answer


@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        ("iam:PassRole", "iam:PassRole", Answer.YES),
        ("IAM:passrole", "iam:PassRole", Answer.YES),  # actions are case-insensitive
        ("iam:Pass*", "iam:PassRole", Answer.YES),
        ("iam:*", "iam:PassRole", Answer.YES),
        ("*", "iam:PassRole", Answer.YES),
        ("iam:P?ssRole", "iam:PassRole", Answer.YES),
        ("iam:Put*", "iam:PassRole", Answer.NO),
        ("lambda:*", "iam:PassRole", Answer.NO),
    ],
)
def test_action_wildcards(pattern: str, action: str, expected: Answer) -> None:
    assert ask(policy(stmt([pattern], ["*"])), action, ROLE_ARN) is expected


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("*", Answer.YES),
        ("arn:aws:iam::*:role/*", Answer.YES),
        ("arn:aws:iam::123456789012:role/shop-*", Answer.YES),
        ("arn:aws:iam::123456789012:role/shop-worker", Answer.YES),
        ("arn:aws:iam::123456789012:role/shop-admin", Answer.NO),
        ("arn:aws:iam::123456789012:user/shop-worker", Answer.NO),
        # a wildcard cannot span ARN components: the account `*` does not swallow `:role/`
        ("arn:aws:iam::*:role/other/*", Answer.NO),
    ],
)
def test_resource_wildcards_are_per_arn_component(resource: str, expected: Answer) -> None:
    assert ask(policy(stmt(["iam:PassRole"], [resource])), "iam:PassRole", ROLE_ARN) is expected


def test_placeholders_of_the_account_are_its_own_values() -> None:
    sub = Unresolved("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/shop-*")
    assert ask(policy(stmt(["iam:PassRole"], [sub])), "iam:PassRole", ROLE_ARN) is Answer.YES


def test_other_placeholders_are_unknown_never_yes_or_no() -> None:
    sub = Unresolved("arn:aws:iam::${AWS::AccountId}:role/${RoleName}", refs=())
    assert ask(policy(stmt(["iam:PassRole"], [sub])), "iam:PassRole", ROLE_ARN) is Answer.UNKNOWN
    # ... but still no when even a wildcard in its place could not match
    other = Unresolved("arn:aws:s3:::${BucketName}/*")
    assert ask(policy(stmt(["iam:PassRole"], [other])), "iam:PassRole", ROLE_ARN) is Answer.NO


def test_unknown_action_value_is_unknown() -> None:
    p = policy(stmt([Unresolved("${Action}")], ["*"]))
    assert ask(p, "iam:PassRole", ROLE_ARN) is Answer.UNKNOWN


def test_references_match_by_identity_for_app_resources() -> None:
    p = policy(stmt(["iam:PassRole"], [Ref("WorkerRole", "Arn")]))
    worker = Target("arn:*:iam::*:role/*", app_id="WorkerRole")
    admin = Target("arn:*:iam::*:role/*", app_id="AdminRole")
    assert ask(p, "iam:PassRole", worker) is Answer.YES
    assert ask(p, "iam:PassRole", admin) is Answer.NO
    # a reference is unknown when nothing says what it points at
    assert ask(p, "iam:PassRole", Target("arn:*:iam::*:role/x")) is Answer.UNKNOWN


def test_some_resource_of_a_type() -> None:
    functions = Target("arn:*:lambda:*:*:function:*", some=True)
    scoped = policy(stmt(["lambda:CreateFunction"], ["arn:aws:lambda:eu-west-1:1:function:a-*"]))
    assert ask(scoped, "lambda:CreateFunction", functions) is Answer.YES
    tables = policy(stmt(["lambda:CreateFunction"], ["arn:aws:dynamodb:*:*:table/t"]))
    assert ask(tables, "lambda:CreateFunction", functions) is Answer.NO


def test_outside_the_project_excludes_references() -> None:
    outside = Target("arn:*:iam::*:role/*", some=True, outside=True)
    assert ask(policy(stmt(["iam:PassRole"], [Ref("R")])), "iam:PassRole", outside) is Answer.NO
    assert ask(policy(stmt(["iam:PassRole"], ["*"])), "iam:PassRole", outside) is Answer.YES


def test_actions_without_resource_level_permission_need_star() -> None:
    star = Target("*")
    assert ask(policy(stmt(["sts:GetSessionToken"], ["*"])), "sts:GetSessionToken", star) is (
        Answer.YES
    )
    scoped = policy(stmt(["sts:GetSessionToken"], [Ref("Table", "Arn")]))
    assert ask(scoped, "sts:GetSessionToken", star) is Answer.NO


def test_not_action_allows_everything_else() -> None:
    p = policy(stmt(not_actions=["iam:*"], resources=["*"]))
    assert ask(p, "lambda:CreateFunction", "arn:aws:lambda:*:*:function:f") is Answer.YES
    assert ask(p, "iam:PassRole", ROLE_ARN) is Answer.NO
    decision = evaluate(p, Request("lambda:CreateFunction", Target("*")))
    grant = decision.best()
    assert grant is not None and grant.action is None  # granted through NotAction
    assert grant.location.start_line == 10


def test_not_resource() -> None:
    p = policy(stmt(["iam:PassRole"], not_resources=["arn:aws:iam::*:role/admin-*"]))
    assert ask(p, "iam:PassRole", ROLE_ARN) is Answer.YES
    assert ask(p, "iam:PassRole", "arn:aws:iam::1:role/admin-root") is Answer.NO
    # "some role" stays allowed when only part of them is excluded
    some = Target("arn:*:iam::*:role/*", some=True)
    assert ask(p, "iam:PassRole", some) is Answer.YES


def test_explicit_deny_overrides_allow() -> None:
    allow = stmt(["iam:*"], ["*"])
    deny = stmt(["iam:PassRole"], ["*"], effect="Deny", line=20)
    assert ask(policy(allow, deny), "iam:PassRole", ROLE_ARN) is Answer.NO
    assert ask(policy(allow, deny), "iam:PutRolePolicy", ROLE_ARN) is Answer.YES


def test_deny_on_part_of_the_resources_leaves_the_rest() -> None:
    allow = stmt(["iam:PassRole"], ["arn:aws:iam::*:role/*"])
    deny = stmt(["iam:PassRole"], ["arn:aws:iam::*:role/admin-*"], effect="Deny", line=20)
    p = policy(allow, deny)
    assert ask(p, "iam:PassRole", "arn:aws:iam::1:role/admin-x") is Answer.NO
    assert ask(p, "iam:PassRole", ROLE_ARN) is Answer.YES
    assert ask(p, "iam:PassRole", Target("arn:*:iam::*:role/*", some=True)) is Answer.YES


def test_conditional_deny_leaves_a_conditional_grant() -> None:
    allow = stmt(["s3:GetObject"], ["*"])
    deny = stmt(
        ["s3:*"],
        ["*"],
        effect="Deny",
        conditions={"StringNotEquals": {"aws:SourceVpce": ["vpce-1"]}},
        line=20,
    )
    decision = evaluate(policy(allow, deny), Request("s3:GetObject", Target("*")))
    assert decision.answer is Answer.YES and decision.conditional
    grant = decision.best()
    assert grant is not None and grant.denied_by == (deny,)


def test_passed_to_service_condition_is_evaluated() -> None:
    p = policy(
        stmt(
            ["iam:PassRole"],
            ["*"],
            conditions={"StringEquals": {"iam:PassedToService": ["lambda.amazonaws.com"]}},
        )
    )
    to_lambda = {"iam__passedtoservice": "lambda.amazonaws.com"}
    to_ec2 = {"iam__passedtoservice": "ec2.amazonaws.com"}
    assert ask(p, "iam:PassRole", ROLE_ARN, **to_lambda) is Answer.YES
    assert ask(p, "iam:PassRole", ROLE_ARN, **to_ec2) is Answer.NO


def test_negated_and_like_operators() -> None:
    like = policy(
        stmt(["iam:PassRole"], ["*"], conditions={"StringLike": {"iam:PassedToService": ["l*"]}})
    )
    assert ask(like, "iam:PassRole", ROLE_ARN, iam__passedtoservice="lambda.amazonaws.com") is (
        Answer.YES
    )
    not_ec2 = policy(
        stmt(
            ["iam:PassRole"],
            ["*"],
            conditions={"StringNotEquals": {"iam:PassedToService": ["ec2.amazonaws.com"]}},
        )
    )
    assert ask(not_ec2, "iam:PassRole", ROLE_ARN, iam__passedtoservice="ec2.amazonaws.com") is (
        Answer.NO
    )
    assert ask(not_ec2, "iam:PassRole", ROLE_ARN, iam__passedtoservice="glue.amazonaws.com") is (
        Answer.YES
    )


def test_conditions_the_request_does_not_decide_are_residual() -> None:
    p = policy(
        stmt(["s3:GetObject"], ["*"], conditions={"Bool": {"aws:SecureTransport": ["true"]}})
    )
    decision = evaluate(p, Request("s3:GetObject", Target("*")))
    assert decision.answer is Answer.YES and decision.conditional
    grant = decision.best()
    assert grant is not None and [e.key for e in grant.conditions] == ["aws:SecureTransport"]


def test_unknown_condition_value_is_unknown() -> None:
    p = policy(
        stmt(
            ["iam:PassRole"],
            ["*"],
            conditions={"StringEquals": {"iam:PassedToService": [Ref("ServiceParam")]}},
        )
    )
    assert ask(p, "iam:PassRole", ROLE_ARN, iam__passedtoservice="ec2.amazonaws.com") is (
        Answer.UNKNOWN
    )


def test_unreadable_block_is_unknown() -> None:
    s = stmt(["iam:PassRole"], ["*"])
    s.conditions_unresolved = True
    assert ask(policy(s), "iam:PassRole", ROLE_ARN) is Answer.UNKNOWN


def test_unreadable_policies_are_never_safe() -> None:
    p = policy(unreadable=(val("arn:aws:iam::123456789012:policy/legacy"),))
    decision = evaluate(p, Request("iam:PassRole", Target(ROLE_ARN)))
    assert decision.answer is Answer.UNKNOWN and decision.grants == ()


def test_permissions_boundary_limits_and_unknown_boundary_downgrades() -> None:
    identity = stmt(["iam:*", "s3:*"], ["*"])
    boundary = policy(stmt(["s3:*"], ["*"]))
    bounded = policy(identity, boundary=boundary)
    assert ask(bounded, "s3:GetObject", "arn:aws:s3:::b/k") is Answer.YES
    assert ask(bounded, "iam:PassRole", ROLE_ARN) is Answer.NO
    unknown = policy(identity, boundary_unreadable=True)
    assert ask(unknown, "iam:PassRole", ROLE_ARN) is Answer.UNKNOWN


def test_self_variable_names_the_owner_only() -> None:
    p = PolicySet(
        (stmt(["iam:CreateAccessKey"], ["arn:aws:iam::*:user/${aws:username}"]),), owner="Me"
    )
    me = Target("arn:*:iam::*:user/*", app_id="Me")
    other = Target("arn:*:iam::*:user/*", app_id="Other")
    assert ask(p, "iam:CreateAccessKey", me) is Answer.YES
    assert ask(p, "iam:CreateAccessKey", other) is Answer.NO
    outside = Target("arn:*:iam::*:user/*", some=True, outside=True)
    assert ask(p, "iam:CreateAccessKey", outside) is Answer.NO


def test_administrator() -> None:
    assert is_administrator(policy(stmt(["*"], ["*"])))
    assert not is_administrator(policy(stmt(["*"], ["*"]), stmt(["iam:*"], ["*"], effect="Deny")))
    assert not is_administrator(policy(stmt(["*"], ["arn:aws:s3:::b/*"])))
    assert not is_administrator(policy(stmt(["*"], ["*"]), boundary_unreadable=True))
