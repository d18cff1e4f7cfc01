"""The labelled Lambda test set (tests/benchmark) is consistent, and its scorer works.

Detection rates are NOT asserted here: they are what the scorer measures
(`.venv/bin/python tests/benchmark/score.py`), and they go in docs/benchmarks.md.
"""

from __future__ import annotations

import ast
import io
import json
import re
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from faasguard.analysis.engine import scan
from faasguard.core.config import Config
from faasguard.core.enums import Category
from tests.benchmark import score as scorer
from tests.benchmark.score import CaseResult, Label, Match

LABELS = scorer.read_labels()
BY_NAME = {label.name: label for label in LABELS}
FOLDERS = sorted(p for p in scorer.CASES.iterdir() if p.is_dir() and not p.name.startswith("."))
# Issue 3: at least 10 true and 10 false cases for these, fewer for the rest.
MAIN_CATEGORIES = {
    "injection-sql",
    "injection-nosql",
    "injection-command",
    "injection-code",
    "injection-template",
    "deserialization",
    "path-traversal",
    "ssrf",
}
OTHER_CATEGORIES = {
    "xxe",
    "redos",
    "sensitive-data-exposure",
    "hardcoded-secret",
    "insecure-transport",
    "broken-access-control",
    "missing-encryption",
}
_HEADER = re.compile(r"^# Benchmark case \((true|false)\): ")
_HANDLER = re.compile(r"^\s+Handler:\s*(\S+)\s*$", re.MULTILINE)
_CODE_URI = re.compile(r"^\s+CodeUri:\s*(\S+)\s*$", re.MULTILINE)


def test_labels_are_unique() -> None:
    duplicates = [name for name, n in Counter(lab.name for lab in LABELS).items() if n > 1]
    assert duplicates == []


def test_every_folder_is_labelled_and_every_label_has_a_folder() -> None:
    folders = {p.name for p in FOLDERS}
    assert sorted(folders - set(BY_NAME)) == [], "case folders without a label"
    assert sorted(set(BY_NAME) - folders) == [], "labels without a case folder"


def test_categories_are_finding_categories() -> None:
    valid = {c.value for c in Category} - {Category.SCAN_ERROR.value}
    assert sorted({lab.category for lab in LABELS} - valid) == []


def test_cwes_are_positive_and_consistent_with_the_name() -> None:
    assert [lab.name for lab in LABELS if lab.cwe <= 0] == []
    # a case name says whether it is a true or a false case
    wrong = [lab.name for lab in LABELS if f"-{'true' if lab.real else 'false'}-" not in lab.name]
    assert wrong == []


def test_every_category_has_enough_true_and_false_cases() -> None:
    counts = Counter((lab.category, lab.real) for lab in LABELS)
    short = []
    for category in sorted(MAIN_CATEGORIES | OTHER_CATEGORIES):
        floor = 10 if category in MAIN_CATEGORIES else 4
        short += [
            f"{category} real={real}" for real in (True, False) if counts[category, real] < floor
        ]
    assert short == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_case_is_a_loadable_project(folder: Path) -> None:
    for path in folder.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=(3, 12))
    template = folder / "template.yaml"
    if template.exists():
        text = template.read_text(encoding="utf-8")
        handler, code_uri = _HANDLER.search(text), _CODE_URI.search(text)
        assert handler and code_uri, "template without Handler/CodeUri"
        module = handler.group(1).rsplit(".", 1)[0].replace(".", "/")
        assert (folder / code_uri.group(1) / f"{module}.py").is_file(), "handler module missing"
    main = folder / "app.py" if (folder / "app.py").exists() else None
    assert main is not None, "every case has an app.py"
    header = _HEADER.match(main.read_text(encoding="utf-8"))
    assert header, "app.py starts with '# Benchmark case (true|false): ...'"
    assert header.group(1) == ("true" if BY_NAME[folder.name].real else "false")


