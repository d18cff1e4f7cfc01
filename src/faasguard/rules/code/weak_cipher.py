"""PY043: data is encrypted with a broken cipher (DES, RC4, ...) or in ECB mode."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.code._ast import ModuleFacts, Scope, module_facts, scope_name
from faasguard.rules.code._data import checks
from faasguard.rules.code._owners import code_hit

_BROKEN = frozenset({"DES", "RC4", "RC2"})  # practical attacks; the others are merely weak


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    data = checks()
    for facts in module_facts(project):
        inside: set[int] = set()
        for site in facts.calls:
            cipher = data.weak_ciphers.get(site.name or "")
            if cipher is not None:
                inside.update(id(n) for n in ast.walk(site.node))
                yield _hit(project, facts, site.node, site.scope, cipher, ecb=False)
            elif site.name in data.ecb_calls:
                yield _hit(project, facts, site.node, site.scope, "ECB mode", ecb=True)
        for attribute, scope in facts.attributes:
            if attribute.attr in data.ecb_attributes and id(attribute) not in inside:
                yield _hit(project, facts, attribute, scope, "ECB mode", ecb=True)


def _hit(
    project: Project, facts: ModuleFacts, node: ast.AST, scope: Scope | None, what: str, ecb: bool
) -> Hit:
    where = scope_name(scope)
    if ecb:
        why = "ECB encrypts equal blocks to equal ciphertext, so patterns of the data show"
    else:
        why = f"{what} has a small key or block size or known attacks"
    return code_hit(
        project,
        facts.module,
        node,
        message=f"{what} is used in {where}(): {why}; use AES-GCM or ChaCha20-Poly1305 "
        "(authenticated encryption), or KMS",
        evidence=f"{where} {what}",
        severity=Severity.HIGH if what in _BROKEN else Severity.MEDIUM,
    )


RULE = Rule(
    id="PY043",
    name="weak-cipher",
    category=Category.MISSING_ENCRYPTION,
    severity=Severity.HIGH,
    summary="Data is encrypted with a broken or weak cipher (DES, RC4, 3DES, Blowfish) or in ECB.",
    cwe=(327,),
    confidence=Confidence.HIGH,
    remediation="Use authenticated encryption: `cryptography`'s AESGCM or ChaCha20Poly1305 "
    "with a fresh nonce per message, or let AWS KMS (envelope encryption) do it.",
    references=(
        "https://cryptography.io/en/latest/hazmat/primitives/aead/",
        "https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports ciphers that should no longer protect data - DES, RC4 and RC2 (high severity),
Triple DES, Blowfish, IDEA, CAST and SEED (medium) - from pycryptodome (`Crypto.Cipher`,
`Cryptodome.Cipher`), `cryptography` (`algorithms.TripleDES`, `algorithms.ARC4`, ...,
also under `hazmat.decrepit`) and pyDes, and any use of ECB mode (`AES.MODE_ECB`,
`modes.ECB()`). The list is data (`faasguard/data/code_checks.json`).

## Why is this bad?
DES keys are found by brute force in hours; RC4's keystream is biased enough to recover
plaintext; 64-bit block ciphers (3DES, Blowfish) leak data after a few gigabytes
(Sweet32). ECB encrypts each block on its own, so equal plaintext blocks give equal
ciphertext: the structure of the data (and sometimes the data, block by block) shows
through, and blocks can be cut and pasted without detection.

## Example
```python app.py
import os

from Crypto.Cipher import AES

KEY = os.urandom(32)


def encrypt(data: bytes) -> bytes:
    return AES.new(KEY, AES.MODE_ECB).encrypt(data.ljust(16 * (len(data) // 16 + 1), b"\\0"))
```

## Use instead
```python app.py
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = AESGCM.generate_key(bit_length=256)


def encrypt(data: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(KEY).encrypt(nonce, data, None)
```

## Known problems
Decrypting legacy data may still need these ciphers; suppress the finding with a reason
there. Wrappers that pick the mode from configuration are not followed.

## References
- https://cwe.mitre.org/data/definitions/327.html
- https://sweet32.info/
""",
)

__all__ = ["RULE", "check"]
