"""Run the taint analysis on small projects written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from faasguard.analysis.discovery import discover
from faasguard.analysis.engine import load_unit
from faasguard.analysis.project import Project
from faasguard.analysis.python.taint import TaintResult, taint_result
from faasguard.core.config import Config
from faasguard.loaders.base import LoadContext

Analyse = Callable[[dict[str, str]], TaintResult]


def project_of(root: Path) -> Project:
    config = Config()
    found = discover(root, config)
    apps = []
    for unit in found.units:
        app = load_unit(unit, LoadContext(root))
        if app is not None:
            apps.append(app)
    return Project(root=root, apps=apps, files=found.files, context=LoadContext(root))


@pytest.fixture
def analyse(tmp_path: Path) -> Analyse:
    def run(files: dict[str, str]) -> TaintResult:
        for name, text in files.items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return taint_result(project_of(tmp_path.resolve()))

    return run
