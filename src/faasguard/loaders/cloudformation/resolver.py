"""CloudFormation intrinsic functions evaluated as far as the template itself allows.

:class:`CfnResolver` turns a document node into a model value (:class:`~faasguard.model.V`):
literals stay literals; ``Ref``/``Fn::GetAtt`` to a resource of the template become
:class:`~faasguard.model.Ref`; parameters with a default, mappings and conditions that fold from
defaults are evaluated; everything that depends on the deployment (pseudo parameters, imports,
parameters without default, undecidable conditions) becomes :class:`~faasguard.model.Unresolved`
with the expression kept as text (``arn:${AWS::Partition}:s3:::${Bucket}/*``) and the resources
it mentions. Nothing is guessed.

A value read through a parameter keeps the location of the parameter's ``Default`` (the line to
fix for a literal secret); a value read through ``Fn::FindInMap`` keeps the mapping entry's.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation.conditions import CONDITION_FUNCTIONS, Conditions
from faasguard.loaders.cloudformation.text import (
    INTERNAL_TAG,
    PSEUDO_PARAMETERS,
    is_intrinsic,
    join_parts,
    placeholder,
    sub_parts,
)
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode, to_plain
from faasguard.model.values import Ref, Unresolved, V

MAX_NESTING = 64
_OPAQUE = {
    "Fn::GetAZs": "availability zones",
    "Fn::Cidr": "CIDR blocks computed at deploy time",
    "Fn::Transform": "a macro runs at deploy time",
    "Fn::ForEach": "Fn::ForEach is expanded at deploy time",
    "Fn::ImportValue": "a value exported by another stack",
}


class CfnResolver:
    """Resolves leaf values of one template (or of serverless.yml ``resources``).

    ``resource_ids``: the logical ids a ``Ref`` may name (declared and framework-generated).
    ``parameters``: parameter name -> its value (a default, or Unresolved without one).
    ``mappings``: the template's ``Mappings`` node. ``conditions``: condition name -> node.
    Subclasses may override :meth:`scalar` to give plain strings a meaning (serverless
    variables) and :meth:`intrinsic` to add functions.
    """

    def __init__(
        self,
        path: str,
        ctx: LoadContext,
        resource_ids: Collection[str],
        parameters: Mapping[str, V[Any]] | None = None,
        mappings: MapNode | None = None,
        conditions: Mapping[str, Node] | None = None,
    ) -> None:
        self.path = path
        self.ctx = ctx
        self.resource_ids = frozenset(resource_ids)
        self.parameters: Mapping[str, V[Any]] = parameters or {}
        self.mappings = mappings
        self.conditions = Conditions(conditions or {}, self, ctx)
        self._depth = 0

    # -- entry points ------------------------------------------------------------------------

    def __call__(self, node: Node) -> V[Any]:
        if self._depth > MAX_NESTING:
            self.ctx.report(f"intrinsic functions nested deeper than {MAX_NESTING}", node.loc)
            return _unknown("...", node.loc, "nested too deep")
        self._depth += 1
        try:
            return self._resolve(node)
        finally:
            self._depth -= 1

    def branch(self, node: Node) -> Node | None:
        """`node` with a decidable ``Fn::If`` replaced by the chosen branch (repeatedly), and
        None for ``Ref: AWS::NoValue``; any other node is returned as is."""
        current: Node | None = node
        for _ in range(MAX_NESTING):
            if not isinstance(current, MapNode) or not is_intrinsic(current):
                return current
            key = next(iter(current))
            if key == "Ref" and current.str("Ref") == "AWS::NoValue":
                return None
            if key != "Fn::If":
                return current
            args = current.seq("Fn::If")
            if args is None or len(args) != 3:
                return current
            decided = self.conditions.decide(args.items[0])
            if decided is None:
                return current
            current = args.items[1] if decided else args.items[2]
        return current

    def condition(self, name: str, at: Location) -> bool | None:
        """The value of a named condition when it folds from parameter defaults, else None."""
        return self.conditions.named(name, at)

    # -- overridable -------------------------------------------------------------------------

    def scalar(self, node: ScalarNode) -> V[Any]:
        return V(node.value, node.loc)

    def intrinsic(self, name: str, arg: Node, node: MapNode) -> V[Any]:
        handler = _HANDLERS.get(name)
        if handler is not None:
            return handler(self, arg, node)
        if name in _OPAQUE:
            return self._opaque(name, arg, node)
        if name in CONDITION_FUNCTIONS:
            decided = self.conditions.decide(node)
            if decided is None:
                return _unknown(name, node.loc, "condition not decidable from defaults")
            return V(decided, node.loc)
        self.ctx.report(f"unknown intrinsic function {name}", node.key_loc(name))
        return _unknown(name, node.loc, "unknown intrinsic function")

    # -- dispatch ----------------------------------------------------------------------------

    def _resolve(self, node: Node) -> V[Any]:
        if node.tag is not None:
            return self._tagged(node)
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SeqNode):
            return V([self(item).value for item in node.items], node.loc)
        assert isinstance(node, MapNode)
        if is_intrinsic(node):
            name = next(iter(node))
            return self.intrinsic(name, node.entries[name], node)
        return V({key: self(value).value for key, value in node.items()}, node.loc)

    def _tagged(self, node: Node) -> V[Any]:
        text = str(node.value) if isinstance(node, ScalarNode) else node.tag or ""
        if node.tag == INTERNAL_TAG:
            return _unknown(text, node.loc, "missing template parameter")
        self.ctx.report(f"unknown tag {node.tag}", node.loc)
        return _unknown(f"{node.tag} {text}".strip(), node.loc, f"unknown tag {node.tag}")

    def _opaque(self, name: str, arg: Node, node: MapNode) -> V[Any]:
        inner = self(arg) if name == "Fn::ImportValue" else None
        if inner is not None:
            text, refs = placeholder(inner.value)
            return V(Unresolved(f"ImportValue:{text}", refs, _OPAQUE[name]), node.loc)
        return _unknown(name, node.loc, _OPAQUE[name])

    # -- the functions -----------------------------------------------------------------------

    def _ref(self, arg: Node, node: MapNode) -> V[Any]:
        target = self(arg)
        name = target.value
        if not isinstance(name, str):
            self.ctx.report("Ref needs the name of a parameter or resource", arg.loc)
            return _unknown("Ref", node.loc, "bad Ref")
        return self.named(name, node.loc)

    def named(self, name: str, at: Location) -> V[Any]:
        """What ``Ref: name`` (or ``${name}`` in ``Fn::Sub``) stands for."""
        if name == "AWS::NoValue":
            return V(None, at)
        if name in PSEUDO_PARAMETERS:
            return _unknown("${" + name + "}", at, "pseudo parameter")
        parameter = self.parameters.get(name)
        if parameter is not None:
            return parameter
        if name in self.resource_ids:
            return V(Ref(name), at)
        resource, _, attribute = name.partition(".")
        if attribute and resource in self.resource_ids:  # SAM: !Ref MyApi.Stage
            return V(Ref(resource, attribute), at)
        self.ctx.report(f"Ref to {name!r}, which is neither a parameter nor a resource", at)
        return _unknown("${" + name + "}", at, "undefined reference")

    def _getatt(self, arg: Node, node: MapNode) -> V[Any]:
        parts: list[Any]
        if isinstance(arg, SeqNode) and len(arg) == 2:
            parts = [self(item).value for item in arg.items]
        elif isinstance(arg, ScalarNode) and isinstance(arg.value, str) and "." in arg.value:
            parts = arg.value.split(".", 1)
        else:
            self.ctx.report("Fn::GetAtt needs [resource, attribute]", arg.loc)
            return _unknown("Fn::GetAtt", node.loc, "bad Fn::GetAtt")
        resource, attribute = parts
        if not isinstance(resource, str) or not isinstance(attribute, str):
            return _unknown("Fn::GetAtt", node.loc, "attribute not known")
        if resource not in self.resource_ids:
            self.ctx.report(f"Fn::GetAtt of {resource!r}, which is not a resource", node.loc)
            return _unknown("${" + f"{resource}.{attribute}" + "}", node.loc, "undefined")
        return V(Ref(resource, attribute), node.loc)

    def _sub(self, arg: Node, node: MapNode) -> V[Any]:
        variables: dict[str, Node] = {}
        template = arg
        if isinstance(arg, SeqNode) and len(arg) == 2 and isinstance(arg.items[1], MapNode):
            template, local = arg.items
            assert isinstance(local, MapNode)
            variables = dict(local.items())
        text = self(template).value if not isinstance(template, ScalarNode) else template.value
        if not isinstance(text, str):
            self.ctx.report("Fn::Sub needs a string", template.loc)
            return _unknown("Fn::Sub", node.loc, "bad Fn::Sub")
        values: list[Any] = []
        for literal, name in sub_parts(text):
            if literal:
                values.append(literal)
            if name is not None:
                values.append(self._sub_variable(name, variables, node).value)
        if len(values) == 1 and isinstance(values[0], Ref):
            return V(values[0], node.loc)
        return V(join_parts(values, ""), node.loc)

    def _sub_variable(self, name: str, variables: Mapping[str, Node], node: MapNode) -> V[Any]:
        if name in variables:
            return self(variables[name])
        if "." in name and name.split(".", 1)[0] in self.resource_ids:
            resource, attribute = name.split(".", 1)
            return V(Ref(resource, attribute), node.loc)
        return self.named(name, node.loc)

    def _join(self, arg: Node, node: MapNode) -> V[Any]:
        if not isinstance(arg, SeqNode) or len(arg) != 2:
            self.ctx.report("Fn::Join needs [delimiter, [values]]", arg.loc)
            return _unknown("Fn::Join", node.loc, "bad Fn::Join")
        delimiter = self(arg.items[0]).value
        items = self._list(arg.items[1])
        if not isinstance(delimiter, str) or items is None:
            return _unknown("Fn::Join", node.loc, "list not known")
        return V(join_parts(items, delimiter), node.loc)

    def _list(self, node: Node) -> list[Any] | None:
        if isinstance(node, SeqNode):
            return [self(item).value for item in node.items]
        value = self(node).value
        return value if isinstance(value, list) else None

    def _select(self, arg: Node, node: MapNode) -> V[Any]:
        if not isinstance(arg, SeqNode) or len(arg) != 2:
            self.ctx.report("Fn::Select needs [index, [values]]", arg.loc)
            return _unknown("Fn::Select", node.loc, "bad Fn::Select")
        index = _as_index(self(arg.items[0]).value)
        source = arg.items[1]
        if index is not None and isinstance(source, SeqNode):
            if index < len(source):
                return self(source.items[index])
            self.ctx.report(f"Fn::Select index {index} is out of range", arg.items[0].loc)
            return _unknown("Fn::Select", node.loc, "index out of range")
        items = self._list(source)
        if index is None or items is None or index >= len(items):
            return _unknown("Fn::Select", node.loc, "list or index not known")
        return V(items[index], node.loc)

    def _split(self, arg: Node, node: MapNode) -> V[Any]:
        if not isinstance(arg, SeqNode) or len(arg) != 2:
            self.ctx.report("Fn::Split needs [delimiter, string]", arg.loc)
            return _unknown("Fn::Split", node.loc, "bad Fn::Split")
        delimiter, source = self(arg.items[0]).value, self(arg.items[1]).value
        if isinstance(delimiter, str) and delimiter and isinstance(source, str):
            return V(source.split(delimiter), node.loc)
        return _unknown("Fn::Split", node.loc, "string not known")

    def _if(self, arg: Node, node: MapNode) -> V[Any]:
        if not isinstance(arg, SeqNode) or len(arg) != 3:
            self.ctx.report("Fn::If needs [condition, value if true, value if false]", arg.loc)
            return _unknown("Fn::If", node.loc, "bad Fn::If")
        decided = self.conditions.decide(arg.items[0])
        if decided is not None:
            return self(arg.items[1] if decided else arg.items[2])
        refs: list[str] = []
        for branch in arg.items[1:]:
            refs.extend(placeholder(self(branch).value)[1])
        name = arg.items[0].value if isinstance(arg.items[0], ScalarNode) else "?"
        reason = f"condition {name} is not decidable from parameter defaults"
        return V(Unresolved(f"Fn::If {name}", tuple(dict.fromkeys(refs)), reason), node.loc)

    def _find_in_map(self, arg: Node, node: MapNode) -> V[Any]:
        if not isinstance(arg, SeqNode) or len(arg) not in (3, 4):
            self.ctx.report("Fn::FindInMap needs [map, key, key]", arg.loc)
            return _unknown("Fn::FindInMap", node.loc, "bad Fn::FindInMap")
        keys = [self(item).value for item in arg.items[:3]]
        if not all(isinstance(key, str | int) for key in keys):
            text = "/".join(placeholder(key)[0] for key in keys)
            return _unknown(f"FindInMap:{text}", node.loc, "map key not known")
        current: Node | None = self.mappings
        for key in keys:
            current = current.get(str(key)) if isinstance(current, MapNode) else None
        if current is None:
            if len(arg) == 4:
                return self(arg.items[3])
            self.ctx.report(f"Fn::FindInMap: no entry {'/'.join(map(str, keys))}", node.loc)
            return _unknown("Fn::FindInMap", node.loc, "no such mapping entry")
        return self(current)

    def _base64(self, arg: Node, node: MapNode) -> V[Any]:
        # Kept as written: rules read what the author put in (a secret in UserData).
        return self(arg)

    def _length(self, arg: Node, node: MapNode) -> V[Any]:
        items = self._list(arg)
        if items is None:
            return _unknown("Fn::Length", node.loc, "list not known")
        return V(len(items), node.loc)

    def _to_json_string(self, arg: Node, node: MapNode) -> V[Any]:
        value = self(arg).value
        if _all_known(value):
            return V(json.dumps(value, separators=(",", ":")), node.loc)
        return _unknown(json.dumps(to_plain(arg)), node.loc, "contains unresolved values")

    def _condition_ref(self, arg: Node, node: MapNode) -> V[Any]:
        name = arg.value if isinstance(arg, ScalarNode) else None
        if not isinstance(name, str):
            self.ctx.report("Condition needs a condition name", arg.loc)
            return _unknown("Condition", node.loc, "bad Condition")
        decided = self.conditions.named(name, node.loc)
        if decided is None:
            return _unknown(f"Condition {name}", node.loc, "condition not decidable")
        return V(decided, node.loc)


def _unknown(text: str, at: Location, reason: str) -> V[Any]:
    return V(Unresolved(text, (), reason), at)


def _as_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _all_known(value: Any) -> bool:
    if isinstance(value, Ref | Unresolved):
        return False
    if isinstance(value, list):
        return all(_all_known(item) for item in value)
    if isinstance(value, dict):
        return all(_all_known(item) for item in value.values())
    return True


_HANDLERS = {
    "Ref": CfnResolver._ref,
    "Fn::GetAtt": CfnResolver._getatt,
    "Fn::Sub": CfnResolver._sub,
    "Fn::Join": CfnResolver._join,
    "Fn::Select": CfnResolver._select,
    "Fn::Split": CfnResolver._split,
    "Fn::If": CfnResolver._if,
    "Fn::FindInMap": CfnResolver._find_in_map,
    "Fn::Base64": CfnResolver._base64,
    "Fn::Length": CfnResolver._length,
    "Fn::ToJsonString": CfnResolver._to_json_string,
    "Condition": CfnResolver._condition_ref,
}

__all__ = ["MAX_NESTING", "CfnResolver"]
