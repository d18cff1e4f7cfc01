"""PY041: a password is hashed with a fast general-purpose hash (MD5, SHA-1, SHA-2...)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import (
    CallSite,
    ModuleFacts,
    assigned_names,
    last_name,
    mentioned_names,
    module_facts,
    scope_name,
)
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit

_DATA_KEYWORDS = ("data", "string")


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    data = checks()
    for facts in module_facts(project):
        hashers = [site for site in facts.calls if site.name in data.fast_hashes]
        if not hashers:
            continue
        objects = _hash_objects(facts, hashers)
        for site in hashers:
            algorithm = _algorithm(site)
            password = _password_in(site.node, skip_first=site.name == "hashlib.new")
            if algorithm is not None and password is not None:
                yield _hit(project, facts, site, algorithm, password)
        for site in facts.calls:
            receiver = site.node.func
            if last_name(receiver) != "update" or not isinstance(receiver, ast.Attribute):
                continue
            if not isinstance(receiver.value, ast.Name) or receiver.value.id not in objects:
                continue
            password = _password_in(site.node, skip_first=False)
            if password is not None:
                yield _hit(project, facts, site, objects[receiver.value.id], password)


def _hash_objects(facts: ModuleFacts, hashers: list[CallSite]) -> dict[str, str]:
    """Names bound to a hash object (``h = hashlib.sha1()``) and the algorithm they use."""
    by_call = {id(site.node): site for site in hashers}
    objects: dict[str, str] = {}
    for assign, _ in facts.assigns:
        site = by_call.get(id(assign.value)) if assign.value is not None else None
        algorithm = _algorithm(site) if site is not None else None
        if algorithm is not None:
            objects.update(dict.fromkeys(assigned_names(assign), algorithm))
    return objects


def _algorithm(site: CallSite) -> str | None:
    name = site.name or ""
    if name == "hashlib.new":
        first = site.node.args[0] if site.node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value.lower().replace("-", "")
        return None
    parts = name.split(".")
    return (parts[-2] if parts[-1] == "new" else parts[-1]).lower()


def _password_in(call: ast.Call, *, skip_first: bool) -> str | None:
    """The password-like name the hashed data is read from, if any."""
    args = call.args[1:] if skip_first else call.args
    values = [*args, *(k.value for k in call.keywords if k.arg in _DATA_KEYWORDS)]
    password = checks().password
    for value in values:
        found = next((n for n in mentioned_names(value) if password.matches(n)), None)
        if found is not None:
            return found
    return None


def _hit(
    project: Project, facts: ModuleFacts, site: CallSite, algorithm: str, password: str
) -> Hit:
    weak = algorithm in checks().weak_hash_names
    where = scope_name(site.scope)
    broken = " (also broken for collisions)" if weak else ""
    return code_hit(
        project,
        facts.module,
        site.node,
        message=f"`{password}` is hashed with {algorithm.upper()}{broken} in {where}(): a "
        "fast hash lets anyone holding the hashes test billions of guesses per second; use "
        "a password hashing function (argon2, bcrypt, scrypt, PBKDF2) with a per-user salt",
        evidence=f"{where} {algorithm} {password}",
        severity=Severity.HIGH if weak else Severity.MEDIUM,
    )


RULE = Rule(
    id="PY041",
    name="weak-password-hash",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.HIGH,
    summary="A password is hashed with a fast general-purpose hash such as MD5, SHA-1 or SHA-256.",
    cwe=(916, 328),
    confidence=Confidence.MEDIUM,
    remediation="Hash passwords with argon2 (argon2-cffi), bcrypt, `hashlib.scrypt` or "
    "`hashlib.pbkdf2_hmac` with a random per-user salt and a high work factor - or leave "
    "passwords to Cognito.",
    references=(
        "https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
        "https://docs.python.org/3/library/hashlib.html#key-derivation",
    ),
    project_check=check,
    doc="""
## What it does
Reports `hashlib.md5`, `sha1`, `sha256`, `sha512`, `sha3_*`, `blake2*`, `hashlib.new(...)`
and pycryptodome `Crypto.Hash.*.new` applied to data read from a password-like name
(`password`, `passwd`, `pwd`, `pw`, `pin`, `body["password"]`, `user.password`), also
through a hash object's `.update(...)`. MD5 and SHA-1 are high severity, the SHA-2/SHA-3
family medium. The name list is data (`faasguard/data/code_checks.json`).

## Why is this bad?
General-purpose hashes are built to be fast: a GPU tests billions of MD5 or SHA-256 guesses
per second, so a leaked table of such hashes gives up most passwords within hours, salted
or not. Password hashing functions are slow and memory-hard on purpose.

## Example
```python app.py
import hashlib
import json


def handler(event, context):
    body = json.loads(event["body"])
    digest = hashlib.md5(body["password"].encode()).hexdigest()
    return {"statusCode": 200, "body": json.dumps({"hash": digest})}
```

## Use instead
```python app.py
import hashlib
import json
import os


def handler(event, context):
    body = json.loads(event["body"])
    salt = os.urandom(16)
    digest = hashlib.scrypt(body["password"].encode(), salt=salt, n=2**14, r=8, p=1)
    return {"statusCode": 200, "body": json.dumps({"salt": salt.hex(), "hash": digest.hex()})}
```

## Known problems
Only names say what is a password: a password held in a variable called `value` is missed,
and a fast hash of something merely named like a password (`password_reset_id`) is
reported. Hashing a high-entropy token (a random API key or session id) with SHA-256 is fine
and is not reported unless its name says password.

## References
- https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/916.html
""",
)

__all__ = ["RULE", "check"]
