"""Expressions: what a Python expression may evaluate to (see :mod:`.values`).

The :class:`Evaluator` reads variables from the store of :class:`~.flow.Flow` (which tracks who
read what, so a change re-runs its readers) and hands calls of SDK objects to the boto3,
resource-API and Powertools models.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from faasguard.iam.infer.calls import Args
from faasguard.iam.infer.values import (
    ANY,
    HOLE,
    NOTHING,
    Const,
    DictV,
    Env,
    EventField,
    Ext,
    ListV,
    Str,
    Value,
    Values,
    join,
    one,
    strings,
)

MAX_PARTS = 12
_HOLE_STR = Str((HOLE,))
_TEXT_METHODS = frozenset({"lower", "upper", "strip", "lstrip", "rstrip", "casefold", "title"})


class Evaluator:
    """Expression evaluation; the store, names and calls come from the subclass."""

    def lookup(self, name: str) -> Values:  # pragma: no cover - provided by Flow
        raise NotImplementedError

    def attribute(self, value: Value, name: str) -> Values:  # pragma: no cover
        raise NotImplementedError

    def call_value(self, callee: Value, args: Args, node: ast.Call) -> Values:  # pragma: no cover
        raise NotImplementedError

    def call_method(
        self, owner: Value, name: str, args: Args, node: ast.Call
    ) -> Values:  # pragma: no cover
        raise NotImplementedError

    def assign(self, target: ast.expr, values: Values) -> None:  # pragma: no cover
        raise NotImplementedError

    def iterate(self, values: Values) -> Values:  # pragma: no cover
        raise NotImplementedError

    def seen(self, values: Values) -> None:  # pragma: no cover
        """Note the project functions and classes an expression refers to (reachability)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ dispatch
    def ev(self, node: ast.expr | None) -> Values:
        if node is None:
            return NOTHING
        handler = _HANDLERS.get(type(node))
        if handler is None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.ev(child)
            return ANY
        return handler(self, node)

    def _constant(self, node: ast.Constant) -> Values:
        value = node.value
        if isinstance(value, str):
            found = _TEXTS.get(value)
            if found is None:
                found = _TEXTS[value] = one(Str.of(value)) if len(_TEXTS) < 100_000 else ANY
            return found
        if isinstance(value, bool | int | float) or value is None:
            return one(Const(value))
        return ANY

    def _name(self, node: ast.Name) -> Values:
        found = self.lookup(node.id)
        self.seen(found)
        return found

    def _attribute(self, node: ast.Attribute) -> Values:
        owners = self.ev(node.value)
        found = join(*(self.attribute(owner, node.attr) for owner in owners)) if owners else ANY
        self.seen(found)
        return found

    def wants_arguments(self, callees: Values, method: str | None) -> bool:
        """Whether the call's arguments matter (project code, SDK objects, modelled names);
        else only the calls nested in them are evaluated."""
        raise NotImplementedError  # pragma: no cover - provided by Flow

    def _call(self, node: ast.Call) -> Values:
        func = node.func
        if isinstance(func, ast.Attribute):
            owners = self.ev(func.value)
            if not self.wants_arguments(owners, func.attr):
                self._effects(node)
                return ANY
            args = self.arguments(node)
            results = [self.call_method(owner, func.attr, args, node) for owner in owners]
        else:
            callees = self.ev(func)
            if not self.wants_arguments(callees, None):
                self._effects(node)
                return ANY
            args = self.arguments(node)
            results = [self.call_value(callee, args, node) for callee in callees]
        return join(*results) if results else ANY

    def _effects(self, node: ast.Call) -> None:
        """Evaluate only what may have an effect in a call's arguments: nested calls."""
        for arg in (*node.args, *(k.value for k in node.keywords)):
            if has_calls(arg):
                self.ev(arg)

    def arguments(self, node: ast.Call) -> Args:
        positional: list[Values] = []
        opened = False
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                self.ev(arg.value)
                opened = True
            else:
                positional.append(self.ev(arg))
        keywords: dict[str, Values] = {}
        for keyword in node.keywords:
            value = self.ev(keyword.value)
            if keyword.arg is not None:
                keywords[keyword.arg] = join(keywords.get(keyword.arg, NOTHING), value)
                continue
            for spread in value:
                if isinstance(spread, DictV):
                    opened = opened or spread.open
                    for key, found in spread.items:
                        text = key.literal() if key is not None else None
                        if text is None:
                            opened = True
                        else:
                            keywords[text] = join(keywords.get(text, NOTHING), found)
                else:
                    opened = True
        return Args(tuple(positional), tuple(sorted(keywords.items())), opened)

    def _subscript(self, node: ast.Subscript) -> Values:
        owners = self.ev(node.value)
        keys = self.ev(node.slice)
        return join(*(subscript(owner, keys) for owner in owners)) if owners else ANY

    def _joined(self, node: ast.JoinedStr) -> Values:
        text = Str(())
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text = text + Str.of(part.value)
            elif isinstance(part, ast.FormattedValue):
                inner = strings(self.ev(part.value))
                plain = part.format_spec is None and part.conversion == -1
                text = text + (inner[0] if plain and len(inner) == 1 else _HOLE_STR)
        return one(_bounded(text))

    def _binop(self, node: ast.BinOp) -> Values:
        left, right = self.ev(node.left), self.ev(node.right)
        if isinstance(node.op, ast.Add):
            lefts, rights = strings(left), strings(right)
            if lefts or rights:
                lefts = lefts or [_HOLE_STR]
                rights = rights or [_HOLE_STR]
                return join(*(one(_bounded(a + b)) for a in lefts for b in rights))
        if isinstance(node.op, ast.Mod):
            found = [s for s in strings(left) if s.parts and isinstance(s.parts[0], str)]
            if found:
                return join(*(one(_percent(s)) for s in found))
        return ANY

    def _dict(self, node: ast.Dict) -> Values:
        items: list[tuple[Str | None, Values]] = []
        opened = False
        for key, value in zip(node.keys, node.values, strict=True):
            found = self.ev(value)
            if key is None:
                for spread in found:
                    if isinstance(spread, DictV):
                        items.extend(spread.items)
                        opened = opened or spread.open
                    else:
                        opened = True
                continue
            names = strings(self.ev(key))
            if not names:
                items.append((None, found))
            for name in names:
                items.append((name, found))
        return one(DictV(tuple(items), opened))

    def _sequence(self, node: ast.List | ast.Tuple | ast.Set) -> Values:
        items = []
        for elt in node.elts:
            if isinstance(elt, ast.Starred):
                items.append(self.iterate(self.ev(elt.value)))
            else:
                items.append(self.ev(elt))
        return one(ListV(tuple(items)))

    def _ifexp(self, node: ast.IfExp) -> Values:
        self.ev(node.test)
        return join(self.ev(node.body), self.ev(node.orelse))

    def _boolop(self, node: ast.BoolOp) -> Values:
        return join(*(self.ev(v) for v in node.values))

    def _await(self, node: ast.Await) -> Values:
        return self.ev(node.value)

    def _named(self, node: ast.NamedExpr) -> Values:
        found = self.ev(node.value)
        self.assign(node.target, found)
        return found

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> Values:
        for generator in node.generators:
            self.assign(generator.target, self.iterate(self.ev(generator.iter)))
            for condition in generator.ifs:
                self.ev(condition)
        return one(ListV((self.ev(node.elt),)))

    def _dictcomp(self, node: ast.DictComp) -> Values:
        for generator in node.generators:
            self.assign(generator.target, self.iterate(self.ev(generator.iter)))
        self.ev(node.key)
        self.ev(node.value)
        return one(DictV((), open=True))


