"""IAM policy documents in Terraform: ``data "aws_iam_policy_document"`` turned into the JSON
document shape (statement, principals and condition blocks), and statements read from any
policy attribute with the shared policy reader.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.hcl.ast import Block
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.policy import statements_from_document, statements_from_list
from faasguard.loaders.terraform.evaluate import DataHandler, Evaluator
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.reader import View, as_document
from faasguard.loaders.terraform.values import ValueNode, refs_of, scalar_text, to_v, unresolved
from faasguard.model.app import Statement
from faasguard.model.values import Unresolved, V

_FIELDS = (
    ("sid", "Sid"),
    ("effect", "Effect"),
    ("actions", "Action"),
    ("not_actions", "NotAction"),
    ("resources", "Resource"),
    ("not_resources", "NotResource"),
)


def policy_document(ev: Evaluator, module: Module, block: Block, attribute: str) -> Node | None:
    """`data.aws_iam_policy_document.x.json`: the document, as a string value that is unknown
    (Terraform renders it) and carries the document."""
    if attribute not in ("json", "minified_json"):
        return None
    view = View(ev, module, block.body, block.loc)
    statements: list[Node] = []
    for name in ("source_policy_documents", "source_json"):
        statements.extend(_statements_of(view, name))
    statements.extend(_statement(item) for item in view.blocks("statement"))
    for name in ("override_policy_documents", "override_json"):
        for override in _statements_of(view, name):
            _override(statements, override)
    document = MapNode(block.loc)
    document.entries["Version"] = ScalarNode(block.loc, value="2012-10-17")
    document.entries["Statement"] = SeqNode(block.loc, items=statements)
    document.keys = dict.fromkeys(document.entries, block.loc)
    address = f"{module.prefix}data.aws_iam_policy_document.{block.labels[-1]}"
    return ValueNode(
        block.loc, unknown=Unresolved(f"{address}.json", refs_of(document)), document=document
    )


def managed_policy(ev: Evaluator, module: Module, block: Block, attribute: str) -> Node | None:
    """`data.aws_iam_policy.x.arn` is known when the data source names the ARN."""
    if attribute != "arn":
        return None
    return View(ev, module, block.body, block.loc).node("arn")


DATA_HANDLERS: dict[str, DataHandler] = {
    "aws_iam_policy_document": policy_document,
    "aws_iam_policy": managed_policy,
}


def _statements_of(view: View, name: str) -> list[Node]:
    node = view.node(name)
    if node is None:
        return []
    documents = node.items if isinstance(node, SeqNode) and name.endswith("s") else [node]
    found: list[Node] = []
    for item in documents:
        document = as_document(item)
        body = document.get("Statement") if isinstance(document, MapNode) else None
        if isinstance(body, SeqNode):
            found.extend(body.items)
        elif isinstance(body, MapNode):
            found.append(body)
    return found


def _override(statements: list[Node], override: Node) -> None:
    sid = override.str("Sid") if isinstance(override, MapNode) else None
    for index, existing in enumerate(statements):
        if sid and isinstance(existing, MapNode) and existing.str("Sid") == sid:
            statements[index] = override
            return
    statements.append(override)


def _statement(view: View) -> MapNode:
    result = MapNode(view.loc)
    for attribute, key in _FIELDS:
        node = view.node(attribute)
        if node is not None:
            _put(result, key, node, view.loc_of(attribute))
    if "Effect" not in result:
        _put(result, "Effect", ScalarNode(view.loc, value="Allow"), view.loc)
    for block_type, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        blocks = view.blocks(block_type)
        if blocks:
            _put(result, key, _principals(blocks), blocks[0].loc)
    conditions = view.blocks("condition")
    if conditions:
        _put(result, "Condition", _conditions(conditions), conditions[0].loc)
    return result


def _principals(blocks: list[View]) -> Node:
    result = MapNode(blocks[0].loc)
    for block in blocks:
        kind_node = block.node("type")
        kind = scalar_text(kind_node) if kind_node is not None else None
        identifiers = block.node("identifiers") or SeqNode(block.loc)
        if kind == "*" and len(blocks) == 1:
            return ScalarNode(block.loc, value="*")
        if kind is None:
            return unresolved(block.loc, block.text_of("type") or "type", reason="principal type")
        existing = result.entries.get(kind)
        if isinstance(existing, SeqNode) and isinstance(identifiers, SeqNode):
            existing.items.extend(identifiers.items)
        else:
            _put(result, kind, identifiers, block.loc_of("type"))
    return result


def _conditions(blocks: list[View]) -> Node:
    result = MapNode(blocks[0].loc)
    for block in blocks:
        test, variable = block.node("test"), block.node("variable")
        test_text = scalar_text(test) if test is not None else None
        variable_text = scalar_text(variable) if variable is not None else None
        values = block.node("values") or SeqNode(block.loc)
        if test_text is None or variable_text is None:
            placeholder = "${" + (block.text_of("test") or "test") + "}"
            _put(result, placeholder, unresolved(block.loc, placeholder), block.loc)
            continue
        operator = result.entries.get(test_text)
        if not isinstance(operator, MapNode):
            operator = MapNode(block.loc)
            _put(result, test_text, operator, block.loc_of("test"))
        _put(operator, variable_text, values, block.loc_of("variable"))
    return result


def _put(target: MapNode, key: str, value: Node, loc: Location) -> None:
    target.entries[key] = value
    target.keys[key] = loc


def statements(view: View, attribute: str, origin: str) -> list[Statement]:
    """The statements of the policy document in `attribute`. A policy that is set but cannot
    be read gives one statement whose effect, actions and resources are unknown, so that rules
    see "unknown", never "no permissions"."""
    if not view.has(attribute):
        return []
    document = view.document(attribute)
    if isinstance(document, MapNode):
        return statements_from_document(document, origin, to_v)
    if isinstance(document, SeqNode):
        return statements_from_list(document, origin, to_v)
    return [unknown_statement(view, attribute, origin)]


def unknown_statement(view: View, attribute: str, origin: str) -> Statement:
    node = view.node(attribute)
    loc = view.loc_of(attribute)
    text = view.text_of(attribute) or attribute
    value = Unresolved(text, refs_of(node) if node is not None else (), "policy not readable")
    return Statement(
        loc=loc,
        effect=V(value, loc),
        origin=origin,
        actions=[V(value, loc)],
        resources=[V(value, loc)],
        conditions_unresolved=True,
    )


__all__ = ["DATA_HANDLERS", "policy_document", "statements", "unknown_statement"]
