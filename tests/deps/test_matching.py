"""OSV matching with PEP 440 and semver: ranges, lists, withdrawn, fixes, aliases."""

from __future__ import annotations

import pytest

from faasguard.analysis.deps.advisories import Advisory, Affected, Event, EventKind
from faasguard.analysis.deps.audit import merge_aliases
from faasguard.analysis.deps.matching import (
    admits_affected,
    first_safe_version,
    is_affected,
    safe_floor,
)
from faasguard.analysis.deps.model import Ecosystem
from faasguard.analysis.deps.severity import AdvisorySeverity
from faasguard.core.enums import Severity

PYPI, NPM = Ecosystem.PYPI, Ecosystem.NPM
INTRO, F, L = EventKind.INTRODUCED, EventKind.FIXED, EventKind.LAST_AFFECTED


def advisory(
    ident: str,
    *ranges: list[tuple[EventKind, str]],
    versions: tuple[str, ...] = (),
    ecosystem: Ecosystem = PYPI,
    name: str = "demo",
    **extra: object,
) -> Advisory:
    affected = Affected(
        ecosystem,
        name,
        tuple(tuple(Event(kind, version) for kind, version in events) for events in ranges),
        versions,
    )
    return Advisory(ident, affected=(affected,), **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("1.0", True),
        ("2.0rc1", True),  # a pre-release of the fix is before the fix
        ("2.0.dev3", True),
        ("2.0", False),
        ("2.0.0", False),  # PEP 440: 2.0 == 2.0.0
        ("2.0.post1", False),
        ("1.9+ubuntu1", True),  # a local build of a vulnerable release
        ("2.0+ubuntu1", False),  # sorts after 2.0
        ("1!0.5", False),  # epoch 1 is after every epoch-0 version
        ("0.1", True),
    ],
)
def test_pep440_range(version: str, expected: bool) -> None:
    adv = advisory("A-1", [(INTRO, "0"), (F, "2.0")])
    assert is_affected(adv, PYPI, "demo", version) is expected


def test_epochs_in_events() -> None:
    adv = advisory("A-2", [(INTRO, "1!0"), (F, "1!2.0")])
    assert is_affected(adv, PYPI, "demo", "1!1.5")
    assert not is_affected(adv, PYPI, "demo", "5.0")  # epoch 0: before 1!0
    assert not is_affected(adv, PYPI, "demo", "1!2.0")


def test_last_affected_is_inclusive_and_introduced_is_inclusive() -> None:
    adv = advisory("A-3", [(INTRO, "2.0"), (L, "2.3")])
    assert [is_affected(adv, PYPI, "demo", v) for v in ("1.9", "2.0", "2.3", "2.3.1")] == [
        False,
        True,
        True,
        False,
    ]


def test_several_ranges_and_unordered_events() -> None:
    adv = advisory("A-4", [(F, "1.5"), (INTRO, "1.0"), (INTRO, "3.0"), (F, "3.2")])
    assert is_affected(adv, PYPI, "demo", "1.2")
    assert not is_affected(adv, PYPI, "demo", "2.0")
    assert is_affected(adv, PYPI, "demo", "3.1")


def test_explicit_version_list_and_local_versions() -> None:
    adv = advisory("A-5", versions=("1.0", "1.1"))
    assert is_affected(adv, PYPI, "demo", "1.1")
    assert is_affected(adv, PYPI, "demo", "1.0.0")  # normalised equal
    assert is_affected(adv, PYPI, "demo", "1.0+local")
    assert not is_affected(adv, PYPI, "demo", "1.2")


def test_an_unparsable_version_matches_only_the_list() -> None:
    adv = advisory("A-6", [(INTRO, "0"), (F, "2.0")], versions=("weird-1",))
    assert is_affected(adv, PYPI, "demo", "weird-1")
    assert not is_affected(adv, PYPI, "demo", "weird-2")


def test_withdrawn_advisories_affect_nothing() -> None:
    adv = advisory("A-7", [(INTRO, "0")], withdrawn="2024-01-01T00:00:00Z")
    assert not is_affected(adv, PYPI, "demo", "1.0")
    assert not admits_affected(adv, PYPI, "demo", "")


def test_other_packages_are_not_affected() -> None:
    adv = advisory("A-8", [(INTRO, "0")], name="other")
    assert not is_affected(adv, PYPI, "demo", "1.0")


def test_semver_prereleases_against_a_prerelease_fix() -> None:
    adv = advisory("N-1", [(INTRO, "1.2.0"), (F, "2.0.0-rc.2")], ecosystem=NPM)
    assert is_affected(adv, NPM, "demo", "2.0.0-rc.1")
    assert is_affected(adv, NPM, "demo", "2.0.0-beta.9")
    assert not is_affected(adv, NPM, "demo", "2.0.0-rc.2")
    assert not is_affected(adv, NPM, "demo", "2.0.0")
    assert not is_affected(adv, NPM, "demo", "1.1.9")


def test_first_safe_version_skips_a_fix_that_another_advisory_affects() -> None:
    first = advisory("A-9", [(INTRO, "0"), (F, "1.5")])
    regression = advisory("A-10", [(INTRO, "1.5"), (F, "1.7")])
    assert first_safe_version([first, regression], PYPI, "demo", "1.0") == "1.7"
    assert first_safe_version([first], PYPI, "demo", "1.0") == "1.5"
    assert first_safe_version([advisory("A-11", [(INTRO, "0")])], PYPI, "demo", "1.0") is None


def test_safe_floor_is_the_highest_fix_or_none() -> None:
    advisories = [
        advisory("A-9", [(INTRO, "0"), (F, "1.5")]),
        advisory("A-10", [(INTRO, "1.5"), (F, "1.7")]),
    ]
    assert safe_floor(advisories, PYPI, "demo") == "1.7"
    assert safe_floor([*advisories, advisory("A-12", [(INTRO, "3.0")])], PYPI, "demo") is None


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("", True),
        (">=1.0", True),
        (">=2.0", False),
        ("~=1.4", True),
        ("==1.*", True),
        ("<0.5", False),
    ],
)
def test_pep440_range_admits(spec: str, expected: bool) -> None:
    adv = advisory("A-13", [(INTRO, "0.5"), (F, "2.0")], versions=("0.5", "1.0", "1.4", "1.9"))
    assert admits_affected(adv, PYPI, "demo", spec) is expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("^4.17.0", True), ("^4.17.21", False), ("4.17.20", True), ("<4.0.0", False), ("*", True)],
)
def test_npm_range_admits(spec: str, expected: bool) -> None:
    adv = advisory("N-2", [(INTRO, "4.0.0"), (F, "4.17.21")], ecosystem=NPM)
    assert admits_affected(adv, NPM, "demo", spec) is expected


def test_aliases_merge_into_one_vulnerability() -> None:
    high = AdvisorySeverity(Severity.HIGH, 7.5, "CVSS:3.1/...")
    merged = merge_aliases(
        [
            advisory("GHSA-aaaa", [(INTRO, "0")], aliases=("CVE-2099-1",), severity=high),
            advisory("PYSEC-2099-1", [(INTRO, "0")], aliases=("CVE-2099-1",), summary="first"),
            advisory("PYSEC-2099-2", [(INTRO, "0")]),
        ]
    )
    assert [v.id for v in merged] == ["PYSEC-2099-1", "PYSEC-2099-2"]
    first = merged[0]
    assert first.aliases == ("CVE-2099-1", "GHSA-aaaa")
    assert (first.severity, first.score, first.summary) == (Severity.HIGH, 7.5, "first")
    assert merged[1].severity is Severity.MEDIUM  # no severity at all: medium
