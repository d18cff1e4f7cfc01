"""PY047: a failing security check is caught and ignored, so the code carries on (fails open)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import ModuleFacts, Scope, last_name, module_facts, scope_name
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit

_BROAD = frozenset({"Exception", "BaseException"})
_LOGGING = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"}
)


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for facts in module_facts(project):
        for statement, scope in facts.tries:
            check_call = _security_call(facts, statement.body)
            if check_call is None:
                continue
            for handler in statement.handlers:
                if _broad(handler) and _swallowed(handler.body):
                    yield _hit(project, facts, handler, scope, check_call)


def _security_call(facts: ModuleFacts, body: list[ast.stmt]) -> str | None:
    """The name of the first security check called in the try block (not in nested
    functions)."""
    data = checks()
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop(0)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(node, ast.Call):
            name = last_name(node.func)
            qualified = facts.qualify(node.func)
            if qualified in data.jwt_decode_calls or (
                name is not None and data.security_check.matches(name)
            ):
                return qualified or name
        stack.extend(ast.iter_child_nodes(node))
    return None


def _broad(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(last_name(t) in _BROAD for t in types)


def _swallowed(body: list[ast.stmt]) -> bool:
    """Only `pass`, `...`, or logging: control goes on after the try statement."""
    for statement in body:
        if isinstance(statement, ast.Pass):
            continue
        if isinstance(statement, ast.Expr):
            value = statement.value
            if isinstance(value, ast.Constant):
                continue
            if isinstance(value, ast.Call) and last_name(value.func) in _LOGGING:
                continue
        return False
    return True


def _hit(
    project: Project, facts: ModuleFacts, handler: ast.ExceptHandler, scope: Scope | None, name: str
) -> Hit:
    where = scope_name(scope)
    return code_hit(
        project,
        facts.module,
        handler,
        message=f"an error in the security check {name}() is caught and ignored in {where}(): "
        "when the check raises (bad token, unreachable key server, malformed input) the "
        "code goes on as if it had passed; deny the request in the except block",
        evidence=f"{where} {name}",
    )


RULE = Rule(
    id="PY047",
    name="security-check-fails-open",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.MEDIUM,
    summary="A failing security check is caught by a broad except that ignores it.",
    cwe=(636, 390),
    confidence=Confidence.MEDIUM,
    remediation="Fail closed: in the except block return 401/403 (or raise), and catch only "
    "the exceptions the check documents.",
    references=(
        "https://cwe.mitre.org/data/definitions/636.html",
        "https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/",
    ),
    project_check=check,
    doc="""
## What it does
Reports `try` blocks that call a security check - `jwt.decode`, `verify*`,
`authenticate*`, `authorize*`, `check_token`/`check_signature`/`check_permission`...,
`require_*`, `validate_token`, `hmac.compare_digest` - when a bare `except:`,
`except Exception:` or `except BaseException:` handler does nothing but `pass` or log, so
execution continues after the `try` as if the check had passed. The names are data
(`faasguard/data/code_checks.json`).

## Why is this bad?
Checks fail by raising. Swallowing the exception turns every failure - an expired or
forged token, a signature mismatch, a timeout fetching the keys - into success: the
attacker only has to make the check raise.

## Example
```python app.py
import json


def verify_signature(headers, body):
    if headers.get("x-signature") != "expected":
        raise PermissionError("bad signature")


def handler(event, context):
    try:
        verify_signature(event["headers"], event["body"])
    except Exception:
        pass
    return {"statusCode": 200, "body": json.dumps({"accepted": True})}
```

## Use instead
```python app.py
import json


def verify_signature(headers, body):
    if headers.get("x-signature") != "expected":
        raise PermissionError("bad signature")


def handler(event, context):
    try:
        verify_signature(event["headers"], event["body"])
    except PermissionError:
        return {"statusCode": 403, "body": json.dumps({"message": "forbidden"})}
    return {"statusCode": 200, "body": json.dumps({"accepted": True})}
```

## Known problems
The rule does not check what the code does after the `try`: a handler that set
`authorised = False` before the block and tests it afterwards fails closed and is still
reported (catch the specific exception to make the intent plain). Checks that signal
failure by returning `False` are not covered.

## References
- https://cwe.mitre.org/data/definitions/636.html
""",
)

__all__ = ["RULE", "check"]
