"""DEP004: an extra package index, which opens the door to dependency confusion."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.deps.inventory import inventory
from faasguard.analysis.deps.model import IndexOptionKind
from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.deps._common import shipped_text


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    found = inventory(project)
    for manifest in found.manifests:
        for option in manifest.index_options:
            if option.kind is not IndexOptionKind.EXTRA_INDEX_URL:
                continue
            yield Hit(
                message=f"{manifest.path} adds the package index {option.value} beside the "
                "default one: pip takes the highest version found on any index, so a public "
                "package with the name of a private one wins; "
                f"{shipped_text(found, manifest.path)}",
                location=option.location,
                evidence=f"extra index {option.value}",
            )


RULE = Rule(
    id="DEP004",
    name="extra-package-index",
    category=Category.MISCONFIGURATION,
    severity=Severity.MEDIUM,
    summary="An extra package index lets a public package shadow a private one.",
    cwe=(427,),
    confidence=Confidence.MEDIUM,
    remediation="Serve private and public packages through one index (a proxy that prefers "
    "private names), or pin every package with `--require-hashes`.",
    references=(
        "https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url",
        "https://python-poetry.org/docs/repositories/#package-sources",
    ),
    project_check=check,
    doc="""
## What it does
Reports `--extra-index-url` in requirements files, Poetry sources that are not the primary
one, and every `Pipfile` source after the first.

## Why is this bad?
With several indexes the installer picks the best version among all of them. Anyone can
publish a package named like an internal one, with a higher version, on the public index:
the build installs it, and its code runs inside the function (dependency confusion).

## Example
```text requirements.txt
--extra-index-url https://pypi.internal.example.com/simple
payments-sdk==2.4.1
```

## Use instead
```text requirements.txt
--index-url https://pypi.internal.example.com/simple
payments-sdk==2.4.1
```

## Known problems
An extra index is safe when every package is pinned with hashes (`--require-hashes`); the
rule does not check that. Suppress it inline with the reason.

## References
- https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-extra-index-url
""",
)

__all__ = ["RULE", "check"]
