"""What the IAM call map takes from botocore and boto3 as installed (build time only).

botocore's service models give every client method (snake_case) and its operation, the waiters
and the operations called without AWS credentials; boto3's resource models give the
resource-style API (``Table(name).put_item``, ``Bucket(b).objects.all()``). Both are Apache-2.0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

JSON = dict[str, Any]


def _loader() -> Any:
    import boto3
    import botocore.loaders

    loader = botocore.loaders.create_loader()
    loader.search_paths.append(str(Path(boto3.__file__).parent / "data"))
    return loader


def botocore_version() -> str:
    import botocore

    return f"botocore {botocore.__version__}, Apache-2.0"


def botocore_services() -> dict[str, JSON]:
    """boto3 service name -> operations by method name, waiters, unauthenticated operations."""
    from botocore import xform_name

    loader = _loader()
    services: dict[str, JSON] = {}
    for service in loader.list_available_services("service-2"):
        model = loader.load_service_model(service, "service-2")
        operations = model["operations"]
        entry: JSON = {
            "operations": {xform_name(op): op for op in sorted(operations)},
            "noauth": [
                op
                for op, spec in operations.items()
                if spec.get("authtype") == "none" or spec.get("auth") == ["smithy.api#noAuth"]
            ],
        }
        waiters = _waiters(loader, service)
        entry["waiters"] = {xform_name(name): w["operation"] for name, w in sorted(waiters.items())}
        services[service] = entry
    return services


def _waiters(loader: Any, service: str) -> JSON:
    from botocore.exceptions import DataNotFoundError, UnknownServiceError

    try:
        found: JSON = loader.load_service_model(service, "waiters-2")["waiters"]
    except (DataNotFoundError, UnknownServiceError):
        return {}
    return found


def _params(request: JSON) -> list[list[Any]]:
    out = []
    for param in request.get("params", []):
        source = param["source"]
        value = param.get("name") if source == "identifier" else param.get("value")
        out.append([param["target"], source, value])
    return out


def _target(spec: JSON) -> JSON | None:
    """The resource an action, sub-resource or collection returns: type and identifiers."""
    resource = spec.get("resource")
    if resource is None:
        return None
    ids = []
    for ident in resource.get("identifiers", []):
        source = ident["source"]
        value = ident.get("name") if source == "identifier" else ident.get("path")
        ids.append([ident["target"], source, value])
    return {"type": resource["type"], "ids": ids}


def _members(loader: Any, service: str, shape: str | None) -> list[str]:
    from botocore import xform_name

    if not shape:
        return []
    model = loader.load_service_model(service, "service-2")
    members = model["shapes"].get(shape, {}).get("members", {})
    return sorted(xform_name(m) for m in members)


def _block(spec: JSON) -> JSON:
    from botocore import xform_name

    out: JSON = {}
    for kind, key in (("actions", "actions"), ("batchActions", "batch")):
        for name, action in spec.get(kind, {}).items():
            request = action["request"]
            entry: JSON = {"op": request["operation"], "params": _params(request)}
            target = _target(action)
            if target and entry["op"] == "GetQueueUrl":
                # get_queue_by_name(QueueName=n): the queue is the one named n.
                target["ids"] = [["Url", "requestParameter", "QueueName"]]
            if target:
                entry["returns"] = target
            out.setdefault(key, {})[xform_name(name)] = entry
    for name, sub in spec.get("has", {}).items():
        target = _target(sub)
        if target:
            out.setdefault("has", {})[name] = target
    for name, many in spec.get("hasMany", {}).items():
        entry = {"op": many["request"]["operation"], "params": _params(many["request"])}
        target = _target(many)
        if target:
            entry["returns"] = target
        out.setdefault("many", {})[xform_name(name)] = entry
    return out


def resource_models() -> JSON:
    """boto3 resource models, reduced to what call discovery needs."""
    from botocore import xform_name

    loader = _loader()
    out: JSON = {}
    for service in loader.list_available_services("resources-1"):
        model = loader.load_service_model(service, "resources-1")
        waiters = _waiters(loader, service)
        types: JSON = {}
        for name, spec in model.get("resources", {}).items():
            entry = _block(spec)
            entry["ids"] = [i["name"] for i in spec.get("identifiers", [])]
            load = spec.get("load")
            if load:
                entry["load"] = {
                    "op": load["request"]["operation"],
                    "params": _params(load["request"]),
                }
                entry["attrs"] = _members(loader, service, spec.get("shape"))
            for wname, waiter in spec.get("waiters", {}).items():
                op = waiters.get(waiter["waiterName"], {}).get("operation")
                if op:
                    params = [[p["target"], p["source"], p.get("name")] for p in waiter["params"]]
                    entry.setdefault("waiters", {})[f"wait_until_{xform_name(wname)}"] = {
                        "op": op,
                        "params": params,
                    }
            types[name] = entry
        out[service] = {"service": _block(model.get("service", {})), "types": types}
    return out


__all__ = ["botocore_services", "botocore_version", "resource_models"]
