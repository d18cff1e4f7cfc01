"""`setup.cfg` (`[options] install_requires`), `setup.py` (read as a syntax tree, never run:
literal `install_requires` lists only) and vendored installs (`*.dist-info/METADATA`,
`*.egg-info/PKG-INFO`)."""

from __future__ import annotations

import ast
import re
import warnings

from faasguard.analysis.deps.model import (
    Ecosystem,
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

_KEY = re.compile(r"^(install[_-]requires)\s*[=:]\s*(.*)$")


def read_setup_cfg(path: str, text: str) -> Manifest:
    lines = Lines.of(path, text)
    start, stop = lines.section("options")
    packages: list[Package] = []
    if not start:
        return Manifest(path, ManifestKind.SETUP_CFG, ())
    number = start + 1
    while number < stop:
        match = _KEY.match(lines.lines[number - 1].strip())
        number += 1
        if match is None:
            continue
        candidates = [(number - 1, match[2])] if match[2].strip() else []
        while number < stop and _continues(lines.lines[number - 1]):
            candidates.append((number, lines.lines[number - 1]))
            number += 1
        for line, value in candidates:
            value = value.split("#", 1)[0].strip()
            if value and not value.startswith(("file:", "attr:")):
                packages.append(package_from_pep508(value, lines.at(line)))
    return Manifest(path, ManifestKind.SETUP_CFG, tuple(packages))


def _continues(line: str) -> bool:
    return not line.strip() or line[:1] in (" ", "\t")


def read_setup_py(path: str, text: str) -> Manifest:
    """Literal `install_requires` of `setup(...)` calls. A file that does not parse gives no
    packages: the Python index reports its syntax error (FG001) for every `.py` file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(text, filename=path)
    except SyntaxError:
        return Manifest(path, ManifestKind.SETUP_PY, ())
    assigned = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    packages = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _is_setup(node.func)):
            continue
        for keyword in node.keywords:
            if keyword.arg != "install_requires":
                continue
            value = keyword.value
            if isinstance(value, ast.Name):
                value = assigned.get(value.id, value)
            if isinstance(value, ast.List | ast.Tuple):
                packages += _literal_requirements(path, value)
    return Manifest(path, ManifestKind.SETUP_PY, tuple(packages))


def _is_setup(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "setup") or (
        isinstance(func, ast.Attribute) and func.attr == "setup"
    )


def _literal_requirements(path: str, value: ast.List | ast.Tuple) -> list[Package]:
    packages = []
    for item in value.elts:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            where = Location(
                path,
                item.lineno,
                item.col_offset + 1,
                item.end_lineno or item.lineno,
                (item.end_col_offset or item.col_offset) + 1,
            )
            packages.append(package_from_pep508(item.value, where))
    return packages


def read_dist_info(path: str, text: str) -> Manifest:
    """An installed package's METADATA / PKG-INFO headers: `Name:` and `Version:`."""
    name = version = None
    version_line = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        key, _, value = line.partition(":")
        if key.lower() == "name":
            name = value.strip()
        elif key.lower() == "version":
            version, version_line = value.strip(), number
    if not name or not version:
        raise ParseError("package metadata without Name and Version", Location.file(path))
    lines = Lines.of(path, text)
    package = Package(
        normalize_name(name, Ecosystem.PYPI),
        f"{name}=={version}",
        PinKind.EXACT,
        lines.at(version_line),
        version,
        f"=={version}",
    )
    return Manifest(path, ManifestKind.DIST_INFO, (package,))


__all__ = ["read_dist_info", "read_setup_cfg", "read_setup_py"]
