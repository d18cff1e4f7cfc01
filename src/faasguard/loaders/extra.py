"""`Resource.extra` entries that every loader builds the same way.

The keys of `Resource.extra` per resource kind are listed in docs/architecture.md ("Resource.extra
keys"). Entries with more than one field (security group rules, Cognito schema attributes) and
links to another resource of the app are built here, so the CloudFormation/SAM, serverless.yml
and Terraform loaders cannot spell them differently.
"""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.model.values import Ref, V

# Cognito's standard attributes: any other schema attribute is a custom one (`custom:<name>`).
STANDARD_ATTRIBUTES = frozenset(
    "address birthdate email email_verified family_name gender given_name locale middle_name "
    "name nickname phone_number phone_number_verified picture preferred_username profile sub "
    "updated_at website zoneinfo".split()
)
ANYWHERE_IPV4 = "0.0.0.0/0"


def linked(value: V[Any] | None, target: str | None) -> V[Any] | None:
    """A setting that names another resource: a `Ref` to `target` (its id in the app) at the
    setting's location when the loader found it, else the value as written."""
    if value is None or target is None:
        return value
    return V(Ref(target), value.loc)


def network_rule(
    loc: Location,
    *,
    protocol: V[str] | None,
    from_port: V[int] | None,
    to_port: V[int] | None,
    cidrs: list[V[str]],
    source_groups: list[V[str]],
) -> dict[str, Any]:
    """One security group rule (``ingress``/``egress`` entry): ``protocol`` ("-1" = all),
    ``from_port``/``to_port``, ``cidrs`` (IPv4 and IPv6 ranges), ``source_groups`` (the peer
    security groups), ``default`` (False) and ``loc`` (the rule as written)."""
    return {
        "protocol": protocol,
        "from_port": from_port,
        "to_port": to_port,
        "cidrs": cidrs,
        "source_groups": source_groups,
        "default": False,
        "loc": loc,
    }


def default_egress(loc: Location) -> dict[str, Any]:
    """The allow-all egress rule AWS adds to a security group created without egress rules
    (CloudFormation), placed at the group: that is where to write the rules that replace it."""
    rule = network_rule(
        loc,
        protocol=V("-1", loc),
        from_port=None,
        to_port=None,
        cidrs=[V(ANYWHERE_IPV4, loc)],
        source_groups=[],
    )
    rule["default"] = True
    return rule


def schema_attribute(
    loc: Location,
    *,
    name: V[str] | None,
    data_type: V[str] | None,
    mutable: V[bool] | None,
    developer_only: V[bool] | None,
) -> dict[str, Any]:
    """One Cognito user pool schema attribute (``schema_attributes`` entry): ``name`` as
    written, ``custom`` (bool: not a standard attribute; False when the name is unknown),
    ``data_type``, ``mutable``, ``developer_only`` and ``loc``."""
    return {
        "name": name,
        "custom": is_custom_attribute(name),
        "data_type": data_type,
        "mutable": mutable,
        "developer_only": developer_only,
        "loc": loc,
    }


def is_custom_attribute(name: V[str] | None) -> bool:
    if name is None or not isinstance(name.value, str) or not name.value.strip():
        return False
    text = name.value.strip()
    return text.startswith("custom:") or text not in STANDARD_ATTRIBUTES


__all__ = [
    "ANYWHERE_IPV4",
    "STANDARD_ATTRIBUTES",
    "default_egress",
    "is_custom_attribute",
    "linked",
    "network_rule",
    "schema_attribute",
]
