"""Files the scan cannot read become scan-error findings; the rest is still scanned."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config


def _errors(root: Path, config: Config | None = None) -> dict[str, str]:
    result = scan(root, config or Config())
    return {f.location.path: f.message for f in result.findings if f.rule_id == "FG001"}


def test_binary_file_with_a_template_name(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_bytes(b"Resources:\x00\x01\x02")
    assert "binary" in _errors(tmp_path)["template.yaml"]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text("Resources: {}\n" + "#" * 2000)
    errors = _errors(tmp_path, Config(max_file_bytes=1000))
    assert "larger than" in errors["template.yaml"]


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "serverless.yml").write_bytes(b"service: caf\xe9\n")
    assert "not UTF-8" in _errors(tmp_path)["serverless.yml"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop_and_links_out_of_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "loop").symlink_to(root, target_is_directory=True)  # a directory loop: not followed
    (root / "a.yaml").symlink_to(root / "b.yaml")
    (root / "b.yaml").symlink_to(root / "a.yaml")  # a file loop
    outside = tmp_path / "secret.yaml"
    outside.write_text("Resources: {}\n")
    (root / "template.yaml").symlink_to(outside)
    errors = _errors(root)
    assert "outside the scanned root" in errors["template.yaml"]
    assert "loops" in errors["a.yaml"]
    assert not any(path.startswith("loop/") for path in errors)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "template.yaml"
    target.write_text("Resources: {}\n")
    target.chmod(0)
    try:
        assert "cannot read" in _errors(tmp_path)["template.yaml"]
    finally:
        target.chmod(0o644)


def test_unrelated_yaml_is_ignored_quietly(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\njobs: {build: {runs-on: x}}\n")
    (tmp_path / "broken.yml").write_text("a: [\n")  # not a template candidate: no Resources
    result = scan(tmp_path, Config())
    assert result.findings == [] and result.apps == 0


def test_excluded_paths_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "template.yaml").write_bytes(b"\x00")
    assert _errors(tmp_path, Config(exclude=("legacy/",))) == {}
