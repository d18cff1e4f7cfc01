"""boto3 as the analysis sees it: sessions, clients and their methods, paginators, waiters,
presigned URLs and the S3 transfer helpers.

`Sdk.construct` handles calls of external names (``boto3.client("s3")``); `Sdk.method` calls
of methods on SDK objects. Both return the abstract result (a client, a helper, or anything)
and, when a :class:`Site` is given, record the :class:`SdkCall` the call site makes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from faasguard.core.location import Location
from faasguard.iam.infer.callmap import CallMap
from faasguard.iam.infer.calls import Args, OpCall, SdkCall
from faasguard.iam.infer.values import (
    ANY,
    Client,
    DictV,
    Helper,
    ServiceResource,
    Session,
    Value,
    Values,
    join,
    one,
    strings,
)

CREDENTIAL_ARGS = frozenset(
    {"aws_access_key_id", "aws_secret_access_key", "aws_session_token", "profile_name"}
)
_CLIENT = frozenset({"boto3.client", "boto3.session.Session.client"})
_RESOURCE = frozenset({"boto3.resource"})
_SESSIONS = frozenset(
    {"boto3.Session", "boto3.session.Session", "aioboto3.Session", "aioboto3.session.Session"}
)
_BOTOCORE_SESSIONS = frozenset({"botocore.session.get_session", "aiobotocore.session.get_session"})
_TRANSFER = frozenset({"boto3.s3.transfer.S3Transfer", "s3transfer.S3Transfer"})
_NO_OPS = frozenset({"can_paginate", "close", "get_waiter", "get_paginator", "exceptions"})


@dataclass(frozen=True, slots=True)
class Site:
    scope: str
    location: Location


Record = Callable[[SdkCall], None]


def literal_text(values: Values | None) -> str | None:
    """The one literal string the values stand for, else None."""
    texts = {s.literal() for s in strings(values or frozenset())}
    if len(texts) == 1 and None not in texts and len(values or ()) == 1:
        return next(iter(texts))
    return None


def _creds(args: Args) -> bool:
    return any(name in CREDENTIAL_ARGS for name, _ in args.keywords)


class Sdk:
    def __init__(self, cmap: CallMap, record: Record) -> None:
        self.cmap = cmap
        self.record = record

    # ------------------------------------------------------------------ constructors
    def construct(self, path: str, args: Args, site: Site | None) -> Values | None:
        if path in _CLIENT:
            return one(Client(literal_text(args.get(0, "service_name")), _creds(args)))
        if path in _RESOURCE:
            return one(ServiceResource(literal_text(args.get(0, "service_name")), _creds(args)))
        if path in _SESSIONS:
            return one(Session(_creds(args)))
        if path in _BOTOCORE_SESSIONS:
            return one(Session(False, "botocore"))
        if path in _TRANSFER:
            return one(Helper("transfer", _first(args.get(0, "client")), "S3Transfer"))
        return None

    # ------------------------------------------------------------------ methods
    def method(self, owner: Value, name: str, args: Args, site: Site | None) -> Values | None:
        if isinstance(owner, Session):
            return self._session(owner, name, args)
        if isinstance(owner, Client):
            return self._client(owner, name, args, site)
        if isinstance(owner, Helper) and owner.kind in ("paginator", "waiter"):
            if name in ("paginate", "wait") and isinstance(owner.owner, Client):
                client = owner.owner
                label = f"{client.service}.get_{owner.kind}('{owner.name}').{name}"
                self._ops(client, [owner.name], args.named(), args.open, label, site)
            return ANY
        if isinstance(owner, Helper) and owner.kind == "transfer":
            return self._transfer(owner, name, args, site)
        return None

    def _session(self, session: Session, name: str, args: Args) -> Values | None:
        service = literal_text(args.get(0, "service_name"))
        creds = session.creds or _creds(args)
        if name in ("client", "create_client"):
            return one(Client(service, creds))
        if name == "resource" and session.flavour == "boto3":
            return one(ServiceResource(service, creds))
        return None

    def _client(self, client: Client, name: str, args: Args, site: Site | None) -> Values:
        label = f"{client.service or '?'}.{name}"
        spec = self.cmap.service(client.service) if client.service else None
        if spec is None:
            if site is not None and name not in _NO_OPS:
                why = (
                    "the service name is computed" if client.service is None else "unknown service"
                )
                self.record(
                    SdkCall(site.scope, site.location, label, creds=client.creds, problem=why)
                )
            return ANY
        if name in ("get_paginator", "get_waiter"):
            wanted = literal_text(
                args.get(0, "operation_name" if name[4] == "p" else "waiter_name")
            )
            table = spec.methods if name == "get_paginator" else spec.waiters
            return one(Helper(name[4:], client, table.get(wanted or "", "")))
        if name == "generate_presigned_url":
            return self._presign(client, args, label, site)
        if name == "generate_presigned_post":
            posted = _positional(["Bucket", "Key"], args)
            self._ops(client, ["PutObject"], posted, args.open, label, site)
            return ANY
        helper = self.cmap.helpers["client"].get(spec.name, {}).get(name)
        if helper is not None:
            self._ops(
                client, helper["ops"], _positional(helper["args"], args), args.open, label, site
            )
            return ANY
        op = spec.operation(name)
        if op is None:
            if site is not None and name not in _NO_OPS:
                problem = f"{spec.name} has no operation {name}"
                self.record(
                    SdkCall(site.scope, site.location, label, creds=client.creds, problem=problem)
                )
            return ANY
        self._ops(client, [op], args.named(), args.open, label, site)
        return ANY

    def _presign(self, client: Client, args: Args, label: str, site: Site | None) -> Values:
        method = literal_text(args.get(0, "ClientMethod"))
        spec = self.cmap.service(client.service or "")
        op = spec.operation(method or "") if spec else None
        if op is None:
            if site is not None:
                why = (
                    "the presigned method is computed"
                    if method is None
                    else f"no operation {method}"
                )
                self.record(
                    SdkCall(site.scope, site.location, label, creds=client.creds, problem=why)
                )
            return ANY
        params: dict[str, Values] = {}
        opened = args.open
        for value in args.get(1, "Params") or ():
            if isinstance(value, DictV):
                for key in value.names():
                    text = key.literal() if key is not None else None
                    found = value.get(text) if text else None
                    if text and found is not None:
                        params[text] = join(params.get(text, frozenset()), found)
                opened = opened or value.open
            else:
                opened = True
        self._ops(client, [op], params, opened, f"{label}('{method}')", site)
        return ANY

    def _transfer(self, owner: Helper, name: str, args: Args, site: Site | None) -> Values:
        spec = self.cmap.helpers["transfer"]["S3Transfer"].get(name)
        client = owner.owner if isinstance(owner.owner, Client) else Client("s3")
        if spec is None:
            return ANY
        params = _positional(spec["args"], args)
        for keyword, param in spec["kwargs"].items():
            found = args.get(None, keyword)
            if found is not None:
                params[param] = found
        self._ops(client, spec["ops"], params, args.open, f"S3Transfer.{name}", site)
        return ANY

    def _ops(
        self,
        client: Client,
        ops: list[str],
        params: dict[str, Values],
        opened: bool,
        label: str,
        site: Site | None,
    ) -> None:
        if site is None or client.service is None:
            return
        if not all(ops):
            problem = "the paginated or awaited operation is computed"
            self.record(
                SdkCall(site.scope, site.location, label, creds=client.creds, problem=problem)
            )
            return
        record_ops(self.record, client.service, ops, params, opened, label, site, client.creds)


def record_ops(
    record: Record,
    service: str,
    ops: list[str],
    params: dict[str, Values],
    opened: bool,
    label: str,
    site: Site,
    creds: bool = False,
) -> None:
    """Record one call site sending `ops` of `service` with `params`."""
    merged = tuple(sorted(extra_args(params).items()))
    calls = tuple(OpCall(service, op, merged, opened) for op in ops)
    record(SdkCall(site.scope, site.location, label, calls, creds))


def _first(values: Values | None) -> Value:
    for value in values or ():
        if isinstance(value, Client):
            return value
    return Client("s3")


def _positional(names: list[str], args: Args) -> dict[str, Values]:
    params: dict[str, Values] = {}
    for position, name in enumerate(names):
        found = args.get(position, name)
        if found is not None:
            params[name] = found
    return params


def extra_args(params: dict[str, Values]) -> dict[str, Values]:
    """``ExtraArgs={"ACL": ...}`` of the transfer helpers are operation parameters."""
    extra = params.get("ExtraArgs")
    if extra is None:
        return params
    merged = {k: v for k, v in params.items() if k != "ExtraArgs"}
    for value in extra:
        if isinstance(value, DictV):
            for key, found in value.items:
                text = key.literal() if key is not None else None
                if text:
                    merged[text] = join(merged.get(text, frozenset()), found)
    return merged


__all__ = ["CREDENTIAL_ARGS", "Record", "Sdk", "Site", "extra_args", "literal_text", "record_ops"]
