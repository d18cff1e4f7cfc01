"""IAC015-IAC020 on hand-built models."""

from __future__ import annotations

from faasguard.core.enums import Severity
from faasguard.model import (
    App,
    Principal,
    Resource,
    ResourceKind,
    RoleKind,
    TriggerKind,
    Unresolved,
    V,
)
from faasguard.rules.iac import (
    admin_managed_policy,
    allow_with_not_action_or_not_resource,
    role_shared_across_trigger_kinds,
    trust_policy_open,
    wildcard_action_in_function_role,
    wildcard_resource_with_write_actions,
)
from tests.rules.iac.builders import app, at, event, function, hits, http, lines, role, statement, v

IAC015 = wildcard_action_in_function_role.RULE
IAC016 = wildcard_resource_with_write_actions.RULE
IAC017 = admin_managed_policy.RULE
IAC018 = allow_with_not_action_or_not_resource.RULE
IAC019 = role_shared_across_trigger_kinds.RULE
IAC020 = trust_policy_open.RULE


def _one_role_app(*statements: object, public: bool = False, **role_kw: object) -> App:
    trigger = http() if public else event(TriggerKind.SQS)
    fn = function("Fn", trigger, role="FnRole")
    return app(
        functions={"Fn": fn},
        roles={"FnRole": role("FnRole", *statements, functions=["Fn"], **role_kw)},  # type: ignore[arg-type]
    )


def test_wildcard_actions_in_function_roles() -> None:
    model = _one_role_app(
        statement(["*"], ["*"], line=10),
        statement(["dynamodb:*"], ["arn:aws:dynamodb:eu-west-1:1:table/t"], line=20),
        statement(["s3:Get*"], ["*"], line=30),
        statement(["iam:*"], ["*"], effect="Deny", line=40),
        statement([V(Unresolved("${Action}"), at(51))], ["*"], line=50),  # type: ignore[list-item]
    )
    found = hits(IAC015, model)
    assert lines(found) == [11, 21]
    # an internal queue consumer: one step lower than the base severity
    assert [h.severity for h in found] == [Severity.MEDIUM, Severity.LOW]
    assert "every dynamodb action" in found[1].message


def test_wildcard_action_severity_rises_for_public_unauthenticated_functions() -> None:
    found = hits(IAC015, _one_role_app(statement(["*"], ["*"]), public=True))
    assert found[0].severity is Severity.CRITICAL


def test_roles_without_functions_are_not_function_roles() -> None:
    model = app(roles={"Admin": role("Admin", statement(["*"], ["*"]))})
    assert hits(IAC015, model) == []


def test_wildcard_resource_with_write_actions() -> None:
    model = _one_role_app(
        statement(["s3:GetObject", "s3:PutObject"], ["*"], line=10),
        statement(["s3:GetObject"], ["*"], line=20),
        statement(["s3:PutObject"], ["arn:aws:s3:::receipts/*"], line=30),
        statement(["iam:PutRolePolicy"], ["arn:aws:iam::1:role/*"], line=40),
        statement(["ec2:CreateNetworkInterface", "xray:PutTraceSegments"], ["*"], line=50),
        statement(["s3:PutObject", "sqs:SendMessage"], ["arn:aws:s3:::*"], line=60),
        statement(["sqs:SendMessage"], ["arn:aws:s3:::*"], line=70),
    )
    found = hits(IAC016, model)
    assert lines(found) == [12, 42, 62]
    assert "s3:PutObject" in found[0].message and found[0].severity is Severity.LOW
    assert "permissions-management" in found[1].message
    assert found[1].severity is Severity.MEDIUM
    assert "sqs:SendMessage" not in found[2].message


def test_wildcard_resource_ignore_option() -> None:
    model = _one_role_app(statement(["s3:PutObject"], ["*"], line=10))
    assert hits(IAC016, model, **{"ignore-actions": ["s3:Put*"]}) == []


def test_admin_managed_policies() -> None:
    policies = [
        v("arn:aws:iam::aws:policy/AdministratorAccess", 10),
        V(Unresolved("arn:${AWS::Partition}:iam::aws:policy/AmazonS3FullAccess"), at(11)),
        v("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", 12),
        v("arn:aws:iam::123456789012:policy/AdministratorAccess", 13),
        v("PowerUserAccess", 14),
        V(Unresolved("${ManagedPolicy}"), at(15)),
        v("arn:aws:iam::aws:policy/job-function/SystemAdministrator", 16),
    ]
    found = hits(IAC017, _one_role_app(managed_policies=policies))
    assert lines(found) == [10, 11, 14, 16]
    assert [h.severity for h in found] == [
        Severity.HIGH,  # critical, one step lower: only an internal queue consumer uses it
        Severity.MEDIUM,
        Severity.HIGH,
        Severity.HIGH,
    ]
    assert "AdministratorAccess" in found[0].message and "Fn" in found[0].message


