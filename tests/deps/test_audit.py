"""The audit through the scan: which packages are reported, where, with what, how severe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from faasguard.analysis.engine import ScanResult, scan
from faasguard.core.config import Config
from faasguard.core.enums import Severity
from faasguard.core.finding import Finding

FIXTURES = Path(__file__).parent.parent / "fixtures"
ADVISORIES = FIXTURES / "deps" / "advisories"
EXAMPLES = Path(__file__).parent.parent.parent / "examples"


def run(root: Path, advisories: Path | None = ADVISORIES) -> ScanResult:
    return scan(root, Config(advisories=str(advisories) if advisories else None))


def found(result: ScanResult, rule: str = "DEP001") -> dict[tuple[str, int], Finding]:
    return {
        (f.location.path, f.location.start_line): f for f in result.findings if f.rule_id == rule
    }


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("lock-v1", {("package-lock.json", 7), ("package-lock.json", 13)}),
        (
            "lock-v3",
            {("package-lock.json", 14), ("package-lock.json", 18), ("package-lock.json", 24)},
        ),
        ("yarn-v1", {("yarn.lock", 5), ("yarn.lock", 13)}),
        ("yarn-berry", {("yarn.lock", 13)}),
        ("pnpm-v5", {("pnpm-lock.yaml", 11)}),  # the dev-only @demo/parser is not audited
        ("pnpm-v6", {("pnpm-lock.yaml", 10), ("pnpm-lock.yaml", 14)}),
        ("pnpm-v9", {("pnpm-lock.yaml", 15)}),
        ("package-json", {("package.json", 5)}),
        ("covered", set()),  # package.json 4.17.20 is superseded by the lock's 4.17.21
    ],
)
def test_npm_formats(case: str, expected: set[tuple[str, int]]) -> None:
    result = run(FIXTURES / "deps" / "npm" / case)
    assert set(found(result)) == expected
    assert not [f for f in result.findings if f.rule_id == "FG001"]


def test_finding_names_ids_version_fix_and_merges_aliases() -> None:
    finding = found(run(FIXTURES / "deps" / "npm" / "lock-v1"))[("package-lock.json", 13)]
    assert finding.message.startswith(
        "leftpad-demo 4.17.20 has 1 known vulnerability: "
        "GHSA-test-npm-1 (CVE-2099-0001, FGTEST-NPM-1); upgrade to 4.17.21"
    )
    assert finding.severity is Severity.CRITICAL  # CVSS 9.8 from the v3 vector
    assert finding.category.value == "vulnerable-dependency"
    assert finding.resource == "leftpad-demo"


def test_prerelease_before_a_prerelease_fix_is_reported() -> None:
    finding = found(run(FIXTURES / "deps" / "npm" / "lock-v3"))[("package-lock.json", 18)]
    assert "@demo/parser 2.0.0-rc.1" in finding.message
    assert "upgrade to 2.0.0-rc.2" in finding.message


def test_pipfile_lock_markers_dev_epochs_and_regressions() -> None:
    result = run(FIXTURES / "deps" / "python" / "pipfile-lock")
    reported = found(result)
    assert set(reported) == {("Pipfile.lock", 9), ("Pipfile.lock", 13)}  # develop is not shipped
    http = reported[("Pipfile.lock", 9)].message
    assert "FGTEST-PY-2" in http and "upgrade to 1.7" in http  # 1.5 has a regression
    jwt = reported[("Pipfile.lock", 13)]
    assert "demo-jwt 1!1.9" in jwt.message and "upgrade to 1!2.0" in jwt.message
    assert jwt.severity is Severity.CRITICAL  # CVSS v4 9.3


def test_withdrawn_advisories_are_not_reported(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text('{"dependencies": {"safe-demo": "1.0.0"}}')
    assert not found(run(tmp_path))


def test_exposure_raises_and_internal_lowers_severity(tmp_path: Path) -> None:
    template = """Transform: AWS::Serverless-2016-10-31
