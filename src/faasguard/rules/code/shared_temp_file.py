"""PY046: a fixed file name under /tmp, shared by every invocation of a warm environment."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import ModuleFacts, Scope, module_facts, scope_name
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit

_JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePosixPath"})
_TMP = frozenset({"/tmp", "/tmp/"})  # noqa: S108 - what the rule looks for


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    data = checks()
    for facts in module_facts(project):
        for site in facts.calls:
            if site.name in data.insecure_temp_calls:
                yield _mktemp_hit(project, facts, site.node, site.scope, site.name or "")
        if not facts.temp_paths and not any(site.name in _JOINS for site in facts.calls):
            continue
        fixed = {id(node) for node, _ in facts.temp_paths if data.temp_path.match(str(node.value))}
        for node, scope, path in _fixed_paths(facts, fixed):
            yield _path_hit(project, facts, node, scope, path)


def _fixed_paths(
    facts: ModuleFacts, fixed: set[int]
) -> Iterator[tuple[ast.AST, Scope | None, str]]:
    """Constant /tmp paths used whole: as a call argument, a keyword or an assigned value,
    or joined from constants only (``os.path.join("/tmp", "out.csv")``)."""
    seen: set[int] = set()
    for site in facts.calls:
        values = [*site.node.args, *(k.value for k in site.node.keywords)]
        if site.name in _JOINS and _constant_join(site.node):
            seen.update(id(v) for v in values)
            parts = [str(v.value) for v in values if isinstance(v, ast.Constant)]
            yield site.node, site.scope, "/".join(p.strip("/") for p in parts)
            continue
        for value in values:
            if id(value) in fixed and id(value) not in seen:
                seen.add(id(value))
                yield value, site.scope, str(getattr(value, "value", ""))
    for assign, scope in facts.assigns:
        assigned = assign.value
        if assigned is not None and id(assigned) in fixed and id(assigned) not in seen:
            seen.add(id(assigned))
            yield assigned, scope, str(getattr(assigned, "value", ""))


def _constant_join(call: ast.Call) -> bool:
    args = call.args
    return (
        len(args) >= 2
        and not call.keywords
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args)
        and getattr(args[0], "value", None) in _TMP
    )


def _path_hit(
    project: Project, facts: ModuleFacts, node: ast.AST, scope: Scope | None, path: str
) -> Hit:
    where = scope_name(scope)
    shown = path if path.startswith("/") else f"/{path}"
    return code_hit(
        project,
        facts.module,
        node,
        message=f"{where}() uses the fixed file {shown}: Lambda keeps /tmp between "
        "invocations, so one request can read what an earlier request (another user's) "
        "left there when a step fails or is skipped; use a per-invocation "
        "`tempfile.TemporaryDirectory()` and clean up",
        evidence=f"{where} {shown}",
    )


def _mktemp_hit(
    project: Project, facts: ModuleFacts, node: ast.AST, scope: Scope | None, name: str
) -> Hit:
    where = scope_name(scope)
    return code_hit(
        project,
        facts.module,
        node,
        message=f"{name}() in {where}() returns a name that another process can create "
        "first; use tempfile.NamedTemporaryFile or mkstemp",
        evidence=f"{where} {name}",
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
    )


RULE = Rule(
    id="PY046",
    name="shared-temp-file",
    category=Category.SENSITIVE_DATA_EXPOSURE,
    severity=Severity.LOW,
    summary="A fixed /tmp file name is shared by every invocation of a warm Lambda environment.",
    cwe=(377, 459),
    confidence=Confidence.LOW,
    remediation="Create a fresh directory per invocation (`with tempfile.TemporaryDirectory() "
    "as tmp:`) so files are unique and removed when the request ends.",
    references=(
        "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html",
        "https://docs.python.org/3/library/tempfile.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports constant paths under `/tmp` (`"/tmp/report.csv"`, `os.path.join("/tmp",
"out.jpg")`) used as a call argument or assigned whole, and `tempfile.mktemp()` anywhere.
Paths built from input (`"/tmp/" + key`) are left to the path traversal rules.

## Why is this bad?
Lambda reuses an execution environment for many invocations and keeps `/tmp` between
them. A fixed file name is therefore shared by every request the environment serves: when a
download fails or a branch skips the write, the code reads what the previous caller - maybe
another customer - left behind, and files pile up until `/tmp` is full. `mktemp()` returns a
name without creating the file, so something else can create it first.

## Example
```python app.py
import boto3

s3 = boto3.client("s3")


def handler(event, context):
    s3.download_file("reports-bucket", "daily.csv", "/tmp/daily.csv")
    with open("/tmp/daily.csv", encoding="utf-8") as handle:
        return {"statusCode": 200, "body": handle.read()}
```

## Use instead
```python app.py
import os
import tempfile

import boto3

s3 = boto3.client("s3")


def handler(event, context):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "daily.csv")
        s3.download_file("reports-bucket", "daily.csv", path)
        with open(path, encoding="utf-8") as handle:
            return {"statusCode": 200, "body": handle.read()}
```

## Known problems
Low confidence: many functions write a fixed file and overwrite it on every invocation
without harm. A fixed cache file written on purpose (a model downloaded once per
environment) is fine; suppress it with a reason.

## References
- https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
- https://cwe.mitre.org/data/definitions/377.html
""",
)

__all__ = ["RULE", "check"]
