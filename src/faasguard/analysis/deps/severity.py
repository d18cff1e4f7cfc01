"""An advisory's severity: from its CVSS vector (v4, v3 or v2 base score) where it has one, else
from the severity word the database gives (GitHub's ``database_specific.severity``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from faasguard.core.enums import Severity

_WORDS = {
    "CRITICAL": Severity.CRITICAL,
    "HIGH": Severity.HIGH,
    "MODERATE": Severity.MEDIUM,
    "MEDIUM": Severity.MEDIUM,
    "LOW": Severity.LOW,
}
_PREFERENCE = ("CVSS_V4", "CVSS_V3", "CVSS_V2")


@dataclass(frozen=True, slots=True)
class AdvisorySeverity:
    level: Severity
    score: float | None = None  # CVSS base score, when computed from a vector
    vector: str = ""


def level_for_score(score: float) -> Severity:
    """CVSS qualitative rating: 9.0+ critical, 7.0+ high, 4.0+ medium, 0.1+ low, 0 none."""
    if score >= 9.0:
        return Severity.CRITICAL
    if score >= 7.0:
        return Severity.HIGH
    if score >= 4.0:
        return Severity.MEDIUM
    if score > 0.0:
        return Severity.LOW
    return Severity.INFO


def cvss_base_score(kind: str, vector: str) -> float | None:
    """The base score of a CVSS vector, or None when it is not a valid vector of that kind."""
    from cvss import CVSS2, CVSS3, CVSS4  # type: ignore[import-untyped]
    from cvss.exceptions import CVSSError  # type: ignore[import-untyped]

    classes = {"CVSS_V4": CVSS4, "CVSS_V3": CVSS3, "CVSS_V2": CVSS2}
    parser = classes.get(kind)
    if parser is None:
        return None
    try:
        return float(parser(vector.strip()).base_score)
    except (CVSSError, ValueError, KeyError, IndexError, TypeError):
        return None


def severity_of(osv: Mapping[str, Any]) -> AdvisorySeverity | None:
    """The severity of one OSV record: CVSS first (v4, then v3, then v2), then the database's
    own word, else None (the audit then assumes medium)."""
    vectors = {
        str(item.get("type")): str(item.get("score", ""))
        for item in osv.get("severity") or []
        if isinstance(item, Mapping)
    }
    for kind in _PREFERENCE:
        vector = vectors.get(kind)
        if vector:
            score = cvss_base_score(kind, vector)
            if score is not None:
                return AdvisorySeverity(level_for_score(score), score, vector)
    for holder in _severity_holders(osv):
        word = holder.get("severity")
        if isinstance(word, str) and word.upper() in _WORDS:
            return AdvisorySeverity(_WORDS[word.upper()])
    return None


def _severity_holders(osv: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    holders = [osv.get("database_specific")]
    for affected in osv.get("affected") or []:
        if isinstance(affected, Mapping):
            holders += [affected.get("ecosystem_specific"), affected.get("database_specific")]
    return [h for h in holders if isinstance(h, Mapping)]


__all__ = ["AdvisorySeverity", "cvss_base_score", "level_for_score", "severity_of"]
