"""Statements: assignments, branches, loops, `with`, `try`, `return`, `match`.

The walk is flow-sensitive within a function: each branch works on its own copy of the
environment and the copies are joined where control meets again; a branch that always returns
or raises does not reach the join (so ``if bad: return`` guards what follows), and a condition
with a constant value runs only the branch it selects. Loop bodies run twice, enough for taint
carried from one iteration to the next at the usual nesting depths.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from faasguard.analysis.python import exprs, guards, operators, sinks
from faasguard.analysis.python.frame import Frame
from faasguard.analysis.python.scope import ModuleInfo, collect_imports
from faasguard.analysis.python.values import (
    CLEAN,
    Value,
    all_labels,
    get_item,
    join,
    merge_labels,
    with_field,
    with_step,
)

Exec = Callable[[Frame, Any], bool]
_URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit"})
MAX_LOOP_REPEAT_DEPTH = 2


def exec_block(frame: Frame, body: list[ast.stmt]) -> bool:
    """Run statements in order; False when control cannot fall through the end."""
    for statement in body:
        handler = _DISPATCH.get(type(statement))
        if handler is not None and not handler(frame, statement):
            return False
    return True


def merge_envs(envs: list[dict[str, Value]]) -> dict[str, Value]:
    if len(envs) == 1:
        return envs[0]
    merged = dict(envs[0])
    for env in envs[1:]:
        for name, value in env.items():
            current = merged.get(name)
            merged[name] = value if current is None else join(current, value)
    return merged


def iter_element(value: Value) -> Value:
    """What iterating over `value` yields."""
    fields = value.fields or {}
    if value.kind == "enumerate":
        return Value(fields={"#0": CLEAN, "#1": iter_element(fields.get("of", CLEAN))})
    if value.kind == "zip":
        return Value(fields={k: iter_element(v) for k, v in fields.items()})
    if value.kind == "items":
        inner = fields.get("of", CLEAN)
        return Value(fields={"#0": Value(inner.labels), "#1": get_item(inner, None)})
    if value.kind in ("keys", "values"):
        inner = fields.get("of", CLEAN)
        return get_item(inner, None) if value.kind == "values" else Value(inner.labels)
    if fields and not any(key.startswith(("#", "[]")) for key in fields):
        return Value(value.labels)  # a mapping with constant keys: iterating gives the keys
    return get_item(value, None)


def bind(frame: Frame, target: ast.expr, value: Value, node: ast.AST) -> None:
    """Assign `value` to an assignment target."""
    if isinstance(target, ast.Name):
        frame.env[target.id] = with_step(value, frame.step(node)) if value.tainted else value
    elif isinstance(target, ast.Tuple | ast.List):
        _unpack(frame, target.elts, value, node)
    elif isinstance(target, ast.Starred):
        bind(frame, target.value, Value(get_item(value, None).labels), node)
    elif isinstance(target, ast.Attribute):
        _bind_attribute(frame, target, value, node)
    elif isinstance(target, ast.Subscript):
        _bind_item(frame, target, value, node)


def _unpack(frame: Frame, targets: list[ast.expr], value: Value, node: ast.AST) -> None:
    for index, element in enumerate(targets):
        if isinstance(element, ast.Starred):
            bind(frame, element, value, node)
            continue
        bind(frame, element, get_item(value, f"#{index}"), node)


def _bind_attribute(frame: Frame, target: ast.Attribute, value: Value, node: ast.AST) -> None:
    base = exprs.eval_expr(frame, target.value)
    if value.tainted:
        value = with_step(value, frame.step(node))
    if base.kind.startswith("instance:"):
        frame.attr_writes.append((f"{base.kind[9:]}.{target.attr}", value))
    if isinstance(target.value, ast.Name) and not base.qual:
        frame.env[target.value.id] = with_field(base, f".{target.attr}", value)


def _bind_item(frame: Frame, target: ast.Subscript, value: Value, node: ast.AST) -> None:
    base_node = target.value
    if not isinstance(base_node, ast.Name | ast.Attribute | ast.Subscript):
        return
    base = exprs.eval_expr(frame, base_node)
    key = exprs.item_key(exprs.eval_expr(frame, target.slice))
    if value.tainted:
        value = with_step(value, frame.step(node))
    if base.qual:
        return
    if key is None:
        updated = base._replace(labels=merge_labels(base.labels, value.labels))
        if value.fields:
            updated = updated._replace(labels=merge_labels(updated.labels, all_labels(value)))
    else:
        updated = with_field(base, key, value)
    guards.assign(frame, base_node, updated)


def _assign(frame: Frame, node: ast.Assign) -> bool:
    value = exprs.eval_expr(frame, node.value)
    for target in node.targets:
        bind(frame, target, value, node)
        _remember(frame, target, node.value)
    return True


def _remember(frame: Frame, target: ast.expr, source: ast.expr) -> None:
    """Names bound to a condition or to a parsed URL, for the guards that test them later."""
    if not isinstance(target, ast.Name):
        return
    if isinstance(source, ast.Compare | ast.Call):
        frame.checks[target.id] = source
    else:
        frame.checks.pop(target.id, None)
    if isinstance(source, ast.Call) and source.args and isinstance(source.args[0], ast.Name):
        callee = (
            exprs.eval_expr(frame, source.func).qual
            if isinstance(source.func, ast.Name | ast.Attribute)
            else ""
        )
        if callee in _URL_PARSERS:
            frame.derived[target.id] = source.args[0].id


def _annassign(frame: Frame, node: ast.AnnAssign) -> bool:
    if node.value is not None:
        bind(frame, node.target, exprs.eval_expr(frame, node.value), node)
    return True


def _augassign(frame: Frame, node: ast.AugAssign) -> bool:
    target = node.target
    load: ast.expr = target
    if isinstance(target, ast.Name):
        load = ast.Name(id=target.id, ctx=ast.Load())
    current = (
        exprs.eval_expr(frame, load)
        if not isinstance(target, ast.Name) or (target.id in frame.env)
        else exprs.lookup(frame, target.id)
    )
    added = exprs.eval_expr(frame, node.value)
    bind(frame, target, operators.combine(node.op, current, added), node)
    return True


def _expr(frame: Frame, node: ast.Expr) -> bool:
    if not isinstance(node.value, ast.Constant):
        exprs.eval_expr(frame, node.value)
    return True


def _return(frame: Frame, node: ast.Return) -> bool:
    if node.value is not None:
        value = exprs.eval_expr(frame, node.value)
        if value.tainted:
            sinks.check_return(frame, node, value)
        frame.ret = join(frame.ret, value)
    return False


def _raise(frame: Frame, node: ast.Raise) -> bool:
    if node.exc is not None:
        exprs.eval_expr(frame, node.exc)
    return False


def _stop(frame: Frame, node: ast.stmt) -> bool:
    return False


def _nothing(frame: Frame, node: ast.stmt) -> bool:
    return True


def _if(frame: Frame, node: ast.If) -> bool:
    test = exprs.eval_expr(frame, node.test)
    if test.known:
        return exec_block(frame, node.body if test.const else node.orelse)
    before = frame.env
    outcomes: list[dict[str, Value]] = []
    for truth, body in ((True, node.body), (False, node.orelse)):
        frame.env = dict(before)
        guards.refine(frame, node.test, truth)
        if exec_block(frame, body):
            outcomes.append(frame.env)
    if not outcomes:
        frame.env = before
        return False
    frame.env = merge_envs(outcomes)
    return True


def _loop(frame: Frame, body: list[ast.stmt], rebind: Callable[[], None]) -> None:
    """Run a loop body; run it once more when the first run changed what a name carries into
    the next iteration (at the usual nesting depths)."""
    before = frame.env
    frame.loop_depth += 1
    try:
        for round_ in range(2):
            frame.env = dict(before)
            rebind()
            bound = dict(frame.env)
            exec_block(frame, body)
            after = merge_envs([before, frame.env])
            changed = round_ == 0 and frame.loop_depth <= MAX_LOOP_REPEAT_DEPTH
            changed = changed and any(
                value is not bound.get(name) and _shape(value) != _shape(before.get(name))
                for name, value in frame.env.items()
            )
            before = after
            if not changed:
                break
        frame.env = before
    finally:
        frame.loop_depth -= 1


def _shape(value: Value | None) -> frozenset[object]:
    if value is None:
        return frozenset()
    return frozenset((label.origin, label.cleared) for label in all_labels(value))


def _for(frame: Frame, node: ast.For | ast.AsyncFor) -> bool:
    element = iter_element(exprs.eval_expr(frame, node.iter))
    _loop(frame, node.body, lambda: bind(frame, node.target, element, node))
    exec_block(frame, node.orelse)
    return True


def _while(frame: Frame, node: ast.While) -> bool:
    test = exprs.eval_expr(frame, node.test)
    if test.known and not test.const:
        return exec_block(frame, node.orelse)
    _loop(frame, node.body, lambda: guards.refine(frame, node.test, True))
    exec_block(frame, node.orelse)
    return not (test.known and test.const and not _breaks(node.body))


def _breaks(body: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.Break) for stmt in body for n in ast.walk(stmt))


def _with(frame: Frame, node: ast.With | ast.AsyncWith) -> bool:
    for item in node.items:
        value = exprs.eval_expr(frame, item.context_expr)
        if item.optional_vars is not None:
            bind(frame, item.optional_vars, value, item.context_expr)
    return exec_block(frame, node.body)


def _try(frame: Frame, node: ast.Try | ast.TryStar) -> bool:
    before = frame.env
    frame.env = dict(before)
    body_falls = exec_block(frame, node.body)
    after_body = frame.env
    outcomes: list[dict[str, Value]] = []
    if body_falls:
        if exec_block(frame, node.orelse):
            outcomes.append(frame.env)
    for handler in node.handlers:
        frame.env = merge_envs([before, after_body])
        if handler.name:
            frame.env[handler.name] = Value(kind="exception")
        if exec_block(frame, handler.body):
            outcomes.append(frame.env)
    frame.env = merge_envs(outcomes) if outcomes else merge_envs([before, after_body])
    finally_falls = exec_block(frame, node.finalbody)
    return bool(outcomes) and finally_falls


def _match(frame: Frame, node: ast.Match) -> bool:
    subject = exprs.eval_expr(frame, node.subject)
    before = frame.env
    outcomes: list[dict[str, Value]] = []
    for case in node.cases:
        frame.env = dict(before)
        for child in ast.walk(case.pattern):
            name = getattr(child, "name", None)
            if isinstance(name, str):
                frame.env[name] = subject
        if case.guard is not None:
            exprs.eval_expr(frame, case.guard)
            guards.refine(frame, case.guard, True)
        if exec_block(frame, case.body):
            outcomes.append(frame.env)
    outcomes.append(before)
    frame.env = merge_envs(outcomes)
    return True


def _assert(frame: Frame, node: ast.Assert) -> bool:
    exprs.eval_expr(frame, node.test)
    guards.refine(frame, node.test, True)
    return True


def _delete(frame: Frame, node: ast.Delete) -> bool:
    for target in node.targets:
        if isinstance(target, ast.Name):
            frame.env.pop(target.id, None)
    return True


def _import(frame: Frame, node: ast.Import | ast.ImportFrom) -> bool:
    if frame.function is None:
        return True  # module level: already in the module's import table
    scratch = ModuleInfo(module=frame.module.module)
    collect_imports(scratch, [node])
    resolver = frame.host.resolver
    for name, target in scratch.imports.items():
        frame.env[name] = exprs.qualified(frame, resolver.resolve(target, frame.module), None)
    return True


def _def(frame: Frame, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    if frame.function is not None:
        frame.env[node.name] = Value(qual=f"fn:{frame.function.key}.<locals>.{node.name}")
    return True


_DISPATCH: dict[type[ast.AST], Exec] = {
    ast.Assign: _assign,
    ast.AnnAssign: _annassign,
    ast.AugAssign: _augassign,
    ast.Expr: _expr,
    ast.Return: _return,
    ast.Raise: _raise,
    ast.If: _if,
    ast.For: _for,
    ast.AsyncFor: _for,
    ast.While: _while,
    ast.With: _with,
    ast.AsyncWith: _with,
    ast.Try: _try,
    ast.TryStar: _try,
    ast.Match: _match,
    ast.Assert: _assert,
    ast.Delete: _delete,
    ast.Import: _import,
    ast.ImportFrom: _import,
    ast.FunctionDef: _def,
    ast.AsyncFunctionDef: _def,
    ast.Break: _stop,
    ast.Continue: _stop,
    ast.Pass: _nothing,
    ast.Global: _nothing,
    ast.Nonlocal: _nothing,
}

__all__ = ["bind", "exec_block", "iter_element", "merge_envs"]
