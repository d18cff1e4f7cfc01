"""boto3's resource API as the analysis sees it, from boto3's own resource models.

``boto3.resource("dynamodb").Table(name)`` is a :class:`ResourceObj` with identifier ``name``;
its actions (``put_item``), sub-resources (``Bucket(b).Object(k)``), collections
(``bucket.objects.filter(Prefix=p)``), waiters, ``load``/``reload`` and the attributes that
load it lazily (``table.item_count``) send the operations the model names, with the
identifiers filled in. ``batch_writer()`` sends BatchWriteItem; ``upload_file`` and friends on
Bucket and Object send the transfer manager's operations.
"""

from __future__ import annotations

import re
from typing import Any

from faasguard.iam.infer.callmap import CallMap
from faasguard.iam.infer.calls import Args
from faasguard.iam.infer.sdk import Record, Site, record_ops
from faasguard.iam.infer.values import (
    ANY,
    TOP,
    Client,
    Const,
    DictV,
    Helper,
    ResourceObj,
    ServiceResource,
    Str,
    Value,
    Values,
    one,
)

JSON = dict[str, Any]
_COLLECTION_CALLS = frozenset({"all", "filter", "limit", "page_size", "pages"})


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


class ResourceApi:
    def __init__(self, cmap: CallMap, record: Record) -> None:
        self.cmap = cmap
        self.record = record

    def _model(self, service: str | None) -> JSON | None:
        if service is None:
            return None
        found: JSON | None = self.cmap.resources.get(service)
        return found

    def _type(self, obj: ResourceObj) -> JSON:
        model = self._model(obj.service) or {}
        found: JSON = model.get("types", {}).get(obj.rtype, {})
        return found

    # ------------------------------------------------------------------ calls
    def method(self, owner: Value, name: str, args: Args, site: Site | None) -> Values | None:
        if isinstance(owner, ServiceResource):
            return self._service(owner, name, args, site)
        if isinstance(owner, ResourceObj):
            return self._object(owner, name, args, site)
        if isinstance(owner, Helper) and owner.kind == "collection":
            return self._collection(owner, name, args, site)
        if isinstance(owner, Helper) and owner.kind == "batch_writer":
            if name in ("put_item", "delete_item") and isinstance(owner.owner, ResourceObj):
                table = owner.owner
                names = [v for v in table.ids[0] if isinstance(v, Str)] if table.ids else []
                items = DictV(tuple((n, ANY) for n in names), open=len(names) != len(table.ids[0]))
                params = {"RequestItems": one(items)} if names else {}
                self._send(
                    table.service, ["BatchWriteItem"], params, not names, site, "batch_writer"
                )
            return ANY
        return None

    def _service(
        self, owner: ServiceResource, name: str, args: Args, site: Site | None
    ) -> Values | None:
        model = self._model(owner.service)
        if model is None or owner.service is None:
            return None
        block = model["service"]
        if name in model["types"]:  # every resource type is built from the service resource
            names = model["types"][name].get("ids", [])
            ids = tuple(args.get(i, snake(n)) or ANY for i, n in enumerate(names))
            return one(ResourceObj(owner.service, name, ids, owner.creds))
        action = block.get("actions", {}).get(name)
        if action is not None:
            params = {**_model_params(action["params"], (), ()), **args.named()}
            self._send(owner.service, [action["op"]], params, args.open, site, name, owner.creds)
            return _returned(owner.service, action, params, owner.creds)
        if name in block.get("many", {}):
            return one(Helper("collection", owner, name))
        return None

    def _object(self, obj: ResourceObj, name: str, args: Args, site: Site | None) -> Values | None:
        spec = self._type(obj)
        label = f"{obj.rtype}.{name}"
        action = spec.get("actions", {}).get(name)
        if action is not None:
            params = {**self._params(obj, action["params"]), **args.named()}
            self._send(obj.service, [action["op"]], params, args.open, site, label, obj.creds)
            return _returned(obj.service, action, params, obj.creds, obj)
        if name in spec.get("has", {}):
            return one(self._sub(obj, spec["has"][name], args))
        if name in spec.get("many", {}):
            return one(Helper("collection", obj, name))
        waiter = spec.get("waiters", {}).get(name)
        if waiter is not None:
            params = self._params(obj, waiter["params"])
            self._send(obj.service, [waiter["op"]], params, False, site, label, obj.creds)
            return ANY
        if name in ("load", "reload") and "load" in spec:
            self.load(obj, site, label)
            return ANY
        if name == "batch_writer" and obj.rtype == "Table":
            return one(Helper("batch_writer", obj, "BatchWriteItem"))
        helper = self.cmap.helpers["resource"].get(obj.service, {}).get(obj.rtype, {}).get(name)
        if helper is not None:
            return self._transfer(obj, helper, args, site, label)
        return None

    def _transfer(
        self, obj: ResourceObj, helper: JSON, args: Args, site: Site | None, label: str
    ) -> Values:
        params: dict[str, Values] = {}
        for param, index in helper["ids"].items():
            if index < len(obj.ids):
                params[param] = obj.ids[index]
        for position, pname in enumerate(helper["args"]):
            found = args.get(position, pname)
            if found is not None:
                params[pname] = found
        self._send(obj.service, helper["ops"], params, args.open, site, label, obj.creds)
        return ANY

    def _collection(self, coll: Helper, name: str, args: Args, site: Site | None) -> Values:
        if name in _COLLECTION_CALLS:
            merged = dict(coll.params)
            merged.update(args.named())
            found = Helper("collection", coll.owner, coll.name, tuple(sorted(merged.items())))
            if name in ("all", "filter", "pages"):
                self._list(found, site)
            return one(found)
        element = self._element(coll)
        if element is not None:
            batch = self._type(element).get("batch", {}).get(name)
            if batch is not None:
                self._list(coll, site)
                params = self._params(element, batch["params"])
                self._send(element.service, [batch["op"]], params, False, site, name)
        return ANY

    # ------------------------------------------------------------------ attributes
    def attribute(self, owner: Value, name: str, site: Site | None) -> Values | None:
        if isinstance(owner, ServiceResource | ResourceObj) and name == "meta":
            return one(Helper("meta", owner, ""))
        if isinstance(owner, Helper) and owner.kind == "meta" and name == "client":
            inner = owner.owner
            if isinstance(inner, ServiceResource | ResourceObj):
                return one(Client(inner.service, inner.creds))
            return None
        if isinstance(owner, ServiceResource) and self._model(owner.service):
            many = self._model(owner.service)
            if many and name in many["service"].get("many", {}):
                return one(Helper("collection", owner, name))
            return None
        if not isinstance(owner, ResourceObj):
            return None
        spec = self._type(owner)
        ids = [snake(i) for i in spec.get("ids", [])]
        if name in ids:
            position = ids.index(name)
            return owner.ids[position] if position < len(owner.ids) else ANY
        if name in spec.get("many", {}):
            return one(Helper("collection", owner, name))
        if name in spec.get("attrs", ()):
            self.load(owner, site, f"{owner.rtype}.{name}")
            return ANY
        return None

    def iterate(self, owner: Value) -> Values | None:
        if isinstance(owner, Helper) and owner.kind == "collection":
            element = self._element(owner)
            return one(element) if element is not None else ANY
        return None

    def load(self, obj: ResourceObj, site: Site | None, label: str) -> None:
        load = self._type(obj).get("load")
        if load is not None:
            params = self._params(obj, load["params"])
            self._send(obj.service, [load["op"]], params, False, site, label, obj.creds)

    # ------------------------------------------------------------------ helpers
    def _list(self, coll: Helper, site: Site | None) -> None:
        owner = coll.owner
        if isinstance(owner, ResourceObj):
            many = self._type(owner).get("many", {}).get(coll.name)
            service, creds = owner.service, owner.creds
            base = self._params(owner, many["params"]) if many else {}
        elif isinstance(owner, ServiceResource) and owner.service:
            model = self._model(owner.service) or {}
            many = model.get("service", {}).get("many", {}).get(coll.name)
            service, creds, base = owner.service, owner.creds, {}
        else:
            return
        if many is not None:
            params = {**base, **dict(coll.params)}
            self._send(service, [many["op"]], params, False, site, coll.name, creds)

    def _element(self, coll: Helper) -> ResourceObj | None:
        owner = coll.owner
        if isinstance(owner, ResourceObj):
            many = self._type(owner).get("many", {}).get(coll.name)
            parent_ids = self._named_ids(owner)
            service = owner.service
        elif isinstance(owner, ServiceResource) and owner.service:
            model = self._model(owner.service) or {}
            many = model.get("service", {}).get("many", {}).get(coll.name)
            parent_ids, service = {}, owner.service
        else:
            return None
        if many is None or "returns" not in many:
            return None
        target = many["returns"]
        ids = tuple(
            parent_ids.get(value, ANY) if source == "identifier" else ANY
            for _, source, value in target["ids"]
        )
        return ResourceObj(service, target["type"], ids, getattr(owner, "creds", False))

    def _sub(self, obj: ResourceObj, sub: JSON, args: Args) -> ResourceObj:
        parent = self._named_ids(obj)
        ids: list[Values] = []
        position = 0
        for target, source, value in sub["ids"]:
            if source == "identifier":
                ids.append(parent.get(value, ANY))
            else:
                ids.append(args.get(position, snake(target)) or ANY)
                position += 1
        return ResourceObj(obj.service, sub["type"], tuple(ids), obj.creds)

    def _named_ids(self, obj: ResourceObj) -> dict[str, Values]:
        names = self._type(obj).get("ids", [])
        return {name: obj.ids[i] for i, name in enumerate(names) if i < len(obj.ids)}

    def _params(self, obj: ResourceObj, params: list[list[Any]]) -> dict[str, Values]:
        names = self._type(obj).get("ids", [])
        return _model_params(params, tuple(names), obj.ids)

    def _send(
        self,
        service: str,
        ops: list[str],
        params: dict[str, Values],
        opened: bool,
        site: Site | None,
        label: str,
        creds: bool = False,
    ) -> None:
        if site is not None:
            record_ops(self.record, service, ops, params, opened, label, site, creds)


def _model_params(
    params: list[list[Any]], names: tuple[str, ...], ids: tuple[Values, ...]
) -> dict[str, Values]:
    out: dict[str, Values] = {}
    for target, source, value in params:
        if source == "identifier" and value in names:
            position = names.index(value)
            out[target] = ids[position] if position < len(ids) else ANY
        elif source == "string":
            out[target] = one(Str.of(str(value)))
        elif source in ("integer", "boolean"):
            out[target] = one(Const(value))
        else:
            out[target] = frozenset({TOP})
    return out


def _returned(
    service: str,
    action: JSON,
    params: dict[str, Values],
    creds: bool,
    parent: ResourceObj | None = None,
) -> Values:
    """The resource an action returns when its identifiers come from the request or parent."""
    target = action.get("returns")
    if target is None:
        return ANY
    ids: list[Values] = []
    for _, source, value in target["ids"]:
        if source == "requestParameter":
            ids.append(params.get(value, ANY))
        elif source == "identifier" and parent is not None:
            ids.append(parent.ids[0] if parent.ids else ANY)
        else:
            ids.append(ANY)
    return one(ResourceObj(service, target["type"], tuple(ids), creds))


__all__ = ["ResourceApi", "snake"]
