"""Load a small project written in a test into the application model, through the loaders."""

from __future__ import annotations

from pathlib import Path

from faasguard.analysis.discovery import discover
from faasguard.analysis.engine import load_unit
from faasguard.core.config import Config
from faasguard.loaders.base import LoadContext
from faasguard.model import App

SAM_HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n'
LAMBDA_TRUST = """      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
"""


def load_app(root: Path, filename: str, text: str) -> App:
    (root / filename).write_text(text, encoding="utf-8")
    root = root.resolve()
    ctx = LoadContext(root)
    for unit in discover(root, Config()).units:
        app = load_unit(unit, ctx)
        if app is not None:
            assert not ctx.problems, [p.message for p in ctx.problems]
            return app
    raise AssertionError(f"{filename} did not load as a project")


def sam(tmp_path: Path, resources: str) -> App:
    return load_app(tmp_path, "template.yaml", SAM_HEADER + "Resources:\n" + resources)
