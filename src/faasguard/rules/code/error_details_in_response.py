"""PY040: the text of a caught exception or a traceback is sent back in a response."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.index import PythonIndex, python_index
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import (
    ModuleFacts,
    Scope,
    last_name,
    module_facts,
    scope_name,
    snippet,
)
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit

_NOT_TEXT = frozenset({"isinstance", "type", "getattr", "hasattr", "id", "len", "bool", "int"})
_RESPONSE_KEYS = frozenset({"statusCode", "body"})


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    index = python_index(project)
    for facts in module_facts(project):
        seen: set[int] = set()
        for handler, scope in facts.handlers:
            if _own_exception(index, facts, handler):
                continue  # the project's own exception: its messages are written for clients
            for node, carrier, shaped in _leaks(facts, handler, scope):
                if id(node) in seen:
                    continue  # a return inside nested handlers is reported once
                seen.add(id(node))
                yield _hit(project, facts, carrier, scope, shaped)


def _own_exception(index: PythonIndex, facts: ModuleFacts, handler: ast.ExceptHandler) -> bool:
    """Every caught type is a class of the project (defined in this module or imported from
    a project module): the code wrote the messages it carries."""
    if handler.type is None:
        return False
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return all(_project_class(index, facts, t) for t in types)


def _project_class(index: PythonIndex, facts: ModuleFacts, node: ast.expr) -> bool:
    if isinstance(node, ast.Name) and node.id in facts.classes:
        return True
    name = facts.qualify(node)
    if name is None or "." not in name:
        return False
    module = name.rsplit(".", 1)[0]
    if module.startswith("."):
        return True  # a relative import: the project's own package
    return index.resolve(module, facts.module) is not None


def _leaks(
    facts: ModuleFacts, handler: ast.ExceptHandler, scope: Scope | None
) -> Iterator[tuple[ast.stmt, ast.expr, bool]]:
    """(statement, the expression carrying exception text, whether the statement builds an
    HTTP response) for each statement of the except block that sends the text out."""
    tainted = {handler.name} if handler.name else set()
    reader = _TextReader(facts, handler.name, tainted)
    for statement in _statements(handler.body):
        if isinstance(statement, ast.Assign | ast.AugAssign | ast.AnnAssign):
            if statement.value is not None and reader.carrier(statement.value) is not None:
                targets = statement.targets if isinstance(statement, ast.Assign) else []
                if not isinstance(statement, ast.Assign):
                    targets = [statement.target]
                tainted.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.Return) and statement.value is not None:
            carrier = reader.carrier(statement.value)
            shaped = _response_shaped(statement.value)
            if carrier is not None and (shaped or (scope is not None and scope.handler)):
                yield statement, carrier, shaped
        elif isinstance(statement, ast.Raise | ast.Expr):
            call = statement.exc if isinstance(statement, ast.Raise) else statement.value
            if isinstance(call, ast.Call) and _http_error(call):
                carrier = reader.carrier(call)
                if carrier is not None:
                    yield statement, carrier, True


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a block in source order, nested blocks included, definitions not."""
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield statement
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(statement, name, None)
            if isinstance(inner, list):
                yield from _statements(inner)
        for handler in getattr(statement, "handlers", ()):
            yield from _statements(handler.body)
        for case in getattr(statement, "cases", ()):
            yield from _statements(case.body)


class _TextReader:
    """Finds where an expression carries the text of the exception being handled."""

    def __init__(self, facts: ModuleFacts, exception: str | None, tainted: set[str]) -> None:
        self.facts = facts
        self.exception = exception
        self.tainted = tainted
        data = checks()
        self.attributes = data.exception_attributes
        self.calls = data.exception_calls
        self.status_keys = data.exception_status_keys

    def carrier(self, expr: ast.expr) -> ast.expr | None:
        if isinstance(expr, ast.Name):
            return expr if expr.id in self.tainted else None
        if isinstance(expr, ast.Attribute):
            if isinstance(expr.value, ast.Name) and expr.value.id == self.exception:
                return expr if expr.attr in self.attributes else None
            return self.carrier(expr.value)
        if isinstance(expr, ast.Call):
            return self._call(expr)
        if isinstance(expr, ast.Subscript):
            key = expr.slice
            if isinstance(key, ast.Constant) and key.value in self.status_keys:
                return None  # e.response["ResponseMetadata"]["HTTPStatusCode"]: a number
            return self.carrier(expr.value)
        if isinstance(expr, ast.Compare | ast.Lambda | ast.Constant):
            return None
        for child in ast.iter_child_nodes(expr):
            if isinstance(child, ast.expr):
                found = self.carrier(child)
                if found is not None:
                    return found
        return None

    def _call(self, call: ast.Call) -> ast.expr | None:
        if self.facts.qualify(call.func) in self.calls:
            return call
        if isinstance(call.func, ast.Name) and call.func.id in _NOT_TEXT:
            return None
        for arg in [*call.args, *(k.value for k in call.keywords)]:
            found = self.carrier(arg)
            if found is not None:
                return call if isinstance(call.func, ast.Name) and _formats(call) else found
        if isinstance(call.func, ast.Attribute):
            return self.carrier(call.func.value)
        return None


