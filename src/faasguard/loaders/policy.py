"""IAM policy documents (identity, resource and trust policies) from document nodes.

Shared by every loader: the document has the same JSON shape in CloudFormation, serverless.yml
and Terraform (``jsonencode``/heredoc policies converted to nodes); only the way leaf values are
resolved differs, so the caller passes its resolver.
"""

from __future__ import annotations

from faasguard.loaders.base import Resolve
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.model.app import Principal, Statement
from faasguard.model.values import V


def statements_from_document(document: Node, origin: str, resolve: Resolve) -> list[Statement]:
    """The statements of a policy document node (``{"Version", "Statement": [...]}``)."""
    if not isinstance(document, MapNode):
        return []
    body = document.get("Statement")
    if body is None:
        return []
    return statements_from_list(body, origin, resolve)


def statements_from_list(body: Node, origin: str, resolve: Resolve) -> list[Statement]:
    """A `Statement` value: one statement map or a list of them."""
    items = body.items if isinstance(body, SeqNode) else [body]
    return [statement(item, origin, resolve) for item in items if isinstance(item, MapNode)]


def statement(node: MapNode, origin: str, resolve: Resolve) -> Statement:
    effect_node = node.get("Effect")
    effect: V[str] = resolve(effect_node) if effect_node is not None else V("Allow", node.loc)
    result = Statement(loc=node.loc, effect=effect, origin=origin, sid=node.str("Sid"))
    result.actions = _values(node.get("Action"), resolve)
    result.resources = _values(node.get("Resource"), resolve)
    if "NotAction" in node:
        result.not_actions = _values(node.get("NotAction"), resolve)
    if "NotResource" in node:
        result.not_resources = _values(node.get("NotResource"), resolve)
    if "Principal" in node:
        result.principals = principals(node.get("Principal"), resolve)
    if "NotPrincipal" in node:
        result.not_principals = principals(node.get("NotPrincipal"), resolve)
    condition = node.get("Condition")
    if condition is not None:
        _conditions(result, condition, resolve)
    return result


def principals(node: Node | None, resolve: Resolve) -> list[Principal]:
    """`Principal: "*"` or `{AWS: [...], Service: ...}`."""
    if node is None:
        return []
    if isinstance(node, MapNode):
        return [
            Principal(kind, value)
            for kind, inner in node.items()
            for value in _values(inner, resolve)
        ]
    value = resolve(node)
    return [Principal("*" if value.is_("*") else "AWS", value)]


def _values(node: Node | None, resolve: Resolve) -> list[V[str]]:
    if node is None:
        return []
    if isinstance(node, SeqNode):
        return [resolve(item) for item in node.items]
    return [resolve(node)]


def _conditions(result: Statement, node: Node, resolve: Resolve) -> None:
    if not isinstance(node, MapNode):
        result.conditions_unresolved = True
        return
    for operator, block in node.items():
        if not isinstance(block, MapNode) or _is_intrinsic(block):
            result.conditions_unresolved = True
            continue
        result.conditions[operator] = {key: _values(value, resolve) for key, value in block.items()}


def _is_intrinsic(node: MapNode) -> bool:
    return len(node) == 1 and next(iter(node)).startswith(("Fn::", "Ref"))


def is_literal(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag is None


__all__ = ["principals", "statement", "statements_from_document", "statements_from_list"]
