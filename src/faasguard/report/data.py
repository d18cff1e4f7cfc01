"""What a report shows: the findings kept after filters, and the numbers around them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from faasguard.core.enums import Severity
from faasguard.core.finding import Finding
from faasguard.core.rule import Rule


@dataclass(frozen=True, slots=True)
class ReportData:
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]  # every rule that ran (for SARIF descriptors)
    roots: tuple[str, ...]
    files_scanned: int = 0
    files_failed: int = 0
    apps: int = 0
    suppressed: int = 0
    baselined: int = 0
    filtered: int = 0  # hidden by --severity/--category/--rule
    fail_on: Severity = Severity.HIGH
    tool_version: str = ""
    skipped: tuple[tuple[str, str], ...] = field(default=())

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity for f in self.findings)
        return {s.value: counts.get(s, 0) for s in Severity}

    def by_category(self) -> dict[str, int]:
        counts = Counter(f.category.value for f in self.findings)
        return dict(sorted(counts.items()))

    @property
    def failing(self) -> int:
        return sum(1 for f in self.findings if f.severity.rank >= self.fail_on.rank)


__all__ = ["ReportData"]
