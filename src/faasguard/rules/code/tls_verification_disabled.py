"""PY044: TLS certificate verification is turned off."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import (
    CallSite,
    ModuleFacts,
    Scope,
    is_false,
    last_name,
    module_facts,
    scope_name,
    snippet,
)
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit
from faasguard.rules.code.jwt_verification_disabled import is_jwt_decode

# `ssl=False` means "do not verify" only for aiohttp; elsewhere (redis, databases) it turns
# TLS off altogether, which is a different finding.
_AIOHTTP_METHODS = frozenset(
    {"get", "post", "put", "patch", "delete", "head", "options", "request", "ws_connect"}
)


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    data = checks()
    for facts in module_facts(project):
        called: set[int] = set()
        for site in facts.calls:
            called.add(id(site.node.func))
            found = _call_problem(facts, site)
            if found is not None:
                yield _hit(project, facts, found[0], site.scope, found[1])
        for assign, scope in facts.assigns:
            problem = _assign_problem(facts, assign)
            if problem is not None:
                yield _hit(project, facts, assign, scope, problem)
        for attribute, scope in facts.attributes:
            name = facts.qualify(attribute)
            if name in data.unverified_contexts and id(attribute) not in called:
                yield _hit(project, facts, attribute, scope, f"{name} installed as the default")


def _call_problem(facts: ModuleFacts, site: CallSite) -> tuple[ast.AST, str] | None:
    data = checks()
    if site.name in data.unverified_contexts:
        return site.node, f"{site.name}() verifies nothing"
    if is_jwt_decode(site):
        return None  # jwt.decode(verify=False) is about signatures: PY045
    for kw in site.node.keywords:
        if kw.arg in data.tls_keywords and is_false(facts.resolve_constant(kw.value)):
            if kw.arg == "ssl" and not _aiohttp(site):
                continue
            return kw, f"{kw.arg}=False"
        if kw.arg in data.cert_keywords and _cert_none(facts, kw.value):
            return kw, f"{kw.arg}=CERT_NONE"
    return None


def _aiohttp(site: CallSite) -> bool:
    name = site.name or ""
    return name.startswith("aiohttp.") or last_name(site.node.func) in _AIOHTTP_METHODS


def _cert_none(facts: ModuleFacts, value: ast.expr) -> bool:
    value = facts.resolve_constant(value)
    if isinstance(value, ast.Constant):
        return value.value in checks().cert_none
    return facts.qualify(value) in checks().cert_none


def _assign_problem(facts: ModuleFacts, assign: ast.Assign | ast.AnnAssign) -> str | None:
    data = checks()
    targets = assign.targets if isinstance(assign, ast.Assign) else [assign.target]
    if assign.value is None:
        return None
    value = facts.resolve_constant(assign.value)
    for target in targets:
        if not isinstance(target, ast.Attribute):
            continue
        if target.attr in data.tls_attributes and is_false(value):
            return f".{target.attr} = False"
        if target.attr in data.cert_keywords and _cert_none(facts, value):
            return f".{target.attr} = CERT_NONE"
    return None


def _hit(
    project: Project, facts: ModuleFacts, node: ast.AST, scope: Scope | None, what: str
) -> Hit:
    where = scope_name(scope)
    return code_hit(
        project,
        facts.module,
        node,
        message=f"TLS certificate verification is off in {where}() (`{what}`): anyone on the "
        "network path can impersonate the server and read or change the traffic, "
        "credentials included",
        evidence=f"{where} {what} {snippet(facts.module, node, 40)}",
    )


RULE = Rule(
    id="PY044",
    name="tls-verification-disabled",
    category=Category.INSECURE_TRANSPORT,
    severity=Severity.HIGH,
    summary="TLS certificate verification is turned off (verify=False, CERT_NONE, ...).",
    cwe=(295,),
    confidence=Confidence.HIGH,
    remediation="Keep verification on. For a private CA pass its bundle "
    "(`verify='/opt/ca.pem'`, `ssl.create_default_context(cafile=...)`); never ship "
    "`verify=False` to silence an error.",
    references=(
        "https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
        "https://docs.python.org/3/library/ssl.html#ssl-security",
    ),
    project_check=check,
    doc="""
## What it does
Reports code that switches certificate verification off: `verify=False` or
`verify_ssl=False` on any call (requests, httpx, boto3 clients, ...), `ssl=False` on aiohttp
calls, `session.verify = False`, `ctx.check_hostname = False`, `cert_reqs` or
`verify_mode` set to `ssl.CERT_NONE`, `ssl._create_unverified_context()` and installing it as
the default HTTPS context. Module-level constants (`VERIFY = False`) are followed. The list is
data (`faasguard/data/code_checks.json`).

## Why is this bad?
Without verification TLS still encrypts, but to whoever answers: a man in the middle on any
network between the function and the server (a compromised VPC endpoint, DNS, a proxy)
presents its own certificate and reads or changes requests - API keys, card numbers and
responses included.

## Example
```python app.py
import requests


def handler(event, context):
    resp = requests.get("https://api.partner.example.com/stock", timeout=5, verify=False)
    return {"statusCode": 200, "body": resp.text}
```

## Use instead
```python app.py
import requests


def handler(event, context):
    resp = requests.get("https://api.partner.example.com/stock", timeout=5)
    return {"statusCode": 200, "body": resp.text}
```

## Known problems
`urllib3.disable_warnings()` alone is not reported: it only hides the warning that
unverified requests print. A `verify` value read from configuration is not followed.

## References
- https://cwe.mitre.org/data/definitions/295.html
- https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification
""",
)

__all__ = ["RULE", "check"]
