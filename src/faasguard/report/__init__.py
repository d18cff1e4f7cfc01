"""Renderers: findings in, text out. Pure functions; the CLI writes what they return."""

from __future__ import annotations

from enum import Enum
from typing import assert_never

from faasguard.report.data import ReportData


class OutputFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    MARKDOWN = "markdown"


def render(fmt: OutputFormat, data: ReportData, *, color: bool = False, width: int = 100) -> str:
    match fmt:
        case OutputFormat.TEXT:
            from faasguard.report.text import render_text

            return render_text(data, color=color, width=width)
        case OutputFormat.JSON:
            from faasguard.report.json_report import render_json

            return render_json(data)
        case OutputFormat.SARIF:
            from faasguard.report.sarif import render_sarif

            return render_sarif(data)
        case OutputFormat.MARKDOWN:
            from faasguard.report.markdown import render_markdown

            return render_markdown(data)
        case _:
            assert_never(fmt)


__all__ = ["OutputFormat", "ReportData", "render"]
