"""The handlers parse for their runtime, pin their dependencies, and the secure ones are clean."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from shop_support import EXAMPLES

ALL_SOURCES = sorted(p for p in EXAMPLES.glob("shop*/src/*/app.py"))
SECURE_SOURCES = sorted((EXAMPLES / "shop-secure" / "src").glob("*/app.py"))
REQUIREMENTS = sorted(EXAMPLES.glob("shop*/src/*/requirements.txt"))

# Handlers deployed on an older runtime must parse with that runtime's grammar.
OLD_RUNTIMES = {
    "shop/src/inventory/app.py": (3, 7),
    "shop-serverless/src/restock/app.py": (3, 8),
    "shop-terraform/src/reports/app.py": (3, 7),
}
KNOWN_VULNERABLE_PINS = {"requests==2.25.1", "pyyaml==5.3.1", "pyjwt==1.7.1"}
_SECRET_LITERAL = re.compile(r"sk_live_[0-9A-Za-z]{24,}|AKIA[A-Z2-7]{16}|whsec_[0-9a-f]{16,}")
_PIN = re.compile(r"^[A-Za-z0-9_.-]+(\[[a-z,]+\])?==[0-9][0-9A-Za-z.]*$")


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else ""
        return f"{owner}.{func.attr}" if owner else f".{func.attr}"
    return func.id if isinstance(func, ast.Name) else ""


def _is_built_string(node: ast.AST) -> bool:
    """An f-string, concatenation or %-format: SQL text assembled at run time."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod)


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in node.keywords if kw.arg == name), None)


def _call_problems(node: ast.Call) -> set[str]:
    name = _call_name(node)
    problems = set()
    shell, verify = _keyword(node, "shell"), _keyword(node, "verify")
    if isinstance(shell, ast.Constant) and shell.value is True:
        problems.add("shell=True")
    if isinstance(verify, ast.Constant) and verify.value is False:
        problems.add("verify=False")
    if name in {"eval", "exec"}:
        problems.add("eval")
    if name in {"pickle.loads", "pickle.load"}:
        problems.add("pickle")
    if name == "yaml.load":
        problems.add("yaml.load")
    sql = node.args[0] if name.endswith(".execute") and node.args else _keyword(node, "Sql")
    if sql is not None and _is_built_string(sql):
        problems.add("built-sql")
    if _is_built_string(_keyword(node, "FilterExpression") or ast.Constant(None)):
        problems.add("built-filter")
    if name.startswith("logger.") and "dumps(event)" in ast.unparse(node):
        problems.add("logged-event")
    return problems


def problems_in(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    problems: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            problems |= _call_problems(node)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            modules = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            if "random" in modules:
                problems.add("random")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _SECRET_LITERAL.search(node.value):
                problems.add("secret-literal")
        elif isinstance(node, ast.Return) and node.value is not None:
            problems |= {"str(e)"} if re.search(r"\bstr\(e\)", ast.unparse(node.value)) else set()
    return problems


@pytest.mark.parametrize("source", ALL_SOURCES, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_handler_parses_for_its_runtime(source: Path) -> None:
    relpath = source.relative_to(EXAMPLES).as_posix()
    version = OLD_RUNTIMES.get(relpath, (3, 12))
    tree = ast.parse(source.read_text(encoding="utf-8"), feature_version=version)
    handlers = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "handler"]
    assert handlers == ["handler"]
    compile(tree, str(source), "exec")


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        ("shop/src/orders/app.py", {"eval", "pickle", "random", "built-filter", "str(e)"}),
        ("shop/src/payments/app.py", {"verify=False", "secret-literal", "logged-event"}),
        ("shop/src/inventory/app.py", {"yaml.load"}),
        ("shop/src/notifications/app.py", {"logged-event"}),
        ("shop/src/reports/app.py", {"built-sql", "secret-literal"}),
        ("shop/src/images/app.py", {"shell=True"}),
        ("shop-serverless/src/images/app.py", {"shell=True"}),
        ("shop-serverless/src/reports/app.py", {"built-sql"}),
        ("shop-terraform/src/orders/app.py", {"eval", "pickle"}),
        ("shop-terraform/src/reports/app.py", {"built-sql", "secret-literal"}),
    ],
)
def test_insecure_handler_has_its_problems(relpath: str, expected: set[str]) -> None:
    assert problems_in(EXAMPLES / relpath) == expected


@pytest.mark.parametrize("source", SECURE_SOURCES, ids=lambda p: p.parent.name)
def test_secure_handler_is_clean(source: Path) -> None:
    assert problems_in(source) == set()


def test_secure_handlers_cover_every_function() -> None:
    insecure = {p.parent.name for p in (EXAMPLES / "shop" / "src").glob("*/app.py")}
    assert {p.parent.name for p in SECURE_SOURCES} == insecure


@pytest.mark.parametrize("path", REQUIREMENTS, ids=lambda p: p.relative_to(EXAMPLES).as_posix())
def test_requirements_are_pinned(path: Path) -> None:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    pins = [line for line in lines if line and not line.startswith("#")]
    assert all(_PIN.match(pin) for pin in pins), pins
    if "shop-secure" in path.parts:
        assert not {pin.lower() for pin in pins} & KNOWN_VULNERABLE_PINS


def test_detector_sees_a_planted_problem(tmp_path: Path) -> None:
    source = tmp_path / "app.py"
    source.write_text(
        'import subprocess\ndef handler(e, c):\n    subprocess.run(e["k"], shell=True)\n'
    )
    assert problems_in(source) == {"shell=True"}
