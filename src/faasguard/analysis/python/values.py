"""Abstract values of the taint analysis.

A :class:`Value` says what is known about a Python value at one point of a function: which
untrusted inputs it carries (its :class:`Label` s, each with the :class:`Origin` it came from, the
steps it took and the categories it was made safe for), the values stored under constant keys or
attributes (``fields``), a constant when one is known, the kind of object it is (``kind``: a
logger, a boto3 client, a compiled pattern...), the constant prefix of a string, and the name it
stands for when it is a module, function or class (``qual``).

Values are immutable tuples (they are made by the million on large projects, and NamedTuples
are the cheapest immutable records Python has); containers in them are never mutated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import NamedTuple

from faasguard.core.finding import TraceStep

MAX_LABELS = 6  # distinct origins kept per value; more are dropped (the first found are kept)
MAX_STEPS = 24  # steps kept per label: the first few and the last ones
MAX_PATH = 8  # keys kept in a field path
MAX_DEPTH = 4  # nesting of fields looked into
MAX_FIELDS = 32  # constant keys kept per value; the taint of further ones joins the rest
ALL = "*"  # in `cleared`: safe for every category
STRUCTURED = "~structured"  # in `cleared`: decoded from JSON, may be an object, not a string


class _Nothing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "NOTHING"


NOTHING: object = _Nothing()  # no known constant


class OriginKind(str, Enum):
    EVENT = "event"  # untrusted input: a handler's event, a request object, a route argument
    SECOND_ORDER = "second-order"  # data read back from a store
    PARAM = "param"  # placeholder: a parameter of the function being summarised
    ATTR = "attr"  # placeholder: an attribute of a project class, resolved at the end


class Origin(NamedTuple):
    kind: OriginKind
    ref: str  # EVENT/SECOND_ORDER: source root id; PARAM: parameter name; ATTR: "class.attr"
    path: tuple[str, ...] = ()  # keys ('body'), attributes ('.args'), '[]' any element

    def extended(self, key: str) -> Origin:
        if len(self.path) >= MAX_PATH:
            return self
        return Origin(self.kind, self.ref, (*self.path, key))

    @property
    def placeholder(self) -> bool:
        return self.kind is OriginKind.PARAM or self.kind is OriginKind.ATTR


class Label(NamedTuple):
    origin: Origin
    steps: tuple[TraceStep, ...] = ()
    cleared: frozenset[str] = frozenset()  # categories the value was made safe for

    def with_step(self, step: TraceStep) -> Label:
        steps = self.steps
        if steps and steps[-1].location.start_line == step.location.start_line:
            if steps[-1].location.path == step.location.path:
                return self  # one step per line is enough
        return Label(self.origin, _capped((*steps, step)), self.cleared)

    def safe_for(self, category: str) -> bool:
        return category in self.cleared or ALL in self.cleared


def _capped(steps: tuple[TraceStep, ...]) -> tuple[TraceStep, ...]:
    if len(steps) <= MAX_STEPS:
        return steps
    return steps[:4] + steps[-(MAX_STEPS - 4) :]


class Value(NamedTuple):
    labels: tuple[Label, ...] = ()
    fields: Mapping[str, Value] | None = None  # constant keys, '.attr' attributes, '#0' indexes
    const: object = NOTHING
    kind: str = ""
    prefix: str = ""  # known constant start of a string
    qual: str = ""  # dotted name ('subprocess.run') or project ref ('fn:...', 'cls:...', 'mod:...')

    @property
    def known(self) -> bool:
        return self.const is not NOTHING

    @property
    def tainted(self) -> bool:
        return bool(self.labels) or bool(
            self.fields and any(v.tainted for v in self.fields.values())
        )


CLEAN = Value()


def constant(value: object) -> Value:
    return Value(const=value, prefix=value if isinstance(value, str) else "")


def labelled(origin: Origin, step: TraceStep | None = None, kind: str = "") -> Value:
    return Value(labels=(Label(origin, (step,) if step else ()),), kind=kind)


def merge_labels(first: Iterable[Label], second: Iterable[Label]) -> tuple[Label, ...]:
    out: list[Label] = []
    seen: set[tuple[Origin, frozenset[str]]] = set()
    for label in (*first, *second):
        key = (label.origin, label.cleared)
        if key in seen:
            continue
        seen.add(key)
        out.append(label)
        if len(out) >= MAX_LABELS:
            break
    return tuple(out)


def join(a: Value, b: Value) -> Value:
    """The least upper bound: what is known on both paths, carrying the taint of either."""
    if a is b:
        return a
    labels = merge_labels(a.labels, b.labels) if b.labels else a.labels
    if not a.labels:
        labels = b.labels
    fields: Mapping[str, Value] | None = None
    if a.fields is not None and b.fields is not None:
        keys = list(dict.fromkeys([*a.fields, *b.fields]))[:MAX_FIELDS]
        fields = {k: join(a.fields.get(k, CLEAN), b.fields.get(k, CLEAN)) for k in keys}
    elif a.fields is not None or b.fields is not None:
        one = a.fields if a.fields is not None else b.fields
        fields = dict(one) if one else None
    const = a.const if a.const == b.const and type(a.const) is type(b.const) else NOTHING
    return Value(
        labels,
        fields,
        const,
        a.kind if a.kind == b.kind else (a.kind or b.kind),
        _common_prefix(a.prefix, b.prefix),
        a.qual if a.qual == b.qual else "",
    )


def join_all(values: Iterable[Value]) -> Value:
    result: Value | None = None
    for value in values:
        result = value if result is None else join(result, value)
    return result if result is not None else CLEAN


def _common_prefix(a: str, b: str) -> str:
    if a == b:
        return a
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return a[:size]


def all_labels(value: Value, depth: int = 0) -> tuple[Label, ...]:
    """Every label of the value and of what it contains."""
    if not value.fields or depth >= MAX_DEPTH:
        return value.labels
    labels = value.labels
    for item in value.fields.values():
        if item.labels or item.fields:
            labels = merge_labels(labels, all_labels(item, depth + 1))
    return labels


def carried(value: Value) -> Value:
    """A plain value carrying every label of `value` (for results of opaque operations)."""
    labels = all_labels(value)
    return Value(labels) if labels else CLEAN


def get_item(value: Value, key: str | None) -> Value:
    """`value[key]` (an attribute when key starts with '.'); None for an unknown key. A
    container built by a comprehension keeps its elements under the key '[]'."""
    fields = value.fields
    if fields is not None and key is not None and key in fields:
        return fields[key]
    step_key = key if key is not None else "[]"
    labels = tuple(
        Label(label.origin.extended(step_key), label.steps, label.cleared) for label in value.labels
    )
    if fields:
        element = fields.get("[]")
        if element is not None and (key is None or key.startswith("#")):
            labels = merge_labels(all_labels(element), labels)
        elif key is None:
            labels = merge_labels(labels, all_labels(Value(fields=fields)))
    kind = value.kind if value.kind == "mongo" else ""
    return Value(labels, kind=kind) if labels or kind else CLEAN


def get_path(value: Value, path: tuple[str, ...]) -> Value:
    for key in path:
        value = get_item(value, None if key == "[]" else key)
        if not value.labels and not value.fields:
            return value
    return value


def textual(labels: tuple[Label, ...]) -> tuple[Label, ...]:
    """The labels of a string built from these values: no longer structured data."""
    if not any(STRUCTURED in label.cleared for label in labels):
        return labels
    return tuple(
        Label(lb.origin, lb.steps, lb.cleared - {STRUCTURED}) if STRUCTURED in lb.cleared else lb
        for lb in labels
    )


def with_field(value: Value, key: str, item: Value) -> Value:
    fields = dict(value.fields) if value.fields else {}
    if key not in fields and len(fields) >= MAX_FIELDS:
        labels = merge_labels(value.labels, all_labels(item))
        return value._replace(labels=labels, const=NOTHING)
    fields[key] = item
    return value._replace(fields=fields, const=NOTHING)


def bounded_fields(
    fields: Mapping[str, Value], labels: tuple[Label, ...]
) -> tuple[Mapping[str, Value], tuple[Label, ...]]:
    """At most MAX_FIELDS fields; the taint of the others joins the value's own labels."""
    if len(fields) <= MAX_FIELDS:
        return fields, labels
    kept = dict(list(fields.items())[:MAX_FIELDS])
    for key in list(fields)[MAX_FIELDS:]:
        item = fields[key]
        if item.labels or item.fields:
            labels = merge_labels(labels, all_labels(item))
    return kept, labels


