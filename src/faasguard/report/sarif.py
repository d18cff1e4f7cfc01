"""SARIF 2.1.0 for code-scanning services: rule descriptors from the rule docs, CWE tags,
partial fingerprints, and code flows for traces."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from faasguard.core.enums import Severity
from faasguard.core.finding import Finding
from faasguard.core.location import Location
from faasguard.core.rule import Rule
from faasguard.report.data import ReportData

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/faasguard/faasguard"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub code scanning reads `security-severity` (a CVSS-like score) to rank alerts.
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}


def _descriptor(rule: Rule) -> dict[str, Any]:
    tags = ["security", rule.category.value, *(f"external/cwe/cwe-{c}" for c in rule.cwe)]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.section("What it does") or rule.summary},
        "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": tags,
            "precision": {"high": "high", "medium": "medium", "low": "low"}[rule.confidence.value],
            "security-severity": _SECURITY_SEVERITY[rule.severity],
        },
    }


def _physical(location: Location) -> dict[str, Any]:
    location = location.normalized()
    return {
        "artifactLocation": {"uri": location.path, "uriBaseId": "%SRCROOT%"},
        "region": {
            "startLine": location.start_line,
            "startColumn": location.start_column,
            "endLine": location.end_line,
            "endColumn": location.end_column,
        },
    }


def _result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding.location)}],
        "partialFingerprints": {"faasguard/v1": finding.fingerprint},
        "properties": {
            "severity": finding.severity.value,
            "confidence": finding.confidence.value,
            "category": finding.category.value,
            "security-severity": _SECURITY_SEVERITY[finding.severity],
        },
    }
    if finding.rule_id in rule_index:
        result["ruleIndex"] = rule_index[finding.rule_id]
    if finding.resource:
        result["properties"]["resource"] = finding.resource
    if finding.function:
        result["properties"]["function"] = finding.function
    if finding.trace:
        result["codeFlows"] = [
            {
                "threadFlows": [
                    {
                        "locations": [
                            {
                                "location": {
                                    "physicalLocation": _physical(step.location),
                                    "message": {"text": step.message or "step"},
                                }
                            }
                            for step in finding.trace
                        ]
                    }
                ]
            }
        ]
    return result


def sarif_dict(data: ReportData) -> dict[str, Any]:
    rules = list(data.rules)
    index = {rule.id: i for i, rule in enumerate(rules)}
    root = data.roots[0] if len(data.roots) == 1 else "."
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "faasguard",
                        "version": data.tool_version,
                        "semanticVersion": data.tool_version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_descriptor(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": _as_uri_dir(root)}},
                "results": [_result(f, index) for f in data.findings],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _as_uri_dir(root: str) -> str:
    path = PurePath(root)
    text = path.as_uri() if path.is_absolute() else path.as_posix()
    return text if text.endswith("/") else f"{text}/"


def render_sarif(data: ReportData) -> str:
    return json.dumps(sarif_dict(data), indent=2, ensure_ascii=False) + "\n"


__all__ = ["render_sarif", "sarif_dict"]
