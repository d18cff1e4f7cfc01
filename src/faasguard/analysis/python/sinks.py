"""Sinks: a call is matched against the catalog, and its unsafe variant told from the safe one.

Only the dangerous arguments count (the SQL text of `execute(sql, params)`, the command of a
shell, the URL of a request), and each sink's condition is checked: `shell=True` or a `sh -c`
list, a YAML loader that is not safe, an XML parser that resolves external entities, a regular
expression that backtracks catastrophically. Labels that were made safe for the sink's category
are dropped here already; channel and sensitivity filters are applied once the source is known.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from faasguard.analysis.python import redos
from faasguard.analysis.python.catalog import SinkSpec, When
from faasguard.analysis.python.frame import Frame, SinkHit
from faasguard.analysis.python.operators import FIXED_BASE
from faasguard.analysis.python.values import STRUCTURED, Label, Value, all_labels, merge_labels

if TYPE_CHECKING:
    from faasguard.analysis.python.library import Site

SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash", "/usr/bin/bash"})
SHELL_FLAGS = frozenset({"-c", "/c", "-lc", "-ic", "-Command"})
MONGO_OPERATORS = ("$where", "$function", "$accumulator", "$expr")
_FIXED_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#@]+[/?#]")

RULE_CATEGORY = {
    "PY001": "injection-sql",
    "PY002": "injection-nosql",
    "PY003": "injection-command",
    "PY004": "injection-code",
    "PY005": "injection-template",
    "PY006": "deserialization",
    "PY007": "path-traversal",
    "PY008": "ssrf",
    "PY009": "ssrf",
    "PY010": "xxe",
    "PY011": "redos",
    "PY012": "redos",
    "PY013": "sensitive-data-exposure",
    "PY014": "open-redirect",
}


def check(frame: Frame, site: Site) -> None:
    catalog = frame.host.catalog
    specs: tuple[SinkSpec, ...] = ()
    if site.qual and not site.qual.startswith(("fn:", "cls:")):
        specs = catalog.sinks_by_call.get(site.qual, ())
    if site.receiver is not None and site.method:
        if site.receiver.kind.startswith(("instance:", "model:")):
            return  # a method of a project class: its summary speaks for it
        candidates = catalog.sinks_by_method.get(site.method, ())
        specs = specs + tuple(s for s in candidates if _receiver_matches(s, site))
    for spec in specs:
        found = _tainted(frame, spec, site)
        if found is None:
            continue
        labels, note = found
        category = RULE_CATEGORY.get(spec.rule, "")
        labels = tuple(lb for lb in labels if not lb.safe_for(category))
        if labels:
            step = frame.step(site.node, f"sink: {spec.label}")
            labels = tuple(lb.with_step(step) for lb in labels)
            text = frame.module.line(site.node.lineno)
            frame.sinks.append(
                SinkHit(spec, labels, frame.location(site.node), text, frame.key, note)
            )


def check_return(frame: Frame, node: ast.Return, value: Value) -> None:
    """A response dict whose Location header comes from input (open redirect)."""
    headers = (value.fields or {}).get("headers")
    if headers is None or not headers.fields:
        return
    target = headers.fields.get("Location") or headers.fields.get("location")
    if target is None or not target.labels:
        return
    for spec in frame.host.catalog.sinks_by_call.get("chalice.Response", ()):
        if spec.when is When.URL_HOST and host_fixed(target, spec.rule):
            continue
        step = frame.step(node, f"sink: {spec.label}")
        labels = tuple(lb.with_step(step) for lb in all_labels(target))
        text = frame.module.line(node.lineno)
        frame.sinks.append(SinkHit(spec, labels, frame.location(node), text, frame.key))


def _receiver_matches(spec: SinkSpec, site: Site) -> bool:
    receiver = site.receiver
    assert receiver is not None
    if not spec.receiver_kinds and not spec.receiver_names:
        return not receiver.known  # any object, but not a string constant ("a".find(x))
    if receiver.kind and receiver.kind in spec.receiver_kinds:
        return True
    node = site.receiver_node
    name = (
        node.id
        if isinstance(node, ast.Name)
        else node.attr
        if isinstance(node, ast.Attribute)
        else ""
    )
    return bool(name) and name in spec.receiver_names


def _dangerous(spec: SinkSpec, site: Site) -> list[Value]:
    values: list[Value] = []
    for index in spec.positions(site.method):
        if index < len(site.args):
            values.append(site.args[index])
    values.extend(value for name, value in site.kwargs.items() if name in spec.kwargs)
    if spec.all_kwargs:
        values.extend(site.kwargs.values())
    for name, keys in spec.fields.items():
        container = site.kwargs.get(name)
        if container is not None and container.fields:
            values.extend(container.fields[k] for k in keys if k in container.fields)
    if spec.receiver and site.receiver is not None:
        values.append(site.receiver)
    if site.star is not None and spec.when is When.SENSITIVE:
        values.append(site.star)
    return values


def _tainted(frame: Frame, spec: SinkSpec, site: Site) -> tuple[tuple[Label, ...], str] | None:
    when = spec.when
    if when is When.SHELL:
        return _subprocess(site), ""
    if when is When.VULNERABLE_PATTERN:
        return _redos(spec, site)
    if when is When.MONGO_QUERY:
        return _mongo(spec, site), ""
    if not _condition_holds(frame, spec, site):
        return None
    values = _dangerous(spec, site)
    if when is When.URL_HOST:
        values = [v for v in values if not host_fixed(v, spec.rule)]
    labels: tuple[Label, ...] = ()
    for value in values:
        labels = merge_labels(labels, all_labels(value))
    return labels, ""


def _condition_holds(frame: Frame, spec: SinkSpec, site: Site) -> bool:
    when = spec.when
    if when is When.YAML_LOADER:
        loader = site.arg(1, "Loader")
        if loader is None:
            return True
        name = loader.qual.rsplit(".", 1)[-1]
        return (
            loader.qual not in frame.host.catalog.safe_loaders
            and name not in frame.host.catalog.safe_loaders
        )
    if when is When.UNSAFE_PARSER:
        parser = site.arg(spec.parser_arg, "parser")
        return parser is not None and parser.kind in ("xml-parser-unsafe", "sax-parser-unsafe")
    if when in (When.KWARG_TRUE, When.KWARG_FALSE):
        flag = site.kwargs.get(spec.kwarg)
        return flag is not None and flag.known and bool(flag.const) is (when is When.KWARG_TRUE)
    if when is When.TAR_UNFILTERED:
        mode = site.kwargs.get("filter")
        return "members" not in site.kwargs and (mode is None or mode.const not in ("data", "tar"))
    return True


def host_fixed(value: Value, rule: str) -> bool:
    """The scheme and host of a URL cannot come from input: a constant prefix names them, or the
    URL starts with a clean value such as a base URL from the configuration."""
    prefix = value.prefix or (value.const if isinstance(value.const, str) else "")
    if _FIXED_HOST.match(prefix) or value.kind == FIXED_BASE:
        return True
    return rule == "PY014" and prefix.startswith("/") and not prefix.startswith("//")


def _subprocess(site: Site) -> tuple[Label, ...]:
    command = site.arg(0, "args")
    if command is None:
        return ()
    shell = site.kwargs.get("shell")
    shell_on = shell is not None and (not shell.known or bool(shell.const))
    if shell_on or not command.fields:
        return all_labels(command) if shell_on else command.labels
    fields = command.fields
    program = fields.get("#0")
    labels: tuple[Label, ...] = program.labels if program is not None else ()
    flag = fields.get("#1")
    if program is not None and program.const in SHELLS and flag is not None:
        if flag.const in SHELL_FLAGS and "#2" in fields:
            labels = merge_labels(labels, all_labels(fields["#2"]))
    return merge_labels(labels, command.labels)


def _mongo(spec: SinkSpec, site: Site) -> tuple[Label, ...]:
    """A filter taken whole from input, operators that run code, or a field value decoded from
    JSON (it may be an object such as {"$ne": ""} rather than the string the code expects)."""
    labels: tuple[Label, ...] = ()
    for value in _dangerous(spec, site):
        labels = merge_labels(labels, value.labels)
        for key, item in (value.fields or {}).items():
            found = all_labels(item)
            if key not in MONGO_OPERATORS:
                found = tuple(lb for lb in found if STRUCTURED in lb.cleared)
            labels = merge_labels(labels, found)
    return labels


def _redos(spec: SinkSpec, site: Site) -> tuple[tuple[Label, ...], str] | None:
    pattern = site.arg(spec.pattern_arg, "pattern") if spec.pattern_arg >= 0 else site.receiver
    if pattern is None or not isinstance(pattern.const, str):
        return None
    verdict = redos.analyse(pattern.const)
    if verdict is None:
        return None
    labels: tuple[Label, ...] = ()
    for value in _dangerous(spec, site):
        labels = merge_labels(labels, all_labels(value))
    return labels, verdict.describe()


__all__ = ["RULE_CATEGORY", "check", "check_return", "host_fixed"]
