"""Request parameters by path, as the call map names them: ``Key``, ``CopySource.Bucket``,
``TransactItems[].Put.TableName``, ``Names[]``; and the map's conditions on them."""

from __future__ import annotations

from dataclasses import dataclass

from faasguard.iam.infer.calls import OpCall
from faasguard.iam.infer.values import TOP, DictV, ListV, Str, Value, Values, one, strings


@dataclass(frozen=True, slots=True)
class Found:
    """What a path reaches: the leaf values, whether it surely exists, and whether some
    branch could not be followed (a value the analysis does not know)."""

    leaves: tuple[Values, ...]
    unknown: bool

    @property
    def present(self) -> bool:
        return bool(self.leaves)


def lookup(op: OpCall, path: str) -> Found:
    flat = op.param(path) or op.param(path.replace("[]", "[*]"))
    if flat is not None:
        return Found((flat,), False)
    segments = path.split(".")
    head = segments[0]
    first = op.param(head.removesuffix("[]"))
    if first is None:
        return Found((), op.open)
    current: list[Value] = list(first)
    unknown = False
    for index, segment in enumerate(segments):
        name, many = segment.removesuffix("[]"), segment.endswith("[]")
        if index > 0:
            current, lost = _children(current, name)
            unknown = unknown or lost
        if many:
            current, lost = _items(current)
            unknown = unknown or lost
    leaves = tuple(one(v) for v in current)
    return Found(leaves, unknown)


def _children(values: list[Value], name: str) -> tuple[list[Value], bool]:
    found: list[Value] = []
    unknown = False
    for value in values:
        if isinstance(value, DictV):
            item = value.get(name)
            if item is not None:
                found.extend(item)
            unknown = unknown or value.open or any(k is None for k in value.names())
        elif isinstance(value, Str) and name in ("Bucket", "Key"):
            found.extend(_copy_source(value, name))
        else:
            unknown = True
    return found, unknown


def _items(values: list[Value]) -> tuple[list[Value], bool]:
    found: list[Value] = []
    unknown = False
    for value in values:
        if isinstance(value, ListV):
            for item in value.items:
                found.extend(item)
        elif isinstance(value, Str):
            found.append(value)  # a single value where a list is allowed
        else:
            unknown = True
    return found, unknown


def _copy_source(value: Str, name: str) -> list[Value]:
    """``CopySource="bucket/key"`` (a string) split like boto3 does."""
    first = value.parts[0] if value.parts else None
    if not isinstance(first, str) or "/" not in first:
        return [TOP] if name == "Bucket" else [Str.of("*")]
    bucket, _, rest = first.partition("/")
    if name == "Bucket":
        return [Str.of(bucket)]
    return [Str((rest, *value.parts[1:]))]


def keys(op: OpCall, path: str) -> Found:
    """The keys of a dict parameter (``RequestItems`` of BatchWriteItem: the table names)."""
    found = lookup(op, path)
    leaves: list[Values] = []
    unknown = found.unknown
    for values in found.leaves:
        for value in values:
            if isinstance(value, DictV):
                leaves.extend(one(k) for k in value.names() if k is not None)
                unknown = unknown or value.open or any(k is None for k in value.names())
            else:
                unknown = True
    return Found(tuple(leaves), unknown)


def condition(op: OpCall, conditions: tuple[tuple[str, ...], ...]) -> bool | None:
    """Whether all conditions hold: True, False, or None when it cannot be told."""
    result: bool | None = True
    for entry in conditions:
        verdict = _one(op, entry)
        if verdict is False:
            return False
        if verdict is None:
            result = None
    return result


def _one(op: OpCall, entry: tuple[str, ...]) -> bool | None:
    path, operator = entry[0], entry[1]
    if operator == "unknown":
        return None
    found = lookup(op, path)
    if operator in ("exists", "absent"):
        exists: bool | None = True if found.present else (None if found.unknown else False)
        if exists is None:
            return None
        return exists if operator == "exists" else not exists
    expected = entry[2] if len(entry) > 2 else ""
    texts = [s.literal() for values in found.leaves for s in strings(values)]
    if not found.present or None in texts or found.unknown:
        return None
    known = [t for t in texts if t is not None]
    if operator == "equals":
        return any(t == expected for t in known)
    if operator == "not-equals":
        return any(t != expected for t in known)
    if operator == "icontains":
        return any(expected.lower() in t.lower() for t in known)
    return None


__all__ = ["Found", "condition", "keys", "lookup"]
