"""A whole CloudFormation/SAM template (YAML or JSON, CDK output included) into an App."""

from __future__ import annotations

from typing import Any

from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation.globals import merge_globals
from faasguard.loaders.cloudformation.loader import load_into
from faasguard.loaders.cloudformation.resolver import CfnResolver
from faasguard.loaders.cloudformation.sam_api import IMPLICIT_HTTP, IMPLICIT_REST
from faasguard.loaders.nodes import MapNode, Node, ScalarNode
from faasguard.model.app import App, Parameter, SourceFormat
from faasguard.model.values import Unresolved, V

CDK_PATH = "aws:cdk:path"
_LIST_TYPES = ("CommaDelimitedList", "List<")


def is_template(root: Node) -> bool:
    """A CloudFormation or SAM document: a format version or transform, or a ``Resources``
    map whose entries have a ``Type``."""
    if not isinstance(root, MapNode):
        return False
    if "AWSTemplateFormatVersion" in root:
        return True
    resources = root.map("Resources")
    if resources is None:
        return False
    if "Transform" in root:
        return True
    return any(
        isinstance(entry, MapNode) and "::" in (entry.str("Type") or "")
        for entry in resources.entries.values()
    )


def load_template(root: MapNode, path: str, ctx: LoadContext) -> App:
    app = App(SourceFormat.CLOUDFORMATION, path, files=[path])
    parameters = _parameters(app, root, ctx)
    resources = root.get("Resources")
    if not isinstance(resources, MapNode):
        where = resources.loc if resources is not None else root.loc
        ctx.report("the template has no Resources map", where)
        return app
    globals_ = root.get("Globals")
    if globals_ is not None and not isinstance(globals_, MapNode):
        ctx.report("Globals should be a map", globals_.loc)
    sections = globals_ if isinstance(globals_, MapNode) else None
    mappings = root.get("Mappings")
    conditions = root.get("Conditions")
    resolver = CfnResolver(
        path,
        ctx,
        set(resources) | generated_ids(resources, sections, parameters),
        parameters,
        mappings if isinstance(mappings, MapNode) else None,
        dict(conditions.items()) if isinstance(conditions, MapNode) else None,
    )
    load_into(app, resources, path, ctx, resolver, globals_=sections, names=cdk_names(resources))
    return app


def _parameters(app: App, root: MapNode, ctx: LoadContext) -> dict[str, V[Any]]:
    """Template parameters into the app, and the value each stands for in the resolver."""
    values: dict[str, V[Any]] = {}
    section = root.get("Parameters")
    if section is None:
        return values
    if not isinstance(section, MapNode):
        ctx.report("Parameters should be a map", section.loc)
        return values
    for name, node in section.items():
        at = section.key_loc(name)
        if not isinstance(node, MapNode):
            ctx.report(f"parameter {name} should be a map", node.loc)
            continue
        type_ = node.str("Type")
        default = node.get("Default")
        parameter = Parameter(name, at, type_)
        if isinstance(default, ScalarNode):
            parameter.default = V(default.value, default.loc)
        no_echo = node.scalar("NoEcho")
        if no_echo is not None:
            flag = no_echo.value
            if isinstance(flag, str):
                flag = flag.lower() == "true" if flag.lower() in ("true", "false") else flag
            parameter.no_echo = V(bool(flag), no_echo.loc) if isinstance(flag, bool) else None
        app.parameters[name] = parameter
        values[name] = _parameter_value(name, type_, parameter.default, at)
    return values


def _parameter_value(name: str, type_: str | None, default: V[Any] | None, at: Any) -> V[Any]:
    if default is None or default.value is None:
        return V(Unresolved("${" + name + "}", (), "parameter without a default"), at)
    if type_ is not None and type_.startswith("AWS::SSM::Parameter::Value"):
        text = f"ssm:{default.value}"
        return V(Unresolved(text, (), "an SSM parameter read at deploy time"), default.loc)
    if type_ is not None and type_.startswith(_LIST_TYPES) and isinstance(default.value, str):
        return V([part.strip() for part in default.value.split(",")], default.loc)
    return default


def generated_ids(
    resources: MapNode, globals_: MapNode | None, parameters: dict[str, V[Any]] | None = None
) -> set[str]:
    """Logical ids SAM generates, so that a Ref to them is not reported as undefined."""
    ids: set[str] = set()
    for logical_id, raw in resources.items():
        if not isinstance(raw, MapNode):
            continue
        type_ = raw.str("Type") or ""
        properties = raw.map("Properties") or MapNode(raw.loc)
        props = merge_globals(globals_, type_, properties)
        if type_ == "AWS::Serverless::Function":
            ids |= _function_ids(logical_id, props)
        elif type_ in ("AWS::Serverless::Api", "AWS::Serverless::HttpApi"):
            stage = _stage_name(props, parameters or {})
            ids.add(f"{logical_id}{stage}Stage")
            ids |= {f"{logical_id}Deployment", f"{logical_id}ApiGatewayDefaultStage"}
        elif type_ == "AWS::Serverless::StateMachine" and "Role" not in props:
            ids.add(f"{logical_id}Role")
    return ids


def _stage_name(props: MapNode, parameters: dict[str, V[Any]]) -> str:
    """A literal StageName, or the default of the parameter it refers to."""
    node = props.get("StageName")
    if isinstance(node, MapNode) and set(node) == {"Ref"}:
        value = parameters.get(node.str("Ref") or "")
        return str(value.value) if value is not None and value.known else "$default"
    return props.str("StageName") or "$default"


def _function_ids(logical_id: str, props: MapNode) -> set[str]:
    ids = {f"{logical_id}EventInvokeConfig"}
    if "Role" not in props:
        ids.add(f"{logical_id}Role")
    if "FunctionUrlConfig" in props:
        ids.add(f"{logical_id}Url")
    alias = props.str("AutoPublishAlias")
    if alias:
        ids |= {f"{logical_id}Alias{alias}", f"{logical_id}Version"}
    events = props.map("Events")
    for name, event in events.items() if events is not None else []:
        ids |= {f"{logical_id}{name}", f"{logical_id}{name}Permission"}
        if not isinstance(event, MapNode):
            continue
        inner = event.map("Properties") or MapNode(event.loc)
        if event.str("Type") == "Api" and "RestApiId" not in inner:
            ids |= {IMPLICIT_REST, f"{IMPLICIT_REST}ProdStage", f"{IMPLICIT_REST}Deployment"}
        if event.str("Type") == "HttpApi" and "ApiId" not in inner:
            ids |= {IMPLICIT_HTTP, f"{IMPLICIT_HTTP}ApiGatewayDefaultStage"}
    return ids


def cdk_names(resources: MapNode) -> dict[str, str]:
    """CDK output: ``Metadata.aws:cdk:path`` (``Stack/Orders/Handler/Resource``) as a readable
    name (``Orders/Handler``)."""
    names: dict[str, str] = {}
    for logical_id, raw in resources.items():
        metadata = raw.map("Metadata") if isinstance(raw, MapNode) else None
        path = metadata.str(CDK_PATH) if metadata is not None else None
        if not path:
            continue
        parts = path.split("/")[1:]
        if parts and parts[-1] in ("Resource", "Default"):
            parts = parts[:-1]
        if parts:
            names[logical_id] = "/".join(parts)
    return names


__all__ = ["cdk_names", "generated_ids", "is_template", "load_template"]
