"""Cognito user pools, app clients and groups as the loaders describe them in `Resource.extra`
(the keys are documented in docs/architecture.md, "Resource.extra keys"):

- user pool client (`ResourceKind.USER_POOL_CLIENT`): ``user_pool`` (a V, a Ref when the pool
  is in the app); ``write_attributes`` (list[V[str]] as written; a single V when the whole list
  is unresolved; None when not set, which lets the client write every attribute).
- user pool (`ResourceKind.USER_POOL`): ``schema_attributes`` (dicts with ``name`` and the
  ``custom`` flag); self sign-up from ``admin_create_user_only``, absent meaning self sign-up
  allowed (the AWS default). The pool's Lambda triggers are Cognito triggers of the
  functions, with the pool as `Trigger.source` (a Ref, or its name as text).
- user pool group (`ResourceKind.USER_POOL_GROUP`): ``user_pool``; `Resource.name` holds the
  group name.
"""

from __future__ import annotations

from typing import Any

from faasguard.model.app import App, Resource, ResourceKind, TriggerKind
from faasguard.model.values import V, truthy
from faasguard.rules.iac._app import all_triggers, referenced_resource

USER_POOL = "user_pool"
WRITE_ATTRIBUTES = "write_attributes"
SCHEMA_ATTRIBUTES = "schema_attributes"
ADMIN_CREATE_ONLY = "admin_create_user_only"

# Default name patterns (rule options override them).
PRIVILEGED_ATTRIBUTE = (
    r"(?i)admin|role|group|tier|plan|permission|privilege|scope|entitle|staff|superuser"
    r"|access_?level|tenant|account_?type|subscription|approved"
)
PRIVILEGED_GROUP = (
    r"(?i)admin|root|superuser|staff|moderator|operator|owner|manager|support|internal|ops"
)


def _value(resource: Resource, key: str) -> V[Any] | None:
    raw = resource.extra.get(key)
    return raw if isinstance(raw, V) else None


def write_attributes(client: Resource) -> list[V[str]] | V[Any] | None:
    """The client's write attributes: a list, a single unknown value, or None when unset."""
    raw = client.extra.get(WRITE_ATTRIBUTES)
    if isinstance(raw, list):
        return [item for item in raw if isinstance(item, V)]
    if isinstance(raw, V):
        return raw
    return None


def pool_of(app: App, resource: Resource) -> Resource | None:
    """The user pool a client or group belongs to, when it is declared in the app."""
    return referenced_resource(app, _value(resource, USER_POOL), ResourceKind.USER_POOL)


def custom_attributes(pool: Resource) -> list[V[str]]:
    """The names of the pool's custom schema attributes, as written."""
    names: list[V[str]] = []
    raw = pool.extra.get(SCHEMA_ATTRIBUTES)
    for entry in raw if isinstance(raw, list) else []:
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, V) and entry.get("custom") is True:
            names.append(name)
    return names


def attribute_name(value: V[str]) -> str:
    """A custom attribute's bare name: ``custom:role`` -> ``role``."""
    return value.text().strip().removeprefix("custom:")


def self_signup(pool: Resource) -> bool | None:
    """True when users can sign themselves up (the default), None when unknown."""
    setting = _value(pool, ADMIN_CREATE_ONLY)
    if setting is None:
        return True
    admin_only = truthy(setting)
    return None if admin_only is None else not admin_only


def pool_functions(app: App, pool: Resource) -> list[str]:
    """Ids of the functions the pool invokes: Cognito triggers whose source is the pool, by
    reference or by the pool's name (serverless.yml `cognitoUserPool.pool`)."""
    found = {
        trigger.function
        for trigger in all_triggers(app)
        if trigger.kind is TriggerKind.COGNITO
        and trigger.function in app.functions
        and referenced_resource(app, trigger.source, ResourceKind.USER_POOL) is pool
    }
    return sorted(f for f in found if f is not None)


__all__ = [
    "PRIVILEGED_ATTRIBUTE",
    "PRIVILEGED_GROUP",
    "attribute_name",
    "custom_attributes",
    "pool_functions",
    "pool_of",
    "self_signup",
    "write_attributes",
]
