"""From sink hits with resolved sources to :class:`Flow` s: source, sink, trace and trigger.

Hits whose labels are class attributes are resolved against what the project writes into them;
fields the caller cannot choose (``routeKey``, ``requestContext.accountId``...) are dropped, as
are channels a rule ignores and, for log sinks, data that is not sensitive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from faasguard.analysis.exposure import Exposure
from faasguard.analysis.python.catalog import Catalog, Risk, When
from faasguard.analysis.python.describe import (
    SourceField,
    SourceRoot,
    exposure_of,
    source_field,
    trigger_text,
)
from faasguard.analysis.python.frame import SinkHit
from faasguard.analysis.python.sinks import RULE_CATEGORY
from faasguard.analysis.python.values import (
    Label,
    OriginKind,
    Value,
    all_labels,
    get_path,
    merge_labels,
)
from faasguard.core.finding import TraceStep
from faasguard.core.location import Location
from faasguard.model.app import Function

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Flow:
    """Untrusted data from one source field reaching one sink."""

    rule: str  # the rule that reports the sink (PY001...)
    sink: str  # what the sink is: "SQL execute()"
    sink_text: str  # the sink's line as written
    location: Location  # the sink
    source: str  # the source as code: event['body']['discount']
    field: str  # what the source is: request body
    trigger: str  # HTTP API route POST /orders, public, no auth / unknown trigger
    channel: str  # http, s3, sqs, ..., second-order
    risk: Risk
    exposure: Exposure
    trigger_known: bool  # a template maps the code to a function and its triggers
    validated: bool  # the handler validates its event (schema, model) before running
    steps: tuple[TraceStep, ...]
    function: str | None = None  # the model function's name
    resource: str | None = None  # the model function's id
    note: str = ""  # e.g. the kind of backtracking for ReDoS

    @property
    def description(self) -> str:
        return f"{self.source} ({self.field} of {self.trigger})"


class FlowBuilder:
    def __init__(
        self,
        catalog: Catalog,
        roots: Mapping[str, SourceRoot],
        owners: Mapping[str, list[Function]],
    ) -> None:
        self.catalog = catalog
        self.roots = roots
        self.owners = owners

    def flows(self, hits: Iterable[SinkHit], class_attrs: Mapping[str, Value]) -> list[Flow]:
        found: dict[tuple[str, Location, str], Flow] = {}
        for hit in hits:
            for label in _resolve(hit.labels, class_attrs):
                flow = self._flow(hit, label)
                if flow is None:
                    continue
                key = (flow.rule, flow.location, flow.source)
                current = found.get(key)
                if current is None or _rank(flow) > _rank(current):
                    found[key] = flow
        return sorted(found.values(), key=lambda f: (f.location, f.rule, f.source))

    def _flow(self, hit: SinkHit, label: Label) -> Flow | None:
        origin = label.origin
        root = self.roots.get(origin.ref)
        spec = hit.spec
        if root is None or label.safe_for(RULE_CATEGORY.get(spec.rule, "")):
            return None
        field = source_field(self.catalog, root, origin.path)
        if field.risk is Risk.TRUSTED or field.channel in spec.exclude_channels:
            return None
        if spec.when is When.SENSITIVE and not self._sensitive(origin.path, field):
            return None
        entry = root.entry
        functions = (
            entry.functions if entry is not None else tuple(self.owners.get(root.module, ()))
        )
        first = functions[0] if functions else None
        return Flow(
            rule=spec.rule,
            sink=spec.label,
            sink_text=hit.text,
            location=hit.location,
            source=field.text,
            field=field.field,
            trigger=trigger_text(functions, field.trigger_kinds),
            channel=field.channel,
            risk=field.risk,
            exposure=exposure_of(functions),
            trigger_known=bool(functions) and (entry is None or entry.declared),
            validated=entry is not None and entry.validated,
            steps=label.steps,
            function=first.name if first else None,
            resource=first.id if first else None,
            note=hit.note,
        )

    def _sensitive(self, path: tuple[str, ...], field: SourceField) -> bool:
        normalised = tuple("[]" if key.startswith("#") else key for key in path)
        if normalised in self.catalog.whole_paths:
            return True
        words = self.catalog.sensitive_words
        for key in (*normalised, field.field):
            text = key.strip(".()").replace("()", "")
            lower = _CAMEL.sub("_", text).lower()
            if text.lower() in words or any(t in words for t in _SPLIT.split(lower) if t):
                return True
        return False


def _resolve(labels: tuple[Label, ...], class_attrs: Mapping[str, Value]) -> tuple[Label, ...]:
    """Labels of real sources: class attributes replaced by what was written to them."""
    out: tuple[Label, ...] = ()
    pending = labels
    for _ in range(3):
        later: tuple[Label, ...] = ()
        for label in pending:
            origin = label.origin
            if origin.kind is OriginKind.PARAM:
                continue
            if origin.kind is not OriginKind.ATTR:
                out = merge_labels(out, (label,))
                continue
            stored = class_attrs.get(origin.ref)
            if stored is None:
                continue
            for found in all_labels(get_path(stored, origin.path)):
                later = merge_labels(
                    later,
                    (
                        Label(
                            found.origin,
                            (*found.steps, *label.steps),
                            found.cleared | label.cleared,
                        ),
                    ),
                )
        if not later:
            break
        pending = later
    return out


def _rank(flow: Flow) -> tuple[int, int, int]:
    risk = {Risk.UNTRUSTED: 2, Risk.LOW: 1}.get(flow.risk, 0)
    return (int(flow.trigger_known), risk, -len(flow.steps))


__all__ = ["Flow", "FlowBuilder"]
