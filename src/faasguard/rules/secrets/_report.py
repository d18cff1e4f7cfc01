"""Hits from the secret scan, for the rules of one site (code, files, private keys)."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.secrets import FoundSecret, SecretSite, secret_scan
from faasguard.analysis.secrets.model import AWS_KEY_ID
from faasguard.core.rule import Hit
from faasguard.rules.code._owners import code_owners

_PAIRED = " - with an AWS secret access key next to it: together they are a working credential"


def secret_hits(project: Project, site: SecretSite, where: str) -> Iterator[Hit]:
    """One hit per secret of `site`; `where` names the place in messages ("in code")."""
    owners = code_owners(project)
    for found in secret_scan(project):
        if found.site is site:
            yield Hit(
                message=message(found, where),
                location=found.location,
                function=owners.function_name(found.location.path),
                severity=found.severity,
                confidence=found.confidence,
                evidence=f"{found.context} {found.pattern} {found.masked}",
            )


def message(found: FoundSecret, where: str) -> str:
    shown = f" ({found.masked})" if found.masked else ""
    pair = ""
    if found.paired_line is not None:
        other = "access key id" if found.pattern != AWS_KEY_ID else "secret access key"
        pair = f", with its {other} on line {found.paired_line}: a working key pair"
    return (
        f"{found.description} is written {where}, {found.context}{shown}{pair}; anyone "
        "who can read the repository, a package or an image can use it: move it to a "
        "secrets store and rotate it"
    )


__all__ = ["message", "secret_hits"]
