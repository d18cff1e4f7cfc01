"""The scan: discover units, load each into the model, run the rules, build findings.

The work for one unit is a pure function of the files it reads, so units fan out over
processes with ``jobs > 1``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from faasguard.analysis.discovery import Unit, UnitKind, discover
from faasguard.analysis.project import Project
from faasguard.analysis.suppress import Suppression, apply_suppressions, parse_suppressions
from faasguard.core.config import Config
from faasguard.core.finding import Finding, fingerprint
from faasguard.core.location import Location
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import App
from faasguard.rules import all_rules, rule_by_id
from faasguard.rules.meta.scan_error import RULE as SCAN_ERROR
from faasguard.rules.meta.suppression import RULE as BLANKET_SUPPRESSION

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class UnitResult:
    findings: tuple[Finding, ...]
    suppressed: int
    loaded: bool  # the unit was a project definition (not an unrelated YAML file)
    files: tuple[str, ...]
    failed: bool
    app: App | None = None


@dataclass(slots=True)
class ScanResult:
    root: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    apps: int = 0
    files_scanned: int = 0
    files_failed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


def scan(
    root: Path, config: Config, *, jobs: int = 1, progress: Progress | None = None
) -> ScanResult:
    """Scan one project root. Findings are unfiltered by report filters (see `select`)."""
    started = time.perf_counter()
    root = root.resolve()
    found = discover(root, config)
    result = ScanResult(root=str(root), skipped=found.skipped)
    result.findings.extend(_error_finding(p) for p in found.problems)
    rule_ids = tuple(r.id for r in all_rules() if config.rule_enabled(r.id))
    # Projects first: a YAML file that serverless.yml pulls in with ${file()} belongs to it and
    # is not loaded again as a template of its own.
    projects = [u for u in found.units if u.kind is not UnitKind.TEMPLATE]
    outcomes = list(_run_units(root, projects, config, rule_ids, jobs, progress))
    consumed = {path for outcome in outcomes if outcome.loaded for path in outcome.files}
    templates = [u for u in found.units if u.kind is UnitKind.TEMPLATE and u.path not in consumed]
    outcomes.extend(_run_units(root, templates, config, rule_ids, jobs, progress))
    project = Project(
        root=root,
        apps=[o.app for o in outcomes if o.app is not None],
        files=found.files,
        context=_context(root, config),
        jobs=jobs,
        config=config,
    )
    outcomes.append(scan_project(project, rule_ids, config))
    project_files = project.context.files_read
    scanned: set[str] = set()
    for outcome in outcomes:
        result.findings.extend(outcome.findings)
        result.suppressed += outcome.suppressed
        result.apps += int(outcome.loaded)
        result.files_failed += int(outcome.failed)
        if outcome.loaded:
            scanned.update(outcome.files)
    result.files_scanned = len(scanned | project_files)
    result.files_failed += len(found.problems)
    result.findings = _unique_fingerprints(result.findings)
    result.findings.sort(key=lambda f: f.sort_key)
    result.seconds = time.perf_counter() - started
    return result


def _run_units(
    root: Path,
    units: Sequence[Unit],
    config: Config,
    rule_ids: tuple[str, ...],
    jobs: int,
    progress: Progress | None,
) -> Iterable[UnitResult]:
    total = len(units)
    if jobs <= 1 or total <= 1:
        for done, unit in enumerate(units, start=1):
            yield scan_unit(root, unit, config, rule_ids)
            if progress:
                progress(done, total)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(scan_unit, root, unit, config, rule_ids) for unit in units]
        for done, future in enumerate(futures, start=1):
            yield future.result()
            if progress:
                progress(done, total)


def scan_unit(root: Path, unit: Unit, config: Config, rule_ids: tuple[str, ...]) -> UnitResult:
    ctx = _context(root, config)
    findings: list[Finding] = []
    app: App | None = None
    failed = False
    try:
        app = load_unit(unit, ctx)
    except ParseError as exc:
        findings.append(_error_finding(exc))
        failed = True
    findings.extend(_error_finding(p) for p in ctx.problems)
    if app is None and not failed:
        return UnitResult(tuple(findings), 0, False, unit.files, False)
    if app is not None:
        findings.extend(run_rules(app, _rules(rule_ids), config))
    if BLANKET_SUPPRESSION.id in rule_ids:
        findings.extend(_blanket_findings(app, unit, ctx, config))
    suppressions = _suppressions(findings, ctx)
    kept, dropped = apply_suppressions(findings, suppressions)
    kept = [f for f in kept if config.rule_enabled(f.rule_id)]
    return UnitResult(tuple(kept), dropped, True, _app_files(app, unit), failed, app)


def _rules(rule_ids: tuple[str, ...]) -> list[Rule]:
    return [rule for rule in (rule_by_id(i) for i in rule_ids) if rule is not None]


def scan_project(project: Project, rule_ids: tuple[str, ...], config: Config) -> UnitResult:
    """Run the project-wide rules (code, dependencies) once for the root."""
    findings: list[Finding] = []
    for rule in _rules(rule_ids):
        if rule.project_check is None:
            continue
        ctx = RuleContext(options={**rule.options, **config.options.get(rule.id, {})})
        try:
            hits = list(rule.project_check(project, ctx))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            message = f"rule {rule.id} failed: {type(exc).__name__}: {exc}"
            findings.append(_error_finding(ParseError(message, Location.file("."))))
            continue
        findings.extend(make_finding(rule, hit, config) for hit in hits)
    findings.extend(_error_finding(p) for p in project.context.problems)
    kept, dropped = apply_suppressions(findings, _suppressions(findings, project.context))
    return UnitResult(tuple(kept), dropped, False, (), False)


def _context(root: Path, config: Config) -> LoadContext:
    return LoadContext(
        root, environ=config.environ, options=config.cli_options, max_bytes=config.max_file_bytes
    )


def load_unit(unit: Unit, ctx: LoadContext) -> App | None:
    """The unit's app; None when a YAML/JSON candidate turns out not to be a template."""
    here = Location.file(unit.path)
    if unit.kind is UnitKind.TERRAFORM:
        from faasguard.loaders.terraform import load_terraform

        files = {path: ctx.read_text(path, Location.file(path)) for path in unit.files}
        return load_terraform(unit.path, files, ctx)
    text = ctx.read_text(unit.path, here)
    json_mode = unit.path.endswith(".json")
    if unit.kind is UnitKind.SERVERLESS:
        from faasguard.loaders.serverless import load_serverless

        root = _read_map(text, unit.path, json_mode)
        return load_serverless(root, unit.path, ctx)
    if "Resources" not in text and "AWSTemplateFormatVersion" not in text:
        return None
    from faasguard.loaders.cloudformation import is_template, load_template

    root = _read_map(text, unit.path, json_mode)
    return load_template(root, unit.path, ctx) if is_template(root) else None


