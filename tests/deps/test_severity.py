"""Severity of an advisory: CVSS v4, v3, v2 base scores, the database's word, else none."""

from __future__ import annotations

import pytest

from faasguard.analysis.deps.severity import cvss_base_score, level_for_score, severity_of
from faasguard.core.enums import Severity


@pytest.mark.parametrize(
    ("kind", "vector", "score"),
    [
        ("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
        ("CVSS_V3", "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1),
        ("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS_V4", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
        ("CVSS_V2", "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5),
        ("CVSS_V3", "CVSS:3.1/AV:X", None),
        ("CVSS_V9", "whatever", None),
    ],
)
def test_base_scores(kind: str, vector: str, score: float | None) -> None:
    assert cvss_base_score(kind, vector) == score


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (9.0, Severity.CRITICAL),
        (8.9, Severity.HIGH),
        (4.0, Severity.MEDIUM),
        (0.1, Severity.LOW),
        (0.0, Severity.INFO),
    ],
)
def test_qualitative_rating(score: float, level: Severity) -> None:
    assert level_for_score(score) is level


def test_vector_first_then_the_databases_word() -> None:
    v3 = {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"}
    word = {"database_specific": {"severity": "CRITICAL"}}
    by_vector = severity_of({"severity": [v3], **word})
    assert by_vector is not None and (by_vector.level, by_vector.score) == (Severity.LOW, 3.1)
    by_word = severity_of({"severity": [{"type": "CVSS_V3", "score": "junk"}], **word})
    assert by_word is not None and (by_word.level, by_word.score) == (Severity.CRITICAL, None)
    moderate = severity_of({"affected": [{"ecosystem_specific": {"severity": "MODERATE"}}]})
    assert moderate is not None and moderate.level is Severity.MEDIUM
    assert severity_of({"id": "x"}) is None
