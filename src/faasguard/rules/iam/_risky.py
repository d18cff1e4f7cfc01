"""Risky single actions in the statements of the app's principals, shared by IAM006/IAM007.

A statement is reported for a reason no other rule already gives: patterns IAC015 reports
(`*`, and `service:*` in a function's role), write and permissions-management actions IAC016
reports on a wildcard resource, actions a reported privilege-escalation path uses from the same
statement, AWS managed policies (IAC017) and NotAction statements (IAC018) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from faasguard.core.location import Location
from faasguard.iam.actions import (
    AccessLevel,
    action_matches,
    catalogue,
    is_full_wildcard,
    is_wildcard_resource,
    service_wildcard,
)
from faasguard.model.app import App, Role, Statement
from faasguard.model.values import V
from faasguard.rules.iac._app import role_functions
from faasguard.rules.iac.wildcard_resource_with_write_actions import DEFAULT_IGNORED
from faasguard.rules.iam._paths import paths_of

_IAC016_LEVELS = (AccessLevel.WRITE, AccessLevel.PERMISSIONS_MANAGEMENT)


@dataclass(frozen=True, slots=True)
class RiskyGrant:
    """The risky actions one statement of a principal grants, and where."""

    role: Role
    statement: Statement
    actions: tuple[str, ...]  # as the catalogue spells them
    location: Location
    wildcard: V[str] | None  # the wildcard resource, when the statement has one
    function: str | None = None  # the one function running with the role, if only one


def risky_grants(app: App, risky: frozenset[str], *, wildcard_only: bool) -> Iterator[RiskyGrant]:
    for role in app.roles.values():
        functions = role_functions(app, role)
        function_role = bool(functions)
        only = functions[0].name if len(functions) == 1 else None
        used = _privesc_grants(app, role)
        for statement in role.statements:
            if not statement.allows or statement.not_actions is not None:
                continue
            wildcard = _wildcard(statement)
            if wildcard_only and wildcard is None and statement.not_resources is None:
                continue
            found: dict[str, Location] = {}
            for pattern in statement.actions:
                if not pattern.known or _reported_pattern(pattern.text(), function_role):
                    continue
                for action in _matching(pattern.text(), risky):
                    if (id(statement), action.lower()) in used:
                        continue
                    if wildcard is not None and _counted_by_iac016(action, wildcard.text()):
                        continue
                    found.setdefault(action, pattern.loc)
            if found:
                first = next(iter(found.values()))
                yield RiskyGrant(role, statement, tuple(found), first, wildcard, only)


def _reported_pattern(pattern: str, function_role: bool) -> bool:
    """IAC015 reports `*` and, in a function's role, `service:*`."""
    return is_full_wildcard(pattern) or (function_role and service_wildcard(pattern) is not None)


def _matching(pattern: str, risky: frozenset[str]) -> tuple[str, ...]:
    text = pattern.strip().lower()
    if "*" not in text and "?" not in text:
        return _spelled((text,)) if text in risky else ()
    return _wild_matching(text, risky)


@lru_cache(maxsize=1024)
def _wild_matching(pattern: str, risky: frozenset[str]) -> tuple[str, ...]:
    return _spelled(tuple(a for a in sorted(risky) if action_matches(pattern, a)))


def _spelled(actions: tuple[str, ...]) -> tuple[str, ...]:
    """The actions as the catalogue spells them."""
    cat = catalogue()
    found = (cat.lookup(a) for a in actions)
    return tuple(info.action if info else a for info, a in zip(found, actions, strict=True))


def _wildcard(statement: Statement) -> V[str] | None:
    return next(
        (r for r in statement.resources if r.known and is_wildcard_resource(r.text())), None
    )


def _counted_by_iac016(action: str, resource: str) -> bool:
    info = catalogue().lookup(action)
    if info is None or info.level not in _IAC016_LEVELS or not info.scoped:
        return False
    parts = resource.strip().split(":")
    service = parts[2].lower() if len(parts) > 2 and parts[0] == "arn" and parts[2] else None
    if service is not None and info.service != service:
        return False
    return not any(action_matches(skip, action) for skip in DEFAULT_IGNORED)


def _privesc_grants(app: App, role: Role) -> set[tuple[int, str]]:
    """(statement, action) pairs that reported privilege-escalation paths of `role` use."""
    return {
        (id(grant.statement), step.requirement.action.lower())
        for path in paths_of(app)
        if path.principal is role
        for step in path.steps
        for grant in step.grants
    }


__all__ = ["RiskyGrant", "risky_grants"]
