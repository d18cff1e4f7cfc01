"""The audit: every shipped, exactly pinned package matched against the advisories.

Results are frozen and complete: a vulnerable package carries its vulnerabilities (aliases
merged, so one vulnerability known as PYSEC-x, GHSA-y and CVE-z is one), the version to move
to, the functions that ship it and a severity before exposure is applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from packaging.markers import InvalidMarker, Marker, UndefinedComparison, UndefinedEnvironmentName

from faasguard.analysis.deps.advisories import Advisory, AdvisoryDatabase
from faasguard.analysis.deps.inventory import Inventory
from faasguard.analysis.deps.matching import (
    admits_affected,
    first_safe_version,
    is_affected,
    safe_floor,
)
from faasguard.analysis.deps.model import Manifest, Package, PinKind
from faasguard.core.enums import Severity

DEFAULT_SEVERITY = Severity.MEDIUM
_ID_ORDER = ("PYSEC-", "GHSA-", "CVE-")
DEFAULT_PYTHON = "3.12"


@dataclass(frozen=True, slots=True)
class Vulnerability:
    """One vulnerability: its advisories merged through their aliases."""

    id: str  # the preferred id (PYSEC, then GHSA, then CVE, then any)
    aliases: tuple[str, ...]  # every other id it is known by
    summary: str
    severity: Severity
    score: float | None  # the highest CVSS base score among its advisories

    @property
    def label(self) -> str:
        return f"{self.id} ({', '.join(self.aliases)})" if self.aliases else self.id


@dataclass(frozen=True, slots=True)
class PackageVulnerabilities:
    manifest: Manifest
    package: Package
    vulnerabilities: tuple[Vulnerability, ...]
    fixed_version: str | None  # lowest known version free of every advisory, if any

    @property
    def severity(self) -> Severity:
        return max((v.severity for v in self.vulnerabilities), key=lambda s: s.rank)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.vulnerabilities)


def shipped(package: Package, runtimes: Iterable[str] = ()) -> bool:
    """A package that is installed: not development-only, and its marker (if any) true for
    at least one runtime that ships it (Python 3.12 on Linux when none is known)."""
    if package.dev:
        return False
    if not package.marker:
        return True
    try:
        marker = Marker(package.marker)
    except InvalidMarker:
        return True
    versions = [r.removeprefix("python") for r in runtimes if r.startswith("python")]
    for version in versions or [DEFAULT_PYTHON]:
        environment = {"python_version": version, "python_full_version": f"{version}.0"}
        environment.update(sys_platform="linux", platform_system="Linux", os_name="posix")
        try:
            if marker.evaluate(environment):
                return True
        except (UndefinedComparison, UndefinedEnvironmentName):
            return True
    return False


def vulnerable_packages(
    inventory: Inventory, database: AdvisoryDatabase, runtimes: Mapping[str, tuple[str, ...]]
) -> list[PackageVulnerabilities]:
    """Every exact pin in an audited manifest that a live advisory affects. `runtimes` maps a
    manifest path to the runtimes of the functions that ship it."""
    found = []
    for manifest in inventory.manifests:
        if manifest.path in inventory.covered:
            continue
        for package in manifest.packages:
            if package.pin is not PinKind.EXACT or package.version is None:
                continue
            if not shipped(package, runtimes.get(manifest.path, ())):
                continue
            result = audit_package(manifest, package, database)
            if result is not None:
                found.append(result)
    return found


def audit_package(
    manifest: Manifest, package: Package, database: AdvisoryDatabase
) -> PackageVulnerabilities | None:
    assert package.version is not None
    ecosystem = manifest.ecosystem
    advisories = database.for_package(ecosystem, package.name)
    hits = [a for a in advisories if is_affected(a, ecosystem, package.name, package.version)]
    if not hits:
        return None
    fixed = first_safe_version(advisories, ecosystem, package.name, package.version)
    return PackageVulnerabilities(manifest, package, merge_aliases(hits), fixed)


def ranged_packages(
    inventory: Inventory, database: AdvisoryDatabase, runtimes: Mapping[str, tuple[str, ...]]
) -> list[PackageVulnerabilities]:
    """Range and unpinned entries of manifests no lock covers whose constraint admits a
    version a live advisory affects. The fixed version is the lowest safe one."""
    found = []
    for manifest in inventory.manifests:
        if manifest.path in inventory.covered or manifest.kind.is_lock:
            continue
        for package in manifest.packages:
            if package.pin not in (PinKind.RANGE, PinKind.UNPINNED):
                continue
            if not shipped(package, runtimes.get(manifest.path, ())):
                continue
            result = _audit_range(manifest, package, database)
            if result is not None:
                found.append(result)
    return found


def _audit_range(
    manifest: Manifest, package: Package, database: AdvisoryDatabase
) -> PackageVulnerabilities | None:
    ecosystem = manifest.ecosystem
    advisories = database.for_package(ecosystem, package.name)
    hits = [a for a in advisories if admits_affected(a, ecosystem, package.name, package.spec)]
    if not hits:
        return None
    fixed = safe_floor(advisories, ecosystem, package.name)
    return PackageVulnerabilities(manifest, package, merge_aliases(hits), fixed)


def merge_aliases(advisories: Iterable[Advisory]) -> tuple[Vulnerability, ...]:
    """Group advisories that share an id or alias; one Vulnerability per group."""
    groups: list[tuple[set[str], list[Advisory]]] = []
    for advisory in advisories:
        names = {advisory.id, *advisory.aliases}
        joined = [g for g in groups if g[0] & names]
        merged_names, merged_list = set(names), [advisory]
        for group in joined:
            merged_names |= group[0]
            merged_list += group[1]
            groups.remove(group)
        groups.append((merged_names, merged_list))
    result = [_vulnerability(names, members) for names, members in groups]
    return tuple(sorted(result, key=lambda v: (-v.severity.rank, v.id)))


def _vulnerability(names: set[str], members: list[Advisory]) -> Vulnerability:
    own = sorted(a.id for a in members)
    primary = min(own, key=_id_rank)
    scores = [a.severity.score for a in members if a.severity and a.severity.score is not None]
    levels = [a.severity.level for a in members if a.severity is not None]
    severity = max(levels, key=lambda s: s.rank) if levels else DEFAULT_SEVERITY
    summary = next(
        (a.summary for a in sorted(members, key=lambda a: _id_rank(a.id)) if a.summary), ""
    )
    aliases = tuple(sorted(names - {primary}, key=_alias_rank))
    return Vulnerability(primary, aliases, summary, severity, max(scores) if scores else None)


def _alias_rank(ident: str) -> tuple[int, str]:
    """CVE ids first in alias lists: the name most people search for."""
    return (0, ident) if ident.startswith("CVE-") else (1, *_id_rank(ident)[1:])


def _id_rank(ident: str) -> tuple[int, str]:
    for rank, prefix in enumerate(_ID_ORDER):
        if ident.startswith(prefix):
            return rank, ident
    return len(_ID_ORDER), ident


__all__ = [
    "PackageVulnerabilities",
    "Vulnerability",
    "audit_package",
    "merge_aliases",
    "ranged_packages",
    "shipped",
    "vulnerable_packages",
]