_TEXTS: dict[str, Values] = {}
_HAS_CALLS: dict[int, bool] = {}


def has_calls(node: ast.AST) -> bool:
    """Whether an expression contains a call, a walrus or a comprehension (cached by node)."""
    key = id(node)
    found = _HAS_CALLS.get(key)
    if found is None:
        found = _HAS_CALLS[key] = any(
            isinstance(n, ast.Call | ast.NamedExpr | ast.comprehension) for n in ast.walk(node)
        )
    return found


def subscript(owner: Value, keys: Values) -> Values:
    key_text = _key(keys)
    if isinstance(owner, DictV):
        found = owner.get(key_text) if key_text is not None else None
        return found if found is not None else ANY
    if isinstance(owner, ListV):
        index = next((k.value for k in keys if isinstance(k, Const)), None)
        if isinstance(index, int) and -len(owner.items) <= index < len(owner.items):
            return owner.items[index]
        return join(*owner.items) if owner.items else ANY
    if isinstance(owner, Ext) and owner.path == "os.environ" and key_text is not None:
        return one(Str((Env(key_text),)))
    event = event_path(owner)
    if event is not None:
        return one(Str((EventField((*event, key_text or "*")),)))
    return ANY


def event_path(value: Value) -> tuple[str, ...] | None:
    """The event path a value reads, when it is exactly one event field."""
    if isinstance(value, Str) and len(value.parts) == 1 and isinstance(value.parts[0], EventField):
        return value.parts[0].path
    return None


