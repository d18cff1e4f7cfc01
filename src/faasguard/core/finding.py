"""The one result type every analyser produces."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.location import Location


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One step of a data flow (source to sink) or of a chain of evidence."""

    location: Location
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    rule_name: str
    category: Category
    severity: Severity
    confidence: Confidence
    message: str
    location: Location
    resource: str | None = None
    function: str | None = None
    cwe: tuple[int, ...] = ()
    trace: tuple[TraceStep, ...] = ()
    remediation: str = ""
    fingerprint: str = ""

    @property
    def sort_key(self) -> tuple[int, str, int, int, str]:
        return (
            -self.severity.rank,
            self.location.path,
            self.location.start_line,
            self.location.start_column,
            self.rule_id,
        )


def fingerprint(rule_id: str, path: str, anchor: str | None, evidence: str) -> str:
    """A stable identity: rule, file, the resource or function it belongs to, and the normalised
    matched text. Line numbers are deliberately left out, so moving code does not make a
    baselined finding new again."""
    normalised = " ".join(evidence.split())
    digest = hashlib.sha256("\x1f".join((rule_id, path, anchor or "", normalised)).encode())
    return digest.hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class FileStats:
    """What happened to the files of one scan, for the summary."""

    scanned: int = 0
    skipped: int = 0
    errors: int = 0
    skipped_paths: tuple[tuple[str, str], ...] = field(default=())


__all__ = ["FileStats", "Finding", "TraceStep", "fingerprint"]
