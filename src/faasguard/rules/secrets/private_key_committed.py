"""SEC003: a private key is committed (PEM block in any file, or a key store)."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.secrets import SecretSite
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.secrets._report import secret_hits


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return secret_hits(project, SecretSite.PRIVATE_KEY, "in the repository")


RULE = Rule(
    id="SEC003",
    name="private-key-committed",
    category=Category.HARDCODED_SECRET,
    severity=Severity.CRITICAL,
    summary="A private key (PEM block, SSH key, key store) is committed with the project.",
    cwe=(321, 798),
    confidence=Confidence.HIGH,
    remediation="Remove the key from the repository and its history, revoke it (certificate, "
    "SSH deploy key, JWT signing key), and keep the new one in Secrets Manager, SSM "
    "Parameter Store or KMS (asymmetric KMS keys never leave KMS).",
    references=(
        "https://www.rfc-editor.org/rfc/rfc7468",
        "https://docs.aws.amazon.com/kms/latest/developerguide/symmetric-asymmetric.html",
        "https://cwe.mitre.org/data/definitions/321.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports PEM private key blocks (`-----BEGIN RSA PRIVATE KEY-----`, `EC`, `DSA`,
`OPENSSH`, `ENCRYPTED`, PKCS#8 and PGP private key blocks) in any committed text file -
code, templates, JSON service-account files, `.pem`/`.key` files - and key files by name:
`id_rsa`, `id_ecdsa`, `id_ed25519`, `id_dsa` and binary key stores (`.p12`, `.pfx`,
`.jks`, `.keystore`). Public keys and certificates are fine. A key in a function's
environment is left to IAC030.

## Why is this bad?
A private key is the identity: whoever has it signs tokens the service trusts, decrypts its
traffic or logs in with its SSH deploy key. Unlike a password it is rarely rotated, so a
key committed years ago still works.

## Example
```text signing_key.pem
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAexampleexampleexampleexampleexampleexampleexample
-----END RSA PRIVATE KEY-----
```

## Use instead
```text signing_key.pub.pem
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAexampleexampleexample
-----END PUBLIC KEY-----
```

## Known problems
Test keys generated for unit tests are reported too (with low confidence under test
folders); keep them out of the repository or generate them in the test.

## References
- https://www.rfc-editor.org/rfc/rfc7468
- https://cwe.mitre.org/data/definitions/321.html
""",
)

__all__ = ["RULE", "check"]
