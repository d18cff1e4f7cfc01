"""Advisories in the compact form faasguard ships and caches, and the database over them.

An OSV record is reduced to what matching needs: id, aliases, the affected packages of the
ecosystems faasguard audits (ranges of type ECOSYSTEM/SEMVER and explicit version lists; GIT
ranges cannot be matched against a version and are dropped), severity, a short summary, and
the ``modified``/``withdrawn`` dates. The compact file is gzipped JSON::

    {"format": 1, "generated": "2024-10-10T00:00:00Z", "source": "...", "attribution": "...",
     "advisories": [{"id": ..., "aliases": [...], "summary": ..., "modified": ...,
                     "withdrawn": ..., "severity": {"level": "high", "score": 7.5, "vector": ...},
                     "affected": [{"ecosystem": "PyPI", "name": "requests",
                                   "ranges": [[["introduced", "0"], ["fixed", "2.31.0"]]],
                                   "versions": ["2.30.0", ...]}]}]}
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from faasguard.analysis.deps.model import Ecosystem, normalize_name
from faasguard.analysis.deps.severity import AdvisorySeverity, severity_of
from faasguard.core.enums import Severity

FORMAT = 1
SUMMARY_CHARS = 200
_ECOSYSTEMS = {e.value: e for e in Ecosystem}
_MATCHABLE_RANGES = frozenset({"ECOSYSTEM", "SEMVER"})


class EventKind(str, Enum):
    INTRODUCED = "introduced"
    FIXED = "fixed"
    LAST_AFFECTED = "last_affected"


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    version: str


@dataclass(frozen=True, slots=True)
class Affected:
    ecosystem: Ecosystem
    name: str  # normalised
    ranges: tuple[tuple[Event, ...], ...] = ()
    versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Advisory:
    id: str
    aliases: tuple[str, ...] = ()
    summary: str = ""
    modified: str = ""
    withdrawn: str | None = None
    severity: AdvisorySeverity | None = None
    affected: tuple[Affected, ...] = ()

    def affecting(self, ecosystem: Ecosystem, name: str) -> tuple[Affected, ...]:
        return tuple(a for a in self.affected if a.ecosystem is ecosystem and a.name == name)


class AdvisoryFormatError(ValueError):
    """A compact advisory file that is not one."""


def compact_record(osv: Mapping[str, Any]) -> dict[str, Any] | None:
    """The compact form of one OSV record; None when it affects no audited ecosystem or is
    not an OSV record."""
    ident = osv.get("id")
    if not isinstance(ident, str) or not ident:
        return None
    affected = [a for a in map(_compact_affected, osv.get("affected") or []) if a is not None]
    if not affected:
        return None
    record: dict[str, Any] = {
        "id": ident,
        "aliases": sorted({str(a) for a in osv.get("aliases") or [] if a and str(a) != ident}),
        "summary": _summary(osv),
        "modified": _iso(osv.get("modified")),
        "affected": affected,
    }
    if osv.get("withdrawn"):
        record["withdrawn"] = _iso(osv["withdrawn"])
    severity = severity_of(osv)
    if severity is not None:
        record["severity"] = {"level": severity.level.value}
        if severity.score is not None:
            record["severity"].update(score=severity.score, vector=severity.vector)
    return record


def _compact_affected(item: object) -> dict[str, Any] | None:
    if not isinstance(item, Mapping):
        return None
    package = item.get("package")
    if not isinstance(package, Mapping):
        return None
    ecosystem = _ECOSYSTEMS.get(str(package.get("ecosystem", "")).split(":", 1)[0])
    name = package.get("name")
    if ecosystem is None or not isinstance(name, str) or not name:
        return None
    ranges = []
    for rng in item.get("ranges") or []:
        if not isinstance(rng, Mapping) or rng.get("type") not in _MATCHABLE_RANGES:
            continue
        events = [
            [kind, str(event[kind])]
            for event in rng.get("events") or []
            if isinstance(event, Mapping)
            for kind in ("introduced", "fixed", "last_affected")
            if kind in event
        ]
        if events:
            ranges.append(events)
    versions = [str(v) for v in item.get("versions") or []]
    if not ranges and not versions:
        return None
    return {
        "ecosystem": ecosystem.value,
        "name": normalize_name(name, ecosystem),
        "ranges": ranges,
        "versions": versions,
    }


def _iso(value: object) -> str:
    """A timestamp as RFC 3339 text (YAML may have read it as a datetime)."""
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return str(value or "")


def _summary(osv: Mapping[str, Any]) -> str:
    text = str(osv.get("summary") or "").strip()
    if not text:
        details = str(osv.get("details") or "").strip()
        text = details.split("\n\n", 1)[0]
    text = " ".join(text.split())
    if len(text) > SUMMARY_CHARS:
        text = text[: SUMMARY_CHARS - 1].rstrip() + "…"
    return text


def advisory_from_record(record: Mapping[str, Any]) -> Advisory:
    severity = None
    raw = record.get("severity")
    if isinstance(raw, Mapping) and raw.get("level") in _LEVELS:
        score = raw.get("score")
        severity = AdvisorySeverity(
            Severity(raw["level"]),
            float(score) if isinstance(score, int | float) else None,
            str(raw.get("vector", "")),
        )
    return Advisory(
        id=str(record["id"]),
        aliases=tuple(record.get("aliases", ())),
        summary=str(record.get("summary", "")),
        modified=str(record.get("modified", "")),
        withdrawn=record.get("withdrawn"),
        severity=severity,
        affected=tuple(
            Affected(
                ecosystem=_ECOSYSTEMS[a["ecosystem"]],
                name=a["name"],
                ranges=tuple(
                    tuple(Event(EventKind(kind), version) for kind, version in events)
                    for events in a.get("ranges", ())
                ),
                versions=tuple(a.get("versions", ())),
            )
            for a in record.get("affected", ())
            if a.get("ecosystem") in _ECOSYSTEMS
        ),
    )


_LEVELS = frozenset(s.value for s in Severity)


@dataclass(slots=True, eq=False)
class AdvisoryDatabase:
    """Advisories indexed by (ecosystem, normalised name). Records are turned into
    :class:`Advisory` objects only for the packages a scan asks about."""

    records: list[dict[str, Any]]
    generated: str = ""  # when the data was built or fetched (ISO 8601), for its age
    source: str = ""
    _index: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _parsed: dict[int, Advisory] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for number, record in enumerate(self.records):
            for affected in record.get("affected", ()):
                key = (affected.get("ecosystem", ""), affected.get("name", ""))
                entries = self._index.setdefault(key, [])
                if not entries or entries[-1] != number:
                    entries.append(number)

    def __len__(self) -> int:
        return len(self.records)

    def for_package(self, ecosystem: Ecosystem, name: str) -> tuple[Advisory, ...]:
        """Every advisory (withdrawn ones included) naming the package."""
        numbers = self._index.get((ecosystem.value, name), ())
        result = []
        for number in numbers:
            advisory = self._parsed.get(number)
            if advisory is None:
                advisory = self._parsed[number] = advisory_from_record(self.records[number])
            result.append(advisory)
        return tuple(result)


def dump_compact(
    records: Iterable[dict[str, Any]], *, generated: str, source: str, attribution: str
) -> bytes:
    """The gzipped compact file, sorted by id so that the same data gives the same bytes."""
    document = {
        "format": FORMAT,
        "generated": generated,
        "source": source,
        "attribution": attribution,
        "advisories": sorted(records, key=lambda r: str(r["id"])),
    }
    text = json.dumps(document, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def load_compact(data: bytes) -> AdvisoryDatabase:
    """A database from a compact file's bytes. Raises AdvisoryFormatError."""
    try:
        document = json.loads(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    except (OSError, EOFError, ValueError) as exc:
        raise AdvisoryFormatError(f"not a compact advisory file: {exc}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise AdvisoryFormatError("not a compact advisory file (format 1)")
    records = document.get("advisories")
    if not isinstance(records, list):
        raise AdvisoryFormatError("compact advisory file without advisories")
    valid = [r for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)]
    return AdvisoryDatabase(
        valid, generated=str(document.get("generated", "")), source=str(document.get("source"))
    )


__all__ = [
    "Advisory",
    "AdvisoryDatabase",
    "AdvisoryFormatError",
    "Affected",
    "Event",
    "EventKind",
    "advisory_from_record",
    "compact_record",
    "dump_compact",
    "load_compact",
]
