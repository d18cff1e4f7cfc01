"""Is a version affected by an advisory? OSV semantics with each ecosystem's version rules.

PyPI versions compare by PEP 440 (`packaging`): epochs, pre-, post- and dev-releases, local
versions (``2.25.1+ubuntu`` sorts after ``2.25.1``). npm versions compare by semver. A version
is affected when it falls in a range (``introduced`` up to ``fixed``, exclusive, or up to
``last_affected``, inclusive) or is in the advisory's explicit version list; a local version
counts as its public version for the list. Withdrawn advisories affect nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from faasguard.analysis.deps.advisories import Advisory, Affected, Event, EventKind
from faasguard.analysis.deps.model import Ecosystem
from faasguard.analysis.deps.semver import Range, SemVer, SemverError, parse_range

_ZERO = "0"


@lru_cache(maxsize=65536)
def parse_version(ecosystem: Ecosystem, text: str) -> Any | None:
    """A comparable version (packaging Version or SemVer), None when it does not parse."""
    try:
        if ecosystem is Ecosystem.PYPI:
            return Version(text)
        return SemVer.parse(text)
    except (InvalidVersion, SemverError):
        return None


def _lowest(ecosystem: Ecosystem) -> Any:
    return Version("0.dev0") if ecosystem is Ecosystem.PYPI else SemVer(0, 0, 0, (0,))


def _event_version(ecosystem: Ecosystem, event: Event) -> Any | None:
    if event.kind is EventKind.INTRODUCED and event.version == _ZERO:
        return _lowest(ecosystem)
    return parse_version(ecosystem, event.version)


@lru_cache(maxsize=16384)
def _sorted_events(
    ecosystem: Ecosystem, events: tuple[Event, ...]
) -> tuple[tuple[Any, Event], ...]:
    """A range's events with parsed versions, in version order (introduced first on ties)."""
    parsed = [(v, e) for e in events if (v := _event_version(ecosystem, e)) is not None]
    parsed.sort(key=lambda pair: (pair[0], pair[1].kind is not EventKind.INTRODUCED))
    return tuple(parsed)


def in_ranges(ecosystem: Ecosystem, affected: Affected, version: Any) -> bool:
    """The OSV evaluation: walk the events in version order; `introduced` opens, `fixed`
    (at or below the version) and `last_affected` (below it) close. Events whose version does
    not parse are ignored."""
    for events in affected.ranges:
        vulnerable = False
        for bound, event in _sorted_events(ecosystem, events):
            if event.kind is EventKind.INTRODUCED:
                if version >= bound:
                    vulnerable = True
            elif event.kind is EventKind.FIXED:
                if version >= bound:
                    vulnerable = False
            elif version > bound:
                vulnerable = False
        if vulnerable:
            return True
    return False


def in_versions(ecosystem: Ecosystem, affected: Affected, version: Any, text: str) -> bool:
    if not affected.versions:
        return False
    if text in affected.versions:
        return True
    listed = _parsed_versions(ecosystem, affected.versions)
    if version in listed:
        return True
    return (
        isinstance(version, Version) and bool(version.local) and Version(version.public) in listed
    )


@lru_cache(maxsize=16384)
def _parsed_versions(ecosystem: Ecosystem, versions: tuple[str, ...]) -> frozenset[Any]:
    return frozenset(v for text in versions if (v := parse_version(ecosystem, text)) is not None)


def is_affected(advisory: Advisory, ecosystem: Ecosystem, name: str, version_text: str) -> bool:
    if advisory.withdrawn:
        return False
    version = parse_version(ecosystem, version_text)
    for affected in advisory.affecting(ecosystem, name):
        if version is None:
            if version_text in affected.versions:
                return True
            continue
        if in_ranges(ecosystem, affected, version) or in_versions(
            ecosystem, affected, version, version_text
        ):
            return True
    return False


def first_safe_version(
    advisories: Iterable[Advisory], ecosystem: Ecosystem, name: str, version_text: str
) -> str | None:
    """The lowest `fixed` version above the installed one that no advisory affects: the
    version to move to. None when no such version is known."""
    live = [a for a in advisories if not a.withdrawn]
    installed = parse_version(ecosystem, version_text)
    fixes: dict[Any, str] = {}
    for advisory in live:
        for affected in advisory.affecting(ecosystem, name):
            for events in affected.ranges:
                for event in events:
                    if event.kind is not EventKind.FIXED:
                        continue
                    parsed = parse_version(ecosystem, event.version)
                    if parsed is not None and (installed is None or parsed > installed):
                        fixes.setdefault(parsed, event.version)
    for parsed in sorted(fixes):
        text = fixes[parsed]
        if not any(is_affected(a, ecosystem, name, text) for a in live):
            return text
    return None


