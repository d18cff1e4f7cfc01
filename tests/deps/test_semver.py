"""Semver ordering and npm range semantics, corner cases included."""

from __future__ import annotations

import pytest

from faasguard.analysis.deps.semver import SemVer, SemverError, parse_range

ORDERED = [
    "1.0.0-0",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.1",
    "1.1.0",
    "2.0.0",
    "10.0.0",
]


def test_precedence_follows_semver_2() -> None:
    parsed = [SemVer.parse(v) for v in ORDERED]
    assert sorted(parsed[1::2] + parsed[::2]) == parsed
    assert [str(v) for v in parsed] == ORDERED


def test_build_metadata_is_ignored_for_precedence() -> None:
    assert SemVer.parse("1.2.3+build.5") == SemVer.parse("1.2.3")
    assert SemVer.parse("v1.2.3") == SemVer.parse("1.2.3")


@pytest.mark.parametrize("text", ["1.2", "01.2.3", "1.2.3-", "latest", "1.2.3.4"])
def test_invalid_versions_are_rejected(text: str) -> None:
    with pytest.raises(SemverError):
        SemVer.parse(text)


@pytest.mark.parametrize(
    ("spec", "inside", "outside"),
    [
        ("^1.2.3", ["1.2.3", "1.9.9"], ["1.2.2", "2.0.0", "2.0.0-alpha"]),
        ("^0.2.3", ["0.2.3", "0.2.9"], ["0.3.0", "0.2.2"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4", "0.0.2"]),
        ("^1.2", ["1.2.0", "1.99.0"], ["2.0.0", "1.1.9"]),
        ("~1.2.3", ["1.2.3", "1.2.99"], ["1.3.0", "1.2.2"]),
        ("~1", ["1.0.0", "1.9.0"], ["2.0.0"]),
        ("1.x", ["1.0.0", "1.5.5"], ["2.0.0", "0.9.9"]),
        ("*", ["0.0.0", "99.0.0"], ["1.0.0-beta"]),
        ("1.2.3 - 2.3.4", ["1.2.3", "2.3.4"], ["2.3.5", "1.2.2"]),
        ("1.2 - 2.3", ["1.2.0", "2.3.99"], ["2.4.0"]),
        (">=1.0.0 <1.5.0 || >=2.0.0", ["1.4.9", "2.1.0"], ["1.5.0", "1.9.0"]),
        (">1.2", ["1.3.0"], ["1.2.9"]),
        ("<=1.2", ["1.2.9"], ["1.3.0"]),
        (">= 1.2.3", ["1.2.3"], ["1.2.2"]),
    ],
)
def test_ranges(spec: str, inside: list[str], outside: list[str]) -> None:
    wanted = parse_range(spec)
    for version in inside:
        assert wanted.satisfied_by(SemVer.parse(version)), f"{version} should satisfy {spec}"
    for version in outside:
        assert not wanted.satisfied_by(SemVer.parse(version)), f"{version} satisfies {spec}"


def test_prerelease_only_matches_a_comparator_on_the_same_release() -> None:
    wanted = parse_range(">=1.2.3-alpha.3")
    assert wanted.satisfied_by(SemVer.parse("1.2.3-alpha.7"))
    assert not wanted.satisfied_by(SemVer.parse("3.4.5-alpha.9"))
    assert wanted.satisfied_by(SemVer.parse("3.4.5-alpha.9"), include_prerelease=True)
    assert wanted.satisfied_by(SemVer.parse("3.4.5"))


def test_exact_pin_is_recognised() -> None:
    assert parse_range("1.2.3").exact == SemVer.parse("1.2.3")
    assert parse_range("=1.2.3").exact == SemVer.parse("1.2.3")
    assert parse_range("^1.2.3").exact is None
    assert parse_range("1.2").exact is None


def test_intervals_of_a_caret_range() -> None:
    [(lower, upper)] = parse_range("^1.2.3").intervals()
    assert lower is not None and upper is not None
    assert (str(lower.version), lower.inclusive) == ("1.2.3", True)
    assert (str(upper.version), upper.inclusive) == ("2.0.0-0", False)


def test_a_dist_tag_is_not_a_range() -> None:
    with pytest.raises(SemverError):
        parse_range("next-gen")
