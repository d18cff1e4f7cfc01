"""The shipped snapshot: built from the PyPA database it names, and it finds what the data
says is vulnerable (and not the fixed version)."""

from __future__ import annotations

from pathlib import Path

import pytest

from faasguard.analysis.deps.advisories import EventKind
from faasguard.analysis.deps.matching import first_safe_version
from faasguard.analysis.deps.model import Ecosystem
from faasguard.analysis.deps.store import load_database, snapshot_bytes
from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.tools.build_advisories import DEFAULT_SOURCE, build, main

DATA = Path(__file__).resolve().parents[2] / "src" / "faasguard" / "data" / "advisories"


@pytest.mark.skipif(not (DEFAULT_SOURCE / "vulns").is_dir(), reason="no PyPA source data here")
def test_snapshot_matches_its_source() -> None:
    # builds the compact file from the source and compares it byte for byte with the shipped one
    assert main(["--check"]) == 0, "stale snapshot: run python -m faasguard.tools.build_advisories"


def test_the_build_is_a_pure_function_of_the_source(tmp_path: Path) -> None:
    vulns = tmp_path / "src" / "vulns"
    vulns.mkdir(parents=True)
    (tmp_path / "src" / "SOURCE.md").write_text(
        "commit " + "a" * 40 + " (2024-01-02)", encoding="utf-8"
    )
    record = (
        "id: PYSEC-X\nmodified: 2024-01-01T00:00:00Z\n"
        "affected:\n- package: {name: x, ecosystem: PyPI}\n  versions: ['1.0']\n"
    )
    (vulns / "PYSEC-X.yaml").write_text(record, encoding="utf-8")
    first = build(tmp_path / "src")
    assert first == build(tmp_path / "src")
    assert main(["--source", str(tmp_path / "src"), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "pypa.json.gz").read_bytes() == first
    assert main(["--source", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--check"]) == 0
    (vulns / "PYSEC-X.yaml").write_text(record.replace("1.0", "1.1"), encoding="utf-8")
    assert main(["--source", str(tmp_path / "src"), "--out", str(tmp_path / "out"), "--check"]) == 1


def test_snapshot_is_small_and_attributed() -> None:
    assert len(snapshot_bytes()) < 3 * 1024 * 1024
    database = load_database(None)
    assert len(database) > 2000
    assert database.source.startswith("pypa/advisory-database@")
    assert database.generated == "2024-10-10T00:00:00Z"
    notice = (DATA / "NOTICE.md").read_text("utf-8")
    assert "CC-BY 4.0" in notice or "Creative Commons Attribution 4.0" in notice
    assert "Attribution 4.0 International" in (DATA / "LICENSE-pypa-advisory-database").read_text(
        "utf-8"
    )


def _vulnerable_and_fixed(name: str) -> tuple[str, str]:
    """A listed vulnerable version of a package and the version the data says fixes it."""
    advisories = load_database(None).for_package(Ecosystem.PYPI, name)
    for advisory in advisories:
        for affected in advisory.affecting(Ecosystem.PYPI, name):
            fixed = [e.version for r in affected.ranges for e in r if e.kind is EventKind.FIXED]
            if affected.versions and fixed:
                vulnerable = affected.versions[-1]
                safe = first_safe_version(advisories, Ecosystem.PYPI, name, vulnerable)
                assert safe is not None
                return vulnerable, safe
    raise AssertionError(f"no fixed advisory for {name}")


@pytest.mark.parametrize("name", ["django", "jinja2", "urllib3", "cryptography", "pillow"])
def test_a_known_vulnerable_pin_is_reported_and_its_fix_is_not(name: str, tmp_path: Path) -> None:
    vulnerable, fixed = _vulnerable_and_fixed(name)
    (tmp_path / "requirements.txt").write_text(f"{name}=={vulnerable}\n{name}=={fixed}\n")
    reported = {
        f.location.start_line: f.message
        for f in scan(tmp_path, Config()).findings
        if f.rule_id == "DEP001"
    }
    assert list(reported) == [1], f"{name}: {reported}"
    assert f"upgrade to {fixed}" in reported[1]
