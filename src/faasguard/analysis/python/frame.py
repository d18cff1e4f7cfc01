"""The state of one function's analysis, and what the interpreter asks of the whole analysis.

A :class:`Frame` holds the environment (local names to abstract values) while the interpreter
walks a function body, and collects what becomes the function's :class:`Summary`: the value it
returns, the sinks its parameters (or real sources) reach, the class attributes it writes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from faasguard.analysis.python.catalog import Catalog, SinkSpec, SourceSpec
from faasguard.analysis.python.scope import ClassInfo, FunctionInfo, ModuleInfo, Resolver
from faasguard.analysis.python.values import CLEAN, Label, Value, all_labels, join
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location

MAX_NODES = 60_000  # expressions evaluated per function before the analysis gives up on it
MAX_SINK_HITS = 96  # sink hits kept per summary


class BudgetExceeded(Exception):
    """A function is too large or too deep to analyse within the budget."""


class SinkHit(NamedTuple):
    spec: SinkSpec
    labels: tuple[Label, ...]
    location: Location
    text: str  # the sink's line, as written
    function: str  # key of the function the sink is in
    note: str = ""


@dataclass(frozen=True, slots=True)
class Summary:
    """What a call to a function does with its arguments, independent of the caller."""

    ret: Value = CLEAN
    sinks: tuple[SinkHit, ...] = ()
    attr_writes: tuple[tuple[str, Value], ...] = ()

    def same_as(self, other: Summary) -> bool:
        return (
            _shape(self.ret) == _shape(other.ret)
            and {_hit_key(h) for h in self.sinks} == {_hit_key(h) for h in other.sinks}
            and {(a, _shape(v)) for a, v in self.attr_writes}
            == {(a, _shape(v)) for a, v in other.attr_writes}
        )


def _shape(value: Value) -> frozenset[object]:
    return frozenset(_origin_key(label) for label in all_labels(value))


def _origin_key(label: Label) -> tuple[object, ...]:
    """What matters for a fixed point: where a label comes from, not how deep into it (paths
    grow with each round of a recursive function, which would never converge)."""
    origin = label.origin
    return (origin.kind, origin.ref, label.cleared)


def _hit_key(hit: SinkHit) -> tuple[object, ...]:
    return (hit.spec.id, hit.location, frozenset(_origin_key(lb) for lb in hit.labels))


EMPTY = Summary()


class Host(Protocol):
    """What the interpreter needs from the analysis driving it."""

    catalog: Catalog
    resolver: Resolver

    def summary(self, function: FunctionInfo, caller: FunctionInfo | None) -> Summary: ...

    def function(self, key: str) -> FunctionInfo | None: ...

    def class_info(self, key: str) -> ClassInfo | None: ...

    def module(self, path: str) -> ModuleInfo | None: ...

    def globals_of(self, module: ModuleInfo) -> dict[str, Value]: ...

    def source_root(self, spec: SourceSpec, module: ModuleInfo, name: str, kind: str) -> str: ...


@dataclass(slots=True, eq=False)
class Frame:
    host: Host
    module: ModuleInfo
    function: FunctionInfo | None
    env: dict[str, Value]
    ret: Value = CLEAN
    sinks: list[SinkHit] = field(default_factory=list)
    attr_writes: list[tuple[str, Value]] = field(default_factory=list)
    derived: dict[str, str] = field(default_factory=dict)  # name -> URL it was parsed from
    checks: dict[str, ast.expr] = field(default_factory=dict)  # name -> condition it holds
    files: dict[str, tuple[Label, ...]] = field(default_factory=dict)  # local path -> who chose it
    budget: int = MAX_NODES
    loop_depth: int = 0

    def spend(self) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise BudgetExceeded

    def location(self, node: ast.AST) -> Location:
        return self.module.module.location(node)

    def step(self, node: ast.AST, message: str = "") -> TraceStep:
        line = getattr(node, "lineno", 1)
        text = message or self.module.line(line)
        if len(text) > 120:
            text = text[:117] + "..."
        return TraceStep(self.location(node), text)

    @property
    def key(self) -> str:
        return self.function.key if self.function else f"{self.module.path}::<module>"

    def summary(self) -> Summary:
        seen: set[tuple[object, ...]] = set()
        hits: list[SinkHit] = []
        for hit in self.sinks:
            key = _hit_key(hit)
            if key not in seen and len(hits) < MAX_SINK_HITS:
                seen.add(key)
                hits.append(hit)
        writes: dict[str, Value] = {}
        for attr, value in self.attr_writes:
            if value.tainted:
                known = writes.get(attr)
                writes[attr] = value if known is None else join(known, value)
        return Summary(self.ret, tuple(hits), tuple(writes.items()))


__all__ = [
    "EMPTY",
    "MAX_NODES",
    "BudgetExceeded",
    "Frame",
    "Host",
    "SinkHit",
    "Summary",
]
