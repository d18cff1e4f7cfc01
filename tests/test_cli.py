"""The command line end to end: formats, exit codes, filters, baselines, suppressions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from faasguard.cli.main import main

ROOT = Path(__file__).parent.parent
SHOP = ROOT / "examples" / "shop"
SECURE = ROOT / "examples" / "shop-secure"

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Status:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: NONE{comment}
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _project(tmp_path: Path, comment: str = "") -> Path:
    (tmp_path / "template.yaml").write_text(TEMPLATE.format(comment=comment))
    return tmp_path


def test_json_on_stdout_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scan", str(SHOP), "--format", "json")
    document = json.loads(out)  # stdout is the JSON document and nothing else
    assert code == 1
    assert document["summary"]["failing"] > 0
    paths = {f["location"]["path"] for f in document["findings"]}
    assert "template.yaml" in paths  # relative to the scanned PATH
    admin = [
        f
        for f in document["findings"]
        if f["rule_id"] == "IAC001" and f["function"] == "AdminFunction"
    ]
    assert admin and admin[0]["severity"] == "critical"


def test_secure_shop_has_nothing_high(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scan", str(SECURE), "--format", "json", "--fail-on", "high")
    document = json.loads(out)
    bad = [
        (f["rule_id"], f["location"]["path"], f["location"]["start_line"], f["message"])
        for f in document["findings"]
        if f["severity"] in ("high", "critical")
    ]
    assert bad == [] and code == 0


def test_function_url_finding_points_at_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = _run(capsys, "scan", str(_project(tmp_path)), "--format", "json")
    hits = [f for f in json.loads(out)["findings"] if f["rule_id"] == "IAC002"]
    assert [(h["location"]["start_line"], h["resource"]) for h in hits] == [(10, "Status")]
    assert code == 1


def test_inline_suppression_and_blanket_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = _project(tmp_path, "  # faasguard: ignore[IAC002] public status page")
    _, out, _ = _run(capsys, "scan", str(project), "--format", "json")
    document = json.loads(out)
    assert "IAC002" not in {f["rule_id"] for f in document["findings"]}
    assert document["summary"]["suppressed"] >= 1
    project = _project(tmp_path, "  # faasguard: ignore")
    _, out, _ = _run(capsys, "scan", str(project), "--format", "json")
    ids = {f["rule_id"] for f in json.loads(out)["findings"]}
    assert {"IAC002", "FG002"} <= ids


def test_baseline_round_trip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    project = shutil.copytree(SHOP, tmp_path / "shop")
    baseline = tmp_path / "baseline.json"
    _run(capsys, "scan", str(project), "--write-baseline", str(baseline), "-q")
    code, out, _ = _run(capsys, "scan", str(project), "--baseline", str(baseline), "-f", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    # a comment at the top moves every line: the baseline still holds
    template = project / "template.yaml"
    template.write_text("# reviewed\n\n" + template.read_text())
    code, out, _ = _run(capsys, "scan", str(project), "--baseline", str(baseline), "-f", "json")
    assert json.loads(out)["findings"] == [] and code == 0


def test_filters(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "scan", str(SHOP), "-f", "json", "--severity", "critical")
    document = json.loads(out)
    assert document["findings"] and {f["severity"] for f in document["findings"]} == {"critical"}
    assert document["summary"]["filtered"] > 0
    _, out, _ = _run(capsys, "scan", str(SHOP), "-f", "json", "--rule", "IAC002")
    assert {f["rule_id"] for f in json.loads(out)["findings"]} == {"IAC002"}
    _, out, _ = _run(capsys, "scan", str(SHOP), "-f", "json", "--category", "missing-auth")
    assert {f["category"] for f in json.loads(out)["findings"]} == {"missing-auth"}


def test_jobs_give_the_same_findings(capsys: pytest.CaptureFixture[str]) -> None:
    examples = ROOT / "examples"
    args = ["scan", str(examples / "shop"), str(examples / "shop-terraform"), "-f", "json"]
    _, one, _ = _run(capsys, *args)
    _, two, _ = _run(capsys, *args, "--jobs", "2")
    assert json.loads(one)["findings"] == json.loads(two)["findings"]
    paths = {f["location"]["path"].split("/")[-2] for f in json.loads(one)["findings"]}
    assert {"shop", "shop-terraform"} <= paths  # several PATHs: prefixed by the PATH


def test_output_file_and_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    code, out, err = _run(capsys, "scan", str(SHOP), "-f", "sarif", "-o", str(target))
    assert out == "" and "report in" in err and code == 1
    assert json.loads(target.read_text())["version"] == "2.1.0"
    _, out, _ = _run(capsys, "scan", str(SHOP), "--no-color")
    assert "\033[" not in out and "template.yaml" in out and "at or above high" in out


@pytest.mark.parametrize(
    "args",
    [
        ["scan", "/no/such/dir"],
        ["scan", ".", "--fail-on", "urgent"],
        ["scan", ".", "--jobs", "0"],
        ["scan", ".", "--opt", "novalue"],
        ["explain", "NOPE001"],
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    _, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in err and err.strip()


def test_bad_config_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / ".faasguard.toml").write_text('severity = {IAC001 = "urgent"}\n')
    code, _, err = _run(capsys, "scan", str(tmp_path))
    assert code == 2 and "urgent" in err


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "rules", "--format", "json")
    rules = json.loads(out)
    assert code == 0 and {"FG001", "IAC001", "IAC002"} <= {r["id"] for r in rules}
    code, out, _ = _run(capsys, "explain", "iac002")
    assert code == 0 and "## Why is this bad?" in out and "## Use instead" in out


def test_docs_rules_pages_are_fresh() -> None:
    from faasguard.tools.gendocs import main as gendocs

    assert gendocs(["--check", "--out", str(ROOT / "docs" / "rules")]) == 0, (
        "docs/rules is stale: run `make docs`"
    )
