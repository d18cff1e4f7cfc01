"""Helpers: infer needs from Python source alone, or policies from a project written to disk."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from faasguard.analysis.python.index import Module, PythonIndex
from faasguard.core.config import Config
from faasguard.core.location import Location
from faasguard.iam.infer.callmap import call_map
from faasguard.iam.infer.calls import SdkCall
from faasguard.iam.infer.flow import Flow
from faasguard.iam.infer.infer import ProjectPolicies, infer_policies
from faasguard.iam.infer.load import load_project
from faasguard.iam.infer.needs import Gap, Need, NeedBuilder
from faasguard.iam.infer.program import build_program
from faasguard.iam.infer.resolve import FunctionContext
from faasguard.model.app import App, Function, SourceFormat


def sdk_calls(source: str, path: str = "app.py") -> list[SdkCall]:
    """Every SDK call of one module, every scope taken as reachable."""
    module = Module(path=path, name=path[:-3], tree=ast.parse(source), text=source)
    index = PythonIndex({path: module}, {module.name: [module]})
    program = build_program(index)
    entries = [s.key for s in program.scopes.values() if s.kind == "function"]
    flow = Flow(program, call_map(), entries)
    flow.run()
    return flow.calls


def needs_of(
    source: str, app: App | None = None, function: Function | None = None
) -> tuple[list[Need], list[Gap]]:
    """The needs of every SDK call in `source`, resolved against `function` of `app`."""
    fn = function or Function("Fn", "Fn", Location("template.yaml"), "AWS::Serverless::Function")
    owner = app or App(SourceFormat.CLOUDFORMATION, "template.yaml", functions={fn.id: fn})
    builder = NeedBuilder(call_map(), FunctionContext(owner, fn))
    needs: list[Need] = []
    gaps: list[Gap] = []
    for call in sdk_calls(source):
        found, missing = builder.from_call(call)
        needs.extend(found)
        gaps.extend(missing)
    return needs, gaps


def actions_of(source: str) -> set[str]:
    return {need.action for need in needs_of(source)[0]}


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def infer_project(root: Path) -> ProjectPolicies:
    return infer_policies(load_project(root, Config()).project)


def short(arn: object) -> str:
    """An inferred ARN without its ``arn:partition:service:region:account:`` head."""
    from faasguard.iam.infer.arn import Arn

    assert isinstance(arn, Arn)
    text = arn.render()
    head = re.match(
        r"^arn:\$\{AWS::Partition\}:[\w-]*:(?:\$\{AWS::Region\})?:(?:\$\{AWS::AccountId\})?:", text
    )
    return text[head.end() :] if head else text
