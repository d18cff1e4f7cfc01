"""Evaluation of the Terraform expressions a loader needs, into document nodes.

Literals, templates with known parts, `var.x` (tfvars, module inputs, defaults), `local.x`,
module outputs, `path.module`, for expressions, splats, operators and a set of functions are
evaluated. A resource reference ``aws_x.y.attr`` becomes ``Ref("aws_x.y", "attr")`` (with the
module prefix inside modules; ``count``/``for_each`` instance keys dropped: the resource is
treated as one); anything else becomes ``Unresolved`` with the expression's text and the
resources it mentions. Nothing is guessed; nothing is executed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import (
    AnonSymbol,
    BinaryOp,
    Block,
    Conditional,
    Expr,
    ForExpr,
    FunctionCall,
    GetAttr,
    Index,
    LiteralExpr,
    ObjectExpr,
    SplatExpr,
    TemplateExpr,
    TemplateFor,
    TemplateIf,
    TupleExpr,
    UnaryOp,
    VariableExpr,
)
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.terraform import iteration, operators, templates
from faasguard.loaders.terraform.iteration import ANON, MAX_ITEMS
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.values import (
    ValueNode,
    error,
    is_error,
    is_unknown,
    refs_of,
    scalar_text,
    unknown,
    unresolved,
)
from faasguard.model.values import Ref

Names = Mapping[str, Node]
EMPTY: Names = MappingProxyType({})
MAX_REFERENCE_DEPTH = 40
_UNKNOWN_ROOTS = {
    "count": "count.index: the resource is treated as one",
    "each": "each.key/each.value: the resource is treated as one",
    "self": "self is only known at apply time",
    "terraform": "terraform.workspace is chosen at run time",
}

DataHandler = Callable[["Evaluator", Module, Block, str], Node | None]
"""Builds the value of one attribute of a data source (`json` of a policy document...)."""


class Evaluator:
    def __init__(
        self,
        ctx: LoadContext,
        sources: Mapping[str, str],
        data_handlers: Mapping[str, DataHandler] | None = None,
    ) -> None:
        self.ctx = ctx
        self.sources = dict(sources)
        self.data_handlers = dict(data_handlers or {})
        self.depth = 0
        self._line_starts: dict[str, list[int]] = {}
        self._files: dict[tuple[str, str], tuple[str, str] | None] = {}

    # -- source text ----------------------------------------------------------------------------

    def text(self, loc: Location) -> str:
        """The source text at `loc` (an expression as written)."""
        source = self.sources.get(loc.path)
        if source is None:
            return "<expression>"
        starts = self._line_starts.get(loc.path)
        if starts is None:
            starts = [0]
            position = source.find("\n")
            while position >= 0:
                starts.append(position + 1)
                position = source.find("\n", position + 1)
            self._line_starts[loc.path] = starts
        if loc.start_line > len(starts) or loc.end_line > len(starts):
            return "<expression>"
        begin = starts[loc.start_line - 1] + loc.start_column - 1
        end = starts[loc.end_line - 1] + loc.end_column - 1
        return source[begin:end] if end > begin else "<expression>"

    # -- dispatch -------------------------------------------------------------------------------

    def eval(self, expr: Expr, module: Module, names: Names = EMPTY) -> Node:
        method = _DISPATCH.get(type(expr))
        if method is None:
            return unresolved(expr.loc, self.text(expr.loc), reason="unsupported expression")
        return method(self, expr, module, names)

    def unknown_of(self, expr: Expr, *parts: Node, reason: str = "") -> ValueNode:
        refs: dict[str, None] = {}
        for part in parts:
            refs.update(dict.fromkeys(refs_of(part)))
        return unresolved(expr.loc, self.text(expr.loc), tuple(refs), reason)

    def _literal(self, expr: LiteralExpr, module: Module, names: Names) -> Node:
        return ScalarNode(expr.loc, value=expr.value)

    def _tuple(self, expr: TupleExpr, module: Module, names: Names) -> Node:
        return SeqNode(expr.loc, items=[self.eval(item, module, names) for item in expr.items])

    def _object(self, expr: ObjectExpr, module: Module, names: Names) -> Node:
        result = MapNode(expr.loc)
        for item in expr.items:
            key_node = self.eval(item.key, module, names)
            key = scalar_text(key_node)
            if key is None:
                key = "${" + self.text(item.key.loc) + "}"
            result.entries[key] = self.eval(item.value, module, names)
            result.keys[key] = item.key.loc
        return result

    # -- templates ------------------------------------------------------------------------------

    # -- references -----------------------------------------------------------------------------

    def _traverse(self, expr: Expr, module: Module, names: Names) -> Node:
        steps: list[GetAttr | Index] = []
        root: Expr = expr
        while isinstance(root, GetAttr | Index):
            steps.append(root)
            root = root.source
        steps.reverse()
        if isinstance(root, VariableExpr):
            base, rest = self._root(root, steps, expr, module, names)
        else:
            base, rest = self.eval(root, module, names), steps
        return self._apply(base, rest, expr, module, names)

    def _anon(self, expr: AnonSymbol, module: Module, names: Names) -> Node:
        return names.get(ANON) or error(expr.loc, "[*]", "splat element outside a splat")

    def _root(
        self,
        root: VariableExpr,
        steps: list[GetAttr | Index],
        expr: Expr,
        module: Module,
        names: Names,
    ) -> tuple[Node, list[GetAttr | Index]]:
        name = root.name
        if name in names:
            return names[name], steps
        first = steps[0].name if steps and isinstance(steps[0], GetAttr) else None
        second = steps[1].name if len(steps) > 1 and isinstance(steps[1], GetAttr) else None
        text = self.text(expr.loc)
        if name in ("var", "local") and first is not None:
            lookup = self.variable if name == "var" else self.local
            return lookup(module, first, root.loc), steps[1:]
        if name == "module" and first is not None:
            child = module.children.get(first)
            if child is not None and second is not None:
                return self.output(child, second, expr), steps[2:]
            return unresolved(expr.loc, text, reason=f"module {first} is not loaded"), []
        if name == "data" and first is not None and second is not None:
            return self.data_source(module, f"{first}.{second}", steps[2:], expr), []
        if name == "path" and first in ("module", "root", "cwd"):
            value = module.path_module if first == "module" else "."
            return ScalarNode(expr.loc, value=value), steps[1:]
        if name in _UNKNOWN_ROOTS:
            return unresolved(expr.loc, text, reason=_UNKNOWN_ROOTS[name]), []
        if first is not None and f"{name}.{first}" in module.resources:
            address = module.prefix + f"{name}.{first}"
            attrs = [step.name for step in steps[1:] if isinstance(step, GetAttr)]
            return unknown(expr.loc, Ref(address, ".".join(attrs) or None)), []
        return unresolved(expr.loc, text, reason=f"unknown reference {name!r}"), []

    def _apply(
        self, node: Node, steps: list[GetAttr | Index], expr: Expr, module: Module, names: Names
    ) -> Node:
        for step in steps:
            if is_error(node):
                return error(expr.loc, self.text(expr.loc), "in a failed expression")
            if isinstance(node, ValueNode) and node.unknown is not None:
                value = node.unknown
                if isinstance(value, Ref) and isinstance(step, GetAttr):
                    attribute = f"{value.attribute}.{step.name}" if value.attribute else step.name
                    node = unknown(expr.loc, Ref(value.target, attribute))
                    continue
                return self.unknown_of(expr, node)
            if isinstance(step, GetAttr):
                key: Any = step.name
            else:
                key_node = self.eval(step.key, module, names)
                if is_unknown(key_node) or not isinstance(key_node, ScalarNode):
                    return self.unknown_of(expr, node, key_node)
                key = key_node.value
            found = _lookup(node, key)
            if found is None:
                return error(expr.loc, self.text(expr.loc), f"no element {key!r}")
            node = found
        return node

    def _scoped(self, module: Module, key: str, loc: Location, compute: Callable[[], Node]) -> Node:
        cached = module.cache.get(key)
        if cached is not None:
            return cached
        if key in module.busy:
            return unresolved(loc, key, reason="refers to itself")
        if self.depth >= MAX_REFERENCE_DEPTH:
            return unresolved(loc, key, reason="references nested too deeply")
        module.busy.add(key)
        self.depth += 1
        try:
            value = compute()
        finally:
            self.depth -= 1
            module.busy.discard(key)
        module.cache[key] = value
        return value

    def variable(self, module: Module, name: str, loc: Location) -> Node:
        def compute() -> Node:
            if module.parent is None and name in module.tfvars:
                return module.tfvars[name]
            if module.call is not None and module.parent is not None:
                given = module.call.body.attr(name)
                if given is not None:
                    return self.eval(given.expr, module.parent)
            block = module.variables.get(name)
            if block is None:
                return unresolved(loc, f"var.{name}", reason="undeclared variable")
            environ = self.ctx.environ  # only when the user allowed it (--env)
            if module.parent is None and environ is not None and f"TF_VAR_{name}" in environ:
                return ScalarNode(block.loc, value=environ[f"TF_VAR_{name}"])
            default = block.body.attr("default")
            if default is None:  # reported where a default (or a tfvars value) would go
                return unresolved(block.loc, f"var.{name}", reason="variable without a default")
            return self.eval(default.expr, module)

        return self._scoped(module, "var." + name, loc, compute)

    def local(self, module: Module, name: str, loc: Location) -> Node:
        attribute = module.locals.get(name)
        if attribute is None:
            return error(loc, f"local.{name}", "undeclared local value")
        return self._scoped(module, "local." + name, loc, lambda: self.eval(attribute.expr, module))

    def output(self, child: Module, name: str, expr: Expr) -> Node:
        attribute = child.outputs.get(name)
        if attribute is None:
            return error(expr.loc, self.text(expr.loc), f"module has no output {name!r}")
        return self._scoped(
            child, "output." + name, expr.loc, lambda: self.eval(attribute.expr, child)
        )

    def data_source(
        self, module: Module, address: str, steps: list[GetAttr | Index], expr: Expr
    ) -> Node:
        block = module.data.get(address)
        full = module.prefix + "data." + address
        if block is None:
            return error(expr.loc, self.text(expr.loc), "undeclared data source")
        handler = self.data_handlers.get(address.partition(".")[0])
        if handler is not None and steps and isinstance(steps[0], GetAttr):
            attribute = steps[0].name
            node = self._scoped(
                module,
                f"data.{address}.{attribute}",
                expr.loc,
                lambda: handler(self, module, block, attribute) or _no_value(expr.loc, full),
            )
            return self._apply(node, steps[1:], expr, module, EMPTY)
        return unresolved(expr.loc, self.text(expr.loc), (full,), "a data source")

    # -- everything else ------------------------------------------------------------------------

    def _call(self, expr: FunctionCall, module: Module, names: Names) -> Node:
        from faasguard.loaders.terraform.functions import call_function

        return call_function(self, expr, module, names)

    def _conditional(self, expr: Conditional, module: Module, names: Names) -> Node:
        condition = self.eval(expr.condition, module, names)
        flag = operators.as_bool(condition)
        if flag is True:
            return self.eval(expr.true, module, names)
        if flag is False:
            return self.eval(expr.false, module, names)
        true = self.eval(expr.true, module, names)
        false = self.eval(expr.false, module, names)
        return self.unknown_of(expr, condition, true, false, reason="condition not known")

    def _binary(self, expr: BinaryOp, module: Module, names: Names) -> Node:
        left = self.eval(expr.left, module, names)
        right = self.eval(expr.right, module, names)
        result = operators.binary(expr.op, left, right)
        if result is operators.UNKNOWN:
            return self.unknown_of(expr, left, right)
        if result is operators.FAILED:
            return error(expr.loc, self.text(expr.loc), f"invalid operands for {expr.op}")
        return ScalarNode(expr.loc, value=result)  # type: ignore[arg-type]

    def _unary(self, expr: UnaryOp, module: Module, names: Names) -> Node:
        operand = self.eval(expr.operand, module, names)
        result = operators.unary(expr.op, operand)
        if result is operators.UNKNOWN:
            return self.unknown_of(expr, operand)
        if result is operators.FAILED:
            return error(expr.loc, self.text(expr.loc), f"invalid operand for {expr.op}")
        return ScalarNode(expr.loc, value=result)  # type: ignore[arg-type]

    # -- files ----------------------------------------------------------------------------------

    def read_file(self, module: Module, target: str, at: Location) -> tuple[str, str] | None:
        """A project file named relative to the root module (Terraform's working directory),
        read through the context (inside the root only): (root-relative path, text). Problems
        are reported and give None."""
        root = module.root.directory
        key = (root, target)
        if key in self._files:  # read (and any problem reported) once
            return self._files[key]
        base = f"{root}/main.tf" if root else "main.tf"
        found: tuple[str, str] | None = None
        try:
            relpath = self.ctx.resolve_path(base, target, at)
            found = relpath, self.ctx.read_text(relpath, at)
            self.sources.setdefault(*found)
        except ParseError as problem:
            self.ctx.report(problem.message, problem.location)
        self._files[key] = found
        return found


def _lookup(node: Node, key: Any) -> Node | None:
    if isinstance(node, MapNode) and isinstance(key, str | int) and not isinstance(key, bool):
        return node.entries.get(str(key))
    if isinstance(node, SeqNode) and isinstance(key, int | float) and not isinstance(key, bool):
        index = int(key)
        return node.items[index] if 0 <= index < len(node.items) else None
    return None


def _no_value(loc: Location, address: str) -> Node:
    return unresolved(loc, address, (address,), "a data source")


_DISPATCH: dict[type, Callable[[Evaluator, Any, Module, Names], Node]] = {
    LiteralExpr: Evaluator._literal,
    TemplateExpr: templates.template,
    TemplateIf: templates.template_if,
    TemplateFor: templates.template_for,
    VariableExpr: Evaluator._traverse,
    GetAttr: Evaluator._traverse,
    Index: Evaluator._traverse,
    AnonSymbol: Evaluator._anon,
    SplatExpr: iteration.splat,
    FunctionCall: Evaluator._call,
    Conditional: Evaluator._conditional,
    BinaryOp: Evaluator._binary,
    UnaryOp: Evaluator._unary,
    TupleExpr: Evaluator._tuple,
    ObjectExpr: Evaluator._object,
    ForExpr: iteration.for_expression,
}

__all__ = ["ANON", "EMPTY", "MAX_ITEMS", "DataHandler", "Evaluator", "Names"]
