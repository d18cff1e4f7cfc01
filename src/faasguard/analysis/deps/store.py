"""Where advisory data comes from: the snapshot inside the package, the user's cache that
`faasguard db update` refreshes, or a path given with `--advisories` (a compact file, an OSV
export zip, or a folder of OSV JSON/YAML records).

Nothing here writes inside the installed package: updates go to the user cache directory
(``$XDG_CACHE_HOME/faasguard`` or ``~/.cache/faasguard``).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from faasguard.analysis.deps.advisories import (
    AdvisoryDatabase,
    AdvisoryFormatError,
    compact_record,
    dump_compact,
    load_compact,
)

SNAPSHOT_NAME = "pypa.json.gz"
CACHE_FILE = "advisories.json.gz"
DEFAULT_SOURCES = (
    "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip",
)
ATTRIBUTION = (
    "Advisory data from the PyPA Advisory Database (github.com/pypa/advisory-database), "
    "CC-BY 4.0, and from OSV (osv.dev) exports when refreshed; see NOTICE.md."
)
MAX_RECORD_BYTES = 10 * 1024 * 1024
MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024
_RECORD_SUFFIXES = (".json", ".yaml", ".yml")

Fetch = Callable[[str], bytes]


class AdvisoryLoadError(Exception):
    """Advisory data that cannot be read; the message says which and why."""


def snapshot_bytes() -> bytes:
    return (resources.files("faasguard") / "data" / "advisories" / SNAPSHOT_NAME).read_bytes()


def cache_dir(environ: Mapping[str, str]) -> Path:
    """`$XDG_CACHE_HOME/faasguard`, else `~/.cache/faasguard` (HOME from `environ`)."""
    base = environ.get("XDG_CACHE_HOME") or str(Path(environ.get("HOME", "~")) / ".cache")
    return Path(base).expanduser() / "faasguard"


def cached_database_path(environ: Mapping[str, str]) -> Path | None:
    """The cache `faasguard db update` wrote, when there is one."""
    path = cache_dir(environ) / CACHE_FILE
    return path if path.is_file() else None


def load_database(location: str | None) -> AdvisoryDatabase:
    """The snapshot (None), or the data at `location`. Raises AdvisoryLoadError."""
    if location is None:
        return _snapshot()
    path = Path(location)
    try:
        stat = path.stat()
    except OSError as exc:
        raise AdvisoryLoadError(f"cannot read advisories {location}: {exc.strerror}") from None
    return _load_path(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=1)
def _snapshot() -> AdvisoryDatabase:
    return load_compact(snapshot_bytes())


@lru_cache(maxsize=4)
def _load_path(location: str, mtime: int, size: int) -> AdvisoryDatabase:
    del mtime, size  # part of the cache key: a changed file is read again
    path = Path(location)
    try:
        if path.is_dir():
            return _from_records(folder_records(path), location)
        data = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            return _from_records(zip_records(data), location)
        return load_compact(data)
    except (OSError, AdvisoryFormatError, zipfile.BadZipFile) as exc:
        raise AdvisoryLoadError(f"cannot read advisories {location}: {exc}") from None


def _from_records(records: Iterable[dict[str, Any]], source: str) -> AdvisoryDatabase:
    kept = list(records)
    newest = max((str(r.get("modified", "")) for r in kept), default="")
    return AdvisoryDatabase(kept, generated=newest, source=source)


def parse_record(name: str, data: bytes) -> dict[str, Any] | None:
    """The compact form of one OSV file (JSON or YAML); None when it is not a usable record."""
    try:
        if name.endswith(".json"):
            raw = json.loads(data)
        else:
            safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            raw = yaml.load(data, Loader=safe_loader)  # noqa: S506 - a safe loader
    except (ValueError, yaml.YAMLError):
        return None
    return compact_record(raw) if isinstance(raw, dict) else None


def folder_records(folder: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(folder.rglob("*")):
        if path.suffix in _RECORD_SUFFIXES and path.is_file():
            if path.stat().st_size > MAX_RECORD_BYTES:
                continue
            record = parse_record(path.name, path.read_bytes())
            if record is not None:
                yield record


def zip_records(data: bytes) -> Iterator[dict[str, Any]]:
    """Records of an OSV export zip (`all.zip`: one `<ID>.json` per advisory)."""
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.endswith(_RECORD_SUFFIXES):
                continue
            if info.file_size > MAX_RECORD_BYTES:
                continue
            total += info.file_size
            if total > MAX_EXPORT_BYTES:
                raise AdvisoryFormatError("the export unpacks to more than 2 GiB")
            record = parse_record(info.filename, archive.read(info))
            if record is not None:
                yield record


def data_time(database: AdvisoryDatabase) -> datetime | None:
    """When the data was built or fetched (its newest record for a folder or zip)."""
    text = database.generated.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class UpdateResult:
    path: Path
    advisories: int
    fetched: int  # records read from the sources
    generated: str


def update_database(
    sources: Iterable[str], target_dir: Path, *, fetch: Fetch, now: datetime
) -> UpdateResult:
    """Read every source (URL, zip, folder or compact file), merge it over the shipped
    snapshot (newer `modified` wins), and write the cache atomically. Raises AdvisoryLoadError."""
    merged = {str(r["id"]): r for r in _snapshot().records}
    fetched = 0
    names = []
    for source in sources:
        names.append(source)
        for record in _source_records(source, fetch):
            fetched += 1
            current = merged.get(record["id"])
            if current is None or str(record.get("modified", "")) >= str(
                current.get("modified", "")
            ):
                merged[record["id"]] = record
    if not fetched:
        raise AdvisoryLoadError(f"no advisories found in {', '.join(names) or 'no source'}")
    generated = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = dump_compact(
        merged.values(), generated=generated, source=", ".join(names), attribution=ATTRIBUTION
    )
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / CACHE_FILE
    temporary = target_dir / f".{CACHE_FILE}.{os.getpid()}.tmp"
    temporary.write_bytes(data)
    temporary.replace(target)
    return UpdateResult(target, len(merged), fetched, generated)


def _source_records(source: str, fetch: Fetch) -> Iterator[dict[str, Any]]:
    try:
        if source.startswith(("http://", "https://")):
            data = fetch(source)
        else:
            path = Path(source).expanduser()
            if path.is_dir():
                yield from folder_records(path)
                return
            data = path.read_bytes()
        if zipfile.is_zipfile(io.BytesIO(data)):
            yield from zip_records(data)
        else:
            yield from load_compact(data).records
    except (OSError, AdvisoryFormatError, zipfile.BadZipFile) as exc:
        raise AdvisoryLoadError(f"cannot read advisories from {source}: {exc}") from None


def http_fetch(url: str, *, timeout: float = 60.0) -> bytes:
    """GET a URL (http or https only); raises OSError (URLError is one) on failure."""
    import urllib.request

    if not url.startswith(("http://", "https://")):
        raise OSError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "faasguard-db-update"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        data: bytes = response.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise OSError(f"{url} is larger than 2 GiB")
    return data


__all__ = [
    "ATTRIBUTION",
    "CACHE_FILE",
    "DEFAULT_SOURCES",
    "AdvisoryLoadError",
    "UpdateResult",
    "cache_dir",
    "cached_database_path",
    "data_time",
    "folder_records",
    "http_fetch",
    "load_database",
    "parse_record",
    "snapshot_bytes",
    "update_database",
    "zip_records",
]
