"""Privilege-escalation paths as hits, shared by rules IAM001-IAM004.

Paths are found once per app (:func:`paths_of` keeps the last app's) and reported per
principal: the methods of one category whose key grant is the same statement become one hit at
that grant, naming the methods, with one trace step per granting statement.
"""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import Exposure
from faasguard.core.enums import Confidence, Severity
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location
from faasguard.core.rule import Hit
from faasguard.iam.evaluate import Grant
from faasguard.iam.methods import PrivescCategory
from faasguard.iam.patterns import Answer
from faasguard.iam.privesc import Path, Step, privesc_paths
from faasguard.model.app import App, Role
from faasguard.rules.iac._app import quoted, role_exposure, role_functions

_last: tuple[App, list[Path]] | None = None
_CONFIDENCE_ORDER = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)


def paths_of(app: App) -> list[Path]:
    """The app's paths; the rules of one app run one after another, so the last is kept."""
    global _last
    if _last is None or _last[0] is not app:
        _last = (app, privesc_paths(app))
    return _last[1]


def principal_severity(app: App, role: Role) -> Severity:
    """Function roles first: high, critical when a function using the role is public and
    unauthenticated; other principals medium."""
    if not role_functions(app, role):
        return Severity.MEDIUM
    if role_exposure(app, role) is Exposure.PUBLIC_UNAUTHENTICATED:
        return Severity.CRITICAL
    return Severity.HIGH


def category_hits(app: App, category: PrivescCategory, verb: str) -> Iterator[Hit]:
    """One hit per principal and key grant for the paths of `category`; `verb` says what the
    principal can do ("can grant itself more permissions")."""
    grouped: dict[tuple[str, Location], list[Path]] = {}
    for path in paths_of(app):
        if path.method.category is category:
            key = (path.principal.id, _key_grant(path.key_step).location)
            grouped.setdefault(key, []).append(path)
    for (_, location), paths in grouped.items():
        yield _hit(app, paths, location, verb)


def _key_grant(step: Step) -> Grant:
    return min(step.grants, key=lambda g: (g.answer is not Answer.YES, g.conditional))


def _hit(app: App, paths: list[Path], location: Location, verb: str) -> Hit:
    role = paths[0].principal
    functions = role_functions(app, role)
    used = f" (used by {quoted([f.name for f in functions])})" if functions else ""
    methods = quoted([p.method.label for p in paths], limit=2)
    message = f"{role.kind.value} {role.id}{used} {verb}: {methods}{_how(paths)}"
    confidence = min((p.confidence for p in paths), key=_CONFIDENCE_ORDER.index)
    severity = principal_severity(app, role)
    if confidence is Confidence.LOW:  # it rests on values the scan cannot know
        severity = Severity.LOW
    return Hit(
        message=message,
        location=location,
        resource=role.id,
        function=functions[0].name if len(functions) == 1 else None,
        severity=severity,
        confidence=confidence,
        evidence=f"{role.id} {' '.join(sorted(p.method.id for p in paths))}",
        trace=_trace(paths),
    )


def _how(paths: list[Path]) -> str:
    """Through which app resources, or what it needs from outside the project."""
    via = dict.fromkeys(v for p in paths for s in p.steps for v in s.via)
    parts = []
    if via:
        parts.append(f" through {quoted(list(via))}")
    notes = dict.fromkeys(n for p in paths for n in p.notes)
    if notes and not via:
        parts.append(f" (exploitable given {quoted(list(notes), limit=1)})")
    keys = dict.fromkeys(
        entry.key for p in paths for s in p.steps for g in s.grants for entry in g.conditions
    )
    if keys:
        parts.append(f" when conditions on {quoted(list(keys))} hold")
    if any(s.answer is Answer.UNKNOWN for p in paths for s in p.steps):
        parts.append("; some values are unresolved, so this may not apply")
    return "".join(parts)


def _trace(paths: list[Path]) -> tuple[TraceStep, ...]:
    steps: dict[tuple[Location, str], TraceStep] = {}
    for path in paths:
        for step in path.steps:
            action = step.requirement.action
            for grant in step.grants:
                key = (grant.location, action)
                if key not in steps:
                    steps[key] = TraceStep(grant.location, _describe(path, action, grant))
    return tuple(steps.values())


def _describe(path: Path, action: str, grant: Grant) -> str:
    where = grant.resource.text() if grant.resource is not None else "NotResource"
    text = f"{path.method.id}: {action} allowed by {grant.statement.origin} on {where}"
    if grant.conditional:
        text += " (conditionally)"
    return text


__all__ = ["category_hits", "paths_of", "principal_severity"]
