"""Node manifests: `package.json` (`dependencies`, `optionalDependencies`; `devDependencies`
marked dev), `package-lock.json`/`npm-shrinkwrap.json` (lockfile v1, v2, v3), `yarn.lock`
(classic v1 and Berry) and `pnpm-lock.yaml` (v5 to v9)."""

from __future__ import annotations

import json
import re
from typing import Any

from faasguard.analysis.deps.model import Manifest, ManifestKind, Package, PinKind
from faasguard.analysis.deps.readers.textpos import JsonCursor, Lines
from faasguard.analysis.deps.semver import SemverError, parse_range
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, ScalarNode

_DIRECT = re.compile(
    r"^(git\+|git:|github:|gitlab:|bitbucket:|https?:|file:|link:|workspace:|portal:|\.|/|~/)"
)
_GITHUB_SHORTHAND = re.compile(r"^[\w.-]+/[\w.-]+(#.*)?$")
_SECTIONS = (("dependencies", False), ("optionalDependencies", False), ("devDependencies", True))


def _json(path: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(
            f"invalid JSON: {exc.msg}", Location(path, exc.lineno, exc.colno)
        ) from None


def npm_package(name: str, spec: str, where: Location, *, dev: bool = False) -> Package:
    """A package.json entry: exact `1.2.3`, a range, `*`/`latest`, or a URL/path/alias."""
    spec = spec.strip()
    written = f"{name}@{spec}"
    if spec.startswith("npm:"):  # an alias: `"lodash4": "npm:lodash@^4.17.21"`
        target, _, spec = spec[4:].rpartition("@")
        name = target or spec
        if not target:
            spec = "*"
    if _GITHUB_SHORTHAND.match(spec):
        return Package(name, written, PinKind.DIRECT, where, spec=f"github:{spec}", dev=dev)
    if _DIRECT.match(spec):
        return Package(name, written, PinKind.DIRECT, where, spec=spec, dev=dev)
    if spec in ("", "*", "x", "latest", "next"):
        return Package(name, written, PinKind.UNPINNED, where, dev=dev)
    try:
        exact = parse_range(spec).exact
    except SemverError:
        return Package(name, written, PinKind.UNPINNED, where, dev=dev)  # a dist-tag
    if exact is not None:
        return Package(name, written, PinKind.EXACT, where, str(exact), spec, dev)
    return Package(name, written, PinKind.RANGE, where, spec=spec, dev=dev)


def read_package_json(path: str, text: str) -> Manifest:
    document = _json(path, text)
    if not isinstance(document, dict):
        raise ParseError("package.json is not a JSON object", Location.file(path))
    cursor = JsonCursor(path, text)
    packages = []
    for section, entries in document.items():
        if not isinstance(entries, dict):
            continue
        dev = next((d for s, d in _SECTIONS if s == section), None)
        if dev is None:
            continue
        cursor.seek_key(section)
        for name, spec in entries.items():
            where = cursor.seek_key(name)
            packages.append(npm_package(name, str(spec), where, dev=dev))
    return Manifest(path, ManifestKind.PACKAGE_JSON, tuple(packages))


def read_package_lock(path: str, text: str) -> Manifest:
    document = _json(path, text)
    if not isinstance(document, dict):
        raise ParseError("package-lock.json is not a JSON object", Location.file(path))
    cursor = JsonCursor(path, text)
    packages: list[Package] = []
    if isinstance(document.get("packages"), dict):  # lockfile v2 and v3
        cursor.seek_key("packages")
        for key, entry in document["packages"].items():
            where = cursor.seek_key(key)
            if key and isinstance(entry, dict) and "node_modules/" in key and not entry.get("link"):
                name = entry.get("name") or key.rsplit("node_modules/", 1)[1]
                packages.append(_locked(str(name), entry, where))
    elif isinstance(document.get("dependencies"), dict):  # lockfile v1
        cursor.seek_key("dependencies")
        _v1(document["dependencies"], cursor, packages)
    return Manifest(path, ManifestKind.PACKAGE_LOCK, tuple(packages))


def _v1(entries: dict[str, Any], cursor: JsonCursor, packages: list[Package]) -> None:
    for name, entry in entries.items():
        where = cursor.seek_key(name)
        if not isinstance(entry, dict):
            raise ParseError(f"dependency {name!r} is not an object", where)
        packages.append(_locked(name, entry, where))
        for key, value in entry.items():  # keep the cursor in document order
            if key == "dependencies" and isinstance(value, dict):
                cursor.seek_key("dependencies")
                _v1(value, cursor, packages)


def _locked(name: str, entry: dict[str, Any], where: Location) -> Package:
    version = str(entry.get("version", ""))
    dev = bool(entry.get("dev")) or bool(entry.get("devOptional"))
    if version.startswith("npm:"):
        name, _, version = version[4:].rpartition("@")
    written = f"{name}@{version}"
    if not version or _DIRECT.match(version) or "://" in version:
        source = str(entry.get("resolved") or version)
        return Package(name, written, PinKind.DIRECT, where, spec=source, dev=dev)
    return Package(name, written, PinKind.EXACT, where, version, version, dev)


_YARN_HEADER = re.compile(r"^(?P<key>\S.*):\s*$")
_YARN_VERSION = re.compile(r"^\s+version:?\s+\"?(?P<version>[^\"\s]+)\"?\s*$")


def read_yarn_lock(path: str, text: str) -> Manifest:
    lines = Lines.of(path, text)
    packages = []
    header: tuple[int, str] | None = None
    for number, line in enumerate(lines.lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _YARN_HEADER.match(line)
        if match:
            _missing_version(path, header)
            header = None if match["key"] == "__metadata" else (number, match["key"])
            continue
        version = _YARN_VERSION.match(line)
        if version and header is not None:
            package = _yarn_entry(header[1], version["version"], lines.at(header[0]))
            if package is not None:
                packages.append(package)
            header = None
        elif not line[:1].isspace():
            raise ParseError(f"not a yarn.lock entry: {line.strip()!r}", lines.at(number))
    _missing_version(path, header)
    return Manifest(path, ManifestKind.YARN_LOCK, tuple(packages))


def _missing_version(path: str, header: tuple[int, str] | None) -> None:
    if header is not None and header[1] != "__metadata":
        raise ParseError(f"yarn.lock entry {header[1]!r} has no version", Location(path, header[0]))


def _yarn_entry(key: str, version: str, where: Location) -> Package | None:
    first = key.split(",")[0].strip().strip('"')
    name, _, spec = first[1:].partition("@")
    name = first[0] + name
    if spec.startswith("npm:"):
        spec = spec[4:]
    if re.match(r"^(workspace|link|portal|patch|file):", spec):
        return None
    if spec.startswith(("git", "http", "github:")) or "://" in spec:
        return Package(name, f"{name}@{spec}", PinKind.DIRECT, where, spec=spec)
    return Package(name, f"{name}@{version}", PinKind.EXACT, where, version, version)


def read_pnpm_lock(path: str, text: str) -> Manifest:
    from faasguard.loaders.yamlread import read_yaml

    root = read_yaml(text, path)
    if root is None:
        return Manifest(path, ManifestKind.PNPM_LOCK, ())
    if not isinstance(root, MapNode):
        raise ParseError("pnpm-lock.yaml is not a mapping", Location.file(path))
    section = root.map("packages")
    packages = []
    for key, node in section.items() if section is not None else ():
        parsed = _pnpm_key(key)
        if parsed is None:
            continue
        name, version = parsed
        dev = False
        if isinstance(node, MapNode):
            flag = node.scalar("dev")
            dev = isinstance(flag, ScalarNode) and flag.value is True
        where = section.key_loc(key) if section is not None else Location.file(path)
        packages.append(
            Package(name, f"{name}@{version}", PinKind.EXACT, where, version, version, dev)
        )
    return Manifest(path, ManifestKind.PNPM_LOCK, tuple(packages))


_PNPM_V5 = re.compile(r"^(?P<name>(?:@[^/@]+/)?[^/@]+)/(?P<version>\d[^_/()]*)")
_PNPM_V6 = re.compile(r"^(?P<name>@?[^@/]+(?:/[^@/]+)?)@(?P<version>\d[^()]*)")


def _pnpm_key(key: str) -> tuple[str, str] | None:
    """`/lodash/4.17.21` (v5), `/lodash@4.17.21` (v6), `lodash@4.17.21(peer@1.0.0)` (v9)."""
    key = key.lstrip("/")
    match = _PNPM_V5.match(key) or _PNPM_V6.match(key)
    if match is None:
        return None
    return match["name"], match["version"].strip()


__all__ = [
    "npm_package",
    "read_package_json",
    "read_package_lock",
    "read_pnpm_lock",
    "read_yarn_lock",
]
