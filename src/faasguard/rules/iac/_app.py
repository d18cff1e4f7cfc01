"""Small read-only views over the application model shared by the IaC rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from faasguard.analysis.exposure import Exposure
from faasguard.analysis.exposure import role_exposure as exposure_of_role
from faasguard.core.location import Location
from faasguard.iam.actions import action_matches
from faasguard.model.app import App, Function, Resource, ResourceKind, Role, Statement, Trigger
from faasguard.model.values import Ref, Unresolved, V


def all_triggers(app: App) -> Iterator[Trigger]:
    """Every trigger of the app once: the app's list, then any only a function holds."""
    seen: set[int] = set()
    for trigger in [*app.triggers, *(t for f in app.functions.values() for t in f.triggers)]:
        if id(trigger) not in seen:
            seen.add(id(trigger))
            yield trigger


def target_id(value: V[Any] | None) -> str | None:
    """The app id a value refers to: a `Ref`, or an `Unresolved` that mentions one resource."""
    if value is None:
        return None
    raw = value.value
    if isinstance(raw, Ref):
        return raw.target
    if isinstance(raw, Unresolved) and len(raw.refs) == 1:
        return raw.refs[0]
    return None


def referenced_resource(app: App, value: V[Any] | None, *kinds: ResourceKind) -> Resource | None:
    """The resource of the given kinds a value points at (by reference, or by a literal name
    or id equal to the resource's), or None."""
    target = target_id(value)
    candidates = [r for r in app.resources.values() if not kinds or r.kind in kinds]
    if target is not None:
        return next((r for r in candidates if r.id == target), None)
    if value is None or not value.known:
        return None
    text = value.text()
    return next(
        (r for r in candidates if r.id == text or (r.name is not None and r.name.is_(text))),
        None,
    )


def role_functions(app: App, role: Role) -> list[Function]:
    """The functions of the app that run with `role`, in declaration order."""
    named = [app.functions[f] for f in role.functions if f in app.functions]
    if named:  # loaders link roles to their functions; the scan below is the fallback
        return named
    seen = {f.id for f in named}
    linked = [f for f in app.functions.values() if f.role == role.id and f.id not in seen]
    return [*named, *linked]


def role_exposure(app: App, role: Role) -> Exposure:
    """The widest exposure among the functions running with the role (see
    `faasguard.analysis.exposure.role_exposure`)."""
    return exposure_of_role(app, role.id)


def role_statements(role: Role) -> Iterator[Statement]:
    """The identity-policy statements of a role that allow something."""
    return (s for s in role.statements if s.allows)


def role_allows(role: Role, action: str) -> bool:
    """Some Allow statement of the role grants `action` (resources and conditions ignored)."""
    return any(
        action_matches(pattern.text(), action)
        for statement in role_statements(role)
        for pattern in statement.actions
        if pattern.known
    )


def first_loc(values: list[V[str]] | None, fallback: Location) -> Location:
    return values[0].loc if values else fallback


def quoted(items: list[str], limit: int = 3) -> str:
    """`a, b, c and 4 more` for messages."""
    shown = ", ".join(items[:limit])
    rest = len(items) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


__all__ = [
    "all_triggers",
    "first_loc",
    "quoted",
    "referenced_resource",
    "role_allows",
    "role_exposure",
    "role_functions",
    "role_statements",
    "target_id",
]
