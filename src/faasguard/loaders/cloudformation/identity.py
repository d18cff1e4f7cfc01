"""Cognito user pools, app clients and groups, and the Lambda triggers a pool declares.

``Resource.extra`` keys filled here are listed in docs/architecture.md ("Resource.extra keys"):
user pool ``mfa``, ``schema_attributes``, ``password_policy``, ``admin_create_user_only``,
``advanced_security``; client ``user_pool``, ``write_attributes``, ``read_attributes``,
``generate_secret``, ``explicit_auth_flows``, ``allowed_oauth_flows``, ``callback_urls``,
``prevent_user_existence_errors``; group ``user_pool``, ``role``, ``precedence``.
"""

from __future__ import annotations

from typing import Any

from faasguard.loaders.cloudformation.build import Build, Item, Props
from faasguard.loaders.extra import schema_attribute
from faasguard.model.app import ResourceKind, Trigger, TriggerKind
from faasguard.model.values import Ref, V


def load_user_pool(b: Build, item: Item) -> None:
    p = item.props
    pool = b.add_resource(item, ResourceKind.USER_POOL, "UserPoolName")
    pool.extra["mfa"] = p.str("MfaConfiguration")
    pool.extra["schema_attributes"] = [_attribute(a) for a in p.maps("Schema")]
    policies = p.map("Policies")
    password = policies.map("PasswordPolicy") if policies is not None else None
    pool.extra["password_policy"] = _all_values(password) if password is not None else None
    admin = p.map("AdminCreateUserConfig")
    only = admin.bool("AllowAdminCreateUserOnly") if admin is not None else None
    pool.extra["admin_create_user_only"] = only
    addons = p.map("UserPoolAddOns")
    mode = addons.str("AdvancedSecurityMode") if addons is not None else None
    pool.extra["advanced_security"] = mode


def _attribute(p: Props) -> dict[str, Any]:
    return schema_attribute(
        p.loc,
        name=p.str("Name"),
        data_type=p.str("AttributeDataType"),
        mutable=p.bool("Mutable"),
        developer_only=p.bool("DeveloperOnlyAttribute"),
    )


def _all_values(p: Props) -> dict[str, V[Any]]:
    result: dict[str, V[Any]] = {}
    for key in p.node:
        value = p.value(key)
        if value is not None:
            result[key] = value
    return result


def load_pool_triggers(b: Build, item: Item) -> None:
    """``LambdaConfig`` entries (PreSignUp, PostConfirmation...) as Cognito triggers."""
    config = item.props.map("LambdaConfig")
    if config is None:
        return
    for key in config.node:
        block = config.map(key) if config.is_map(key) else None
        value = block.value("LambdaArn") if block is not None else config.value(key)
        function = b.function_of(value)
        if function is None:
            continue
        source: V[str] = V(Ref(item.id), config.key_loc(key))
        name = f"{item.id}.{key}"
        trigger = Trigger(TriggerKind.COGNITO, config.key_loc(key), name, function, public=False)
        trigger.source = source
        b.add_trigger(trigger)


def load_client(b: Build, item: Item) -> None:
    p = item.props
    client = b.add_resource(item, ResourceKind.USER_POOL_CLIENT, "ClientName")
    client.extra["user_pool"] = p.str("UserPoolId")
    for key, extra in (
        ("WriteAttributes", "write_attributes"),
        ("ReadAttributes", "read_attributes"),
    ):
        client.extra[extra] = p.strs(key) if p.has(key) else None
    client.extra["generate_secret"] = p.bool("GenerateSecret")
    client.extra["explicit_auth_flows"] = p.strs("ExplicitAuthFlows")
    client.extra["allowed_oauth_flows"] = p.strs("AllowedOAuthFlows")
    client.extra["callback_urls"] = p.strs("CallbackURLs")
    client.extra["prevent_user_existence_errors"] = p.str("PreventUserExistenceErrors")


def load_group(b: Build, item: Item) -> None:
    p = item.props
    group = b.add_resource(item, ResourceKind.USER_POOL_GROUP, "GroupName")
    group.extra["user_pool"] = p.str("UserPoolId")
    group.extra["role"] = p.str("RoleArn")
    group.extra["precedence"] = p.int("Precedence")


__all__ = ["load_client", "load_group", "load_pool_triggers", "load_user_pool"]