def test_admin_policy_on_users_and_groups() -> None:
    user = role("Deployer", kind=RoleKind.USER, managed_policies=[v("AdministratorAccess", 5)])
    found = hits(IAC017, app(roles={"Deployer": user}))
    assert lines(found) == [5]
    assert found[0].severity is Severity.CRITICAL and found[0].message.startswith("user ")


def test_not_action_not_resource_not_principal() -> None:
    not_action = statement(line=10)
    not_action.not_actions = [v("iam:*", 11)]
    not_resource = statement(["s3:GetObject"], line=20)
    not_resource.not_resources = [v("arn:aws:s3:::secret/*", 21)]
    deny = statement(effect="Deny", line=30)
    deny.not_actions = [v("s3:GetObject", 31)]
    queue_statement = statement(["sqs:SendMessage"], line=40)
    queue_statement.not_principals = [Principal("AWS", v("arn:aws:iam::1:role/x", 43))]
    queue = Resource("Q", "AWS::SQS::Queue", ResourceKind.QUEUE, at(45), policy=[queue_statement])
    model = app(
        roles={"R": role("R", not_action, not_resource, deny)},
        resources={"Q": queue},
    )
    found = hits(IAC018, model)
    assert lines(found) == [11, 21, 43]
    assert [h.severity for h in found] == [Severity.HIGH, Severity.MEDIUM, Severity.HIGH]
    assert "NotAction" in found[0].message and "NotPrincipal" in found[2].message


def test_role_shared_across_trigger_kinds() -> None:
    api = function("Api", http(), role="Shared")
    rest = function("Rest", http(TriggerKind.REST_API), role="Shared")
    worker = function("Worker", event(TriggerKind.SQS), role="Shared")
    direct = function("Direct", role="Shared")
    model = app(
        functions={f.id: f for f in (api, rest, worker, direct)},
        roles={"Shared": role("Shared")},
    )
    found = hits(IAC019, model)
    assert lines(found) == [50]
    assert "Worker (sqs)" in found[0].message and "Direct" not in found[0].message
    assert found[0].severity is Severity.MEDIUM


def test_role_shared_by_same_kind_functions_is_fine() -> None:
    a = function("A", http(), role="Shared")
    b = function("B", http(TriggerKind.REST_API), role="Shared")
    c = function("C", event(TriggerKind.SQS), role="Other")
    model = app(functions={f.id: f for f in (a, b, c)}, roles={"Shared": role("Shared")})
    assert hits(IAC019, model) == []


def test_internal_only_shared_role_is_low() -> None:
    a = function("A", event(TriggerKind.SQS), role="Shared")
    b = function("B", event(TriggerKind.SCHEDULE), role="Shared")
    model = app(functions={f.id: f for f in (a, b)}, roles={"Shared": role("Shared")})
    assert [h.severity for h in hits(IAC019, model)] == [Severity.LOW]


def _trust(*statements: object) -> App:
    return app(roles={"R": role("R", trust=list(statements))})


def test_trust_policy_open() -> None:
    sts = ["sts:AssumeRole"]
    model = _trust(
        statement(sts, principals=[("AWS", "*")], line=10),
        statement(sts, principals=[("AWS", "arn:aws:iam::111122223333:root")], line=20),
        statement(
            ["sts:AssumeRoleWithWebIdentity"],
            principals=[
                ("Federated", "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com")
            ],
            conditions={
                "StringEquals": {"token.actions.githubusercontent.com:aud": ["sts.amazonaws.com"]}
            },
            line=30,
        ),
        statement(sts, principals=[("Service", "lambda.amazonaws.com")], line=40),
    )
    found = hits(IAC020, model)
    assert lines(found) == [13, 23, 33]
    assert [h.severity for h in found] == [Severity.CRITICAL, Severity.MEDIUM, Severity.HIGH]
    assert "111122223333" in found[1].message and "sub" in found[2].message


def test_trust_policy_restricted() -> None:
    sts = ["sts:AssumeRole"]
    model = _trust(
        statement(
            sts,
            principals=[("AWS", "arn:aws:iam::111122223333:root")],
            conditions={"StringEquals": {"sts:ExternalId": ["shop"]}},
        ),
        statement(
            ["sts:AssumeRoleWithWebIdentity"],
            principals=[
                ("Federated", "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com")
            ],
            conditions={
                "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/shop:*"]}
            },
        ),
        statement(
            sts,
            principals=[("AWS", "*")],
            conditions={"StringEquals": {"aws:PrincipalOrgID": ["o-123"]}},
        ),
        statement(sts, principals=[("AWS", "arn:aws:iam::111122223333:role/ci")]),
        statement(sts, principals=[("AWS", "*")], effect="Deny"),
        statement(
            ["sts:AssumeRoleWithSAML"],
            principals=[("Federated", "arn:aws:iam::1:saml-provider/Okta")],
        ),
    )
    assert hits(IAC020, model) == []
