"""DEP005: packages fetched over plain HTTP or from a host whose certificate is not checked."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.deps.inventory import inventory
from faasguard.analysis.deps.model import IndexOptionKind
from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

_LOCAL_HOSTS = ("http://localhost", "http://127.", "http://[::1]")


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for manifest in inventory(project).manifests:
        for option in manifest.index_options:
            value = option.value.strip()
            if option.kind is IndexOptionKind.TRUSTED_HOST:
                problem = f"turns off certificate checks for {value}"
            elif value.lower().startswith("http://") and not value.startswith(_LOCAL_HOSTS):
                problem = f"fetches packages over plain HTTP from {value}"
            else:
                continue
            yield Hit(
                message=f"{manifest.path} {problem}: anyone on the network path can swap "
                "the packages the functions ship",
                location=option.location,
                evidence=f"{option.kind.value} {value}",
            )


RULE = Rule(
    id="DEP005",
    name="insecure-package-index",
    category=Category.INSECURE_TRANSPORT,
    severity=Severity.HIGH,
    summary="Packages are fetched over plain HTTP or without certificate checks.",
    cwe=(494, 319),
    confidence=Confidence.HIGH,
    remediation="Use an https:// index with a valid certificate and drop --trusted-host.",
    references=("https://pip.pypa.io/en/stable/topics/https-certificates/",),
    project_check=check,
    doc="""
## What it does
Reports `--index-url`, `--extra-index-url` and `--find-links` with an `http://` address
(other than localhost), `--trusted-host`, and Poetry or Pipfile sources over `http://`.

## Why is this bad?
A package downloaded without TLS, or with certificate checks off, can be replaced on the way:
the build installs the attacker's code, and the function runs it with its role.

## Example
```text requirements.txt
--index-url http://pypi.internal.example.com/simple
payments-sdk==2.4.1
```

## Use instead
```text requirements.txt
--index-url https://pypi.internal.example.com/simple
payments-sdk==2.4.1
```

## References
- https://pip.pypa.io/en/stable/topics/https-certificates/
""",
)

__all__ = ["RULE", "check"]
