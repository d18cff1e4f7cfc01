"""PY042: a token, password, salt or nonce is made with the `random` module."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import CallSite, ModuleFacts, module_facts, scope_name, target_name
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    data = checks()
    for facts in module_facts(project):
        sites = [site for site in facts.calls if site.name in data.insecure_random]
        if not sites:
            continue
        parents = _parents(facts.module.tree)
        for site in sites:
            name = _secret_name(site, parents)
            if name is not None:
                yield _hit(project, facts, site, name)


def _parents(tree: ast.Module) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _secret_name(site: CallSite, parents: dict[int, ast.AST]) -> str | None:
    """The secret-like name the random value ends up under: an assignment target, a keyword,
    a dict key, or the function that makes it (``generate_token``)."""
    data = checks()
    node: ast.AST = site.node
    while id(node) in parents:
        parent = parents[id(node)]
        for name in _names_at(parent, node):
            if data.secret_like(name):
                return name
        if isinstance(parent, ast.stmt):
            break
        node = parent
    if site.scope is not None and data.secret_like(site.scope.node.name):
        return f"{site.scope.node.name}()"
    return None


def _names_at(parent: ast.AST, child: ast.AST) -> list[str]:
    """The names `parent` gives to its `child` value."""
    if isinstance(parent, ast.keyword) and parent.arg:
        return [parent.arg]
    if isinstance(parent, ast.Dict):
        return [
            key.value
            for key, value in zip(parent.keys, parent.values, strict=True)
            if value is child and isinstance(key, ast.Constant) and isinstance(key.value, str)
        ]
    if isinstance(parent, ast.Assign):
        return [n for n in (target_name(t) for t in parent.targets) if n]
    if isinstance(parent, ast.AnnAssign | ast.AugAssign):
        name = target_name(parent.target)
        return [name] if name else []
    return []


def _hit(project: Project, facts: ModuleFacts, site: CallSite, name: str) -> Hit:
    where = scope_name(site.scope)
    call = site.name or "random"
    return code_hit(
        project,
        facts.module,
        site.node,
        message=f"`{call}` makes `{name}` in {where}(): the random module is predictable "
        "(its state can be recovered from a few hundred outputs), so the value can be "
        "guessed; use `secrets.token_urlsafe`, `secrets.token_hex` or `secrets.choice`",
        evidence=f"{where} {call} {name}",
    )


RULE = Rule(
    id="PY042",
    name="insecure-random-for-secret",
    category=Category.BROKEN_ACCESS_CONTROL,
    severity=Severity.HIGH,
    summary="A token, password, salt or nonce is made with the predictable `random` module.",
    cwe=(330, 338),
    confidence=Confidence.MEDIUM,
    remediation="Use the `secrets` module: `secrets.token_urlsafe(32)`, `secrets.token_hex()`, "
    "`secrets.choice(alphabet)`, or `os.urandom`.",
    references=(
        "https://docs.python.org/3/library/secrets.html",
        "https://docs.python.org/3/library/random.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports calls of the `random` module (`random.choices`, `choice`, `randint`,
`getrandbits`, `randbytes`, ... and `numpy.random`) whose value is stored under a name that
must be unpredictable - `token`, `access_token`, `password`, `salt`, `nonce`, `otp`,
`session_id`, `csrf`, `api_key`, `reset_code` - as an assignment target, keyword argument or
dict key, or that sit in a function named like one (`generate_token()`). The names are
data (`faasguard/data/code_checks.json`); `random.SystemRandom()` and `secrets` are fine.

## Why is this bad?
`random` is a Mersenne Twister: after observing 624 outputs an attacker can compute every
value it will produce, and with a guessable seed far fewer. Tokens, reset codes and
passwords made with it can be predicted and used to take over orders or accounts.

## Example
```python app.py
import json
import random
import string


def handler(event, context):
    access_token = "".join(random.choices(string.ascii_letters + string.digits, k=24))
    return {"statusCode": 201, "body": json.dumps({"access_token": access_token})}
```

## Use instead
```python app.py
import json
import secrets


def handler(event, context):
    access_token = secrets.token_urlsafe(24)
    return {"statusCode": 201, "body": json.dumps({"access_token": access_token})}
```

## Known problems
Only names tell a secret from harmless randomness (sampling, jitter, shuffling test
data): a random value stored as `value` and returned as a token elsewhere is missed.

## References
- https://docs.python.org/3/library/secrets.html
- https://cwe.mitre.org/data/definitions/338.html
""",
)

__all__ = ["RULE", "check"]
