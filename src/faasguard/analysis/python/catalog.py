"""Sources, sinks, sanitisers and tracked object kinds, read from ``faasguard/data/taint/``.

The analysis holds no list of APIs in code: everything it recognises by name is data, documented
entry by entry in the JSON files, and loaded once per process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib import resources
from typing import Any


class When(str, Enum):
    """Conditions that tell a sink's unsafe variant from its safe one (see sinks.json)."""

    ALWAYS = ""
    SHELL = "shell"
    YAML_LOADER = "yaml_loader"
    UNSAFE_PARSER = "unsafe_parser"
    KWARG_TRUE = "kwarg_true"
    KWARG_FALSE = "kwarg_false"
    VULNERABLE_PATTERN = "vulnerable_pattern"
    MONGO_QUERY = "mongo_query"
    SENSITIVE = "sensitive"
    TAR_UNFILTERED = "tar_unfiltered"
    URL_HOST = "url_host"


class Risk(str, Enum):
    UNTRUSTED = "untrusted"
    LOW = "low"
    SECOND_ORDER = "second-order"
    TRUSTED = "trusted"


@dataclass(frozen=True, slots=True)
class SinkSpec:
    id: str
    rule: str
    label: str
    args: tuple[int, ...] = ()
    kwargs: frozenset[str] = frozenset()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    positional: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    receiver_kinds: frozenset[str] = frozenset()
    receiver_names: frozenset[str] = frozenset()
    receiver: bool = False
    all_kwargs: bool = False
    when: When = When.ALWAYS
    kwarg: str = ""
    parser_arg: int = -1
    pattern_arg: int = -1
    exclude_channels: frozenset[str] = frozenset()

    def positions(self, method: str) -> tuple[int, ...]:
        return self.positional.get(method, self.args)