def _key(keys: Values) -> str | None:
    texts = [s.literal() for s in strings(keys)]
    return texts[0] if len(texts) == 1 and texts[0] is not None else None


def _bounded(text: Str) -> Str:
    if len(text.parts) <= MAX_PARTS:
        return text
    return Str((*text.parts[: MAX_PARTS - 1], HOLE))


def _percent(template: Str) -> Str:
    first = template.parts[0]
    assert isinstance(first, str)
    head, sep, _ = first.partition("%")
    return Str((head, HOLE)) if sep else template


def text_method(owner: Str, name: str, args: Args) -> Values:
    literal = owner.literal()
    if name in _TEXT_METHODS:
        if literal is not None:
            return one(Str.of(getattr(literal, name)()))
        return one(owner)  # case and whitespace rarely change a resource name
    if name == "format" and literal is not None:
        head, sep, _ = literal.partition("{")
        return one(Str((head, HOLE)) if sep else owner)
    if name == "get":
        path = event_path(owner)
        key = _key(args.get(0, None) or NOTHING)
        if path is not None:
            return one(Str((EventField((*path, key or "*")),)))
    if name in ("join", "replace", "format", "removeprefix", "removesuffix"):
        return one(_HOLE_STR)
    return ANY


_HANDLERS: dict[type, Callable[[Evaluator, ast.expr], Values]] = {
    ast.Constant: Evaluator._constant,  # type: ignore[dict-item]
    ast.Name: Evaluator._name,  # type: ignore[dict-item]
    ast.Attribute: Evaluator._attribute,  # type: ignore[dict-item]
    ast.Call: Evaluator._call,  # type: ignore[dict-item]
    ast.Subscript: Evaluator._subscript,  # type: ignore[dict-item]
    ast.JoinedStr: Evaluator._joined,  # type: ignore[dict-item]
    ast.BinOp: Evaluator._binop,  # type: ignore[dict-item]
    ast.Dict: Evaluator._dict,  # type: ignore[dict-item]
    ast.List: Evaluator._sequence,  # type: ignore[dict-item]
    ast.Tuple: Evaluator._sequence,  # type: ignore[dict-item]
    ast.Set: Evaluator._sequence,  # type: ignore[dict-item]
    ast.IfExp: Evaluator._ifexp,  # type: ignore[dict-item]
    ast.BoolOp: Evaluator._boolop,  # type: ignore[dict-item]
    ast.Await: Evaluator._await,  # type: ignore[dict-item]
    ast.NamedExpr: Evaluator._named,  # type: ignore[dict-item]
    ast.ListComp: Evaluator._comprehension,  # type: ignore[dict-item]
    ast.SetComp: Evaluator._comprehension,  # type: ignore[dict-item]
    ast.GeneratorExp: Evaluator._comprehension,  # type: ignore[dict-item]
    ast.DictComp: Evaluator._dictcomp,  # type: ignore[dict-item]
}

__all__ = ["Evaluator", "event_path", "has_calls", "subscript", "text_method"]
