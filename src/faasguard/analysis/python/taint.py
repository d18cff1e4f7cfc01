"""The inter-procedural taint analysis of a project's Python code: `taint_result(project)`.

Every module is parsed once (the shared index); every function is summarised once, on demand,
with its parameters as placeholders, so a call costs the size of the callee's summary and the
whole analysis stays near linear in the code. Calls that close a cycle read the callee's summary
as it stands; the functions that did are analysed again until the summaries stop changing (a few
rounds at most). Entry points then instantiate their summaries with their sources, and every
flow from a source to a sink is kept with its trace.
"""

from __future__ import annotations

import ast
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from faasguard.analysis.project import Project
from faasguard.analysis.python import stmts
from faasguard.analysis.python.calls import is_model
from faasguard.analysis.python.catalog import Catalog, SourceSpec, catalog
from faasguard.analysis.python.describe import SourceRoot
from faasguard.analysis.python.flows import Flow, FlowBuilder
from faasguard.analysis.python.frame import EMPTY, BudgetExceeded, Frame, SinkHit, Summary
from faasguard.analysis.python.handlers import Entry, discover, module_functions
from faasguard.analysis.python.index import PythonIndex, python_index
from faasguard.analysis.python.scope import ClassInfo, FunctionInfo, ModuleInfo, Resolver, dotted
from faasguard.analysis.python.values import (
    Label,
    Origin,
    OriginKind,
    Value,
    join,
    labelled,
    map_labels,
)
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location

MAX_ACTIVE = 20  # nested summaries computed at once; deeper calls are revisited later
MAX_ROUNDS = 3  # extra analyses of a function that calls itself
MAX_REVISITS = 4  # analyses of a function that read an incomplete summary


@dataclass(frozen=True, slots=True)
class TaintResult:
    flows: tuple[Flow, ...]
    entries: tuple[Entry, ...]
    functions: int  # functions summarised

    def for_rule(self, rule_id: str) -> tuple[Flow, ...]:
        return tuple(f for f in self.flows if f.rule == rule_id)


def taint_result(project: Project) -> TaintResult:
    """The flows of the project's Python code, computed once per project."""
    return project.analysis("python-taint", _compute)


def _compute(project: Project) -> TaintResult:
    analysis = Analysis(python_index(project))
    result = analysis.run(project)
    for message, location in analysis.problems:
        project.context.report(message, location)
    return result


