"""Powertools for AWS Lambda helpers that call AWS for the function: parameters and secrets,
AppConfig, idempotency tables, S3 streaming. The table lives in the call map (``powertools``):
each helper names the operations it sends and which argument fills which parameter.
"""

from __future__ import annotations

from typing import Any

from faasguard.iam.infer.callmap import CallMap
from faasguard.iam.infer.calls import Args
from faasguard.iam.infer.sdk import Record, Site, record_ops
from faasguard.iam.infer.values import ANY, DictV, Ext, Helper, ListV, Value, Values, one

JSON = dict[str, Any]


class Powertools:
    def __init__(self, cmap: CallMap, record: Record) -> None:
        self.table: JSON = cmap.powertools
        self.record = record

    def canonical(self, path: str) -> str:
        aliases: dict[str, str] = self.table.get("aliases", {})
        return aliases.get(path, path)

    def construct(self, path: str, args: Args, site: Site | None) -> Values | None:
        path = self.canonical(path)
        ops = self.table["functions"].get(path)
        if ops is not None:
            self._send(ops, args, {}, site, path.rsplit(".", 1)[-1])
            return ANY
        spec = self.table["classes"].get(path)
        if spec is None:
            return None
        kept: dict[str, Values] = {}
        for name, (position, keyword) in spec.get("init", {}).items():
            found = args.get(position, keyword)
            if found is not None:
                kept[name] = found
        if spec.get("on_init"):
            self._send(spec["on_init"], args, kept, site, path.rsplit(".", 1)[-1])
        return one(Helper("powertools", Ext(path), "", tuple(sorted(kept.items()))))

    def method(self, owner: Value, name: str, args: Args, site: Site | None) -> Values | None:
        if not (isinstance(owner, Helper) and owner.kind == "powertools"):
            return None
        assert isinstance(owner.owner, Ext)
        spec = self.table["classes"].get(owner.owner.path, {})
        ops = spec.get("methods", {}).get(name)
        if ops is None:
            return ANY
        label = f"{owner.owner.path.rsplit('.', 1)[-1]}.{name}"
        self._send(ops, args, dict(owner.params), site, label)
        return ANY

    def _send(
        self, ops: list[Any], args: Args, kept: dict[str, Values], site: Site | None, label: str
    ) -> None:
        if site is None:
            return
        for service, operation, mapping in ops:
            params: dict[str, Values] = {}
            for param, source in mapping.items():
                found = _source(source, args, kept)
                if found is not None:
                    params[param] = found
            record_ops(self.record, service, [operation], params, False, label, site)


def _source(source: Any, args: Args, kept: dict[str, Values]) -> Values | None:
    if isinstance(source, str) and source.startswith("@"):
        return kept.get(source[1:])
    if isinstance(source, dict) and "keys" in source:
        position, keyword = source["keys"]
        found = args.get(position, keyword)
        keys: list[Values] = []
        for value in found or ():
            if isinstance(value, DictV):
                keys.extend(one(k) for k in value.names() if k is not None)
        return one(ListV(tuple(keys))) if keys else None
    position, keyword = source
    return args.get(position, keyword)


__all__ = ["Powertools"]
