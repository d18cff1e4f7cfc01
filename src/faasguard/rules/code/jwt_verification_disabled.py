"""PY045: a JWT is decoded without verifying its signature."""

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
    keyword,
    module_facts,
    scope_name,
)
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit


def is_jwt_decode(site: CallSite) -> bool:
    return site.name in checks().jwt_decode_calls


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for facts in module_facts(project):
        decodes = [site for site in facts.calls if is_jwt_decode(site)]
        if not decodes:
            continue
        local = _local_values(facts)
        for site in decodes:
            found = _problem(facts, site, local)
            if found is not None:
                yield _hit(project, facts, site, found[0], found[1])


def _local_values(facts: ModuleFacts) -> dict[tuple[int, str], ast.expr]:
    """The last value assigned to each plain name, per function (0: module level)."""
    values: dict[tuple[int, str], ast.expr] = {}
    for assign, scope in facts.assigns:
        targets = assign.targets if isinstance(assign, ast.Assign) else [assign.target]
        for target in targets:
            if isinstance(target, ast.Name) and assign.value is not None:
                values[(id(scope.node) if scope else 0, target.id)] = assign.value
    return values


def _problem(
    facts: ModuleFacts, site: CallSite, local: dict[tuple[int, str], ast.expr]
) -> tuple[ast.AST, str] | None:
    def value_of(expr: ast.expr) -> ast.expr:
        if isinstance(expr, ast.Name):
            scope_id = id(site.scope.node) if site.scope else 0
            found = local.get((scope_id, expr.id)) or local.get((0, expr.id))
            return found if found is not None else expr
        return expr

    verify = keyword(site.node, "verify")
    if verify is not None and is_false(value_of(verify)):
        return verify, "verify=False"
    options = keyword(site.node, "options")
    if options is not None:
        found = _unverified_option(value_of(options))
        if found is not None:
            return options, f'options["{found}"] is False'
    algorithms = keyword(site.node, "algorithms")
    if algorithms is not None and _allows_none(value_of(algorithms)):
        return algorithms, 'algorithm "none" accepted'
    return None


def _unverified_option(options: ast.expr) -> str | None:
    if not isinstance(options, ast.Dict):
        return None
    wanted = checks().jwt_unverified_options
    for key, value in zip(options.keys, options.values, strict=True):
        if isinstance(key, ast.Constant) and key.value in wanted and is_false(value):
            return str(key.value)
    return None


def _allows_none(algorithms: ast.expr) -> bool:
    elements = algorithms.elts if isinstance(algorithms, ast.List | ast.Tuple) else [algorithms]
    return any(
        isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.lower() == "none"
        for e in elements
    )


def _hit(project: Project, facts: ModuleFacts, site: CallSite, node: ast.AST, what: str) -> Hit:
    scope: Scope | None = site.scope
    where = scope_name(scope)
    return code_hit(
        project,
        facts.module,
        node,
        message=f"{site.name}() in {where}() does not verify the token's signature ({what}): "
        "anyone can forge a token with any claims (subject, roles, expiry) and it is "
        "accepted",
        evidence=f"{where} {site.name} {what}",
        exposure_base=Severity.HIGH,
    )


RULE = Rule(
    id="PY045",
    name="jwt-verification-disabled",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.HIGH,
    summary="A JWT is decoded without verifying its signature.",
    cwe=(347,),
    confidence=Confidence.HIGH,
    remediation="Verify every token: pass the key (from the issuer's JWKS, "
    "`jwt.PyJWKClient`) and an explicit `algorithms=[...]` list, and check `iss`, `aud` and "
    "`exp`; or let API Gateway's JWT authorizer do it.",
    references=(
        "https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation",
        "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports `jwt.decode` (PyJWT) and `jose.jwt.decode` (python-jose) calls that skip the
signature: `options={"verify_signature": False}` (also through a variable), the PyJWT 1.x
`verify=False`, or `algorithms` that accept `"none"`. The severity rises for public
unauthenticated functions and falls for internal ones.

## Why is this bad?
A JWT's claims are only as trustworthy as its signature. Without verification, anyone can
write a token saying `"sub": "admin"` or `"cognito:groups": ["admin"]` with any expiry,
and the function - often an authorizer guarding every route - lets it in.

## Example
```python app.py
import jwt


def handler(event, context):
    token = event["headers"]["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    return {"isAuthorized": claims.get("role") == "admin"}
```

## Use instead
```python app.py
import os

import jwt

JWKS = jwt.PyJWKClient(os.environ["JWKS_URL"])


def handler(event, context):
    token = event["headers"]["authorization"].removeprefix("Bearer ")
    key = JWKS.get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token, key.key, algorithms=["RS256"], audience=os.environ["CLIENT_ID"]
    )
    return {"isAuthorized": claims.get("role") == "admin"}
```

## Known problems
Reading claims with `jwt.get_unverified_header` or `jose.jwt.get_unverified_claims` (to
pick a key) is not reported, even where those claims then decide access. A token decoded
without verification only to log it is reported too; suppress it with a reason.

## References
- https://cwe.mitre.org/data/definitions/347.html
- https://pyjwt.readthedocs.io/en/stable/usage.html
""",
)

__all__ = ["RULE", "check", "is_jwt_decode"]
