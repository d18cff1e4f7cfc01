"""The privilege-escalation methods, as data: ``faasguard/data/privesc.json``.

81 methods consolidated from pathfinding.cloud, cloudsplaining, parliament, Rhino Security
Labs, pacu, BishopFox iam-vulnerable, PMapper and policy_sentry (sources and licences in
``NOTICE-privesc.md``). Each names the actions it needs and, under ``evaluate``, which resource
makes each action exploitable (:class:`TargetKind`), the services a passed role must trust, and
the principal kinds it applies to.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any

from faasguard.model.app import RoleKind


class PrivescCategory(str, Enum):
    SELF_ESCALATION = "self-escalation"  # change its own permissions
    PRINCIPAL_ACCESS = "principal-access"  # act as another principal
    NEW_PASSROLE = "new-passrole"  # create a resource and pass it a role
    EXISTING_PASSROLE = "existing-passrole"  # use or change a resource that has a role


class TargetKind(str, Enum):
    """Which resource makes a required action exploitable."""

    ANY = "any"  # one the attacker creates or chooses
    PASS = "pass"  # a role passed to the method's service: trusts it, has more permissions
    SELF = "self"  # the principal itself (or the group a user is in)
    OWN_POLICY = "own-policy"  # a customer managed policy attached to the principal
    BROADER = "broader"  # another principal with more permissions
    ASSUME = "assume"  # a role that trusts the principal
    ASSUME_BROADER = "assume-broader"  # a role that trusts the principal and has more
    EXISTING = "existing"  # an existing resource that runs with a role with more permissions


@dataclass(frozen=True, slots=True)
class Requirement:
    action: str
    target: TargetKind
    resource_types: tuple[str, ...]  # ARN patterns the action can be scoped to ("*": none)


@dataclass(frozen=True, slots=True)
class Method:
    id: str
    name: str
    category: PrivescCategory
    requirements: tuple[Requirement, ...]
    pass_to: tuple[str, ...] = ()
    principals: frozenset[RoleKind] = frozenset(RoleKind)
    needs_boundary: bool = False
    conditions: tuple[str, ...] = ()
    sources: int = 0  # surveyed sources listing it (0: an unsourced candidate)
    retired: bool = False  # a service that no longer exists (CodeStar)
    action_set: frozenset[str] = frozenset()  # its actions in lower case

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(r.action for r in self.requirements)

    @property
    def key_action(self) -> str:
        """The action a finding points at: iam:PassRole when the method passes a role (the
        grant to narrow), else its first action."""
        return "iam:PassRole" if "iam:PassRole" in self.actions else self.actions[0]

    @property
    def label(self) -> str:
        return f"{self.id} ({' + '.join(self.actions)})"


@cache
def methods() -> tuple[Method, ...]:
    text = (resources.files("faasguard") / "data" / "privesc.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    types: Mapping[str, list[str]] = data["resource_types"]
    return tuple(_method(raw, types) for raw in data["methods"])


def _method(raw: Mapping[str, Any], types: Mapping[str, list[str]]) -> Method:
    evaluation = raw["evaluate"]
    requirements = tuple(
        Requirement(action, TargetKind(kind), tuple(types.get(action, ["*"])))
        for action, kind in evaluation["targets"].items()
    )
    return Method(
        id=raw["id"],
        name=raw["name"],
        category=PrivescCategory(raw["category"]),
        requirements=requirements,
        pass_to=tuple(evaluation.get("pass_to", ())),
        principals=frozenset(RoleKind(k) for k in evaluation["principals"]),
        needs_boundary="permissions-boundary" in evaluation.get("requires", ()),
        conditions=tuple(raw.get("conditions", ())),
        sources=int(raw.get("source_count", 0)),
        retired=not raw.get("all_actions_exist_in_sar", True),
        action_set=frozenset(r.action.lower() for r in requirements),
    )


def method_by_id(method_id: str) -> Method | None:
    return next((m for m in methods() if m.id == method_id), None)


__all__ = [
    "Method",
    "PrivescCategory",
    "Requirement",
    "TargetKind",
    "method_by_id",
    "methods",
]
