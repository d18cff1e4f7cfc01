"""The state of one serverless.yml load: the app being filled and the provider's defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext, Resolve
from faasguard.loaders.nodes import MapNode, Node
from faasguard.loaders.serverless.reader import Cfg
from faasguard.model.app import App, Auth, EnvVar, Permission, Statement, Trigger, Vpc
from faasguard.model.values import V

PER_FUNCTION_ROLE_PLUGINS = ("iam-roles-per-function", "iam-role-per-function", "granular-iam")


@dataclass(frozen=True, slots=True)
class Defaults:
    """What `provider` sets for every function (a function's own setting wins)."""

    runtime: V[str] | None = None
    memory: V[int] | None = None
    timeout: V[int] | None = None
    environment: tuple[EnvVar, ...] = ()
    tracing: V[str] | None = None
    kms_key: V[str] | None = None
    vpc: Vpc | None = None
    layers: tuple[V[str], ...] = ()
    role: V[Any] | None = None  # provider.iam.role / provider.role given as a name, ARN or Ref
    log_retention: V[int] | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One item of a function's `events` list."""

    type: str  # "http", "sqs", ...
    at: Location  # the event type key's location
    node: Node  # its settings (a map, or the short string form)
    name: str  # "<function>.events[N]"
    index: int = 0  # N


@dataclass(slots=True)
class Load:
    app: App
    path: str
    ctx: LoadContext
    resolve: Resolve
    config: Cfg  # the whole file, variables expanded
    provider: Cfg
    stage: str | None
    service: str | None
    plugins: frozenset[str] = frozenset()
    defaults: Defaults = field(default_factory=Defaults)
    functions: dict[str, tuple[Location, MapNode]] = field(default_factory=dict)  # key -> node
    resource_types: dict[str, str] = field(default_factory=dict)  # logical id -> Type
    role_needs: dict[str, list[Statement]] = field(default_factory=dict)  # function id -> ...
    custom_roles: dict[str, str | None] = field(default_factory=dict)  # function id -> role id
    permissions: dict[str, Permission] = field(default_factory=dict)  # generated, by id
    service_dir: str | None = None  # root-relative directory of the file (the code's home)
    websocket_connect: dict[str, Auth] = field(default_factory=dict)  # api id -> $connect auth
    websocket_routes: list[Trigger] = field(default_factory=list)

    def report(self, message: str, at: Location) -> None:
        self.ctx.report(message, at)

    def cfg(self, node: MapNode) -> Cfg:
        return Cfg(node, self.resolve, self.ctx)

    def value(self, node: Node) -> V[Any]:
        return self.resolve(node)

    @property
    def per_function_roles(self) -> bool:
        """Whether serverless-iam-roles-per-function (or a fork) is among the plugins."""
        return any(
            marker in plugin for plugin in self.plugins for marker in PER_FUNCTION_ROLE_PLUGINS
        )

    def provider_loc(self) -> Location:
        """The `provider:` key (where provider settings go), else the top of the file."""
        if "provider" in self.config.node:
            return self.config.key_loc("provider")
        return Location.file(self.path)


__all__ = ["PER_FUNCTION_ROLE_PLUGINS", "Defaults", "Event", "Load"]
