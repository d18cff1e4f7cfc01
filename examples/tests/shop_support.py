"""Helpers for the example-project tests: a CloudFormation-aware YAML loader and VULN markers.

Test code only; faasguard's own loaders live in src/faasguard/loaders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CATEGORIES",
    "EXAMPLES",
    "Marker",
    "iter_markers",
    "load_cfn_yaml",
    "marker_files",
]

EXAMPLES = Path(__file__).resolve().parent.parent

# The closed set of finding categories from DESIGN.md ("Findings").
CATEGORIES = frozenset(
    {
        "injection-sql",
        "injection-nosql",
        "injection-command",
        "injection-code",
        "injection-template",
        "deserialization",
        "path-traversal",
        "ssrf",
        "xxe",
        "redos",
        "missing-auth",
        "broken-access-control",
        "over-privileged-iam",
        "privesc-path",
        "public-resource-policy",
        "hardcoded-secret",
        "secret-in-env-plaintext",
        "missing-encryption",
        "insecure-transport",
        "missing-logging",
        "missing-dos-limits",
        "vulnerable-dependency",
        "sensitive-data-exposure",
        "unhandled-exception",
        "misconfiguration",
        "scan-error",
    }
)

_MARKER = re.compile(r"^\s*#\s*VULN:\s*(?P<category>[a-z-]+):\s*(?P<what>\S.*)$")
_MARKER_START = re.compile(r"^\s*#\s*VULN\b")
_MARKED_SUFFIXES = (".yaml", ".yml", ".py", ".tf", ".txt")


class _CfnLoader(yaml.SafeLoader):
    """SafeLoader turning CloudFormation short tags (!Ref, !GetAtt, !Sub, ...) into intrinsics."""


def _construct_tag(loader: _CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        assert isinstance(node, yaml.MappingNode)
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


def load_cfn_yaml(path: Path) -> Any:
    """Parse a CloudFormation/SAM/serverless YAML file without executing anything."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - a SafeLoader subclass


@dataclass(frozen=True)
class Marker:
    """One `# VULN: <category>: <what>` comment and the line it points at."""

    path: Path
    line: int
    category: str
    what: str
    target_line: int
    target_text: str

    @property
    def relpath(self) -> str:
        return self.path.relative_to(EXAMPLES).as_posix()


def _is_comment_or_blank(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def iter_markers(path: Path) -> Iterator[Marker]:
    """Yield the markers of one file; a marker targets the next line that is not a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for index, text in enumerate(lines):
        if _MARKER_START.match(text) is None:
            continue
        match = _MARKER.search(text)
        if match is None:
            raise ValueError(f"{path}:{index + 1}: malformed VULN marker: {text.strip()}")
        target = index + 1
        while target < len(lines) and _is_comment_or_blank(lines[target]):
            target += 1
        if target >= len(lines):
            raise ValueError(f"{path}:{index + 1}: VULN marker at the end of the file")
        yield Marker(
            path=path,
            line=index + 1,
            category=match["category"],
            what=match["what"],
            target_line=target + 1,
            target_text=lines[target].strip(),
        )


def marker_files(root: Path) -> list[Path]:
    """Every file under `root` that may carry markers, in a stable order."""
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix in _MARKED_SUFFIXES and "__pycache__" not in path.parts
    )
