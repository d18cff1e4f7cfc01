"""Scopes and groups (roles) per route.

``Rbac(routes={("GET", "/admin/*"): {"scopes": ["admin:read"], "groups": ["admins"]}})`` is a
check run after an authentication check (or behind an API Gateway authorizer, whose claims it reads
from the event when no check filled ``request.claims``). For each route matching the request,
every listed scope is required and at least one listed group (or role) is required. Routes are
``(method, pattern)``: method ``"*"``/``"ANY"`` matches all; in the pattern ``*`` matches any
characters, ``/`` included, and a trailing ``/*`` also matches the bare prefix; case is
ignored (matching more can only demand more). Paths are normalised before matching
(percent-decoding, ``//`` and dot segments, trailing ``/``) so ``/x/../admin`` cannot slip past
``/admin/*``.

A request no route matches is refused (``unmatched="deny"``, the default) or let through
(``unmatched="allow"``). Failures: 401 ``rbac.unauthenticated`` (no claims), 403 ``rbac.scope``,
``rbac.group``, ``rbac.unmatched``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["Rbac", "Requirement", "claim_groups", "claim_scopes", "normalize_path"]

_GROUP_CLAIMS = ("cognito:groups", "groups", "roles")


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a route needs: all of ``scopes``, and one of ``groups`` when any are listed."""

    scopes: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, spec: Requirement | Mapping[str, Iterable[str]]) -> Requirement:
        """A requirement from a mapping with keys ``scopes``, ``groups`` and ``roles``."""
        if isinstance(spec, Requirement):
            return spec
        unknown = set(spec) - {"scopes", "groups", "roles"}
        if unknown:
            raise GuardConfigError(f"unknown RBAC keys: {sorted(unknown)}")
        for field_name, value in spec.items():
            if isinstance(value, str):
                raise GuardConfigError(f"RBAC {field_name} must be a list, not one string")
        groups = set(spec.get("groups", ())) | set(spec.get("roles", ()))
        return cls(frozenset(spec.get("scopes", ())), frozenset(groups))


def normalize_path(path: str) -> str:
    """``path`` percent-decoded once, with ``//``, ``.`` and ``..`` resolved, no trailing ``/``."""
    decoded = unquote(path).replace("\\", "/")
    norm = posixpath.normpath("/" + decoded.lstrip("/"))
    return "/" + norm.lstrip("/")


def _pattern(pattern: str) -> re.Pattern[str]:
    """``*`` matches anything; a trailing ``/*`` also matches the bare prefix (``/admin``).
    Case is ignored: matching more paths can only require more, never less."""
    norm = normalize_path(pattern)
    tail = ""
    if norm.endswith("/*"):
        norm, tail = norm[:-2], "(?:/.*)?"
    body = ".*".join(re.escape(p) for p in norm.split("*"))
    return re.compile(body + tail, re.DOTALL | re.IGNORECASE)


def _strings(value: Any) -> set[str]:
    """A claim as a set of strings: list, space/comma separated or ``[a b]`` string."""
    if isinstance(value, str):
        return {p for p in re.split(r"[\s,]+", value.strip().strip("[]")) if p}
    if isinstance(value, (list, tuple, set, frozenset)):
        return {str(v) for v in value if isinstance(v, (str, int)) and not isinstance(v, bool)}
    return set()


def claim_scopes(claims: Mapping[str, Any]) -> set[str]:
    """Scopes from ``scope`` (space separated) and ``scp`` (list or string)."""
    return _strings(claims.get("scope")) | _strings(claims.get("scp"))


def claim_groups(claims: Mapping[str, Any], names: Iterable[str] = _GROUP_CLAIMS) -> set[str]:
    """Groups and roles from ``cognito:groups``, ``groups`` and ``roles``."""
    found: set[str] = set()
    for name in names:
        found |= _strings(claims.get(name))
    return found


def _authorizer_claims(raw: Any) -> dict[str, Any]:
    """Claims an API Gateway authorizer put in the event (REST ``claims``, HTTP ``jwt.claims``)."""
    if not isinstance(raw, dict):
        return {}
    context = raw.get("requestContext")
    authorizer = context.get("authorizer") if isinstance(context, dict) else None
    if not isinstance(authorizer, dict):
        return {}
    jwt_part = authorizer.get("jwt")
    if isinstance(jwt_part, dict) and isinstance(jwt_part.get("claims"), dict):
        claims = dict(jwt_part["claims"])
        if jwt_part.get("scopes") and "scope" not in claims:
            claims["scope"] = " ".join(_strings(jwt_part["scopes"]))
        return claims
    rest_claims = authorizer.get("claims")
    return dict(rest_claims) if isinstance(rest_claims, dict) else {}


class Rbac:
    """A check enforcing scopes and groups per route (see the module docs)."""

    def __init__(
        self,
        routes: Mapping[tuple[str, str], Requirement | Mapping[str, Iterable[str]]],
        *,
        unmatched: str = "deny",
        group_claims: Iterable[str] = _GROUP_CLAIMS,
        name: str = "rbac",
    ) -> None:
        if unmatched not in ("deny", "allow"):
            raise GuardConfigError("unmatched must be 'deny' or 'allow'")
        self._routes: list[tuple[str, re.Pattern[str], Requirement]] = []
        for route, spec in routes.items():
            if not (isinstance(route, tuple) and len(route) == 2):
                raise GuardConfigError(f"RBAC route must be (method, path), not {route!r}")
            method = route[0].upper()
            method = "*" if method == "ANY" else method
            self._routes.append((method, _pattern(route[1]), Requirement.parse(spec)))
        self._deny_unmatched = unmatched == "deny"
        self._group_claims = tuple(group_claims)
        self.name = name

    def requirements(self, method: str | None, path: str | None) -> list[Requirement]:
        """The requirements of every route matching ``method`` and ``path``."""
        if path is None:
            return []
        norm = normalize_path(path)
        verb = (method or "").upper()
        return [
            req
            for route_method, pattern, req in self._routes
            if route_method in ("*", verb) and pattern.fullmatch(norm)
        ]

    def __call__(self, request: Request) -> None:
        matched = self.requirements(request.method, request.path)
        if not matched:
            if self._deny_unmatched:
                raise GuardViolation(403, "rbac.unmatched", "no RBAC route matches")
            return
        needed = [req for req in matched if req.scopes or req.groups]
        if not needed:
            return
        claims = request.claims or _authorizer_claims(request.raw)
        if not claims:
            raise GuardViolation(401, "rbac.unauthenticated", "no claims to authorise")
        scopes = claim_scopes(claims)
        groups = claim_groups(claims, self._group_claims)
        for req in needed:
            missing = req.scopes - scopes
            if missing:
                raise GuardViolation(403, "rbac.scope", f"missing scopes {sorted(missing)}")
            if req.groups and not req.groups & groups:
                raise GuardViolation(403, "rbac.group", "caller in none of the required groups")
