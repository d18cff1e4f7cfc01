"""Calls of code outside the project: the catalog decides what they return.

A library call is a sanitiser (the result is safe for some or all categories), a normaliser
(a canonical path), a constructor of a tracked object (a logger, a boto3 client, a compiled
pattern...), a second-order source (an item read back from DynamoDB, an S3 object), a known
builtin, or - by default - a function that passes the taint of its arguments and receiver on.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from faasguard.analysis.python import exprs, guards
from faasguard.analysis.python.catalog import Risk, SourceSpec
from faasguard.analysis.python.frame import Frame
from faasguard.analysis.python.values import (
    CLEAN,
    STRUCTURED,
    Label,
    Origin,
    OriginKind,
    Value,
    all_labels,
    carried,
    cleared,
    get_item,
    join,
    labelled,
    merge_labels,
    textual,
    with_field,
)

NORMALISED = guards.NORMALISED  # in Label.cleared: the path was made canonical
_BOTO3_FACTORIES = frozenset({"client", "resource", "Table", "Bucket", "Object", "Queue", "Topic"})
_PATH_KEEPERS = frozenset({"joinpath", "with_name", "with_suffix", "with_stem", "expanduser"})
_SEQUENCES = frozenset({"list", "tuple", "set", "frozenset", "sorted", "reversed", "iter"})
_DECODERS = frozenset(
    {"json.loads", "json.load", "simplejson.loads", "orjson.loads", "ujson.loads"}
)
_JSON_ACCESSORS = frozenset({"get_json", "json", "json_body"})


@dataclass(slots=True)
class Site:
    node: ast.Call
    qual: str  # the callee's resolved name ("" for a method on a value)
    receiver: Value | None  # the object a method is called on
    method: str
    args: list[Value] = field(default_factory=list)
    kwargs: dict[str, Value] = field(default_factory=dict)
    star: Value | None = None  # *args at the call
    double_star: Value | None = None  # **kwargs at the call

    @property
    def receiver_node(self) -> ast.expr | None:
        func = self.node.func
        return func.value if isinstance(func, ast.Attribute) else None

    def arg(self, index: int, name: str = "") -> Value | None:
        if 0 <= index < len(self.args):
            return self.args[index]
        return self.kwargs.get(name) if name else None

    def every_value(self) -> list[Value]:
        values = [*self.args, *self.kwargs.values()]
        values.extend(v for v in (self.star, self.double_star) if v is not None)
        return values


def library_result(frame: Frame, site: Site) -> Value:
    """A call of a function outside the project, by its qualified name."""
    catalog = frame.host.catalog
    qual = site.qual
    first = site.arg(0) or CLEAN
    if qual in catalog.clean_calls:
        return CLEAN
    if qual in _DECODERS:
        return cleared(carried(first), frozenset({STRUCTURED}))
    partial = catalog.partial.get(qual)
    if partial is not None:
        return cleared(carried(first), partial)
    if qual in catalog.normalisers:
        return cleared(carried(first), frozenset({NORMALISED}))._replace(kind=first.kind)
    kind = catalog.constructors.get(qual)
    if kind is not None:
        return _constructed(frame, site, kind)
    special = _builtin(frame, site, qual, first)
    if special is not None:
        return special
    result = propagated(site)
    written = frame.files.get(first.const) if isinstance(first.const, str) else None
    if written:  # a local file the function downloaded from a place input chose
        return result._replace(labels=merge_labels(result.labels, written))
    return result


def _builtin(frame: Frame, site: Site, qual: str, first: Value) -> Value | None:
    if qual in ("str", "repr", "format", "ascii"):
        labels = textual(all_labels(first))
        return Value(labels, const=str(first.const) if first.known else first.const)
    if qual == "dict":
        out = first if first.fields is not None or first.labels else CLEAN
        for name, value in site.kwargs.items():
            out = with_field(out, name, value)
        return out._replace(qual="", const=first.const if not site.kwargs else out.const)
    if qual in _SEQUENCES:
        return first._replace(qual="", kind="") if first.fields else Value(all_labels(first))
    if qual == "enumerate":
        return Value(kind="enumerate", fields={"of": first})
    if qual == "zip":
        return Value(kind="zip", fields={f"#{i}": v for i, v in enumerate(site.args)})
    if qual == "next":
        from faasguard.analysis.python.stmts import iter_element

        return iter_element(first)
    if qual == "getattr":
        attr = site.arg(1)
        key = f".{attr.const}" if attr is not None and isinstance(attr.const, str) else None
        result = get_item(first, key)
        default = site.arg(2)
        return join(result, default) if default is not None else result
    if qual in ("urllib.parse.urlparse", "urllib.parse.urlsplit"):
        return Value(all_labels(first), kind="url")
    return None


def propagated(site: Site) -> Value:
    labels: tuple[Label, ...] = ()
    for value in site.every_value():
        if value.labels or value.fields:
            labels = merge_labels(labels, all_labels(value))
    if site.receiver is not None and not site.receiver.qual:
        labels = merge_labels(all_labels(site.receiver), labels)
    return Value(labels) if labels else CLEAN


def _constructed(frame: Frame, site: Site, kind: str) -> Value:
    first = site.arg(0) or CLEAN
    if kind == "regex":
        return Value(all_labels(first), const=first.const, kind="regex")
    if kind == "xml-parser":
        unsafe = frame.host.catalog.unsafe_parser_kwargs.get(site.qual, {})
        for name, bad in unsafe.items():
            given = site.kwargs.get(name)
            if given is not None and given.known and bool(given.const) == bad:
                return Value(kind="xml-parser-unsafe")
        return Value(kind="xml-parser")
    if kind in ("path", "tarfile"):
        labels = propagated(site).labels
        written = frame.files.get(first.const) if isinstance(first.const, str) else None
        return Value(merge_labels(labels, written or ()), kind=kind)
    return Value(kind=kind)


def method_result(frame: Frame, site: Site, receiver: Value) -> Value:
    """A method called on a value that is not an object of a project class."""
    catalog = frame.host.catalog
    method = site.method
    if method in catalog.clean_methods:
        return CLEAN
    if method in ("get", "pop") and site.args:
        key = exprs.item_key(site.args[0])
        default = site.arg(1)
        value = get_item(receiver, key)
        return join(value, default) if default is not None else value
    if method in catalog.accessors and any(not lb.origin.placeholder for lb in receiver.labels):
        part = get_item(receiver, f".{method}()")
        return cleared(part, frozenset({STRUCTURED})) if method in _JSON_ACCESSORS else part
    special = _known_method(frame, site, receiver)
    if special is not None:
        return special
    return propagated(site)


def _known_method(frame: Frame, site: Site, receiver: Value) -> Value | None:
    catalog = frame.host.catalog
    method = site.method
    if method in catalog.second_order and (receiver.kind == "boto3" or method.startswith("fetch")):
        root = frame.host.source_root(
            _second_order_spec(catalog.second_order[method]), frame.module, method, "second-order"
        )
        step = frame.step(site.node, f"second-order source: {catalog.second_order[method]}")
        return labelled(Origin(OriginKind.SECOND_ORDER, root), step)
    if receiver.kind == "boto3" and method in _BOTO3_FACTORIES:
        return Value(kind="boto3")
    if receiver.kind == "boto3" and method == "download_file":
        target = site.arg(2, "Filename")
        if target is not None and isinstance(target.const, str):
            chosen = merge_labels(
                all_labels(site.arg(0, "Bucket") or CLEAN), all_labels(site.arg(1, "Key") or CLEAN)
            )
            if chosen:
                frame.files[target.const] = chosen
    if receiver.kind == "ddb-condition":
        return Value(kind="ddb-condition")
    if receiver.kind == "path" and method in _PATH_KEEPERS:
        return Value(propagated(site).labels, kind="path")
    if method in catalog.normalisers:
        return cleared(carried(receiver), frozenset({NORMALISED}))._replace(kind=receiver.kind)
    if method == "format" and isinstance(receiver.const, str):
        return Value(textual(propagated(site).labels), prefix=receiver.const.split("{", 1)[0])
    if method == "join" and site.args:
        return Value(textual(merge_labels(all_labels(site.args[0]), receiver.labels)))
    if method == "copy":
        return receiver
    if method in ("items", "values", "keys"):
        return Value(kind=method, fields={"of": receiver})
    if method in catalog.model_validators:
        return Value(all_labels(site.arg(0) or CLEAN))
    return None


def _second_order_spec(field_name: str) -> SourceSpec:
    return SourceSpec(field=field_name, channel="second-order", risk=Risk.SECOND_ORDER)


__all__ = ["NORMALISED", "Site", "library_result", "method_result", "propagated"]
