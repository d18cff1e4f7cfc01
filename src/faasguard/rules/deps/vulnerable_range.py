"""DEP002: a version range (or no version) that admits known-vulnerable releases."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.deps.model import PinKind
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
    for result in audit.ranged:
        package, path = result.package, result.manifest.path
        what = (
            "has no version constraint"
            if package.pin is PinKind.UNPINNED
            else f"allows {package.spec or package.written}"
        )
        fix = (
            f"require at least {result.fixed_version}"
            if result.fixed_version
            else "no fixed version is known"
        )
        yield Hit(
            message=f"{package.name} {what}, which admits versions with known "
            f"vulnerabilities: {vulnerability_list(result)}; {fix} (or pin and lock the "
            f"version); {shipped_text(audit.inventory, path)}",
            location=package.location,
            resource=package.name,
            function=single_function(audit.inventory, path),
            severity=severity_for(audit.inventory, result, lower=2),
            evidence=f"{package.name} {package.spec} {' '.join(sorted(result.ids))}",
        )


RULE = Rule(
    id="DEP002",
    name="vulnerable-version-range",
    category=Category.VULNERABLE_DEPENDENCY,
    severity=Severity.LOW,
    summary="A dependency's version range admits releases with known vulnerabilities.",
    cwe=(1395,),
    confidence=Confidence.LOW,
    remediation="Raise the range's lower bound above the last vulnerable release, or pin the "
    "version and keep a lock file beside the manifest.",
    references=("https://pip.pypa.io/en/stable/topics/repeatable-installs/",),
    project_check=check,
    doc="""
## What it does
Reports entries of manifests that no lock file covers (`requirements*.txt`, `pyproject.toml`,
`Pipfile`, `setup.cfg`, `setup.py`, `package.json`) whose version range, or lack of one,
admits a release that an advisory affects. It names the advisories and the lowest version
that leaves all of them out. The severity is the advisories' severity lowered two steps,
since the installed version is unknown: moved by exposure like DEP001.

## Why is this bad?
Without a pin or a lock the build installs whatever the resolver picks: an old cache, a
constraint elsewhere, or a mirror can bring back a vulnerable release, and nobody can tell
from the repository which version a function runs.

## Example
```text requirements.txt
PyYAML>=5.1
```

## Use instead
```text requirements.txt
PyYAML>=6.0.1
```

## Known problems
For PyPI, ranges are tested against the versions the advisory lists and its range
boundaries; for npm, against the advisory's ranges as intervals (pre-release subtleties
aside). A range whose resolver would pick a fixed release today is still reported.

## References
- https://pip.pypa.io/en/stable/topics/repeatable-installs/
""",
)

__all__ = ["RULE", "check"]
