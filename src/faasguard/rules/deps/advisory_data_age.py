"""DEP009: the advisory data the audit used is older than the configured age."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from faasguard.analysis.project import Project
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.deps._common import audit_for

DEFAULT_MAX_AGE_DAYS = 30


def _now(ctx: RuleContext) -> datetime:
    """The clock: the `now` option (ISO 8601, for reproducible runs) or the system's."""
    given = ctx.option("now", None)
    if given:
        moment = datetime.fromisoformat(str(given).replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    audit = audit_for(project, ctx)
    first = next((p for m in audit.audited_manifests for p in m.packages), None)
    if first is None:
        return  # nothing was audited: the data's age does not matter
    built = audit.data_time
    limit = int(ctx.option("max-age-days", DEFAULT_MAX_AGE_DAYS))
    if built is None:
        age_text = "of unknown date"
    else:
        days = (_now(ctx) - built).days
        if days <= limit:
            return
        age_text = f"from {built.date().isoformat()}, {days} days old"
    count = sum(len(m.packages) for m in audit.audited_manifests)
    yield Hit(
        message=f"the advisory data is {age_text} ({audit.database.source}); {count} "
        "packages were matched against it, so vulnerabilities published since are not "
        "reported: run `faasguard db update`",
        location=first.location,
        evidence="advisory data age",
    )


RULE = Rule(
    id="DEP009",
    name="advisory-data-age",
    category=Category.VULNERABLE_DEPENDENCY,
    severity=Severity.INFO,
    summary="The advisory data used for the dependency audit is old.",
    confidence=Confidence.HIGH,
    remediation="Run `faasguard db update` (or pass `--advisories PATH` with a current OSV "
    "export) before the scan.",
    references=("https://osv.dev/",),
    options={"max-age-days": DEFAULT_MAX_AGE_DAYS},
    project_check=check,
    doc="""
## What it does
Says how old the advisory data is when a scan audits packages with data older than
`max-age-days` (30 by default). The scan works offline with what it has: the snapshot inside
the package, the cache `faasguard db update` refreshed, or `--advisories PATH`. It is one
info finding per scan root, at the first audited package, never more.

## Why is this bad?
An audit is only as current as its data: a package reported clean by old data can have a
vulnerability published since.

## Example
```text requirements.txt
requests==2.32.3
```

## Use instead
```text requirements.txt
# boto3 comes with the Lambda runtime: nothing to install, nothing to audit.
```

## Known problems
The Use instead above only shows when the note is absent; the fix for old data is
`faasguard db update`. Set `max-age-days` in `[tool.faasguard.options.DEP009]`.

## References
- https://osv.dev/
""",
)

__all__ = ["RULE", "check"]
