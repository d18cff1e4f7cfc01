"""Terminal output: findings grouped by file, coloured when the terminal allows, stable
without colour."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from faasguard.core.enums import Severity
from faasguard.core.finding import Finding
from faasguard.report.data import ReportData

_COLOURS = {
    Severity.CRITICAL: "\033[1;97;41m",
    Severity.HIGH: "\033[1;31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[2m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def render_text(data: ReportData, *, color: bool = False, width: int = 100) -> str:
    def paint(text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if color else text

    lines: list[str] = []
    ordered = sorted(data.findings, key=lambda f: (f.location.path, f.location.start_line))
    for path, group in groupby(ordered, key=lambda f: f.location.path):
        lines.append(paint(path, _BOLD))
        lines.extend(_finding_lines(finding, paint) for finding in group)
        lines.append("")
    lines.append(paint("-" * min(width, 80), _DIM))
    lines.append(summary_line(data))
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding, paint: Callable[[str, str], str]) -> str:
    where = f"{finding.location.start_line}:{finding.location.start_column}"
    severity = paint(f"{finding.severity.value.upper():<8}", _COLOURS[finding.severity])
    owner = finding.function or finding.resource
    suffix = f"  [{owner}]" if owner else ""
    return f"  {where:>7}  {severity}  {finding.rule_id}  {finding.message}{suffix}"


def summary_line(data: ReportData) -> str:
    total = len(data.findings)
    counts = ", ".join(f"{n} {sev}" for sev, n in data.by_severity().items() if n)
    parts = [f"{total} finding{'s' if total != 1 else ''}" + (f" ({counts})" if counts else "")]
    parts.append(f"{data.files_scanned} file{'s' if data.files_scanned != 1 else ''} scanned")
    if data.files_failed:
        parts.append(f"{data.files_failed} could not be read (see FG001)")
    if data.suppressed:
        parts.append(f"{data.suppressed} suppressed inline")
    if data.baselined:
        parts.append(f"{data.baselined} in baseline")
    if data.filtered:
        parts.append(f"{data.filtered} hidden by filters")
    parts.append(f"{data.failing} at or above {data.fail_on.value}")
    return "; ".join(parts)


__all__ = ["render_text", "summary_line"]
