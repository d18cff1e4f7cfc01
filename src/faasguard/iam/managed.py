"""AWS managed policies by name: which ones make a principal an administrator, and the
statements of the few the evaluator knows, from ``faasguard/data/iam_admin_policies.json``.

A managed policy attached by ARN is only a name in a template. The names in `admin` and
`full_access` let rule IAC017 judge them; the documents under `documents` (AWS Managed Policy
Reference, version noted in the data) let the evaluator read them as statements, located at the
line that attaches the policy. Any other AWS managed policy is unknown: the evaluator reports it
as unreadable, never as harmless.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from faasguard.core.enums import Severity
from faasguard.core.location import Location
from faasguard.model.app import Statement
from faasguard.model.values import V

# An AWS managed policy ARN; the partition may be a placeholder (${AWS::Partition}).
_MANAGED_ARN = re.compile(
    r"^arn:(?:aws[\w-]*|\$\{[^}]+\}):iam::aws:policy/(?:[\w+=,.@-]+/)*(?P<name>[\w+=,.@-]+)$"
)
_BARE_NAME = re.compile(r"^[\w+=,.@-]+$")


@dataclass(frozen=True, slots=True)
class ManagedPolicyList:
    admin: Mapping[str, str]  # name -> why it is administrator-equivalent
    full_access: frozenset[str]
    full_access_suffixes: tuple[str, ...]
    documents: Mapping[str, tuple[Mapping[str, Any], ...]]  # name -> statements as in JSON

    def classify(self, name: str) -> tuple[Severity, str] | None:
        if name in self.admin:
            return Severity.CRITICAL, f"administrator-equivalent: {self.admin[name]}"
        if name in self.full_access or name.endswith(self.full_access_suffixes):
            return Severity.HIGH, "full access to a service"
        return None


@cache
def admin_policies() -> ManagedPolicyList:
    path = resources.files("faasguard") / "data" / "iam_admin_policies.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return ManagedPolicyList(
        admin=dict(data["admin"]),
        full_access=frozenset(data["full_access"]),
        full_access_suffixes=tuple(data["full_access_suffixes"]),
        documents={
            name: tuple(doc["Statement"]) for name, doc in data.get("documents", {}).items()
        },
    )


def managed_policy_name(value: V[str]) -> str | None:
    """The AWS managed policy a value names: an ARN (its partition may be unresolved) or,
    as SAM `Policies` allow, a bare name. None for customer managed or unknown policies."""
    text = value.text().strip()
    match = _MANAGED_ARN.match(text)
    if match is not None:
        return match.group("name")
    if value.known and _BARE_NAME.match(text):
        return text
    return None


def managed_statements(value: V[str]) -> list[Statement] | None:
    """The statements of the AWS managed policy a value names, located at the value; None when
    the value names no policy whose document faasguard ships."""
    name = managed_policy_name(value)
    document = admin_policies().documents.get(name) if name else None
    if document is None:
        return None
    return [_statement(raw, f"AWS managed policy {name}", value.loc) for raw in document]


def _statement(raw: Mapping[str, Any], origin: str, loc: Location) -> Statement:
    def values(key: str) -> list[V[str]]:
        found = raw.get(key)
        items = found if isinstance(found, list) else [found] if found is not None else []
        return [V(str(item), loc) for item in items]

    statement = Statement(loc=loc, effect=V(str(raw["Effect"]), loc), origin=origin)
    statement.actions = values("Action")
    statement.resources = values("Resource")
    if "NotAction" in raw:
        statement.not_actions = values("NotAction")
    if "NotResource" in raw:
        statement.not_resources = values("NotResource")
    for operator, block in raw.get("Condition", {}).items():
        statement.conditions[operator] = {
            key: [V(str(v), loc) for v in (vals if isinstance(vals, list) else [vals])]
            for key, vals in block.items()
        }
    return statement


__all__ = ["ManagedPolicyList", "admin_policies", "managed_policy_name", "managed_statements"]
