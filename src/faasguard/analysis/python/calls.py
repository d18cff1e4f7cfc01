"""Calls: project functions through their summaries, library calls through the catalog.

A call to a function of the project instantiates the callee's summary with the caller's
arguments: what the callee returns, which of its sinks the arguments reach, which attributes it
writes. A library call is a sink, a sanitiser, a source, a constructor of a tracked object, or
(by default) passes the taint of its arguments and receiver on to its result.
"""

from __future__ import annotations

import ast

from faasguard.analysis.python import exprs, guards, library, sinks
from faasguard.analysis.python.frame import Frame, Host
from faasguard.analysis.python.library import Site
from faasguard.analysis.python.scope import ClassInfo, FunctionInfo, dotted
from faasguard.analysis.python.values import (
    ALL,
    CLEAN,
    MAX_STEPS,
    Label,
    OriginKind,
    Value,
    all_labels,
    get_item,
    get_path,
    join,
    map_labels,
    merge_labels,
    with_field,
    with_step,
)
from faasguard.core.finding import TraceStep

MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "appendleft", "setdefault"})


def eval_call(frame: Frame, node: ast.Call) -> Value:
    func = node.func
    receiver: Value | None = None
    method = ""
    if isinstance(func, ast.Attribute):
        method = func.attr
        base = exprs.eval_expr(frame, func.value)
        if base.qual:
            qual = exprs.qual_attribute(frame, base.qual, method, func).qual or ""
            if not qual and base.qual.startswith("cls:"):
                qual = f"{base.qual}#{method}"
        else:
            receiver, qual = base, ""
    else:
        qual = exprs.eval_expr(frame, func).qual
    site = Site(node, qual, receiver, method)
    _evaluate_arguments(frame, site)
    sinks.check(frame, site)
    result = _result(frame, site)
    _after(frame, site)
    return result


def _evaluate_arguments(frame: Frame, site: Site) -> None:
    for arg in site.node.args:
        value = exprs.eval_expr(frame, arg)
        if isinstance(arg, ast.Starred):
            site.star = value
        else:
            site.args.append(value)
    for keyword in site.node.keywords:
        value = exprs.eval_expr(frame, keyword.value)
        if keyword.arg is None:
            site.double_star = value
        else:
            site.kwargs[keyword.arg] = value


def _result(frame: Frame, site: Site) -> Value:
    qual = site.qual
    host = frame.host
    if qual.startswith("fn:"):
        function = host.function(qual[3:])
        return project_call(frame, function, site, None) if function else CLEAN
    if qual.startswith("cls:"):
        key, _, method = qual[4:].partition("#")
        cls = host.class_info(key)
        if cls is None:
            return CLEAN
        if method:
            return _class_method(frame, cls, method, site)
        return _construct(frame, cls, site)
    receiver = site.receiver
    if receiver is not None:
        if receiver.kind.startswith(("instance:", "model:")):
            cls = frame.host.class_info(receiver.kind.partition(":")[2])
            function = find_method(frame.host, cls, site.method) if cls is not None else None
            if function is not None:
                return project_call(frame, function, site, receiver)
        return library.method_result(frame, site, receiver)
    return library.library_result(frame, site)


def _class_method(frame: Frame, cls: ClassInfo, method: str, site: Site) -> Value:
    catalog = frame.host.catalog
    if method in catalog.model_validators and is_model(frame.host, cls):
        return Value(all_labels(site.arg(0) or CLEAN), kind=f"model:{cls.key}")
    function = find_method(frame.host, cls, method)
    return project_call(frame, function, site, None) if function is not None else CLEAN


def _construct(frame: Frame, cls: ClassInfo, site: Site) -> Value:
    if is_model(frame.host, cls):
        fields = {f".{name}": value for name, value in site.kwargs.items()}
        if site.double_star is not None:
            for name in cls.fields:
                fields.setdefault(f".{name}", get_item(site.double_star, name))
        return Value(fields=fields, kind=f"model:{cls.key}")
    instance = Value(kind=f"instance:{cls.key}")
    init = find_method(frame.host, cls, "__init__")
    if init is not None:
        project_call(frame, init, site, instance)
        return instance
    if cls.fields:
        fields = {f".{name}": value for name, value in zip(cls.fields, site.args, strict=False)}
        fields.update({f".{name}": value for name, value in site.kwargs.items()})
        return instance._replace(fields=fields)
    return instance


def is_model(host: Host, cls: ClassInfo, depth: int = 0) -> bool:
    """A pydantic model (its fields are validated to their types)."""
    for base in cls.base_names:
        if base.rsplit(".", 1)[-1] in ("BaseModel", "BaseSettings", "RootModel"):
            return True
        parent = class_ref(host, cls, base)
        if parent is not None and depth < 5 and is_model(host, parent, depth + 1):
            return True
    return False


def class_ref(host: Host, cls: ClassInfo, name: str) -> ClassInfo | None:
    module = cls.module
    head, _, rest = name.partition(".")
    if head in module.classes and not rest:
        return module.classes[head]
    target = module.imports.get(head)
    if target is None:
        return None
    ref = host.resolver.resolve(f"{target}.{rest}" if rest else target, module)
    return host.class_info(ref[4:]) if ref.startswith("cls:") else None


