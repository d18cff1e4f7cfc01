"""Cognito user pools, app clients and groups, and the Lambda triggers a pool declares.

``Resource.extra`` keys filled here are the CloudFormation loader's (docs/architecture.md,
"Resource.extra keys"): user pool ``mfa``, ``schema_attributes``, ``password_policy`` (under the
CloudFormation property names), ``admin_create_user_only``, ``advanced_security``; client
``user_pool``, ``write_attributes``/``read_attributes`` (None when absent: every attribute),
``generate_secret``, ``explicit_auth_flows``, ``allowed_oauth_flows``, ``callback_urls``,
``prevent_user_existence_errors``; group ``user_pool``, ``role``, ``precedence``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faasguard.loaders.extra import linked, schema_attribute
from faasguard.loaders.terraform.lambdas import add_trigger
from faasguard.loaders.terraform.reader import View
from faasguard.loaders.terraform.state import Item, State
from faasguard.model.app import Resource, ResourceKind, Trigger, TriggerKind
from faasguard.model.values import Ref, V

Handler = Callable[[State, Item], None]
POOL = "aws_cognito_user_pool"
# password_policy block attribute -> the CloudFormation PasswordPolicy property (the model's key)
_PASSWORD_POLICY = {
    "minimum_length": "MinimumLength",
    "require_lowercase": "RequireLowercase",
    "require_numbers": "RequireNumbers",
    "require_symbols": "RequireSymbols",
    "require_uppercase": "RequireUppercase",
    "temporary_password_validity_days": "TemporaryPasswordValidityDays",
    "password_history_size": "PasswordHistorySize",
}
_ATTRIBUTE_LISTS = ("write_attributes", "read_attributes")  # None when absent: all attributes
_LISTS = ("explicit_auth_flows", "allowed_oauth_flows", "callback_urls")


def _new(state: State, item: Item, kind: ResourceKind) -> Resource:
    name = item.view.string("name")
    resource = Resource(item.address, item.type, kind, item.block.loc, name=name)
    state.app.resources[item.address] = resource
    return resource


def user_pool(state: State, item: Item) -> None:
    view = item.view
    pool = _new(state, item, ResourceKind.USER_POOL)
    pool.extra["mfa"] = view.string("mfa_configuration")
    pool.extra["schema_attributes"] = [
        schema_attribute(
            schema.loc,
            name=schema.string("name"),
            data_type=schema.string("attribute_data_type"),
            mutable=schema.boolean("mutable"),
            developer_only=schema.boolean("developer_only_attribute"),
        )
        for schema in view.blocks("schema")
    ]
    password = view.block("password_policy")
    pool.extra["password_policy"] = _password_policy(password) if password is not None else None
    admin = view.block("admin_create_user_config")
    only = admin.boolean("allow_admin_create_user_only") if admin is not None else None
    pool.extra["admin_create_user_only"] = only
    addons = view.block("user_pool_add_ons")
    mode = addons.string("advanced_security_mode") if addons is not None else None
    pool.extra["advanced_security"] = mode


def _password_policy(view: View) -> dict[str, V[Any]]:
    found = {key: view.value(field) for field, key in _PASSWORD_POLICY.items()}
    return {key: value for key, value in found.items() if value is not None}


def user_pool_triggers(state: State, item: Item) -> None:
    config = item.view.block("lambda_config")
    if config is None:
        return
    for name in config.body.attributes:
        value = config.string(name)
        fn_id = state.function_of(value)
        if fn_id is None:
            continue
        trigger = Trigger(
            TriggerKind.COGNITO,
            config.loc_of(name),
            f"{item.address}.{name}",
            function=fn_id,
            public=False,
            source=V(Ref(item.address), item.block.loc),
        )
        add_trigger(state, trigger)


def _pool(state: State, view: View) -> V[Any] | None:
    value = view.string("user_pool_id")
    pool = state.resource_of(value, POOL)
    return linked(value, pool.id if pool is not None else None)


def user_pool_group(state: State, item: Item) -> None:
    view = item.view
    group = _new(state, item, ResourceKind.USER_POOL_GROUP)
    group.extra["user_pool"] = _pool(state, view)
    group.extra["role"] = view.string("role_arn")
    group.extra["precedence"] = view.integer("precedence")


def user_pool_client(state: State, item: Item) -> None:
    view = item.view
    client = _new(state, item, ResourceKind.USER_POOL_CLIENT)
    client.extra["user_pool"] = _pool(state, view)
    for field in _ATTRIBUTE_LISTS:
        client.extra[field] = view.strings(field) if view.has(field) else None
    for field in _LISTS:
        client.extra[field] = view.strings(field)
    client.extra["generate_secret"] = view.boolean("generate_secret")
    errors = view.string("prevent_user_existence_errors")
    client.extra["prevent_user_existence_errors"] = errors


PRIMARY: dict[str, Handler] = {POOL: user_pool}
LINKS: dict[str, Handler] = {
    "aws_cognito_user_pool_client": user_pool_client,
    "aws_cognito_user_group": user_pool_group,
}
DEPENDENTS: dict[str, Handler] = {POOL: user_pool_triggers}

__all__ = ["DEPENDENTS", "LINKS", "PRIMARY"]
