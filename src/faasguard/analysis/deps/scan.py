"""The dependency audit of one scan root, shared by the DEP rules and computed once.

The advisory data is the shipped snapshot unless a location is given (`--advisories PATH`, the
`advisories` setting, or the cache `faasguard db update` wrote, which the command line passes
in). Data that cannot be loaded is a scan-error at the first manifest, and the audit falls back
to the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from faasguard.analysis.deps.advisories import AdvisoryDatabase
from faasguard.analysis.deps.audit import (
    PackageVulnerabilities,
    ranged_packages,
    vulnerable_packages,
)
from faasguard.analysis.deps.inventory import Inventory, inventory
from faasguard.analysis.deps.model import Manifest
from faasguard.analysis.deps.store import AdvisoryLoadError, data_time, load_database
from faasguard.analysis.project import Project
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError


@dataclass(slots=True)
class DependencyAudit:
    inventory: Inventory
    database: AdvisoryDatabase
    vulnerable: list[PackageVulnerabilities] = field(default_factory=list)
    ranged: list[PackageVulnerabilities] = field(default_factory=list)
    runtimes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def data_time(self) -> datetime | None:
        return data_time(self.database)

    @property
    def audited_manifests(self) -> list[Manifest]:
        return [m for m in self.inventory.manifests if m.path not in self.inventory.covered]


def dependency_audit(project: Project, advisories: str | None = None) -> DependencyAudit:
    """The audit of the project with the advisory data at `advisories` (None: snapshot)."""
    return project.analysis(f"deps-audit:{advisories}", lambda p: _audit(p, advisories))


def _audit(project: Project, advisories: str | None) -> DependencyAudit:
    found = inventory(project)
    database = _database(project, found, advisories)
    runtimes = _runtimes(project, found)
    audit = DependencyAudit(found, database, runtimes=runtimes)
    if found.manifests:
        audit.vulnerable = vulnerable_packages(found, database, runtimes)
        audit.ranged = ranged_packages(found, database, runtimes)
    return audit


def _database(project: Project, found: Inventory, location: str | None) -> AdvisoryDatabase:
    if not found.manifests:
        return AdvisoryDatabase([])  # nothing to audit: no data to load
    if location is None:
        return load_database(None)
    try:
        return load_database(location)
    except AdvisoryLoadError as exc:
        where = Location.file(found.manifests[0].path)
        project.context.problems.append(ParseError(f"{exc}; using the shipped snapshot", where))
        return load_database(None)


def _runtimes(project: Project, found: Inventory) -> dict[str, tuple[str, ...]]:
    by_name = {
        function.name: function.runtime.get("") if function.runtime else ""
        for app in project.apps
        for function in app.functions.values()
    }
    result = {}
    for manifest in found.manifests:
        names = found.functions(manifest.path)
        runtimes = tuple(sorted({by_name.get(n, "") for n in names} - {""}))
        if runtimes:
            result[manifest.path] = runtimes
    return result


__all__ = ["DependencyAudit", "dependency_audit"]
