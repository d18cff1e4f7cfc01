"""How reachable a function is, and what that does to a finding's severity (DESIGN.md)."""

from __future__ import annotations

from enum import Enum

from faasguard.core.enums import Severity
from faasguard.model.app import App, AuthKind, Function, Trigger


class Exposure(str, Enum):
    PUBLIC_UNAUTHENTICATED = "public-unauthenticated"
    PUBLIC_AUTHENTICATED = "public-authenticated"
    INTERNAL = "internal"
    UNKNOWN = "unknown"


_SEVERITY_STEP = {
    Exposure.PUBLIC_UNAUTHENTICATED: 1,
    Exposure.PUBLIC_AUTHENTICATED: 0,
    Exposure.UNKNOWN: 0,
    Exposure.INTERNAL: -1,
}


def trigger_unauthenticated(trigger: Trigger) -> bool:
    """A trigger anyone can call: no authorizer, or only an API key."""
    if trigger.auth is None:
        return False
    return trigger.auth.kind in (AuthKind.NONE, AuthKind.API_KEY)


def function_exposure(function: Function) -> Exposure:
    """The widest exposure among the function's triggers."""
    triggers = function.triggers
    if any(t.public and trigger_unauthenticated(t) for t in triggers):
        return Exposure.PUBLIC_UNAUTHENTICATED
    if any(t.public for t in triggers):
        return Exposure.PUBLIC_AUTHENTICATED
    if triggers and all(t.public is False for t in triggers):
        return Exposure.INTERNAL
    return Exposure.UNKNOWN


def is_public(function: Function) -> bool:
    return function_exposure(function) in (
        Exposure.PUBLIC_UNAUTHENTICATED,
        Exposure.PUBLIC_AUTHENTICATED,
    )


def exposed_severity(base: Severity, exposure: Exposure) -> Severity:
    """`base` raised one step for public unauthenticated functions, lowered one for internal
    ones, unchanged otherwise."""
    return base.raised(_SEVERITY_STEP[exposure])


_WIDEST_FIRST = (
    Exposure.PUBLIC_UNAUTHENTICATED,
    Exposure.PUBLIC_AUTHENTICATED,
    Exposure.UNKNOWN,  # a function of unknown exposure may be public: it outranks internal
    Exposure.INTERNAL,
)


def role_exposure(app: App, role_id: str) -> Exposure:
    """The widest exposure among the functions that run with a role (those the loaders linked
    to it, else those naming it); a role no function uses is UNKNOWN, and one function of
    unknown exposure outranks internal ones."""
    role = app.roles.get(role_id)
    if role is None:
        return Exposure.UNKNOWN
    functions = [app.functions[f] for f in role.functions if f in app.functions] or [
        f for f in app.functions.values() if f.role == role_id
    ]
    exposures = {function_exposure(f) for f in functions}
    return next((e for e in _WIDEST_FIRST if e in exposures), Exposure.UNKNOWN)


__all__ = [
    "Exposure",
    "exposed_severity",
    "function_exposure",
    "is_public",
    "role_exposure",
    "trigger_unauthenticated",
]
