"""What the Terraform loader keeps while it builds one App, and how it finds what a value
points at (a Ref to a resource, a name, an ARN)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.hcl.ast import Block
from faasguard.loaders.terraform.evaluate import Evaluator
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.reader import View
from faasguard.model.app import Api, App, Function, Resource, Role, Stage, Statement
from faasguard.model.values import Ref, Unresolved, V


@dataclass(slots=True)
class Item:
    """One resource block of the configuration."""

    address: str  # with its module prefix
    type: str
    module: Module
    block: Block
    view: View


@dataclass
class State:
    app: App
    ctx: LoadContext
    ev: Evaluator
    items: dict[str, Item] = field(default_factory=dict)
    stages: dict[str, tuple[str, Stage]] = field(default_factory=dict)  # address -> (api, stage)
    policies: dict[str, list[Statement]] = field(default_factory=dict)  # aws_iam_policy address
    aliases: dict[str, str] = field(default_factory=dict)  # aws_lambda_alias -> function id
    integrations: dict[str, Item] = field(default_factory=dict)
    api_resources: dict[str, Item] = field(default_factory=dict)  # aws_api_gateway_resource
    target_groups: dict[str, list[str]] = field(default_factory=dict)  # tg -> function ids

    def of_type(self, *types: str) -> list[Item]:
        return [item for item in self.items.values() if item.type in types]

    def targets(self, value: V[Any] | None) -> list[str]:
        """The resource addresses a value refers to, most direct first."""
        if value is None:
            return []
        raw = value.value
        if isinstance(raw, Ref):
            return [raw.target]
        if isinstance(raw, Unresolved):
            return list(raw.refs)
        return []

    def find(
        self,
        value: V[Any] | None,
        known: Mapping[str, object],
        by_name: Callable[[str], str | None] | None = None,
    ) -> str | None:
        """The id in `known` that `value` points at: by reference, else by name/ARN."""
        for target in self.targets(value):
            if target in known:
                return target
        if value is not None and value.known and by_name is not None:
            return by_name(value.text())
        return None

    def function_of(self, value: V[Any] | None) -> str | None:
        for target in self.targets(value):
            if target in self.aliases:
                return self.aliases[target]
        return self.find(value, self.app.functions, self._function_by_name)

    def _function_by_name(self, text: str) -> str | None:
        name = text
        if ":function:" in text:
            name = text.split(":function:", 1)[1].split(":", 1)[0]
        return _first(self.app.functions.values(), lambda f: f.name == name)

    def role_of(self, value: V[Any] | None) -> str | None:
        def by_name(text: str) -> str | None:
            name = text.rsplit("/", 1)[-1] if text.startswith("arn:") else text
            return _first(
                self.app.roles.values(), lambda r: r.name is not None and r.name.is_(name)
            )

        return self.find(value, self.app.roles, by_name)

    def resource_of(self, value: V[Any] | None, type_: str) -> Resource | None:
        def by_name(text: str) -> str | None:
            name = text.rsplit(":", 1)[-1] if text.startswith("arn:") else text
            return _first(
                self.app.resources.values(),
                lambda r: r.type == type_ and r.name is not None and r.name.is_(name),
            )

        found = self.find(value, self.app.resources, by_name)
        return self.app.resources.get(found) if found else None

    def api_of(self, value: V[Any] | None) -> Api | None:
        found = self.find(value, self.app.apis)
        return self.app.apis.get(found) if found else None

    def stage_of(self, api: Api | None, value: V[Any] | None) -> Stage | None:
        for target in self.targets(value):
            if target in self.stages:
                return self.stages[target][1]
        if api is not None and value is not None and value.known:
            return next((s for s in api.stages if s.name == value.text()), None)
        return None


def _first(items: Iterable[Function | Role | Resource], match: Callable[[Any], bool]) -> str | None:
    for item in items:
        if match(item):
            return item.id
    return None


def address_name(address: str) -> str:
    return address.rsplit(".", 1)[-1]


def at(view: View, name: str) -> Location:
    return view.loc_of(name)


__all__ = ["Item", "State", "address_name", "at"]
