"""`resources` (embedded CloudFormation), top-level `layers`, and the logical ids the framework
generates, which `resources` may refer to.

`resources` may be a map or a list of maps (merged, as the framework does); its `Resources`
are loaded by the CloudFormation loader into the same app, with `Parameters`, `Conditions` and
`Mappings` given to the resolver. An entry without `Type` whose id is a generated one
(``IamRoleLambdaExecution: {Properties: ...}``) overrides the generated resource in the
framework; those overrides are not applied here (a known gap) and are left out of the load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from faasguard.loaders.base import LoadContext
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.functions import report_unreadable
from faasguard.loaders.serverless.generated import resource
from faasguard.loaders.serverless.reader import is_opaque
from faasguard.loaders.serverless.state import Load
from faasguard.loaders.serverless.varnode import VarNode
from faasguard.model.app import Parameter, Principal, Resource, ResourceKind, Statement, TriggerKind
from faasguard.model.values import Ref, Unresolved, V

SECTIONS = ("Resources", "Parameters", "Conditions", "Mappings")
FIXED_IDS = frozenset(
    {
        naming.REST_API,
        naming.HTTP_API,
        naming.WEBSOCKET_API,
        naming.SHARED_ROLE,
        naming.DEPLOYMENT_BUCKET,
        naming.REST_LOG_GROUP,
        naming.HTTP_LOG_GROUP,
        naming.WEBSOCKET_LOG_GROUP,
    }
)


@dataclass(frozen=True, slots=True)
class Section:
    """The merged `resources` sections."""

    resources: MapNode
    parameters: MapNode
    conditions: MapNode
    mappings: MapNode

    def types(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for logical_id, node in self.resources.items():
            type_ = node.str("Type") if isinstance(node, MapNode) else None
            if type_ is not None:
                result[logical_id] = type_
        return result


def collect_resources(config: MapNode, ctx: LoadContext) -> Section:
    node = config.get("resources")
    merged = {name: MapNode(config.loc) for name in SECTIONS}
    parts: list[Node] = []
    if node is not None and not (isinstance(node, ScalarNode) and node.value is None):
        parts = list(node.items) if isinstance(node, SeqNode) else [node]
    for part in parts:
        if not isinstance(part, MapNode) or is_opaque(part):
            report_unreadable(ctx, "resources", part)
            continue
        for name, target in merged.items():
            section = part.get(name)
            if section is None:
                continue
            if not isinstance(section, MapNode) or is_opaque(section):
                report_unreadable(ctx, f"resources.{name}", section)
                continue
            if not target.entries:
                target.loc = section.loc
            for key, value in section.items():
                target.entries[key] = value
                target.keys[key] = section.key_loc(key)
    return Section(*(merged[name] for name in SECTIONS))


def generated_ids(functions: dict[str, tuple[Any, MapNode]], config: MapNode) -> set[str]:
    """Logical ids of what the framework will generate (approximately: over-inclusive)."""
    ids = set(FIXED_IDS)
    for key, (_, node) in functions.items():
        ids.update(
            make(key)
            for make in (
                naming.function_id,
                naming.log_group_id,
                naming.function_url_id,
                naming.function_role_id,
                naming.authorizer_id,
            )
        )
        ids.update(_event_ids(node))
    layers = config.get("layers")
    if isinstance(layers, MapNode):
        ids.update(naming.layer_id(key) for key in layers)
    return ids


def _event_ids(function: MapNode) -> Iterable[str]:
    events = function.get("events")
    for item in events.items if isinstance(events, SeqNode) else []:
        if not isinstance(item, MapNode):
            continue
        for kind, make, key in (
            ("sns", naming.topic_id, "topicName"),
            ("s3", naming.bucket_id, "bucket"),
            ("cognitoUserPool", naming.user_pool_id, "pool"),
        ):
            value = item.get(kind)
            name = value.str(key) if isinstance(value, MapNode) else None
            if isinstance(value, ScalarNode) and isinstance(value.value, str):
                name = value.value
            if name and not name.startswith("arn:"):
                yield make(name)


def without_overrides(resources: MapNode, generated: set[str]) -> MapNode:
    entries = {
        key: value
        for key, value in resources.items()
        if not (key in generated and isinstance(value, MapNode) and "Type" not in value)
    }
    if len(entries) == len(resources.entries):
        return resources
    keys = {key: resources.key_loc(key) for key in entries}
    return MapNode(resources.loc, entries=entries, keys=keys)


def parameters(section: Section, ctx: LoadContext) -> tuple[dict[str, V[Any]], list[Parameter]]:
    """Parameter values for the resolver (the default, else unknown) and model parameters."""
    values: dict[str, V[Any]] = {}
    result: list[Parameter] = []
    for name, node in section.parameters.items():
        at = section.parameters.key_loc(name)
        if not isinstance(node, MapNode):
            ctx.report(f"parameter {name} should be a map", node.loc)
            continue
        default_node = node.get("Default")
        default = _plain(default_node) if default_node is not None else None
        missing: V[Any] = V(Unresolved("${" + name + "}", (), "parameter without default"), at)
        values[name] = default or missing
        no_echo = node.get("NoEcho")
        result.append(
            Parameter(
                name,
                at,
                node.str("Type"),
                default,
                _plain(no_echo) if no_echo is not None else None,
            )
        )
    return values, result


def layers(load: Load) -> None:
    """Top-level `layers`: `<Name>LambdaLayer`, shared by `allowedAccounts`."""
    for key, at, node in load.config.entries("layers"):
        if not isinstance(node, MapNode) or is_opaque(node):
            report_unreadable(load.ctx, f"layer {key!r}", node)
            continue
        cfg = load.cfg(node)
        layer = resource(
            load, naming.layer_id(key), "AWS::Lambda::LayerVersion", ResourceKind.LAYER, at
        )
        layer.name = cfg.str("name") or V(key, at)
        layer.extra["compatible_runtimes"] = cfg.strs("compatibleRuntimes")
        layer.raw = node
        for account in cfg.strs("allowedAccounts"):
            grant = Statement(account.loc, V("Allow", account.loc), f"serverless layer {key}")
            grant.actions = [V("lambda:GetLayerVersion", account.loc)]
            grant.principals = [Principal("*" if account.is_("*") else "AWS", account)]
            layer.policy.append(grant)


def link_albs(load: Load) -> None:
    """An ALB trigger is public when its listener's load balancer is internet-facing (the
    default scheme), private when `internal`, unknown when the listener is not in the file.
    Reads the listener and balancer as the CloudFormation loader put them in the model."""
    for trigger in load.app.triggers:
        if trigger.kind is not TriggerKind.ALB or trigger.source is None:
            continue
        listener = _linked(load, trigger.source)
        balancer = _linked(load, listener.extra.get("load_balancer")) if listener else None
        if balancer is None or balancer.kind is not ResourceKind.LOAD_BALANCER:
            continue
        internal = balancer.extra.get("internal")
        if internal is None:
            trigger.public = True
        elif isinstance(internal, V) and internal.known:
            trigger.public = internal.value is not True


def _linked(load: Load, value: object) -> Resource | None:
    if not isinstance(value, V) or not isinstance(value.value, Ref):
        return None
    return load.app.resources.get(value.value.target)


def _plain(node: Node) -> V[Any]:
    if isinstance(node, VarNode):
        return V(node.unresolved, node.loc)
    if isinstance(node, ScalarNode) and node.tag is None:
        return V(node.value, node.loc)
    if isinstance(node, SeqNode) and all(
        isinstance(item, ScalarNode) and item.tag is None for item in node.items
    ):
        return V([item.value for item in node.items if isinstance(item, ScalarNode)], node.loc)
    return V(Unresolved("(an expression)", (), "not a literal"), node.loc)


__all__ = [
    "FIXED_IDS",
    "SECTIONS",
    "Section",
    "collect_resources",
    "generated_ids",
    "layers",
    "link_albs",
    "parameters",
    "without_overrides",
]
