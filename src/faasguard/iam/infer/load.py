"""A scan root loaded for policy inference: every template, serverless.yml and Terraform root
as the scan loads them, without running any rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from faasguard.analysis.discovery import UnitKind, discover
from faasguard.analysis.engine import load_unit
from faasguard.analysis.project import Project
from faasguard.core.config import Config
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.model.app import App


@dataclass(frozen=True, slots=True)
class Loaded:
    project: Project
    problems: tuple[ParseError, ...]  # files that could not be read: reported, not fatal


def load_project(root: Path, config: Config) -> Loaded:
    root = root.resolve()
    found = discover(root, config)
    problems: list[ParseError] = list(found.problems)
    apps: list[App] = []
    consumed: set[str] = set()
    ordered = sorted(found.units, key=lambda u: u.kind is UnitKind.TEMPLATE)
    for unit in ordered:
        if unit.kind is UnitKind.TEMPLATE and unit.path in consumed:
            continue
        ctx = _context(root, config)
        try:
            app = load_unit(unit, ctx)
        except ParseError as exc:
            problems.append(exc)
            continue
        problems.extend(ctx.problems)
        if app is not None:
            apps.append(app)
            consumed.update(unit.files)
            consumed.update(app.files)
    project = Project(root, apps, found.files, _context(root, config), config=config)
    return Loaded(project, tuple(problems))


def _context(root: Path, config: Config) -> LoadContext:
    return LoadContext(
        root, environ=config.environ, options=config.cli_options, max_bytes=config.max_file_bytes
    )


__all__ = ["Loaded", "load_project"]
