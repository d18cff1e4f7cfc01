"""IAC060-IAC065 on hand-built models: dates, accounts, principals, CORS, egress, signing."""

from __future__ import annotations

from datetime import date

import pytest

from faasguard.core.enums import Severity
from faasguard.core.rule import RuleContext
from faasguard.loaders.extra import default_egress, network_rule
from faasguard.model import (
    AuthKind,
    Cors,
    FunctionUrl,
    Permission,
    Ref,
    ResourceKind,
    Unresolved,
    V,
    Vpc,
)
from faasguard.rules.iac import (
    cors_wildcard_with_credentials,
    deprecated_runtime,
    invoke_permission_without_source_account,
    layer_from_other_account,
    missing_code_signing,
    vpc_function_all_egress,
)
from faasguard.rules.iac._runtimes import lifecycles, load_data, today
from tests.rules.iac.builders import app, at, function, hits, http, lines, resource, v

IAC060 = deprecated_runtime.RULE
IAC061 = layer_from_other_account.RULE
IAC062 = invoke_permission_without_source_account.RULE
IAC063 = cors_wildcard_with_credentials.RULE
IAC064 = vpc_function_all_egress.RULE
IAC065 = missing_code_signing.RULE


def test_runtime_data_is_consistent() -> None:
    data = load_data()
    assert data["source"].startswith("AWS Lambda Developer Guide")
    for runtime, lifecycle in lifecycles().items():
        create, update = lifecycle.block_create, lifecycle.block_update
        assert update is None or create is None or update >= create, runtime
        assert lifecycle.successor is None or lifecycle.successor in lifecycles(), runtime


@pytest.mark.parametrize(
    ("today_", "severity"),
    [
        ("2025-01-01", None),
        ("2025-07-01", Severity.LOW),
        ("2026-01-01", Severity.MEDIUM),
        ("2027-09-01", Severity.HIGH),
    ],
)
def test_runtime_severity_by_how_far_past(today_: str, severity: Severity | None) -> None:
    fn = function("Fn")
    fn.runtime = v("python3.9", 7)
    found = hits(IAC060, app(functions={"Fn": fn}), today=today_)
    assert [h.severity for h in found] == ([severity] if severity else [])


def test_runtime_severity_follows_exposure_and_skips_unknowns() -> None:
    public = function("Public", http(auth=AuthKind.NONE))
    public.runtime = v("nodejs16.x", 3)
    unknown = function("Unknown")
    unknown.runtime = V(Unresolved("${Runtime}"), at(4))
    custom = function("Custom")
    custom.runtime = v("python3.99", 5)
    model = app(functions={f.id: f for f in (public, unknown, custom)})
    found = hits(IAC060, model, today="2026-01-01")
    assert [(h.function, h.severity) for h in found] == [("Public", Severity.HIGH)]
    assert "move to nodejs24.x" in found[0].message


def test_today_reads_the_option_in_every_form() -> None:
    assert today(RuleContext({"today": "2026-02-03"})) == date(2026, 2, 3)
    assert today(RuleContext({"today": date(2026, 2, 3)})) == date(2026, 2, 3)
    assert isinstance(today(RuleContext({})), date)


def test_layers_by_account() -> None:
    fn = function("Fn")
    fn.layers = [
        v("arn:aws:lambda:eu-west-1:999988887777:layer:x:1", 1),
        v("arn:aws:lambda:eu-west-1:123456789012:layer:own:1", 2),
        V(Ref("LocalLayer"), at(3)),
        V(Unresolved("arn:aws:lambda:${AWS::Region}:444455556666:layer:y:2"), at(4)),
        V(Unresolved("arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:layer:z:2"), at(5)),
        v("arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3:7", 6),
    ]
    model = app(functions={"Fn": fn})
    unknown_owner = hits(IAC061, model)
    assert lines(unknown_owner) == [1, 2, 4]
    assert {h.severity for h in unknown_owner} == {Severity.LOW}
    known = hits(IAC061, model, **{"account-ids": ["123456789012"]})
    assert lines(known) == [1, 4] and {h.severity for h in known} == {Severity.MEDIUM}
    trusting = hits(IAC061, model, **{"trusted-accounts": ["999988887777", "444455556666"]})
    assert lines(trusting) == [2]


def permission(pid: str, service: str, **kw: object) -> Permission:
    result = Permission(pid, at(len(pid)), v("Fn"), v(service))
    for key, value in kw.items():
        setattr(result, key, value)
    return result


