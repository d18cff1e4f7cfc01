"""JSON output: a documented, versioned schema (docs/json-schema.md)."""

from __future__ import annotations

import json
from typing import Any

from faasguard.core.finding import Finding, TraceStep
from faasguard.core.location import Location
from faasguard.report.data import ReportData

SCHEMA_VERSION = "1.0"


def location_dict(location: Location) -> dict[str, Any]:
    location = location.normalized()
    return {
        "path": location.path,
        "start_line": location.start_line,
        "start_column": location.start_column,
        "end_line": location.end_line,
        "end_column": location.end_column,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "message": finding.message,
        "location": location_dict(finding.location),
        "resource": finding.resource,
        "function": finding.function,
        "cwe": list(finding.cwe),
        "trace": [_step(step) for step in finding.trace],
        "remediation": finding.remediation,
        "fingerprint": finding.fingerprint,
    }


def _step(step: TraceStep) -> dict[str, Any]:
    return {**location_dict(step.location), "message": step.message}


def report_dict(data: ReportData) -> dict[str, Any]:
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "faasguard", "version": data.tool_version},
        "findings": [finding_dict(f) for f in data.findings],
        "summary": {
            "roots": list(data.roots),
            "total": len(data.findings),
            "by_severity": data.by_severity(),
            "by_category": data.by_category(),
            "fail_on": data.fail_on.value,
            "failing": data.failing,
            "files_scanned": data.files_scanned,
            "files_failed": data.files_failed,
            "projects": data.apps,
            "suppressed": data.suppressed,
            "baselined": data.baselined,
            "filtered": data.filtered,
        },
    }


def render_json(data: ReportData) -> str:
    return json.dumps(report_dict(data), indent=2, ensure_ascii=False) + "\n"


__all__ = ["SCHEMA_VERSION", "finding_dict", "location_dict", "render_json", "report_dict"]