def _read_map(text: str, path: str, json_mode: bool) -> MapNode:
    from faasguard.loaders.yamlread import read_yaml

    node = read_yaml(text, path, json_mode=json_mode)
    if not isinstance(node, MapNode):
        raise ParseError("the document is not a mapping", Location.file(path))
    return node


def run_rules(app: App, rules: Sequence[Rule], config: Config) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if rule.check is None:
            continue
        ctx = RuleContext(options={**rule.options, **config.options.get(rule.id, {})})
        try:
            findings.extend(make_finding(rule, hit, config) for hit in rule.check(app, ctx))
        except Exception as exc:  # a rule bug must not hide the other rules' findings
            message = f"rule {rule.id} failed on this file: {type(exc).__name__}: {exc}"
            findings.append(_error_finding(ParseError(message, Location.file(app.path))))
    return findings


def make_finding(rule: Rule, hit: Hit, config: Config) -> Finding:
    severity = config.severity_overrides.get(rule.id, hit.severity or rule.severity)
    anchor = hit.resource or hit.function
    return Finding(
        rule_id=rule.id,
        rule_name=rule.name,
        category=rule.category,
        severity=severity,
        confidence=hit.confidence or rule.confidence,
        message=hit.message,
        location=hit.location,
        resource=hit.resource,
        function=hit.function,
        cwe=rule.cwe,
        trace=hit.trace,
        remediation=rule.remediation,
        fingerprint=fingerprint(rule.id, hit.location.path, anchor, hit.evidence or hit.message),
    )


def _error_finding(error: ParseError) -> Finding:
    hit = Hit(message=error.message, location=error.location)
    return make_finding(SCAN_ERROR, hit, Config())


def _blanket_findings(
    app: App | None, unit: Unit, ctx: LoadContext, config: Config
) -> list[Finding]:
    findings = []
    for path in _app_files(app, unit):
        for suppression in _file_suppressions(path, ctx):
            if not suppression.rules:
                hit = Hit(
                    "inline suppression names no rule: it suppresses nothing",
                    suppression.location,
                    evidence=f"line-comment {suppression.reason}",
                )
                findings.append(make_finding(BLANKET_SUPPRESSION, hit, config))
    return findings


def _file_suppressions(path: str, ctx: LoadContext) -> list[Suppression]:
    try:
        text = ctx.read_text(path, Location.file(path))
    except ParseError:
        return []
    return parse_suppressions(text, path)


def _suppressions(findings: list[Finding], ctx: LoadContext) -> dict[str, list[Suppression]]:
    paths = {f.location.path for f in findings}
    return {path: _file_suppressions(path, ctx) for path in paths}


def _app_files(app: App | None, unit: Unit) -> tuple[str, ...]:
    if app is None:
        return unit.files
    return tuple(dict.fromkeys([*unit.files, *app.files]))


def _unique_fingerprints(findings: list[Finding]) -> list[Finding]:
    """Two findings of one rule on one resource with the same evidence get distinct identities
    by order of appearance."""
    ordered = sorted(findings, key=lambda f: (f.location, f.rule_id))
    seen: Counter[str] = Counter()
    unique = []
    for finding in ordered:
        seen[finding.fingerprint] += 1
        count = seen[finding.fingerprint]
        unique.append(
            finding
            if count == 1
            else replace(finding, fingerprint=f"{finding.fingerprint}-{count}")
        )
    return unique


__all__ = [
    "ScanResult",
    "UnitResult",
    "load_unit",
    "make_finding",
    "run_rules",
    "scan",
    "scan_project",
]