def test_service_permissions_need_a_source() -> None:
    model = app(
        functions={"Fn": function("Fn")},
        permissions=[
            permission("bare", "events.amazonaws.com"),
            permission("arn", "sns.amazonaws.com", source_arn=v("arn:aws:sns:x:1:t")),
            permission("s3arn", "s3.amazonaws.com", source_arn=v("arn:aws:s3:::b")),
            permission("s3acct", "s3.amazonaws.com", source_account=v("123456789012")),
            permission("org", "s3.amazonaws.com", principal_org_id=v("o-abc")),
            permission("account", "123456789012"),
            permission("gen", "s3.amazonaws.com", generated=True),
            permission("unknown", "x", principal=V(Unresolved("${P}"), at(9))),
        ],
    )
    found = {h.resource: h.severity for h in hits(IAC062, model)}
    assert found == {"bare": Severity.MEDIUM, "s3arn": Severity.LOW}


def test_cors_is_reported_once_per_configuration() -> None:
    shared = Cors(at(10), [v("*", 11)], v(True, 12))
    route_a, route_b = http(api="Api"), http(api="Api", path="/b")
    route_a.cors = route_b.cors = shared
    fn = function("Fn")
    fn.url = FunctionUrl(at(20), v("AWS_IAM"), Cors(at(21), [v("*")], v("false", 22)))
    listed = function("Listed")
    listed.url = FunctionUrl(at(30), v("AWS_IAM"), Cors(at(31), [v("https://a")], v(True, 32)))
    model = app(functions={"Fn": fn, "Listed": listed}, triggers=[route_a, route_b])
    assert lines(hits(IAC063, model)) == [12]


def sg_rule(
    cidr: str, protocol: str = "-1", low: int = 0, high: int = 0, line: int = 40
) -> dict[str, object]:
    return network_rule(
        at(line),
        protocol=v(protocol, line),
        from_port=v(low, line),
        to_port=v(high, line),
        cidrs=[v(cidr, line)],
        source_groups=[],
    )


def test_egress_rules() -> None:
    groups = {
        "Default": resource(
            "Default", ResourceKind.SECURITY_GROUP, extra={"egress": [default_egress(at(30))]}
        ),
        "Open": resource(
            "Open", ResourceKind.SECURITY_GROUP, extra={"egress": [sg_rule("0.0.0.0/0")]}
        ),
        "Ports": resource(
            "Ports",
            ResourceKind.SECURITY_GROUP,
            extra={"egress": [sg_rule("0.0.0.0/0", "tcp", 0, 65535)]},
        ),
        "Https": resource(
            "Https",
            ResourceKind.SECURITY_GROUP,
            extra={"egress": [sg_rule("0.0.0.0/0", "tcp", 443, 443)]},
        ),
        "Ipv6": resource(
            "Ipv6",
            ResourceKind.SECURITY_GROUP,
            extra={"egress": [sg_rule("::/0", line=41)]},
        ),
        "NoEgress": resource("NoEgress", ResourceKind.SECURITY_GROUP, extra={"egress": []}),
        "Unread": resource("Unread", ResourceKind.SECURITY_GROUP),
    }
    fn = function("Fn")
    fn.vpc = Vpc(at(1), [V(Ref(gid), at(2)) for gid in groups])
    model = app(functions={"Fn": fn}, resources=groups)
    found = {(h.resource, h.location.start_line) for h in hits(IAC064, model)}
    assert found == {("Default", 30), ("Open", 40), ("Ports", 40), ("Ipv6", 41)}


def test_code_signing() -> None:
    unsigned = function("Unsigned", line=1)
    image = function("Image", line=2)
    image.image = True
    warned = function("Warned", line=3)
    warned.code_signing = V(Ref("Warn"), at(4))
    enforced = function("Enforced", line=5)
    enforced.code_signing = V(Ref("Enforce"), at(6))
    external = function("External", line=7)
    external.code_signing = v("arn:aws:lambda:eu-west-1:1:code-signing-config:csc-1", 8)
    configs = {
        "Warn": resource(
            "Warn", ResourceKind.OTHER, extra={"untrusted_artifact_on_deployment": v("Warn", 9)}
        ),
        "Enforce": resource(
            "Enforce",
            ResourceKind.OTHER,
            extra={"untrusted_artifact_on_deployment": v("Enforce")},
        ),
    }
    model = app(
        functions={f.id: f for f in (unsigned, image, warned, enforced, external)},
        resources=configs,
    )
    assert {(h.function, h.resource) for h in hits(IAC065, model)} == {
        ("Unsigned", "Unsigned"),
        ("Warned", "Warn"),
    }
