"""`pyproject.toml` (PEP 621 `[project].dependencies` and Poetry's
`[tool.poetry.dependencies]`) and `Pipfile` (`[packages]`). Development groups are marked dev."""

from __future__ import annotations

import re
from typing import Any

import tomllib

from faasguard.analysis.deps.model import (
    Ecosystem,
    IndexOption,
    IndexOptionKind,
    Manifest,
    ManifestKind,
    Package,
    PinKind,
    normalize_name,
)
from faasguard.analysis.deps.readers.pep508 import package_from_pep508
from faasguard.analysis.deps.readers.textpos import Lines
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

_LOCAL_KEYS = ("git", "path", "url", "file", "editable")


def load_toml(path: str, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        where = Location(path, int(match[1]), int(match[2])) if match else Location.file(path)
        raise ParseError(f"invalid TOML: {exc}", where) from None


def read_pyproject(path: str, text: str) -> Manifest:
    document = load_toml(path, text)
    lines = Lines.of(path, text)
    packages: list[Package] = []
    project = document.get("project")
    if isinstance(project, dict):
        start, stop = lines.section("project")
        for requirement in project.get("dependencies") or []:
            if isinstance(requirement, str):
                number = lines.string_line(requirement, start or 1, stop or None)
                packages.append(package_from_pep508(requirement, lines.at(number)))
    poetry = document.get("tool", {}).get("poetry")
    options: list[IndexOption] = []
    if isinstance(poetry, dict):
        packages += _poetry_table(lines, poetry.get("dependencies"), "tool.poetry.dependencies")
        packages += _poetry_table(
            lines, poetry.get("dev-dependencies"), "tool.poetry.dev-dependencies", dev=True
        )
        for group, table in (poetry.get("group") or {}).items():
            if isinstance(table, dict):
                header = f"tool.poetry.group.{group}.dependencies"
                packages += _poetry_table(
                    lines, table.get("dependencies"), header, dev=group != "main"
                )
        options += _poetry_sources(lines, poetry.get("source"))
    return Manifest(path, ManifestKind.PYPROJECT, tuple(packages), (), tuple(options))


def _poetry_table(lines: Lines, table: object, header: str, *, dev: bool = False) -> list[Package]:
    if not isinstance(table, dict):
        return []
    start, stop = lines.section(header)
    packages = []
    for name, value in table.items():
        if name.lower() == "python":
            continue
        number = lines.key_line(name, start, stop) if start else 0
        if not number:
            number = lines.section(f"{header}.{name}")[0]
        packages.append(_poetry_package(name, value, lines.at(number), dev=dev))
    return packages


def _poetry_package(name: str, value: object, where: Location, *, dev: bool) -> Package:
    normal = normalize_name(name, Ecosystem.PYPI)
    if isinstance(value, list):  # several constraints by marker: a range
        return Package(normal, f"{name} (multiple constraints)", PinKind.RANGE, where, dev=dev)
    marker = ""
    if isinstance(value, dict):
        source = next((str(value[k]) for k in _LOCAL_KEYS if k in value), None)
        if source is not None:
            written = f"{name} {value}"
            return Package(normal, written, PinKind.DIRECT, where, spec=source, dev=dev)
        marker = str(value.get("markers", ""))
        value = value.get("version", "*")
    constraint = str(value).strip()
    written = f"{name} {constraint}"
    spec = poetry_specifier(constraint)
    if spec is None:
        return Package(normal, written, PinKind.RANGE, where, dev=dev, marker=marker)
    exact = re.fullmatch(r"==\s*([^,*\s]+)", spec)
    if exact:
        return Package(
            normal, written, PinKind.EXACT, where, exact[1], spec, dev=dev, marker=marker
        )
    pin = PinKind.RANGE if spec else PinKind.UNPINNED
    return Package(normal, written, pin, where, spec=spec, dev=dev, marker=marker)


def poetry_specifier(constraint: str) -> str | None:
    """A Poetry constraint (`^1.2`, `~1.2.3`, `1.2.*`, `>=1,<2`, `1.2.3`) as a PEP 440
    specifier; "" for any version, None for what PEP 440 cannot say (`||`)."""
    text = constraint.strip()
    if text in ("", "*"):
        return ""
    if "||" in text or "|" in text:
        return None
    parts = [p.strip() for p in re.split(r",|\s+(?=[<>=!~^])", text) if p.strip()]
    converted = [_poetry_part(p) for p in parts]
    if any(c is None for c in converted):
        return None
    return ",".join(c for c in converted if c)


def _poetry_part(part: str) -> str | None:
    if part.startswith("^"):
        return _bounded(part[1:], caret=True)
    if part.startswith("~") and not part.startswith("~="):
        return _bounded(part[1:], caret=False)
    if re.fullmatch(r"[0-9][0-9A-Za-z.+!-]*(\.\*)?", part):
        return f"=={part}"
    if re.fullmatch(r"(==|!=|<=|>=|<|>|~=|===)\s*\S+", part):
        return part.replace(" ", "")
    return None


def _bounded(version: str, *, caret: bool) -> str | None:
    numbers = version.split(".")
    if not all(n.isdigit() for n in numbers[:3]) or not numbers[0]:
        return None
    values = [int(n) for n in numbers[:3]]
    if caret:
        index = next((i for i, v in enumerate(values) if v != 0), len(values) - 1)
    else:
        index = 0 if len(values) == 1 else 1
    upper = [*values[:index], values[index] + 1]
    return f">={version},<{'.'.join(str(v) for v in upper)}"


def _poetry_sources(lines: Lines, sources: object) -> list[IndexOption]:
    options = []
    headers = lines.headers("tool.poetry.source")
    for number, source in enumerate(sources if isinstance(sources, list) else []):
        if not isinstance(source, dict) or not isinstance(source.get("url"), str):
            continue
        header = headers[number] if number < len(headers) else 0
        stop = headers[number + 1] if number + 1 < len(headers) else None
        line = lines.key_line("url", header, stop or len(lines.lines) + 1) if header else 0
        priority = str(source.get("priority", "primary" if source.get("default") else ""))
        kind = (
            IndexOptionKind.INDEX_URL
            if priority in ("primary", "default", "explicit")
            else IndexOptionKind.EXTRA_INDEX_URL
        )
        options.append(IndexOption(kind, source["url"], lines.at(line or header)))
    return options


def _source_of(value: object) -> str:
    if isinstance(value, dict):
        return next((str(value[k]) for k in _LOCAL_KEYS if k in value), str(value))
    return str(value)


def read_pipfile(path: str, text: str) -> Manifest:
    document = load_toml(path, text)
    lines = Lines.of(path, text)
    packages: list[Package] = []
    for table, dev in (("packages", False), ("dev-packages", True)):
        entries = document.get(table)
        if not isinstance(entries, dict):
            continue
        start, stop = lines.section(table)
        for name, value in entries.items():
            where = lines.at(lines.key_line(name, start, stop) if start else 0)
            if isinstance(value, dict) and not any(k in value for k in _LOCAL_KEYS):
                value = value.get("version", "*")
            if isinstance(value, str):
                spec = "" if value.strip() == "*" else value.strip()
                packages.append(package_from_pep508(f"{name}{spec}", where, dev=dev))
            else:
                written = f"{name} {value}"
                normal = normalize_name(name, Ecosystem.PYPI)
                source = _source_of(value)
                packages.append(
                    Package(normal, written, PinKind.DIRECT, where, spec=source, dev=dev)
                )
    sources = [
        str(s["url"])
        for s in document.get("source") or []
        if isinstance(s, dict) and isinstance(s.get("url"), str)
    ]
    options = [  # pipenv looks in every source: the ones after the first are extra indexes
        IndexOption(
            IndexOptionKind.INDEX_URL if number == 0 else IndexOptionKind.EXTRA_INDEX_URL,
            url,
            lines.at(lines.string_line(url)),
        )
        for number, url in enumerate(sources)
    ]
    return Manifest(path, ManifestKind.PIPFILE, tuple(packages), (), tuple(options))


__all__ = ["load_toml", "poetry_specifier", "read_pipfile", "read_pyproject"]