def _formats(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id in ("str", "repr", "format")


def _response_shaped(value: ast.expr) -> bool:
    """A Lambda proxy response dict, a call to a response builder, or a Flask-style
    ``(body, 500)`` tuple."""
    if isinstance(value, ast.Dict):
        keys = {k.value for k in value.keys if isinstance(k, ast.Constant)}
        return bool(keys & _RESPONSE_KEYS)
    if isinstance(value, ast.Call):
        name = last_name(value.func)
        return name is not None and checks().response_builder.matches(name)
    if isinstance(value, ast.Tuple) and len(value.elts) >= 2:
        status = value.elts[1]
        return isinstance(status, ast.Constant) and isinstance(status.value, int)
    return False


def _http_error(call: ast.Call) -> bool:
    name = last_name(call.func)
    return name is not None and checks().http_exception.matches(name)


def _hit(
    project: Project, facts: ModuleFacts, carrier: ast.expr, scope: Scope | None, shaped: bool
) -> Hit:
    text = snippet(facts.module, carrier, 60)
    where = scope_name(scope)
    return code_hit(
        project,
        facts.module,
        carrier,
        message=f"`{text}` sends the text of a caught exception to the caller of {where}(): "
        "error messages and tracebacks reveal queries, file paths, ARNs, account ids and "
        "library versions; log them and return a generic message with a request id",
        evidence=f"{where} {text}",
        exposure_base=Severity.MEDIUM,
        confidence=Confidence.HIGH if shaped else Confidence.MEDIUM,
    )


RULE = Rule(
    id="PY040",
    name="error-details-in-response",
    category=Category.SENSITIVE_DATA_EXPOSURE,
    severity=Severity.MEDIUM,
    summary="The text of a caught exception or a traceback is returned to the caller.",
    cwe=(209,),
    confidence=Confidence.HIGH,
    remediation="Log the exception (logger.exception) and return a fixed message with a "
    "request id the caller can quote (context.aws_request_id).",
    references=(
        "https://cwe.mitre.org/data/definitions/209.html",
        "https://owasp.org/www-community/Improper_Error_Handling",
    ),
    project_check=check,
    doc="""
## What it does
Reports `except` blocks that put the caught exception's text into what the function returns
or raises to its caller: `str(e)`, `repr(e)`, `f"{e}"`, `e.args`, `e.response` of a boto3
`ClientError`, `traceback.format_exc()`, directly or through a variable, in a Lambda proxy
response (`{"statusCode": ..., "body": ...}`), a call to a response builder
(`_response(...)`, `jsonify`, `JSONResponse`, `func.HttpResponse`), a Flask `(body, 500)`
tuple, an `HTTPException`/`abort()`, or anything a handler returns. Handlers are taken from
the template or recognised by shape (module-level `(event, context)` functions, route
decorators, Azure `HttpRequest` functions). Exceptions of the project's own classes (a
`BadRequest` whose message is written for clients) are not reported. The severity rises for
public unauthenticated functions and falls for internal ones.

## Why is this bad?
Exception messages are written for developers: they carry SQL statements and table names,
file paths, internal host names, ARNs with the account id, library versions, sometimes the
input itself. Returned to a client they map the internals for an attacker and turn blind
injection into error-based injection.

## Example
```python app.py
import json


def handler(event, context):
    try:
        order = json.loads(event["body"])
        return {"statusCode": 200, "body": json.dumps(order)}
    except Exception as e:
        return {"statusCode": 500, "body": json.dumps({"error": str(e)})}
```

## Use instead
```python app.py
import json
import logging

logger = logging.getLogger()


def handler(event, context):
    try:
        order = json.loads(event["body"])
        return {"statusCode": 200, "body": json.dumps(order)}
    except Exception:
        logger.exception("order request failed")
        body = {"message": "internal error", "request_id": context.aws_request_id}
        return {"statusCode": 500, "body": json.dumps(body)}
```

## Known problems
Only the `except` block itself is read: exception text passed to a helper that builds the
response later, or stored and returned after the block, is not followed. A message the code
wrote for clients and raised on purpose (`raise BadRequest(str(e))` of a validation error)
is reported too; suppress it with a reason when the text is meant for the client.

## References
- https://cwe.mitre.org/data/definitions/209.html
- https://owasp.org/www-community/Improper_Error_Handling
""",
)

__all__ = ["RULE", "check"]