Resources:
  PublicFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: public/
      FunctionUrlConfig:
        AuthType: NONE
  QueueFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: queue/
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:eu-west-1:123456789012:jobs
"""
    (tmp_path / "template.yaml").write_text(template)
    for folder in ("public", "queue"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "package.json").write_text(
            '{"dependencies": {"@demo/parser": "1.3.0"}}'
        )
    reported = found(run(tmp_path))
    public = reported[("public/package.json", 1)]
    queue = reported[("queue/package.json", 1)]
    assert (public.severity, queue.severity) == (Severity.HIGH, Severity.LOW)  # base medium
    assert "shipped by PublicFunction (reachable from the internet without authentication)" in (
        public.message
    )
    assert public.function == "PublicFunction"
    assert "shipped by QueueFunction (internal)" in queue.message


def test_layer_contents_ship_with_the_functions_that_use_the_layer() -> None:
    result = run(FIXTURES / "rules" / "DEP001" / "layer", advisories=None)
    finding = found(result)[("layers/common/requirements.txt", 2)]
    assert "shipped by ApiFunction via layer CommonLayer" in finding.message
    assert "reachable from the internet without authentication" in finding.message


def test_included_requirements_ship_with_the_including_function() -> None:
    result = run(FIXTURES / "rules" / "DEP001" / "requirements", advisories=None)
    pillow = found(result)[("src/orders/requirements-base.txt", 3)]
    assert "shipped by OrdersFunction" in pillow.message


def test_broken_manifests_are_scan_errors_not_crashes() -> None:
    result = run(FIXTURES / "deps" / "broken")
    errors = sorted(
        (f.location.path, f.location.start_line) for f in result.findings if f.rule_id == "FG001"
    )
    assert errors == [
        ("Pipfile.lock", 1),
        ("package-lock.json", 5),
        ("package.json", 1),
        ("pkg.dist-info/METADATA", 1),
        ("pnpm-lock.yaml", 5),
        ("poetry.lock", 3),
        ("setup.py", 3),  # from the Python index, once
        ("yarn.lock", 1),
    ]


def test_unreadable_advisory_data_falls_back_to_the_snapshot(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"not advisories")
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements.txt").write_text("requests==2.25.1\n")
    result = run(project, advisories=bad)
    errors = [f for f in result.findings if f.rule_id == "FG001"]
    assert [e.location.path for e in errors] == ["requirements.txt"]
    assert "using the shipped snapshot" in errors[0].message
    assert ("requirements.txt", 1) in found(result)


def test_the_shop_example_reports_each_marked_dependency() -> None:
    result = run(EXAMPLES / "shop", advisories=None)
    reported = found(result)
    for path in sorted((EXAMPLES / "shop" / "src").glob("*/requirements.txt")):
        lines = path.read_text("utf-8").splitlines()
        relpath = path.relative_to(EXAMPLES / "shop").as_posix()
        for number, line in enumerate(lines, start=1):
            if "VULN: vulnerable-dependency" in line:
                cve = line.split("(")[-1].rstrip(")")
                finding = reported.pop((relpath, number + 1), None)
                assert finding is not None, f"{relpath}:{number + 1} not reported"
                assert cve in finding.message
    assert not reported, f"unmarked findings: {sorted(reported)}"


def test_the_secure_shop_has_no_vulnerable_dependency() -> None:
    result = run(EXAMPLES / "shop-secure", advisories=None)
    dependency = [
        f
        for f in result.findings
        if f.rule_id.startswith("DEP") and f.severity is not Severity.INFO
    ]
    assert dependency == []


def test_suppression_comment_in_a_requirements_file(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(
        "# faasguard: ignore[DEP001] patched in our fork\nrequests==2.25.1\nPyYAML==5.3.1\n"
    )
    result = run(tmp_path, advisories=None)
    assert set(found(result)) == {("requirements.txt", 3)}
    assert result.suppressed == 1


def test_vendored_packages_in_a_copy_of_a_function(tmp_path: Path) -> None:
    source = FIXTURES / "rules" / "DEP001" / "vendored"
    shutil.copytree(source, tmp_path / "app")
    finding = found(run(tmp_path / "app", advisories=None))[
        ("src/fn/vendor/requests-2.25.1.dist-info/METADATA", 4)
    ]
    assert "shipped by Fn" in finding.message
