"""Build a Project over files written into a temporary directory."""

from __future__ import annotations

from pathlib import Path

from faasguard.analysis.discovery import discover
from faasguard.analysis.engine import load_unit
from faasguard.analysis.project import Project
from faasguard.core.config import Config
from faasguard.loaders.base import LoadContext


def project_of(root: Path, files: dict[str, str | bytes], *, templates: bool = False) -> Project:
    """A project of `files`; with `templates`, YAML templates are loaded into apps."""
    for relpath, content in files.items():
        target = root / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    root = root.resolve()
    found = discover(root, Config())
    context = LoadContext(root)
    apps = []
    if templates:
        apps = [app for unit in found.units if (app := load_unit(unit, context)) is not None]
    return Project(root=root, apps=apps, files=found.files, context=LoadContext(root))
