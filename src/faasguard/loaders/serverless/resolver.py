"""Model values from an expanded serverless.yml: CloudFormation intrinsics plus variables.

Variables are already expanded by :class:`~faasguard.loaders.serverless.variables.Variables`;
what is left unknown is a :class:`VarNode`, which this resolver turns into its
:class:`~faasguard.model.Unresolved` value wherever it appears, also inside an intrinsic
(``!Join ['', [arn, ${ssm:/x}]]``) or as the text of an ``Fn::Sub``.

References to the logical ids the framework gives functions (``HelloLambdaFunction``) come out
as references to the model's function ids (``hello``), so they name objects of the app.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from faasguard.loaders.base import LoadContext
from faasguard.loaders.cloudformation import CfnResolver
from faasguard.loaders.nodes import MapNode, Node, SeqNode
from faasguard.loaders.serverless.varnode import VarNode
from faasguard.model.values import Ref, Unresolved, V


class SlsResolver(CfnResolver):
    def __init__(
        self,
        path: str,
        ctx: LoadContext,
        resource_ids: Collection[str],
        parameters: Mapping[str, V[Any]] | None = None,
        mappings: MapNode | None = None,
        conditions: Mapping[str, Node] | None = None,
        *,
        model_ids: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(path, ctx, resource_ids, parameters, mappings, conditions)
        self.model_ids: Mapping[str, str] = model_ids or {}
        self._level = 0

    def __call__(self, node: Node) -> V[Any]:
        if isinstance(node, VarNode):
            return V(node.unresolved, node.loc)
        self._level += 1
        try:
            value = super().__call__(node)
        finally:
            self._level -= 1
        return value if self._level or not self.model_ids else self._renamed(value)

    def intrinsic(self, name: str, arg: Node, node: MapNode) -> V[Any]:
        if name == "Fn::Sub":
            template = arg.items[0] if isinstance(arg, SeqNode) and arg.items else arg
            if isinstance(template, VarNode):
                text = template.unresolved.text
                return V(Unresolved(text, (), template.unresolved.reason), node.loc)
        return super().intrinsic(name, arg, node)

    def _renamed(self, value: V[Any]) -> V[Any]:
        renamed = self._rename(value.value)
        return value if renamed is value.value else V(renamed, value.loc)

    def _rename(self, value: Any) -> Any:
        if isinstance(value, Ref) and value.target in self.model_ids:
            return Ref(self.model_ids[value.target], value.attribute)
        if isinstance(value, Unresolved) and any(ref in self.model_ids for ref in value.refs):
            refs = tuple(self.model_ids.get(ref, ref) for ref in value.refs)
            return Unresolved(value.text, refs, value.reason)
        if isinstance(value, list):
            return [self._rename(item) for item in value]
        return value


__all__ = ["SlsResolver"]