@dataclass(frozen=True, slots=True)
class EventField:
    path: tuple[str, ...]
    field: str
    channel: str
    risk: Risk
    triggers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A request object or route argument: what it is called and how far it can be trusted."""

    field: str
    channel: str = "http"
    risk: Risk = Risk.UNTRUSTED
    whole: bool = False  # the first argument is the whole event (Chalice/Azure/GCP handlers)
    typed: bool = False  # arguments with safe annotations are validated (FastAPI)


@dataclass(frozen=True, slots=True)
class Catalog:
    sinks_by_call: Mapping[str, tuple[SinkSpec, ...]]
    sinks_by_method: Mapping[str, tuple[SinkSpec, ...]]
    event_fields: tuple[EventField, ...]  # longest path first
    globals: Mapping[str, SourceSpec]
    object_attributes: Mapping[tuple[str, str], SourceSpec]
    route_decorators: Mapping[tuple[str, str], SourceSpec]
    typed_params: Mapping[str, SourceSpec]
    accessors: frozenset[str]
    second_order: Mapping[str, str]
    whole_paths: frozenset[tuple[str, ...]]
    sensitive_words: frozenset[str]
    clean_calls: frozenset[str]
    clean_methods: frozenset[str]
    partial: Mapping[str, frozenset[str]]
    partial_attributes: Mapping[str, tuple[frozenset[str], frozenset[str]]]
    normalisers: frozenset[str]
    validator_calls: Mapping[str, tuple[int, tuple[str, ...]]]
    model_validators: frozenset[str]
    validating_decorators: frozenset[str]
    safe_loaders: frozenset[str]
    safe_types: frozenset[str]
    constructors: Mapping[str, str]
    unsafe_parser_kwargs: Mapping[str, Mapping[str, bool]]
    sax_unsafe_features: frozenset[str]

    def event_field(self, path: tuple[str, ...]) -> EventField:
        """The most specific documented field for a path into an event."""
        for entry in self.event_fields:
            size = len(entry.path)
            if path[:size] == entry.path:
                return entry
        return self.event_fields[-1]


def _read(name: str) -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "taint" / name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _sink(raw: Mapping[str, Any]) -> SinkSpec:
    return SinkSpec(
        id=raw["id"],
        rule=raw["rule"],
        label=raw["label"],
        args=tuple(raw.get("args", ())),
        kwargs=frozenset(raw.get("kwargs", ())),
        fields={k: tuple(v) for k, v in raw.get("fields", {}).items()},
        positional={k: tuple(v) for k, v in raw.get("positional", {}).items()},
        receiver_kinds=frozenset(raw.get("receiver_kinds", ())),
        receiver_names=frozenset(raw.get("receiver_names", ())),
        receiver=bool(raw.get("receiver", False)),
        all_kwargs=bool(raw.get("all_kwargs", False)),
        when=When(raw.get("when", "")),
        kwarg=raw.get("kwarg", ""),
        parser_arg=int(raw.get("parser_arg", -1)),
        pattern_arg=int(raw.get("pattern_arg", -1)),
        exclude_channels=frozenset(raw.get("exclude_channels", ())),
    )


def _index(sinks: list[SinkSpec], raw: list[Mapping[str, Any]], key: str) -> dict[str, Any]:
    out: dict[str, list[SinkSpec]] = {}
    for spec, entry in zip(sinks, raw, strict=True):
        for name in entry.get(key, ()):
            out.setdefault(name, []).append(spec)
    return {k: tuple(v) for k, v in out.items()}


def _source(raw: Mapping[str, Any]) -> SourceSpec:
    return SourceSpec(
        field=raw["field"],
        channel=raw.get("channel", "http"),
        risk=Risk(raw.get("risk", "untrusted")),
        whole=bool(raw.get("whole", False)),
        typed=bool(raw.get("typed", False)),
    )


def _sources(data: Mapping[str, Any]) -> dict[str, Any]:
    routes = {
        (entry["kind"], method): _source(entry)
        for entry in data["route_decorators"]
        for method in entry["methods"]
    }
    typed = {
        name: _source(entry) for entry in data["typed_parameters"] for name in entry["annotation"]
    }
    return {
        "globals": {entry["name"]: _source(entry) for entry in data["globals"]},
        "object_attributes": {
            (entry["kind"], entry["attribute"]): _source(entry)
            for entry in data["object_attributes"]
        },
        "route_decorators": routes,
        "typed_params": typed,
        "accessors": frozenset(data["accessors"]),
        "second_order": {m: e["field"] for e in data["second_order"] for m in e["methods"]},
        "whole_paths": frozenset(tuple(p) for p in data["whole_paths"]),
        "sensitive_words": frozenset(data["sensitive_words"]),
    }


def _sanitisers(data: Mapping[str, Any]) -> dict[str, Any]:
    partial = {
        name: frozenset(entry["categories"]) for entry in data["partial"] for name in entry["calls"]
    }
    attributes = {
        entry["attribute"]: (frozenset(entry["receiver_kinds"]), frozenset(entry["categories"]))
        for entry in data["partial_attributes"]
    }
    calls: dict[str, tuple[int, tuple[str, ...]]] = {}
    models: set[str] = set()
    for entry in data["validators"]:
        if entry.get("returns_model"):
            models.update(entry["calls"])
            continue
        kwargs = tuple(k for k in (entry.get("kwarg"), entry.get("kwarg_alt")) if k)
        for name in entry["calls"]:
            calls[name] = (int(entry.get("arg", 0)), kwargs)
    return {
        "clean_calls": frozenset(data["clean_calls"]),
        "clean_methods": frozenset(data["clean_methods"]),
        "partial": partial,
        "partial_attributes": attributes,
        "normalisers": frozenset(data["normalisers"]),
        "validator_calls": calls,
        "model_validators": frozenset(models),
        "validating_decorators": frozenset(data["validating_decorators"]),
        "safe_loaders": frozenset(data["safe_loaders"]),
        "safe_types": frozenset(data["safe_types"]),
    }


def _objects(data: Mapping[str, Any]) -> dict[str, Any]:
    constructors = {
        name: entry["kind"] for entry in data["constructors"] for name in entry["calls"]
    }
    unsafe = {
        name: dict(entry["unsafe_kwargs"])
        for entry in data["constructors"]
        if "unsafe_kwargs" in entry
        for name in entry["calls"]
    }
    return {
        "constructors": constructors,
        "unsafe_parser_kwargs": unsafe,
        "sax_unsafe_features": frozenset(data["sax_unsafe_features"]),
    }


def _fields(data: Mapping[str, Any]) -> tuple[EventField, ...]:
    fields = [
        EventField(
            path=tuple(entry["path"]),
            field=entry["field"],
            channel=entry["channel"],
            risk=Risk(entry["risk"]),
            triggers=tuple(entry.get("triggers", ())),
        )
        for entry in data["fields"]
    ]
    return tuple(sorted(fields, key=lambda f: -len(f.path)))


@cache
def catalog() -> Catalog:
    raw_sinks = _read("sinks.json")["sinks"]
    sinks = [_sink(entry) for entry in raw_sinks]
    return Catalog(
        sinks_by_call=_index(sinks, raw_sinks, "calls"),
        sinks_by_method=_index(sinks, raw_sinks, "methods"),
        event_fields=_fields(_read("events.json")),
        **_sources(_read("sources.json")),
        **_sanitisers(_read("sanitisers.json")),
        **_objects(_read("objects.json")),
    )


__all__ = ["Catalog", "EventField", "Risk", "SinkSpec", "SourceSpec", "When", "catalog"]