def with_step(value: Value, step: TraceStep, depth: int = 0) -> Value:
    labels = tuple(label.with_step(step) for label in value.labels)
    fields = value.fields
    if fields and depth < MAX_DEPTH and any(v.tainted for v in fields.values()):
        fields = {k: with_step(v, step, depth + 1) if v.tainted else v for k, v in fields.items()}
    return value._replace(labels=labels, fields=fields)


def cleared(value: Value, categories: frozenset[str]) -> Value:
    """The value made safe for `categories` (ALL: for everything)."""
    if ALL in categories:
        return value._replace(labels=(), fields=None)
    labels = tuple(label._replace(cleared=label.cleared | categories) for label in value.labels)
    fields = value.fields
    if fields:
        fields = {k: cleared(v, categories) for k, v in fields.items()}
    return value._replace(labels=labels, fields=fields)


LabelMap = Callable[[Label], tuple[Label, ...]]


def map_labels(value: Value, mapping: LabelMap, depth: int = 0) -> Value:
    """The value with every label replaced by `mapping(label)` (summary instantiation)."""
    labels: tuple[Label, ...] = ()
    for label in value.labels:
        labels = merge_labels(labels, mapping(label))
    fields = value.fields
    if fields and depth < MAX_DEPTH:
        fields = {
            k: map_labels(v, mapping, depth + 1) if v.labels or v.fields else v
            for k, v in fields.items()
        }
    return value._replace(labels=labels, fields=fields)


def path_text(root: str, path: tuple[str, ...]) -> str:
    """`event['Records'][*]['s3']` for ('Records', '[]', 's3')."""
    parts = [root]
    for key in path:
        if key == "[]":
            parts.append("[*]")
        elif key.startswith("."):
            parts.append(key)
        elif key.startswith("#"):
            parts.append(f"[{key[1:]}]")
        else:
            parts.append(f"[{key!r}]")
    return "".join(parts)


__all__ = [
    "ALL",
    "CLEAN",
    "NOTHING",
    "STRUCTURED",
    "Label",
    "LabelMap",
    "Origin",
    "OriginKind",
    "Value",
    "all_labels",
    "bounded_fields",
    "carried",
    "cleared",
    "constant",
    "get_item",
    "get_path",
    "join",
    "join_all",
    "labelled",
    "map_labels",
    "merge_labels",
    "path_text",
    "textual",
    "with_field",
    "with_step",
]
