"""Inference for a whole scan root: every function of every app gets its least-privilege policy.

The project's Python code is analysed once (:class:`~.flow.Flow`); then, per deployed
function, the SDK calls reachable from its handler are mapped to actions and resolved against
that function's own environment and triggers, and the platform's needs are added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from faasguard.analysis.project import Project
from faasguard.analysis.python.index import PythonIndex, python_index
from faasguard.core.location import Location
from faasguard.iam.infer.callmap import call_map
from faasguard.iam.infer.calls import SdkCall
from faasguard.iam.infer.flow import Flow
from faasguard.iam.infer.inline import InlineModule, inline_module
from faasguard.iam.infer.needs import Gap, Need, NeedBuilder
from faasguard.iam.infer.platform import Platform
from faasguard.iam.infer.policy import FunctionPolicy, assemble
from faasguard.iam.infer.program import Program, build_program
from faasguard.iam.infer.resolve import FunctionContext
from faasguard.model.app import App, Function


@dataclass(frozen=True, slots=True)
class ProjectPolicies:
    functions: tuple[FunctionPolicy, ...]

    def of(self, function: Function) -> FunctionPolicy | None:
        return next((p for p in self.functions if p.function is function), None)


def infer_policies(project: Project) -> ProjectPolicies:
    """Every function's inferred policy (computed once per project)."""
    return project.analysis("iam-infer", _infer)


def _infer(project: Project) -> ProjectPolicies:
    if not any(app.functions for app in project.apps):
        return ProjectPolicies(())
    index = python_index(project)
    inline: dict[int, InlineModule] = {}
    for app in project.apps:
        for function in app.functions.values():
            module = inline_module(project, app, function)
            if module is not None:
                inline[id(function)] = module
    program = build_program(_with_inline(index, inline.values()))
    handlers = {id(f): h for app in project.apps for f, h in _handlers(program, app, inline)}
    entries = {h for h in handlers.values() if h is not None} | {
        s.key for s in program.entry_points()
    }
    flow = Flow(program, call_map(), entries)
    flow.run()
    by_scope: dict[str, list[SdkCall]] = {}
    for call in flow.calls:
        by_scope.setdefault(call.scope, []).append(call)
    policies = []
    for app in project.apps:
        for function in app.functions.values():
            handler = handlers.get(id(function))
            policies.append(_policy(app, function, handler, program, flow, by_scope))
    return ProjectPolicies(tuple(policies))


def _with_inline(index: PythonIndex, extra: Iterable[InlineModule]) -> PythonIndex:
    modules = dict(index.modules)
    by_name = {name: list(found) for name, found in index.by_name.items()}
    for module in extra:
        modules[module.path] = module
        by_name.setdefault(module.name, []).append(module)
    return PythonIndex(modules, by_name)


def _handlers(
    program: Program, app: App, inline: dict[int, InlineModule]
) -> Iterable[tuple[Function, str | None]]:
    for function in app.functions.values():
        yield function, handler_scope(program, function, inline.get(id(function)))


def handler_scope(program: Program, function: Function, inline: InlineModule | None) -> str | None:
    """The scope key of the function's handler; None when its code is not in the project."""
    text = function.handler.get(None) if function.handler is not None else None
    if not isinstance(text, str) or "." not in text:
        return None
    module_part, name = text.rsplit(".", 1)
    if inline is not None:
        return f"{inline.path}:{name}"
    base = (function.code_dir or "").strip("/")
    base = "" if base == "." else base
    for candidate in (module_part.replace(".", "/"), module_part):
        path = f"{base}/{candidate}.py" if base else f"{candidate}.py"
        if path in program.modules:
            return f"{path}:{name}"
    return None


def _policy(
    app: App,
    function: Function,
    handler: str | None,
    program: Program,
    flow: Flow,
    by_scope: dict[str, list[SdkCall]],
) -> FunctionPolicy:
    ctx = FunctionContext(app, function)
    cmap = call_map()
    needs: list[Need] = []
    gaps: list[Gap] = []
    analysed = handler is not None and handler in program.scopes
    if analysed:
        builder = NeedBuilder(cmap, ctx)
        for scope in sorted(reachable(flow, program, handler or "")):
            for call in by_scope.get(scope, ()):
                found, missing = builder.from_call(call)
                needs.extend(found)
                gaps.extend(missing)
    else:
        gaps.append(Gap(_why_not_analysed(function, handler, program), function.loc))
    found, missing = Platform(cmap, ctx).needs()
    needs.extend(found)
    gaps.extend(missing)
    return FunctionPolicy(
        app, function, tuple(needs), assemble(needs), tuple(dict.fromkeys(gaps)), analysed
    )


def _why_not_analysed(function: Function, handler: str | None, program: Program) -> str:
    runtime = function.runtime.get("") if function.runtime is not None else ""
    if function.image:
        return "container image function: its code is not in the project"
    if isinstance(runtime, str) and runtime and not runtime.startswith("python"):
        return f"runtime {runtime}: only Python code is analysed (the platform's needs are given)"
    if function.code_dir is None:
        return "the function's code is not a folder of the project (S3 URI, archive or unresolved)"
    text = function.handler.text() if function.handler is not None else "(none)"
    if handler is not None:
        return f"handler {text}: no function {handler.split(':', 1)[1]} in its module"
    return f"handler {text}: its module is not under {function.code_dir}"


def reachable(flow: Flow, program: Program, handler: str) -> set[str]:
    """The scopes whose code may run for a handler: the handler, its module's top level, and
    everything they refer to, call or import, transitively."""
    scope = program.scopes.get(handler)
    if scope is None:
        return set()
    start = [handler, scope.module.path]
    seen: set[str] = set()
    while start:
        key = start.pop()
        if key in seen:
            continue
        seen.add(key)
        found = program.scopes.get(key)
        if found is not None and found.kind == "class":
            start.extend(child.key for child in found.children)
        if found is not None and found.kind == "function" and found.parent is not None:
            module = found.module.path
            if module not in seen:
                start.append(module)
        start.extend(flow.edges.get(key, ()))
    return seen


def location_of(need: Need) -> Location:
    return need.location


__all__ = ["ProjectPolicies", "handler_scope", "infer_policies", "reachable"]
