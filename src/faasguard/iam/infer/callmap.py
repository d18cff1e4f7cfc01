"""The shipped call map: which IAM actions a boto3 call needs, on which resources.

Reads ``faasguard/data/iam_calls/iam_calls.json.gz`` (built by
:mod:`faasguard.tools.build_iam_calls`; its ``format`` block documents every field) once per
process. Services are parsed into typed variants on first use only, so looking up a DynamoDB
call does not parse the other 400 services.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

JSON = dict[str, Any]
DATA = ("data", "iam_calls", "iam_calls.json.gz")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One way to name the resource of a variant: an ARN template filled from parameters
    (`rtype`, `template`, `sources`), a parameter holding the whole ARN (`arn`), or "*" when
    the parameter `star` is passed (SNS direct SMS)."""

    rtype: str | None = None
    template: str | None = None
    sources: tuple[tuple[str, Any], ...] = ()  # ARN variable -> source spec
    arn: Any = None
    star: str | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    action: str
    candidates: tuple[Candidate, ...]
    wildcard: str | None  # ARN template of the fallback wildcard; None: Resource "*" only
    conditions: tuple[tuple[str, ...], ...] = ()
    naive: bool = False  # only the operation's own name: no map knew it


@dataclass(frozen=True, slots=True)
class Service:
    name: str  # boto3 name
    prefix: str  # IAM prefix
    methods: Mapping[str, str]  # snake_case method -> operation
    waiters: Mapping[str, str]
    noauth: frozenset[str]
    _actions: Mapping[str, Any]
    _map: CallMap

    def operation(self, method: str) -> str | None:
        return self.methods.get(method)

    def variants(self, operation: str) -> tuple[Variant, ...] | None:
        """The variants of an operation; None when the map has no action for it."""
        return self._map.variants(self, operation)


class CallMap:
    def __init__(self, data: JSON) -> None:
        self.data = data
        self._services: dict[str, Service | None] = {}
        self._variants: dict[tuple[str, str], tuple[Variant, ...] | None] = {}
        self.permissionless = frozenset(data["permissionless"])
        self.kms: Mapping[str, list[str]] = data["kms"]
        self.helpers: JSON = data["helpers"]
        self.powertools: JSON = data["powertools"]
        self.resources: JSON = data["resources"]

    def service(self, name: str) -> Service | None:
        key = name.strip().lower()
        if key not in self._services:
            raw = self.data["services"].get(key)
            self._services[key] = None if raw is None else self._service(key, raw)
        return self._services[key]

    def _service(self, name: str, raw: JSON) -> Service:
        return Service(
            name=name,
            prefix=raw["prefix"],
            methods=raw["methods"],
            waiters=raw.get("waiters", {}),
            noauth=frozenset(raw.get("noauth", ())),
            _actions=raw["actions"],
            _map=self,
        )

    def variants(self, service: Service, operation: str) -> tuple[Variant, ...] | None:
        key = (service.name, operation)
        if key not in self._variants:
            raw = service._actions.get(operation)
            self._variants[key] = None if raw is None else tuple(self._variant(v) for v in raw)
        return self._variants[key]

    def arn_template(self, prefix: str, rtype: str) -> str | None:
        found: str | None = self.data["arns"].get(prefix, {}).get(rtype)
        return found

    def _variant(self, raw: JSON) -> Variant:
        prefix = raw["a"].split(":")[0]
        candidates = []
        for cand in raw["r"]:
            if "t" in cand:
                template = self.arn_template(prefix, cand["t"])
                if template is None:
                    continue
                candidates.append(Candidate(cand["t"], template, tuple(sorted(cand["v"].items()))))
            elif "tpl" in cand:
                candidates.append(Candidate(None, cand["tpl"], tuple(sorted(cand["v"].items()))))
            elif "arn" in cand:
                candidates.append(Candidate(arn=cand["arn"]))
            elif "star" in cand:
                candidates.append(Candidate(star=cand["star"]))
        wildcard = self.arn_template(prefix, raw["w"]) if "w" in raw else None
        return Variant(
            action=raw["a"],
            candidates=tuple(candidates),
            wildcard=wildcard,
            conditions=tuple(tuple(c) for c in raw.get("if", ())),
            naive=bool(raw.get("naive")),
        )

    def is_permissionless(self, service: Service, operation: str) -> bool:
        return operation in service.noauth or f"{service.name}.{operation}" in self.permissionless

    def kms_extras(self, service: str, operation: str) -> tuple[str, ...]:
        return tuple(self.kms.get(f"{service}.{operation}", ()))

    def every_action(self) -> set[str]:
        """Every action any variant can emit (for the catalogue test)."""
        found: set[str] = set()
        for raw in self.data["services"].values():
            for variants in raw["actions"].values():
                found.update(v["a"] for v in variants)
        for actions in self.kms.values():
            found.update(actions)
        return found


@cache
def call_map() -> CallMap:
    path = resources.files("faasguard").joinpath(*DATA)
    return CallMap(json.loads(gzip.decompress(path.read_bytes())))


__all__ = ["CallMap", "Candidate", "Service", "Variant", "call_map"]
