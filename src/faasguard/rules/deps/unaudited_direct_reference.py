"""DEP003: a dependency installed from a URL or version control, which no advisory can match."""

from __future__ import annotations

import re
from collections.abc import Iterator

from faasguard.analysis.deps.model import PinKind
from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.deps._common import audit_for, shipped_text, single_function

_REMOTE = re.compile(r"(://|^git\+|^(github|gitlab|bitbucket|gist):|^git@)")
_COMMIT = re.compile(r"[@#]([0-9a-f]{40})\b")


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    audit = audit_for(project, ctx)
    for manifest in audit.audited_manifests:
        for package in manifest.packages:
            if package.pin is not PinKind.DIRECT or package.dev:
                continue
            source = package.spec.strip()
            if not _REMOTE.search(source):
                continue  # a local path: the project's own code
            pinned = bool(_COMMIT.search(source))
            how = "pinned to a commit" if pinned else "not pinned to a commit: it can change"
            yield Hit(
                message=f"{package.name} is installed from {source} ({how}); "
                f"advisories cannot be matched against it; "
                f"{shipped_text(audit.inventory, manifest.path)}",
                location=package.location,
                resource=package.name,
                function=single_function(audit.inventory, manifest.path),
                severity=Severity.INFO if pinned else Severity.LOW,
                evidence=f"{package.name} {source}",
            )


RULE = Rule(
    id="DEP003",
    name="unaudited-direct-reference",
    category=Category.VULNERABLE_DEPENDENCY,
    severity=Severity.LOW,
    summary="A dependency comes from a URL or a repository, outside any advisory database.",
    cwe=(1357,),
    confidence=Confidence.HIGH,
    remediation="Depend on a released version from the package index, or pin the repository "
    "reference to a full commit hash and review it yourself.",
    references=("https://pip.pypa.io/en/stable/topics/vcs-support/",),
    project_check=check,
    doc="""
## What it does
Reports dependencies installed from a URL, a Git (or other VCS) repository or a GitHub
shorthand: advisory data is keyed by released versions, so these are not audited. A
reference pinned to a full commit hash is reported at info level, a branch or tag at low.
Local paths (`-e .`, `file:`) are the project's own code and are not reported.

## Why is this bad?
Nobody checks these packages for known vulnerabilities, and a branch or tag reference can
change under the build: what a function ships is whatever the repository holds that day.

## Example
```text requirements.txt
git+https://github.com/example/payments-sdk@main#egg=payments-sdk
```

## Use instead
```text requirements.txt
payments-sdk==2.4.1
```

## References
- https://pip.pypa.io/en/stable/topics/vcs-support/
""",
)

__all__ = ["RULE", "check"]
