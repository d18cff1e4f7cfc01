"""IAC010-IAC012 on hand-built models (Cognito extra keys as documented in _cognito)."""

from __future__ import annotations

from faasguard.core.enums import Severity
from faasguard.loaders.extra import schema_attribute
from faasguard.model import App, Ref, Resource, ResourceKind, TriggerKind, Unresolved, V
from faasguard.rules.iac import (
    cognito_client_unrestricted_write_attributes,
    cognito_client_writes_privileged_attributes,
    self_signup_into_privileged_group,
)
from faasguard.rules.iac._cognito import self_signup
from tests.rules.iac.builders import (
    app,
    at,
    event,
    function,
    hits,
    lines,
    resource,
    role,
    statement,
    v,
)

IAC010 = cognito_client_writes_privileged_attributes.RULE
IAC011 = cognito_client_unrestricted_write_attributes.RULE
IAC012 = self_signup_into_privileged_group.RULE


def _pool(custom: list[str] | None = None, **extra: object) -> dict[str, Resource]:
    pool = resource("Pool", ResourceKind.USER_POOL)
    pool.extra["schema_attributes"] = [
        {"name": v(f"custom:{name}" if i % 2 else name, 3), "mutable": v(True, 4), "custom": True}
        for i, name in enumerate(custom or [])
    ] + [{"name": v("email", 5), "mutable": v(True, 5), "custom": False}]
    pool.extra.update(extra)
    return {"Pool": pool}


def _client(cid: str, writes: object = None) -> dict[str, Resource]:
    client = resource(cid, ResourceKind.USER_POOL_CLIENT)
    client.extra["user_pool"] = V(Ref("Pool"), at(61))
    if writes is not None:
        client.extra["write_attributes"] = writes
    return {cid: client}


def test_privileged_write_attributes() -> None:
    writes = [v("email", 70), v("custom:role", 71), v("custom:nickname", 72), v("custom:Tier", 73)]
    unknown = V(Unresolved("${Attrs}"), at(80))
    model = app(resources={**_pool(["role"]), **_client("Web", writes), **_client("Cli", unknown)})
    found = hits(IAC010, model)
    assert lines(found) == [71, 73]
    assert "custom:role" in found[0].message and found[0].resource == "Web"


def test_privileged_pattern_is_an_option() -> None:
    model = app(resources=_client("Web", [v("custom:nickname", 71)]))
    assert lines(hits(IAC010, model, **{"privileged-pattern": "nick"})) == [71]


def test_standard_attributes_never_privileged() -> None:
    model = app(resources=_client("Web", [v("preferred_username", 71), v("custom:roles", 72)]))
    assert lines(hits(IAC010, model)) == [72]


def test_unrestricted_write_attributes_severity_follows_pool() -> None:
    privileged = app(resources={**_pool(["tenant_id", "bio"]), **_client("Web")})
    found = hits(IAC011, privileged)
    assert lines(found) == [60]
    assert found[0].severity is Severity.HIGH and "custom:tenant_id" in found[0].message
    plain = hits(IAC011, app(resources={**_pool(["bio"]), **_client("Web")}))
    assert plain[0].severity is Severity.MEDIUM
    standard = hits(IAC011, app(resources={**_pool([]), **_client("Web")}))
    assert standard[0].severity is Severity.LOW
    orphan = hits(IAC011, app(resources=_client("Web")))
    assert orphan[0].severity is Severity.MEDIUM


def test_restricted_or_unknown_write_attributes_not_reported_by_iac011() -> None:
    listed = _client("Web", [v("email", 70)])
    unknown = _client("Cli", V(Unresolved("${Attrs}"), at(80)))
    assert hits(IAC011, app(resources={**_pool(["role"]), **listed, **unknown})) == []


def _signup_app(
    *,
    admin_only: object = None,
    action: str = "cognito-idp:AdminAddUserToGroup",
    group_name: str = "admins",
    via_lambda_config: bool = False,
) -> App:
    extra: dict[str, object] = {}
    if admin_only is not None:
        extra["admin_create_user_only"] = admin_only
    cognito = event(TriggerKind.COGNITO, V(Ref("Pool"), at(31)), function="Onboard")
    triggers = [] if via_lambda_config else [cognito]
    group = resource("AdminGroup", ResourceKind.USER_POOL_GROUP, name=v(group_name, 90))
    group.extra["user_pool"] = V(Ref("Pool"), at(91))
    onboard = function("Onboard", *triggers, role="OnboardRole")
    return app(
        resources={**_pool(**extra), "AdminGroup": group},
        triggers=[cognito],
        functions={"Onboard": onboard},
        roles={"OnboardRole": role("OnboardRole", statement([action], ["*"]))},
    )


def test_self_signup_into_privileged_group() -> None:
    found = hits(IAC012, _signup_app())
    assert lines(found) == [90]
    assert "admins" in found[0].message and "Onboard" in found[0].message
    assert lines(hits(IAC012, _signup_app(via_lambda_config=True))) == [90]
    assert lines(hits(IAC012, _signup_app(action="cognito-idp:Admin*"))) == [90]


def test_self_signup_safe_variants() -> None:
    closed = _signup_app(admin_only=v(True, 4))
    unknown = _signup_app(admin_only=V(Unresolved("${AdminOnly}"), at(4)))
    harmless_group = _signup_app(group_name="newsletter")
    no_permission = _signup_app(action="cognito-idp:AdminGetUser")
    for model in (closed, unknown, harmless_group, no_permission):
        assert hits(IAC012, model) == []
    opened = _signup_app(admin_only=v("false", 4))
    assert lines(hits(IAC012, opened)) == [90]


def test_schema_entries_from_the_shared_builder() -> None:
    """Entries as every loader builds them (`loaders.extra.schema_attribute`): the custom flag
    decides, so a standard attribute is never reported."""
    pool = resource("aws_cognito_user_pool.p", ResourceKind.USER_POOL)
    pool.extra["schema_attributes"] = [
        schema_attribute(
            at(line), name=v(name, line), data_type=None, mutable=None, developer_only=None
        )
        for name, line in (("email", 3), ("tenant", 4))
    ]
    client = resource("aws_cognito_user_pool_client.c", ResourceKind.USER_POOL_CLIENT)
    client.extra["user_pool"] = V(Ref("aws_cognito_user_pool.p", "id"), at(61))
    found = hits(IAC011, app(resources={pool.id: pool, client.id: client}))
    assert found[0].severity is Severity.HIGH
    assert "custom:tenant" in found[0].message and "email" not in found[0].message
    pool.extra["admin_create_user_only"] = v(True, 5)
    assert self_signup(pool) is False
