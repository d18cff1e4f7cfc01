"""The Terraform functions the evaluator computes, and `for` expressions.

Cheap, pure functions over known values (`jsonencode`, `merge`, `concat`, `lookup`, `format`,
`coalesce`, `try`, ...) and `file`/`templatefile`, which read project files through the load
context. A call of any other function, or of these with unknown arguments, is Unresolved with
its text and the resources its arguments mention.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl.ast import FunctionCall, TemplateExpr
from faasguard.loaders.hcl.parser import parse_template
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.terraform.jsondoc import looks_like_json, parse_json_at, parse_json_string
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.terraform.operators import as_bool, as_number
from faasguard.loaders.terraform.values import (
    ValueNode,
    error,
    fully_known,
    is_error,
    is_unknown,
    plain,
    scalar_text,
)

if TYPE_CHECKING:
    from faasguard.loaders.terraform.evaluate import Evaluator, Names

Builtin = Callable[["Evaluator", FunctionCall, list[Node], Module], Node | None]
"""Returns the result, or None when the arguments do not allow a known one."""


def call_function(ev: Evaluator, call: FunctionCall, module: Module, names: Names) -> Node:
    lazy = _LAZY.get(call.name)
    if lazy is not None:
        return lazy(ev, call, module, names)
    args = [ev.eval(arg, module, names) for arg in call.args]
    builtin = _BUILTINS.get(call.name)
    if call.expand_final and args:
        last = args.pop()
        if not isinstance(last, SeqNode):
            return ev.unknown_of(call, last, *args)
        args.extend(last.items)
    if builtin is not None:
        try:
            result = builtin(ev, call, args, module)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError) as problem:
            return error(call.loc, ev.text(call.loc), f"{call.name}: {problem}")
        if result is not None:
            return result
    return ev.unknown_of(call, *args, reason=f"function {call.name}")


def _try(ev: Evaluator, call: FunctionCall, module: Module, names: Names) -> Node:
    for arg in call.args:
        node = ev.eval(arg, module, names)
        if not is_error(node):
            return node
    return error(call.loc, ev.text(call.loc), "no argument of try() succeeded")


def _can(ev: Evaluator, call: FunctionCall, module: Module, names: Names) -> Node:
    if len(call.args) != 1:
        return error(call.loc, ev.text(call.loc), "can() takes one argument")
    node = ev.eval(call.args[0], module, names)
    if is_error(node):
        return ScalarNode(call.loc, value=False)
    if is_unknown(node):
        return ev.unknown_of(call, node)
    return ScalarNode(call.loc, value=True)


def _text(node: Node) -> str:
    text = scalar_text(node)
    if text is None:
        raise TypeError("a known string is required")
    return text


def _jsonencode(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node:
    (value,) = args
    document = value if isinstance(value, MapNode | SeqNode) else None
    if fully_known(value):
        text = json.dumps(plain(value), separators=(",", ":"))
        return ValueNode(call.loc, value=text, document=document)
    result = ev.unknown_of(call, value)
    result.document = document
    return result


def _jsondecode(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (value,) = args
    if isinstance(value, ValueNode) and value.document is not None:
        return value.document
    text = scalar_text(value)
    if text is None:
        return None
    if not looks_like_json(text):
        return ScalarNode(call.loc, value=json.loads(text))
    return parse_json_string(text, value.loc)


def _file(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (target,) = args
    name = scalar_text(target)
    if name is None:
        return None
    found = ev.read_file(module, name, call.loc)
    if found is None:
        return None
    relpath, text = found
    document = parse_json_at(text, relpath, 1) if looks_like_json(text) else None
    return ValueNode(call.loc, value=text, document=document)


def _templatefile(
    ev: Evaluator, call: FunctionCall, args: list[Node], module: Module
) -> Node | None:
    target, variables = args
    name = scalar_text(target)
    if name is None or not isinstance(variables, MapNode):
        return None
    found = ev.read_file(module, name, call.loc)
    if found is None:
        return None
    relpath, text = found
    try:
        parsed = parse_template(text, relpath, 1, 1)
    except ParseError as problem:
        ev.ctx.report(problem.message, problem.location)
        return None
    template = TemplateExpr(call.loc, parsed.parts, heredoc=True, raw=text, raw_line=1)
    return ev.eval(template, module, dict(variables.entries))


def _merge(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    result = MapNode(call.loc)
    for arg in args:
        if isinstance(arg, ScalarNode) and arg.value is None and not is_unknown(arg):
            continue
        if not isinstance(arg, MapNode):
            return None
        result.entries.update(arg.entries)
        result.keys.update(arg.keys)
    return result


def _concat(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    if not all(isinstance(arg, SeqNode) for arg in args):
        return None
    return SeqNode(
        call.loc, items=[item for arg in args if isinstance(arg, SeqNode) for item in arg]
    )


def _lookup(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    mapping, key = args[0], args[1]
    name = scalar_text(key)
    if not isinstance(mapping, MapNode) or name is None:
        return None
    found = mapping.get(name)
    if found is not None:
        return found
    if len(args) > 2:
        return args[2]
    return error(call.loc, ev.text(call.loc), f"no key {name!r}")


_VERB = re.compile(r"%(?:(%)|[-+# 0]*\d*(?:\.\d+)?([sdvqft]))")


def _format(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    if not args or not all(isinstance(a, ScalarNode) and not is_unknown(a) for a in args):
        return None
    template, values = _text(args[0]), iter(args[1:])

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return "%"
        text = _text(next(values))
        return json.dumps(text) if match.group(2) == "q" else text

    return ScalarNode(call.loc, value=_VERB.sub(replace, template))


def _coalesce(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    for arg in args:
        if is_unknown(arg):
            return None
        if isinstance(arg, ScalarNode) and arg.value not in (None, ""):
            return arg
    return error(call.loc, ev.text(call.loc), "no non-empty argument")


def _coalescelist(
    ev: Evaluator, call: FunctionCall, args: list[Node], module: Module
) -> Node | None:
    for arg in args:
        if not isinstance(arg, SeqNode):
            return None
        if arg.items:
            return arg
    return SeqNode(call.loc)


def _identity(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node:
    (value,) = args
    return value


def _strings(
    transform: Callable[[str], str],
) -> Builtin:
    def apply(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
        if is_unknown(args[0]):
            return None
        return ScalarNode(call.loc, value=transform(_text(args[0])))

    return apply


def _join(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    separator, *lists = args
    if not all(isinstance(item, SeqNode) and fully_known(item) for item in lists):
        return None
    parts = [_text(item) for seq in lists if isinstance(seq, SeqNode) for item in seq]
    return ScalarNode(call.loc, value=_text(separator).join(parts))


def _split(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    separator, text = args
    if is_unknown(separator) or is_unknown(text):
        return None
    pieces = _text(text).split(_text(separator))
    return SeqNode(call.loc, items=[ScalarNode(text.loc, value=piece) for piece in pieces])


def _replace(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    text, old, new = args
    if any(is_unknown(arg) for arg in args) or _text(old).startswith("/"):
        return None
    return ScalarNode(call.loc, value=_text(text).replace(_text(old), _text(new)))


def _length(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (value,) = args
    if isinstance(value, MapNode):
        return ScalarNode(call.loc, value=len(value.entries))
    if isinstance(value, SeqNode):
        return ScalarNode(call.loc, value=len(value.items))
    if is_unknown(value):
        return None
    return ScalarNode(call.loc, value=len(_text(value)))


def _element(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    sequence, index = args
    number = as_number(index)
    if not isinstance(sequence, SeqNode) or number is None or not sequence.items:
        return None
    return sequence.items[int(number) % len(sequence.items)]


def _keys(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (mapping,) = args
    if not isinstance(mapping, MapNode):
        return None
    items: list[Node] = [
        ScalarNode(mapping.key_loc(key), value=key) for key in sorted(mapping.entries)
    ]
    return SeqNode(call.loc, items=items)


def _values(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (mapping,) = args
    if not isinstance(mapping, MapNode):
        return None
    return SeqNode(call.loc, items=[mapping.entries[key] for key in sorted(mapping.entries)])


def _flatten(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (sequence,) = args
    if not isinstance(sequence, SeqNode):
        return None
    items: list[Node] = []
    stack = list(reversed(sequence.items))
    while stack:
        item = stack.pop()
        if isinstance(item, SeqNode):
            stack.extend(reversed(item.items))
        elif is_unknown(item):
            return None
        else:
            items.append(item)
    return SeqNode(call.loc, items=items)


def _compact(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (sequence,) = args
    if not isinstance(sequence, SeqNode) or not fully_known(sequence):
        return None
    kept: list[Node] = [
        i for i in sequence if isinstance(i, ScalarNode) and i.value not in (None, "")
    ]
    return SeqNode(call.loc, items=kept)


def _distinct(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    (sequence,) = args
    if not isinstance(sequence, SeqNode) or not fully_known(sequence):
        return None
    seen: dict[str, Node] = {}
    for item in sequence:
        seen.setdefault(json.dumps(plain(item), sort_keys=True), item)
    return SeqNode(call.loc, items=list(seen.values()))


def _contains(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    sequence, value = args
    if not isinstance(sequence, SeqNode) or not fully_known(sequence) or is_unknown(value):
        return None
    wanted = plain(value)
    return ScalarNode(call.loc, value=any(plain(item) == wanted for item in sequence))


def _tobool(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    flag = as_bool(args[0])
    return None if flag is None else ScalarNode(args[0].loc, value=flag)


def _tonumber(ev: Evaluator, call: FunctionCall, args: list[Node], module: Module) -> Node | None:
    number = as_number(args[0])
    return None if number is None else ScalarNode(args[0].loc, value=number)


_LAZY: dict[str, Callable[[Evaluator, FunctionCall, Module, Names], Node]] = {
    "try": _try,
    "can": _can,
}
_BUILTINS: dict[str, Builtin] = {
    "jsonencode": _jsonencode,
    "jsondecode": _jsondecode,
    "file": _file,
    "templatefile": _templatefile,
    "merge": _merge,
    "concat": _concat,
    "lookup": _lookup,
    "format": _format,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "join": _join,
    "split": _split,
    "replace": _replace,
    "length": _length,
    "element": _element,
    "keys": _keys,
    "values": _values,
    "flatten": _flatten,
    "compact": _compact,
    "distinct": _distinct,
    "contains": _contains,
    "tobool": _tobool,
    "tonumber": _tonumber,
    "lower": _strings(str.lower),
    "upper": _strings(str.upper),
    "trimspace": _strings(str.strip),
    "tostring": _strings(str),
    **dict.fromkeys(("tolist", "toset", "tomap", "sensitive", "nonsensitive"), _identity),
}


__all__ = ["call_function"]
