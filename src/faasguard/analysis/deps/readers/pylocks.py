"""Python lock files: `poetry.lock`, `uv.lock` (TOML `[[package]]` tables) and `Pipfile.lock`
(JSON). Every entry is an exact, installed version."""

from __future__ import annotations

import json
from typing import Any

from faasguard.analysis.deps.model import (
    Ecosystem,
    Manifest,
    ManifestKind,
    Package,
    PinKind,
    normalize_name,
)
from faasguard.analysis.deps.readers.pyproject import load_toml
from faasguard.analysis.deps.readers.textpos import JsonCursor, Lines
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

_UV_PROJECT_SOURCES = ("editable", "virtual")
_UV_DIRECT_SOURCES = ("git", "url", "path", "directory")


def _lock_entries(path: str, text: str) -> tuple[list[tuple[dict[str, Any], Location]], Lines]:
    document = load_toml(path, text)
    lines = Lines.of(path, text)
    packages = document.get("package", [])
    if not isinstance(packages, list):
        raise ParseError("`package` is not an array of tables", Location.file(path))
    headers = lines.headers("package")
    entries = []
    for number, entry in enumerate(packages):
        if not isinstance(entry, dict):
            continue
        header = headers[number] if number < len(headers) else 0
        stop = headers[number + 1] if number + 1 < len(headers) else len(lines.lines) + 1
        line = lines.key_line("version", header, stop) if header else 0
        entries.append((entry, lines.at(line or header)))
    return entries, lines


def _named(entry: dict[str, Any], where: Location) -> tuple[str, str]:
    name, version = entry.get("name"), entry.get("version")
    if not isinstance(name, str) or not name:
        raise ParseError("a [[package]] entry without a name", where)
    return name, str(version) if version is not None else ""


def read_poetry_lock(path: str, text: str) -> Manifest:
    entries, _ = _lock_entries(path, text)
    packages = []
    for entry, where in entries:
        name, version = _named(entry, where)
        groups = entry.get("groups")
        dev = entry.get("category") == "dev" or (
            isinstance(groups, list) and bool(groups) and "main" not in groups
        )
        source = entry.get("source") or {}
        origin = ""
        if isinstance(source, dict) and source.get("type") in ("git", "url", "file", "directory"):
            origin = f"{source.get('type')}+{source.get('url', '')}".replace("git+git+", "git+")
            if source.get("resolved_reference"):
                origin += f"@{source['resolved_reference']}"
        packages.append(_locked(name, version, where, dev=dev, source=origin))
    return Manifest(path, ManifestKind.POETRY_LOCK, tuple(packages))


def read_uv_lock(path: str, text: str) -> Manifest:
    entries, _ = _lock_entries(path, text)
    packages = []
    for entry, where in entries:
        name, version = _named(entry, where)
        source = entry.get("source") or {}
        if not isinstance(source, dict):
            source = {}
        if any(key in source for key in _UV_PROJECT_SOURCES):
            continue  # the project itself or a workspace member
        origin = next((str(source[k]) for k in _UV_DIRECT_SOURCES if k in source), "")
        packages.append(_locked(name, version, where, source=origin))
    return Manifest(path, ManifestKind.UV_LOCK, tuple(packages))


def _locked(
    name: str, version: str, where: Location, *, dev: bool = False, source: str = ""
) -> Package:
    """A lock entry; `source` is where a non-registry package comes from."""
    normal = normalize_name(name, Ecosystem.PYPI)
    written = f"{name}=={version}" if version else name
    if source or not version:
        return Package(normal, written, PinKind.DIRECT, where, spec=source, dev=dev)
    return Package(normal, written, PinKind.EXACT, where, version, f"=={version}", dev=dev)


def read_pipfile_lock(path: str, text: str) -> Manifest:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)
        ) from None
    if not isinstance(document, dict):
        raise ParseError("Pipfile.lock is not a JSON object", Location.file(path))
    cursor = JsonCursor(path, text)
    packages = []
    for section, entries in document.items():
        if section not in ("default", "develop") or not isinstance(entries, dict):
            continue
        cursor.seek_key(section)
        for name, entry in entries.items():
            where = cursor.seek_key(name)
            if not isinstance(entry, dict):
                raise ParseError(f"entry {name!r} is not an object", where)
            packages.append(_pipfile_entry(name, entry, where, dev=section == "develop"))
    return Manifest(path, ManifestKind.PIPFILE_LOCK, tuple(packages))


def _pipfile_entry(name: str, entry: dict[str, Any], where: Location, *, dev: bool) -> Package:
    normal = normalize_name(name, Ecosystem.PYPI)
    version = str(entry.get("version", ""))
    marker = str(entry.get("markers", "") or "")
    if version.startswith("=="):
        exact = version[2:].strip()
        return Package(
            normal, f"{name}{version}", PinKind.EXACT, where, exact, version, dev, marker
        )
    source = next((f"{k}+{entry[k]}" for k in ("git", "file", "path") if k in entry), "")
    if "ref" in entry:
        source += f"@{entry['ref']}"
    return Package(
        normal, f"{name} {entry}", PinKind.DIRECT, where, spec=source, dev=dev, marker=marker
    )


__all__ = ["read_pipfile_lock", "read_poetry_lock", "read_uv_lock"]
