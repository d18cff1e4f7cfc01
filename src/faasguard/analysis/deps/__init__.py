"""Dependency auditing: manifests and lock files of every function and layer, matched offline
against OSV advisories (PEP 440 for PyPI, semver for npm).

The DEP rules read :func:`dependency_audit`; `faasguard db update` uses
:mod:`faasguard.analysis.deps.store`.
"""

from faasguard.analysis.deps.scan import DependencyAudit, dependency_audit

__all__ = ["DependencyAudit", "dependency_audit"]
