"""A rule: metadata, documentation and a small check over the application model.

A rule module defines one module-level ``RULE`` (a :class:`Rule`). Its check yields :class:`Hit`
objects that say *where* (a location taken from the model) and *what*; the engine turns each hit
into a :class:`~faasguard.core.finding.Finding` once, adding identity and configuration.

Most rules look at one deployable unit (``check(app, ctx)``). Rules that need the whole scan
root - the functions' code, dependency manifests, files no template mentions - set
``project_check(project, ctx)`` instead; the engine runs those once per root, after every unit
is loaded, with a :class:`~faasguard.analysis.project.Project` that caches shared analyses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location

if TYPE_CHECKING:
    from faasguard.analysis.project import Project
    from faasguard.model.app import App

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
OPTIONAL_SECTIONS = ("Known problems", "References")
_RULE_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's report: what is wrong and where. Optional fields override the rule's defaults."""

    message: str
    location: Location
    resource: str | None = None
    function: str | None = None
    severity: Severity | None = None
    confidence: Confidence | None = None
    evidence: str = ""
    trace: tuple[TraceStep, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a check may read besides the model: its options from the configuration."""

    options: Mapping[str, Any] = field(default_factory=dict)

    def option(self, name: str, default: Any) -> Any:
        return self.options.get(name, default)


Check = Callable[["App", RuleContext], Iterable[Hit]]
ProjectCheck = Callable[["Project", RuleContext], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    category: Category
    severity: Severity
    summary: str
    doc: str
    check: Check | None = None
    project_check: ProjectCheck | None = None
    cwe: tuple[int, ...] = ()
    confidence: Confidence = Confidence.HIGH
    remediation: str = ""
    references: tuple[str, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if (self.check is None) == (self.project_check is None):
            raise ValueError(f"rule {self.id} needs exactly one of check and project_check")
        if not _RULE_ID.match(self.id):
            raise ValueError(f"rule id {self.id!r} must look like IAC001")
        missing = [s for s in DOC_SECTIONS if f"## {s}" not in self.doc]
        if missing:
            raise ValueError(f"rule {self.id} doc lacks sections: {', '.join(missing)}")

    def section(self, heading: str) -> str:
        """The text under one `## heading` of the rule's documentation."""
        return doc_section(self.doc, heading)


def doc_section(doc: str, heading: str) -> str:
    marker = f"## {heading}"
    start = doc.find(marker)
    if start < 0:
        return ""
    start += len(marker)
    end = doc.find("\n## ", start)
    return doc[start : end if end >= 0 else len(doc)].strip()


__all__ = ["DOC_SECTIONS", "Check", "Hit", "ProjectCheck", "Rule", "RuleContext", "doc_section"]