@dataclass(slots=True, eq=False)
class Analysis:
    """The state of one project's analysis; the interpreter's :class:`Host`."""

    index: PythonIndex
    catalog: Catalog = field(default_factory=catalog)
    resolver: Resolver = field(init=False)
    functions: dict[str, FunctionInfo] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    summaries: dict[str, Summary] = field(default_factory=dict)
    module_hits: list[SinkHit] = field(default_factory=list)
    callers: dict[str, set[str]] = field(default_factory=dict)
    roots: dict[str, SourceRoot] = field(default_factory=dict)
    class_attrs: dict[str, Value] = field(default_factory=dict)
    problems: list[tuple[str, Location]] = field(default_factory=list)
    _active: list[str] = field(default_factory=list)
    _stale: set[str] = field(default_factory=set)
    _recursive: set[str] = field(default_factory=set)  # functions that call themselves
    _partial: dict[str, Summary] = field(default_factory=dict)  # of recursive functions

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.index)
        for module in self.index.modules.values():
            info = self.resolver.info(module)
            self.functions.update((f.key, f) for f in info.every_function)
            self.classes.update((c.key, c) for c in info.classes.values())

    # -- Host --------------------------------------------------------------------------------
    def function(self, key: str) -> FunctionInfo | None:
        return self.functions.get(key)

    def class_info(self, key: str) -> ClassInfo | None:
        return self.classes.get(key)

    def module(self, path: str) -> ModuleInfo | None:
        return self.resolver.modules.get(path)

    def globals_of(self, module: ModuleInfo) -> dict[str, Value]:
        if not module.ready:
            module.ready = True
            frame = Frame(self, module, None, module.globals)
            self._run(frame, module.module.tree.body, module.module.tree, f"module {module.path}")
            self.module_hits.extend(frame.summary().sinks)
        return module.globals

    def source_root(self, spec: SourceSpec, module: ModuleInfo, name: str, kind: str) -> str:
        key = f"{kind}:{module.path}:{name}:{spec.field}"
        if key not in self.roots:
            self.roots[key] = SourceRoot(key, kind, name, spec, module.path)
        return key

    def summary(self, function: FunctionInfo, caller: FunctionInfo | None) -> Summary:
        if caller is not None:
            self.callers.setdefault(function.key, set()).add(caller.key)
        done = self.summaries.get(function.key)
        if done is not None:
            return done
        if function.key in self._active or len(self._active) >= MAX_ACTIVE:
            if caller is not None and caller.key == function.key:
                self._recursive.add(function.key)
            elif caller is not None:
                self._stale.add(caller.key)
            return self._partial.get(function.key, EMPTY)
        return self._analyse(function)

    # -- the analysis ------------------------------------------------------------------------
    def run(self, project: Project) -> TaintResult:
        for info in list(self.resolver.modules.values()):
            self.globals_of(info)
        for function in list(self.functions.values()):
            if function.key not in self.summaries:
                self._analyse(function)
        self._fixed_point()
        entries = discover(project.apps, self.resolver.modules, self.catalog, self.globals_of)
        builder = FlowBuilder(
            self.catalog, self.roots, module_functions(project.apps, self.resolver.modules)
        )
        for summary in self.summaries.values():
            self._remember_attributes(summary.attr_writes)
        entry_hits = [hit for entry in entries for hit in self._instantiate(entry)]
        hits = [
            *self.module_hits,
            *(h for s in self.summaries.values() for h in s.sinks),
            *entry_hits,
        ]
        flows = builder.flows(hits, self.class_attrs)
        return TaintResult(tuple(flows), tuple(entries), len(self.summaries))

    def _analyse(self, function: FunctionInfo) -> Summary:
        """Summarise a function; one that calls itself is summarised again with its own
        summary until that stops changing, before any caller sees it."""
        key = function.key
        summary = self._analyse_once(function)
        for _ in range(MAX_ROUNDS):
            if key not in self._recursive:
                break
            self._recursive.discard(key)
            self._partial[key] = summary
            again = self._analyse_once(function)
            if again.same_as(summary):
                summary = again
                break
            summary = again
        self._recursive.discard(key)
        self._partial.pop(key, None)
        self.summaries[key] = summary
        return summary

    def _analyse_once(self, function: FunctionInfo) -> Summary:
        self._active.append(function.key)
        module = function.module
        self.globals_of(module)
        frame = Frame(self, module, function, self._parameters(function))
        try:
            self._run(frame, function.node.body, function.node, f"function {function.qualname}")
        finally:
            self._active.pop()
        return frame.summary()

    def _run(self, frame: Frame, body: list[ast.stmt], node: ast.AST, what: str) -> None:
        try:
            stmts.exec_block(frame, body)
        except BudgetExceeded:
            self._problem(
                f"taint analysis of {what} stopped: too large to analyse fully", frame, node
            )
        except RecursionError:
            self._problem(f"taint analysis of {what} stopped: nested too deeply", frame, node)

    def _problem(self, message: str, frame: Frame, node: ast.AST) -> None:
        location = frame.location(node)
        self.problems.append((message, Location(location.path, location.start_line, 1)))

    def _parameters(self, function: FunctionInfo) -> dict[str, Value]:
        env: dict[str, Value] = {}
        for name in function.all_params:
            env[name] = Value((Label(Origin(OriginKind.PARAM, name)),))
        if function.is_method and function.params and function.cls is not None:
            first = function.params[0]
            env[first] = env[first]._replace(kind=f"instance:{function.cls.key}")
        return env

    def _fixed_point(self) -> None:
        """Analyse again the functions that read an incomplete summary (a call deeper than the
        stack allows, or a cycle), then their callers while summaries change; each function at
        most MAX_REVISITS times."""
        visits: Counter[str] = Counter()
        work: deque[str] = deque()
        queued: set[str] = set()

        def push(keys: Iterable[str]) -> None:
            for key in sorted(keys):
                if key not in queued and visits[key] < MAX_REVISITS:
                    queued.add(key)
                    work.append(key)

        push(self._stale)
        self._stale.clear()
        while work:
            key = work.popleft()
            queued.discard(key)
            function = self.functions.get(key)
            if function is None:
                continue
            visits[key] += 1
            before = self.summaries.pop(key, EMPTY)
            after = self._analyse(function)
            if not after.same_as(before):
                push(self.callers.get(key, ()))
            push(self._stale)
            self._stale.clear()

    def _instantiate(self, entry: Entry) -> list[SinkHit]:
        function = entry.function
        summary = self.summaries.get(function.key, EMPTY)
        binding: dict[str, Value] = {}
        for param, spec in entry.sources:
            root = self._entry_root(entry, param, spec)
            node = function.node
            step = TraceStep(
                function.module.module.location(node)._replace(end_line=0, end_column=0),
                f"source: {param} of {function.qualname}()",
            )
            binding[param] = labelled(
                Origin(OriginKind.EVENT, root), step, self._kind(entry, param)
            )

        def substitute(label: Label) -> tuple[Label, ...]:
            origin = label.origin
            if origin.kind is not OriginKind.PARAM:
                return (label,)
            actual = binding.get(origin.ref)
            if actual is None:
                return ()
            base = actual.labels[0]
            return (
                Label(
                    Origin(base.origin.kind, base.origin.ref, origin.path),
                    (*base.steps, *label.steps),
                    label.cleared,
                ),
            )

        hits = []
        for hit in summary.sinks:
            labels = tuple(x for lb in hit.labels if lb.origin.kind is OriginKind.PARAM
                           for x in substitute(lb))  # fmt: skip
            if labels:
                hits.append(hit._replace(labels=labels))
        self._remember_attributes(
            tuple((attr, map_labels(value, substitute)) for attr, value in summary.attr_writes)
        )
        return hits

    def _kind(self, entry: Entry, param: str) -> str:
        """`model:<class>` for a parameter typed with a validated model of the project."""
        function = entry.function
        annotation = function.annotations.get(param)
        name = dotted(annotation) if annotation is not None else None
        if not name:
            return ""
        module = function.module
        ref = (
            f"cls:{module.classes[name].key}"
            if name in module.classes
            else self.resolver.resolve(module.imports.get(name, name), module)
        )
        cls = self.classes.get(ref[4:]) if ref.startswith("cls:") else None
        return f"model:{cls.key}" if cls is not None and is_model(self, cls) else ""

    def _entry_root(self, entry: Entry, param: str, spec: SourceSpec | None) -> str:
        key = f"entry:{entry.key}:{param}"
        if key not in self.roots:
            kind = "event" if spec is None else "route"
            self.roots[key] = SourceRoot(key, kind, param, spec, entry.function.module.path, entry)
        return key

    def _remember_attributes(self, writes: tuple[tuple[str, Value], ...]) -> None:
        for attr, value in writes:
            real = map_labels(value, _drop_params)
            if real.tainted:
                current = self.class_attrs.get(attr)
                self.class_attrs[attr] = real if current is None else join(current, real)


def _drop_params(label: Label) -> tuple[Label, ...]:
    return () if label.origin.kind is OriginKind.PARAM else (label,)


__all__ = ["Analysis", "TaintResult", "taint_result"]