def safe_floor(advisories: Iterable[Advisory], ecosystem: Ecosystem, name: str) -> str | None:
    """The highest `fixed` version when no live advisory affects it: a lower bound that
    leaves every known vulnerability out. None when an advisory has no fix."""
    live = [a for a in advisories if not a.withdrawn]
    fixes = {
        parsed: event.version
        for advisory in live
        for affected in advisory.affecting(ecosystem, name)
        for events in affected.ranges
        for event in events
        if event.kind is EventKind.FIXED
        and (parsed := parse_version(ecosystem, event.version)) is not None
    }
    if not fixes or any(_open_ended(ecosystem, a, name) for a in live):
        return None
    text = fixes[max(fixes)]
    return None if any(is_affected(a, ecosystem, name, text) for a in live) else text


def _open_ended(ecosystem: Ecosystem, advisory: Advisory, name: str) -> bool:
    """A range whose last event (in version order) opens it: every later version affected."""
    for affected in advisory.affecting(ecosystem, name):
        for events in affected.ranges:
            parsed = [(v, e) for e in events if (v := _event_version(ecosystem, e)) is not None]
            if parsed and max(parsed, key=lambda p: p[0])[1].kind is EventKind.INTRODUCED:
                return True
    return False


def admits_affected(advisory: Advisory, ecosystem: Ecosystem, name: str, spec: str) -> bool:
    """Whether a version constraint (PEP 440 specifier or npm range; empty: anything) admits
    a version the advisory affects. PyPI: tested on the advisory's listed and boundary
    versions. npm: interval intersection of the range with the advisory's ranges."""
    if advisory.withdrawn:
        return False
    for affected in advisory.affecting(ecosystem, name):
        if ecosystem is Ecosystem.PYPI:
            if _pep440_admits(affected, spec):
                return True
        elif _npm_admits(affected, spec):
            return True
    return False


def _pep440_admits(affected: Affected, spec: str) -> bool:
    try:
        specifier = SpecifierSet(spec)
    except InvalidSpecifier:
        return False
    candidates = list(affected.versions)
    for events in affected.ranges:
        candidates += [
            e.version for e in events if e.kind is not EventKind.FIXED and e.version != _ZERO
        ]
    for text in candidates:
        version = parse_version(Ecosystem.PYPI, text)
        if version is None or not specifier.contains(version, prereleases=False):
            continue
        if in_ranges(Ecosystem.PYPI, affected, version) or text in affected.versions:
            return True
    return False


def _npm_admits(affected: Affected, spec: str) -> bool:
    try:
        wanted = parse_range(spec or "*")
    except SemverError:
        return False
    for version_text in affected.versions:
        version = parse_version(Ecosystem.NPM, version_text)
        if version is not None and wanted.satisfied_by(version):
            return True
    return any(
        _overlaps(wanted, _affected_intervals(affected, events)) for events in affected.ranges
    )


def _affected_intervals(affected: Affected, events: tuple[Event, ...]) -> list[tuple[Any, Any]]:
    """The affected intervals of one range as (low inclusive, (high, inclusive) or None)."""
    parsed = [(v, e) for e in events if (v := _event_version(Ecosystem.NPM, e)) is not None]
    parsed.sort(key=lambda pair: pair[0])
    intervals: list[tuple[Any, Any]] = []
    start = None
    for version, event in parsed:
        if event.kind is EventKind.INTRODUCED:
            start = version if start is None else start
        elif start is not None:
            intervals.append((start, (version, event.kind is EventKind.LAST_AFFECTED)))
            start = None
    if start is not None:
        intervals.append((start, None))
    return intervals


def _overlaps(wanted: Range, intervals: list[tuple[Any, Any]]) -> bool:
    for lower, upper in wanted.intervals():
        for start, end in intervals:
            low = (start, True)
            if lower is not None and lower.version > start:
                low = (lower.version, lower.inclusive)
            elif lower is not None and lower.version == start:
                low = (start, lower.inclusive)
            high = end
            if upper is not None and (high is None or upper.version < high[0]):
                high = (upper.version, upper.inclusive)
            elif upper is not None and upper.version == high[0]:
                high = (high[0], high[1] and upper.inclusive)
            if high is None or low[0] < high[0] or (low[0] == high[0] and low[1] and high[1]):
                return True
    return False


__all__ = [
    "admits_affected",
    "first_safe_version",
    "in_ranges",
    "in_versions",
    "is_affected",
    "parse_version",
    "safe_floor",
]
