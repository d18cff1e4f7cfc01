"""DEP001: a shipped package pinned or locked to a version with known vulnerabilities."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.deps._common import (
    audit_for,
    severity_for,
    shipped_text,
    single_function,
    vulnerability_list,
)


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    audit = audit_for(project, ctx)
    for result in audit.vulnerable:
        package, path = result.package, result.manifest.path
        count = len(result.vulnerabilities)
        noun = "vulnerability" if count == 1 else "vulnerabilities"
        fix = (
            f"upgrade to {result.fixed_version}"
            if result.fixed_version
            else "no fixed version is known: replace or remove it"
        )
        yield Hit(
            message=f"{package.name} {package.version} has {count} known {noun}: "
            f"{vulnerability_list(result)}; {fix}; {shipped_text(audit.inventory, path)}",
            location=package.location,
            resource=package.name,
            function=single_function(audit.inventory, path),
            severity=severity_for(audit.inventory, result),
            evidence=f"{package.name} {package.version} {' '.join(sorted(result.ids))}",
        )


RULE = Rule(
    id="DEP001",
    name="vulnerable-dependency",
    category=Category.VULNERABLE_DEPENDENCY,
    severity=Severity.MEDIUM,
    summary="A function ships a package version with known vulnerabilities.",
    cwe=(1395,),
    confidence=Confidence.HIGH,
    remediation="Upgrade the package to the fixed version the finding names (or later) in the "
    "manifest or lock file, rebuild and redeploy the functions that ship it.",
    references=(
        "https://osv.dev/",
        "https://github.com/pypa/advisory-database",
        "https://owasp.org/Top10/A06_2021-Vulnerable_and_Outdated_Components/",
    ),
    project_check=check,
    doc="""
## What it does
Reads every manifest and lock file of the project (`requirements*.txt`, `pyproject.toml`,
`poetry.lock`, `uv.lock`, `Pipfile.lock`, `setup.cfg`, `setup.py`, vendored `*.dist-info`,
`package.json`, `package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`), takes each package pinned
to one version, and matches it offline against OSV advisories with the ecosystem's own version
rules. One finding per vulnerable package per manifest, at the line of the pin, lists the
advisories (aliases merged), the version to move to and the functions that ship it.

The severity is the worst advisory's CVSS base score (or the advisory's own rating, else
medium), one step higher when a function that ships the package is reachable from the
internet without authentication, one lower when every such function is internal.

## Why is this bad?
A function carries its dependencies into production. A known vulnerability in one of them
(request smuggling, deserialization, signature bypass) is public knowledge with public
exploits, and an internet-facing function hands the attacker the input to trigger it.

## Example
```text requirements.txt
PyYAML==5.3.1
```

## Use instead
```text requirements.txt
PyYAML==6.0.2
```

## Known problems
The shipped advisory snapshot is as old as its date (DEP009 says how old): run
`faasguard db update` for current data. A vulnerable function the code never calls is still
reported. Packages a lock file marks as development-only are not audited.

## References
- https://osv.dev/
- https://github.com/pypa/advisory-database
""",
)

__all__ = ["RULE", "check"]