def find_method(host: Host, cls: ClassInfo, name: str, depth: int = 0) -> FunctionInfo | None:
    if name in cls.methods:
        return cls.methods[name]
    if depth >= 5:
        return None
    for base in cls.base_names:
        parent = class_ref(host, cls, base)
        if parent is not None:
            found = find_method(host, parent, name, depth + 1)
            if found is not None:
                return found
    return None


def bind_arguments(
    function: FunctionInfo, site: Site, self_value: Value | None
) -> dict[str, Value]:
    params = list(function.params)
    binding: dict[str, Value] = {}
    if self_value is not None and params:
        binding[params.pop(0)] = self_value
    extra: dict[str, Value] = {}
    for index, value in enumerate(site.args):
        if index < len(params):
            binding[params[index]] = value
        else:
            extra[f"#{index - len(params)}"] = value
    if function.vararg:
        binding[function.vararg] = Value(fields=extra) if extra else (site.star or CLEAN)
    named = set(function.params) | set(function.kwonly)
    rest = {k: v for k, v in site.kwargs.items() if k not in named}
    binding.update({k: v for k, v in site.kwargs.items() if k in named})
    spread = site.double_star
    for name in (*params, *function.kwonly):
        if name in binding:
            continue
        if spread is not None:
            binding[name] = get_item(spread, name)
        elif site.star is not None:
            binding[name] = get_item(site.star, None)
    if function.kwarg:
        kwargs = Value(fields=rest) if rest else CLEAN
        binding[function.kwarg] = join(kwargs, spread) if spread is not None else kwargs
    return binding


def project_call(
    frame: Frame, function: FunctionInfo, site: Site, self_value: Value | None
) -> Value:
    summary = frame.host.summary(function, frame.function)
    binding = bind_arguments(function, site, self_value)
    call_step = frame.step(site.node, f"passed to {function.name}()")
    done: dict[Label, tuple[Label, ...]] = {}

    def substitute(label: Label) -> tuple[Label, ...]:
        origin = label.origin
        if origin.kind is not OriginKind.PARAM:
            return (label,)
        known = done.get(label)
        if known is not None:
            return known
        actual = binding.get(origin.ref)
        found = all_labels(get_path(actual, origin.path)) if actual is not None else ()
        result = done[label] = tuple(
            Label(lb.origin, _steps(lb, call_step, label), lb.cleared | label.cleared)
            for lb in found
        )
        return result

    for hit in summary.sinks:
        placeholders = [lb for lb in hit.labels if lb.origin.kind is OriginKind.PARAM]
        labels: tuple[Label, ...] = ()
        for label in placeholders:
            labels = merge_labels(labels, substitute(label))
        if labels:
            frame.sinks.append(hit._replace(labels=labels))
    for attr, value in summary.attr_writes:
        written = map_labels(value, substitute)
        if written.tainted:
            frame.attr_writes.append((attr, written))
    result = map_labels(summary.ret, substitute)
    if result.tainted:
        result = with_step(result, frame.step(site.node, f"returned from {function.name}()"))
    return result


def _steps(actual: Label, call_step: TraceStep, inner: Label) -> tuple[TraceStep, ...]:
    steps = (*actual.steps, call_step, *inner.steps)
    return steps if len(steps) <= MAX_STEPS else steps[:4] + steps[-(MAX_STEPS - 4) :]


def _after(frame: Frame, site: Site) -> None:
    catalog = frame.host.catalog
    validator = catalog.validator_calls.get(site.qual)
    if validator is not None:
        index, names = validator
        node = _argument_node(site.node, index, names)
        if node is not None:
            guards.sanitise(frame, node, frozenset({ALL}))
        return
    target = site.receiver_node
    if site.receiver is None or not isinstance(target, ast.Name):
        return
    if site.method in MUTATORS:
        frame.env[target.id] = _mutated(site, site.receiver)
    elif site.method == "setFeature" and site.receiver.kind == "sax-parser":
        feature, enabled = site.arg(0), site.arg(1)
        if feature is not None and enabled is not None and enabled.const is True:
            if feature.qual in catalog.sax_unsafe_features or dotted(site.node.args[0]) in (
                catalog.sax_unsafe_features
            ):
                frame.env[target.id] = site.receiver._replace(kind="sax-parser-unsafe")


def _mutated(site: Site, receiver: Value) -> Value:
    """The receiver after `append`/`extend`/`update`...: a list built from constants keeps its
    known items (an appended item is never the program of a command line)."""
    fields = receiver.fields
    if site.method in ("append", "extend") and fields and "#0" in fields and site.args:
        if site.method == "append":
            count = sum(1 for key in fields if key.startswith("#"))
            return with_field(receiver, f"#{count}", site.args[0])
        rest = join(fields.get("#*", CLEAN), Value(all_labels(site.args[0])))
        return with_field(receiver, "#*", rest)
    added = library.propagated(Site(site.node, "", None, site.method, site.args, site.kwargs))
    if not added.labels:
        return receiver
    return receiver._replace(labels=merge_labels(receiver.labels, added.labels))


def _argument_node(node: ast.Call, index: int, names: tuple[str, ...]) -> ast.expr | None:
    for keyword in node.keywords:
        if keyword.arg in names:
            return keyword.value
    if index < len(node.args) and not isinstance(node.args[index], ast.Starred):
        return node.args[index]
    return None


__all__ = [
    "Site",
    "bind_arguments",
    "class_ref",
    "eval_call",
    "find_method",
    "is_model",
    "project_call",
]