def test_cases_scan_without_scan_errors() -> None:
    results = scorer.scan_cases([lab.name for lab in LABELS])
    errors = {name: r.errors for name, r in results.items() if r.errors}
    assert errors == {}


def test_scan_case_leaves_out_template_rules() -> None:
    folder = scorer.CASES / "path-true-s3-key-tmp"  # its template has an S3 bucket
    everything = scan(folder, Config())
    assert any(f.rule_id.startswith("IAC") for f in everything.findings)
    result = scorer.scan_case(folder)
    assert not any(rule.startswith("IAC") for rule in result.rules)


def _result(name: str, *categories: str, cwes: tuple[int, ...] = ()) -> CaseResult:
    return CaseResult(name, frozenset(categories), frozenset(cwes), rules=())


def test_score_counts_detections_per_category() -> None:
    labels = [
        Label("a-true-1", "ssrf", True, 918),
        Label("a-true-2", "ssrf", True, 918),
        Label("a-false-1", "ssrf", False, 918),
        Label("a-false-2", "ssrf", False, 918),
        Label("b-true-1", "xxe", True, 611),
        Label("b-false-1", "xxe", False, 611),
    ]
    results = {
        "a-true-1": _result("a-true-1", "ssrf"),
        "a-true-2": _result("a-true-2", "injection-sql"),  # wrong category: a miss
        "a-false-1": _result("a-false-1"),
        "a-false-2": _result("a-false-2", "ssrf"),
        "b-true-1": _result("b-true-1", "xxe"),
        "b-false-1": _result("b-false-1"),
    }
    report = scorer.score(labels, results, Match.CATEGORY)
    ssrf, xxe = report.categories
    assert (ssrf.category, ssrf.tp, ssrf.fp, ssrf.tpr, ssrf.fpr) == ("ssrf", 1, 1, 0.5, 0.5)
    assert ssrf.score == 0.0
    assert (xxe.tpr, xxe.fpr, xxe.score) == (1.0, 0.0, 1.0)
    assert report.misses == ("a-true-2",)
    assert report.false_alarms == ("a-false-2",)
    assert report.mean_tpr == 0.75 and report.mean_fpr == 0.25
    pooled = report.pooled()
    assert (pooled.true_cases, pooled.false_cases, pooled.tp, pooled.fp) == (3, 3, 2, 1)


def test_score_by_cwe_matches_the_labelled_cwe() -> None:
    labels = [Label("c-true-1", "misconfiguration", True, 327)]
    results = {"c-true-1": _result("c-true-1", "missing-encryption", cwes=(327,))}
    assert scorer.score(labels, results, Match.CATEGORY).categories[0].tp == 0
    assert scorer.score(labels, results, Match.CWE).categories[0].tp == 1


def test_read_labels_rejects_a_bad_real_column(tmp_path: Path) -> None:
    bad = tmp_path / "labels.csv"
    bad.write_text("name,category,real,cwe\nx-true-1,ssrf,yes,918\n", encoding="utf-8")
    with pytest.raises(ValueError, match="real must be true or false"):
        scorer.read_labels(bad)


def test_scorer_command_prints_json_for_the_selected_category() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert scorer.main(["--json", "--category", "redos"]) == 0
    data = json.loads(out.getvalue())
    redos = [lab for lab in LABELS if lab.category == "redos"]
    assert [c["category"] for c in data["categories"]] == ["redos"]
    row = data["categories"][0]
    assert row["true_cases"] == sum(lab.real for lab in redos)
    assert row["false_cases"] == sum(not lab.real for lab in redos)
    assert set(data["cases"]) == {lab.name for lab in redos}
    assert 0.0 <= row["tpr"] <= 1.0 and 0.0 <= row["fpr"] <= 1.0


def test_scorer_command_prints_a_table() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert scorer.main(["--category", "xxe", "--details"]) == 0
    text = out.getvalue()
    assert re.search(r"^xxe\s+5\s+5\s", text, re.MULTILINE)
    assert "(mean of categories)" in text and "missed true cases" in text
