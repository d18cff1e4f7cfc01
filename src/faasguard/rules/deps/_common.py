"""What the DEP rules share: the audit for the rule's settings and how findings read."""

from __future__ import annotations

from faasguard.analysis.deps import DependencyAudit, dependency_audit
from faasguard.analysis.deps.audit import PackageVulnerabilities
from faasguard.analysis.deps.inventory import Inventory
from faasguard.analysis.exposure import Exposure, exposed_severity
from faasguard.analysis.project import Project
from faasguard.core.enums import Severity
from faasguard.core.rule import RuleContext

_EXPOSURE_TEXT = {
    Exposure.PUBLIC_UNAUTHENTICATED: "reachable from the internet without authentication",
    Exposure.PUBLIC_AUTHENTICATED: "reachable from the internet",
    Exposure.INTERNAL: "internal",
    Exposure.UNKNOWN: "",
}


def audit_for(project: Project, ctx: RuleContext) -> DependencyAudit:
    location = ctx.option("advisories", None) or project.config.advisories
    return dependency_audit(project, str(location) if location else None)


def shipped_text(inventory: Inventory, path: str) -> str:
    """`shipped by OrdersFunction, AdminFunction (reachable from the internet)`."""
    shippers = inventory.shippers(path)
    if not shippers:
        return "no function of the scan ships it"
    names = []
    for shipper in shippers:
        name = shipper.function + (f" via layer {shipper.layer}" if shipper.layer else "")
        if name not in names:
            names.append(name)
    exposure = _EXPOSURE_TEXT[inventory.exposure(path)]
    return f"shipped by {', '.join(names)}" + (f" ({exposure})" if exposure else "")


def single_function(inventory: Inventory, path: str) -> str | None:
    functions = inventory.functions(path)
    return functions[0] if len(functions) == 1 else None


def severity_for(
    inventory: Inventory, result: PackageVulnerabilities, *, lower: int = 0
) -> Severity:
    """The worst vulnerability's severity, moved by the exposure of the widest shipper."""
    base = result.severity.raised(-lower)
    return exposed_severity(base, inventory.exposure(result.manifest.path))


def vulnerability_list(result: PackageVulnerabilities, limit: int = 5) -> str:
    labels = [v.label for v in result.vulnerabilities[:limit]]
    more = len(result.vulnerabilities) - limit
    return "; ".join(labels) + (f"; and {more} more" if more > 0 else "")


__all__ = ["audit_for", "severity_for", "shipped_text", "single_function", "vulnerability_list"]
