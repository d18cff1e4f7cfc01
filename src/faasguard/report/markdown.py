"""Markdown for pull-request comments: a summary line, a table, and remediation per rule."""

from __future__ import annotations

from faasguard.report.data import ReportData
from faasguard.report.text import summary_line

_ICON = {"critical": "🟥", "high": "🟧", "medium": "🟨", "low": "🟦", "info": "⬜"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(data: ReportData) -> str:
    lines = ["## faasguard scan", "", summary_line(data), ""]
    if not data.findings:
        lines.append("No findings. :white_check_mark:")
        return "\n".join(lines) + "\n"
    lines += ["| Severity | Rule | Location | Message |", "|---|---|---|---|"]
    for f in data.findings:
        where = f"`{f.location.path}:{f.location.start_line}`"
        severity = f"{_ICON[f.severity.value]} {f.severity.value}"
        lines.append(
            f"| {severity} | {f.rule_id} {_cell(f.rule_name)} | {where} | {_cell(f.message)} |"
        )
    lines += ["", "<details><summary>How to fix</summary>", ""]
    seen: set[str] = set()
    for f in data.findings:
        if f.rule_id in seen or not f.remediation:
            continue
        seen.add(f.rule_id)
        lines.append(f"- **{f.rule_id} {f.rule_name}**: {_cell(f.remediation)}")
    lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


__all__ = ["render_markdown"]
