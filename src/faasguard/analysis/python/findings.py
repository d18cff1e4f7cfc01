"""Flows to rule hits: one hit per sink, with its trace, severity from exposure and confidence
from what is known about the source.

Severity starts at the rule's and moves with the function's exposure (public and
unauthenticated raises it one step, internal triggers lower it one); lower-risk sources
(authorizer context, caller identity) and second-order sources lower it one more step.
Confidence is high for a first-order source of a function the template maps to its triggers,
medium when the trigger is unknown (a handler recognised by its shape), low for lower-risk and
second-order sources and for handlers that validate their event first.
"""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.exposure import exposed_severity
from faasguard.analysis.project import Project
from faasguard.analysis.python.catalog import Risk
from faasguard.analysis.python.flows import Flow
from faasguard.analysis.python.taint import taint_result
from faasguard.core.enums import Confidence, Severity
from faasguard.core.location import Location
from faasguard.core.rule import Hit

MAX_SOURCES_NAMED = 3


def flow_hits(project: Project, rule_id: str, severity: Severity) -> Iterator[Hit]:
    """The hits of one taint rule: one per sink location, naming its sources."""
    by_sink: dict[Location, list[Flow]] = {}
    for flow in taint_result(project).for_rule(rule_id):
        by_sink.setdefault(flow.location, []).append(flow)
    for flows in by_sink.values():
        flows.sort(key=_weight, reverse=True)
        yield _hit(flows, severity)


def _weight(flow: Flow) -> tuple[int, int, int]:
    return (_severity(flow, Severity.MEDIUM).rank, _confidence_rank(flow), -len(flow.steps))


def _hit(flows: list[Flow], base: Severity) -> Hit:
    primary = flows[0]
    others = list(dict.fromkeys(f.source for f in flows[1:] if f.source != primary.source))
    message = f"{primary.description} reaches {primary.sink}"
    if primary.note:
        message += f" ({primary.note})"
    if others:
        named = ", ".join(others[:MAX_SOURCES_NAMED])
        more = len(others) - MAX_SOURCES_NAMED
        message += f"; also from {named}" + (f" and {more} more" if more > 0 else "")
    sources = sorted({f.source for f in flows})
    evidence = f"{primary.sink}: {' '.join(primary.sink_text.split())} <- {', '.join(sources)}"
    return Hit(
        message=message,
        location=primary.location,
        resource=primary.resource,
        function=primary.function,
        severity=_severity(primary, base),
        confidence=_confidence(primary),
        evidence=evidence,
        trace=primary.steps,
    )


def _severity(flow: Flow, base: Severity) -> Severity:
    severity = exposed_severity(base, flow.exposure)
    if flow.risk in (Risk.LOW, Risk.SECOND_ORDER):
        severity = severity.raised(-1)
    if flow.note.startswith("polynomial"):
        severity = severity.raised(-1)
    return severity


def _confidence(flow: Flow) -> Confidence:
    if flow.risk in (Risk.LOW, Risk.SECOND_ORDER) or flow.validated:
        return Confidence.LOW
    return Confidence.HIGH if flow.trigger_known else Confidence.MEDIUM


def _confidence_rank(flow: Flow) -> int:
    return {Confidence.HIGH: 2, Confidence.MEDIUM: 1, Confidence.LOW: 0}[_confidence(flow)]


__all__ = ["flow_hits"]
