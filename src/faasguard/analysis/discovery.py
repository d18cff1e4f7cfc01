"""Which files of a scan root are project definitions, grouped into units a loader reads.

The walk never follows symlinked directories (no loops, nothing outside the root), reports
symlinked files that lead outside the root, and skips tool and dependency folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from faasguard.core.config import Config
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".serverless",
        ".aws-sam",
        ".terraform",
        ".tox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)
SERVERLESS_NAMES = frozenset({"serverless.yml", "serverless.yaml", "serverless.json"})
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")
NOT_TEMPLATES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "composer.json",
        "cdk.json",
        "pnpm-lock.yaml",
        "tree.json",
        "manifest.json",
        ".pre-commit-config.yaml",
    }
)


class UnitKind(str, Enum):
    TEMPLATE = "template"  # a CloudFormation/SAM candidate: confirmed after parsing
    SERVERLESS = "serverless"
    TERRAFORM = "terraform"


@dataclass(frozen=True, slots=True)
class Unit:
    kind: UnitKind
    path: str  # root-relative file, or directory for Terraform
    files: tuple[str, ...]


@dataclass(slots=True)
class Discovery:
    units: list[Unit] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file found, for project-wide rules
    problems: list[ParseError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def discover(root: Path, config: Config) -> Discovery:
    result = Discovery()
    terraform: dict[str, list[str]] = {}
    for relpath in _walk(root, config, result):
        result.files.append(relpath)
        name = relpath.rsplit("/", 1)[-1]
        if name in SERVERLESS_NAMES:
            result.units.append(Unit(UnitKind.SERVERLESS, relpath, (relpath,)))
        elif name.endswith((".tf", ".tf.json")):
            directory = relpath.rsplit("/", 1)[0] if "/" in relpath else "."
            terraform.setdefault(directory, []).append(relpath)
        elif name.endswith(TEMPLATE_SUFFIXES) and name not in NOT_TEMPLATES:
            result.units.append(Unit(UnitKind.TEMPLATE, relpath, (relpath,)))
    result.files.sort()
    called = _module_dirs(terraform)
    for directory, files in sorted(terraform.items()):
        if directory not in called:  # modules are loaded through the root that calls them
            result.units.append(Unit(UnitKind.TERRAFORM, directory, tuple(sorted(files))))
    return result


def _module_dirs(terraform: dict[str, list[str]]) -> set[str]:
    """Directories under a `modules/` folder are taken as modules when another Terraform
    directory exists above them; the calling root loads them."""
    return {
        d
        for d in terraform
        if "modules/" in f"{d}/"
        and any(other != d and not other.startswith(f"{d}/") for other in terraform)
    }


def _walk(root: Path, config: Config, result: Discovery) -> Iterator[str]:
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            rel = _rel(root, Path(directory))
            result.problems.append(
                ParseError(f"cannot list {rel or '.'}: {exc.strerror}", Location.file(rel or "."))
            )
            continue
        for entry in reversed(entries):
            path = Path(entry.path)
            rel = _rel(root, path)
            if config.excluded(rel):
                result.skipped.append((rel, "excluded by configuration"))
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name in SKIP_DIRS or (path / "pyvenv.cfg").exists():
                        result.skipped.append((rel, "tool or virtual environment folder"))
                    else:
                        stack.append(path)
                    continue
                if entry.is_symlink():
                    yield from _symlinked(root, path, rel, result)
                elif entry.is_file(follow_symlinks=False):
                    yield rel
            except OSError as exc:
                result.problems.append(
                    ParseError(f"cannot read: {exc.strerror}", Location.file(rel))
                )


def _symlinked(root: Path, path: Path, rel: str, result: Discovery) -> Iterator[str]:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        if _interesting(rel):
            result.problems.append(ParseError("symlink is broken or loops", Location.file(rel)))
        return
    if not target.is_relative_to(root):
        if _interesting(rel):
            result.problems.append(
                ParseError("symlink leads outside the scanned root; not read", Location.file(rel))
            )
        return
    if target.is_file():
        yield rel
    # symlinked directories are never followed: their targets inside the root are walked anyway


def _interesting(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name in SERVERLESS_NAMES or name.endswith((".tf", ".tf.json", *TEMPLATE_SUFFIXES))


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else ""


__all__ = ["Discovery", "Unit", "UnitKind", "discover"]
