"""Score faasguard's code analysis on the labelled Lambda test set.

    .venv/bin/python tests/benchmark/score.py [--json] [--match category|cwe]
        [--category CAT ...] [--details] [--jobs N]

Each folder under ``cases/`` is a tiny project scanned as its own root, in process, with the
default configuration. ``labels.csv`` says for each case its category, whether the problem is
really there (``real``) and its CWE. A case counts as *detected* when a finding of its category
(``--match cwe``: carrying its CWE) is reported anywhere in it. Findings of the template rules
(``IAC...``) are left out: they judge the template (a case's S3 trigger needs a bucket, which
the IaC rules rightly criticise) and this set measures the code analysis. Scan errors (FG001)
are listed, since a case that does not load says nothing.

Per category: true-positive rate (detected true cases / true cases), false-positive rate
(detected false cases / false cases) and their difference (Youden's J, the OWASP Benchmark
score). Overall: the mean of the per-category figures, and the pooled counts.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
LABELS = HERE / "labels.csv"
IGNORED_RULE_PREFIXES = ("IAC",)
SCAN_ERROR_RULE = "FG001"


class Match(str, Enum):
    CATEGORY = "category"
    CWE = "cwe"


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    category: str
    real: bool
    cwe: int


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What the scan of one case reported (code findings only)."""

    name: str
    categories: frozenset[str]
    cwes: frozenset[int]
    rules: tuple[str, ...]
    errors: tuple[str, ...] = ()

    def detects(self, label: Label, match: Match) -> bool:
        if match is Match.CWE:
            return label.cwe in self.cwes
        return label.category in self.categories


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    true_cases: int
    false_cases: int
    tp: int
    fp: int

    @property
    def tpr(self) -> float:
        return self.tp / self.true_cases if self.true_cases else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / self.false_cases if self.false_cases else 0.0

    @property
    def score(self) -> float:
        return self.tpr - self.fpr


@dataclass(frozen=True, slots=True)
class Report:
    categories: tuple[CategoryScore, ...]
    misses: tuple[str, ...]  # true cases not detected
    false_alarms: tuple[str, ...]  # false cases detected
    errors: tuple[str, ...]  # "case: message" for every scan error
    match: Match

    @property
    def mean_tpr(self) -> float:
        return _mean([c.tpr for c in self.categories])

    @property
    def mean_fpr(self) -> float:
        return _mean([c.fpr for c in self.categories])

    @property
    def mean_score(self) -> float:
        return self.mean_tpr - self.mean_fpr

    def pooled(self) -> CategoryScore:
        return CategoryScore(
            "(pooled)",
            sum(c.true_cases for c in self.categories),
            sum(c.false_cases for c in self.categories),
            sum(c.tp for c in self.categories),
            sum(c.fp for c in self.categories),
        )


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def read_labels(path: Path = LABELS) -> list[Label]:
    """The labels, in file order. Raises ValueError on a malformed row."""
    labels = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["name", "category", "real", "cwe"]:
            raise ValueError(f"{path}: header must be name,category,real,cwe")
        for number, row in enumerate(reader, start=2):
            if row["real"] not in ("true", "false"):
                raise ValueError(f"{path}:{number}: real must be true or false")
            labels.append(
                Label(row["name"], row["category"], row["real"] == "true", int(row["cwe"]))
            )
    return labels


def scan_case(folder: Path) -> CaseResult:
    """Scan one case folder as its own root, in process."""
    from faasguard.analysis.engine import scan
    from faasguard.core.config import Config

    result = scan(folder, Config())
    code = [f for f in result.findings if not f.rule_id.startswith(IGNORED_RULE_PREFIXES)]
    errors = tuple(
        f"{f.location.path}:{f.location.start_line}: {f.message}"
        for f in code
        if f.rule_id == SCAN_ERROR_RULE
    )
    found = [f for f in code if f.rule_id != SCAN_ERROR_RULE]
    return CaseResult(
        name=folder.name,
        categories=frozenset(f.category.value for f in found),
        cwes=frozenset(cwe for f in found for cwe in f.cwe),
        rules=tuple(sorted({f.rule_id for f in found})),
        errors=errors,
    )


def scan_cases(names: Iterable[str], cases: Path = CASES, jobs: int = 1) -> dict[str, CaseResult]:
    folders = [cases / name for name in names]
    if jobs <= 1:
        return {folder.name: scan_case(folder) for folder in folders}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return {r.name: r for r in pool.map(scan_case, folders, chunksize=8)}


def score(labels: Sequence[Label], results: dict[str, CaseResult], match: Match) -> Report:
    """Per-category rates from the labels and what each case's scan reported."""
    by_category: dict[str, list[Label]] = {}
    for label in labels:
        by_category.setdefault(label.category, []).append(label)
    rows, misses, alarms = [], [], []
    for category in sorted(by_category):
        group = by_category[category]
        hit = {lab.name for lab in group if results[lab.name].detects(lab, match)}
        misses += [lab.name for lab in group if lab.real and lab.name not in hit]
        alarms += [lab.name for lab in group if not lab.real and lab.name in hit]
        rows.append(
            CategoryScore(
                category,
                true_cases=sum(lab.real for lab in group),
                false_cases=sum(not lab.real for lab in group),
                tp=sum(lab.real and lab.name in hit for lab in group),
                fp=sum(not lab.real and lab.name in hit for lab in group),
            )
        )
    errors = [f"{lab.name}: {e}" for lab in labels for e in results[lab.name].errors]
    return Report(tuple(rows), tuple(misses), tuple(alarms), tuple(errors), match)


def render_text(report: Report, details: bool) -> str:
    head = (
        f"{'category':<26} {'true':>5} {'false':>5} {'TP':>4} {'FP':>4} "
        f"{'TPR':>6} {'FPR':>6} {'score':>6}"
    )
    lines = [f"detected = a code finding of the case's {report.match.value}", head, "-" * len(head)]
    for row in (*report.categories, report.pooled()):
        lines.append(
            f"{row.category:<26} {row.true_cases:>5} {row.false_cases:>5} {row.tp:>4} {row.fp:>4} "
            f"{row.tpr:>6.1%} {row.fpr:>6.1%} {row.score:>+6.1%}"
        )
    lines.append(
        f"{'(mean of categories)':<26} {'':>5} {'':>5} {'':>4} {'':>4} "
        f"{report.mean_tpr:>6.1%} {report.mean_fpr:>6.1%} {report.mean_score:>+6.1%}"
    )
    if report.errors:
        lines += ["", f"scan errors ({len(report.errors)}):", *(f"  {e}" for e in report.errors)]
    if details:
        lines += ["", f"missed true cases ({len(report.misses)}):"]
        lines += [f"  {name}" for name in report.misses]
        lines += ["", f"false alarms ({len(report.false_alarms)}):"]
        lines += [f"  {name}" for name in report.false_alarms]
    return "\n".join(lines) + "\n"


def render_json(report: Report, results: dict[str, CaseResult], seconds: float) -> str:
    def row(c: CategoryScore) -> dict[str, object]:
        return {**asdict(c), "tpr": c.tpr, "fpr": c.fpr, "score": c.score}

    data = {
        "match": report.match.value,
        "categories": [row(c) for c in report.categories],
        "pooled": row(report.pooled()),
        "mean": {"tpr": report.mean_tpr, "fpr": report.mean_fpr, "score": report.mean_score},
        "misses": list(report.misses),
        "false_alarms": list(report.false_alarms),
        "errors": list(report.errors),
        "cases": {name: list(r.rules) for name, r in sorted(results.items())},
        "seconds": round(seconds, 3),
    }
    return json.dumps(data, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--match", choices=[m.value for m in Match], default=Match.CATEGORY.value)
    parser.add_argument("--category", action="append", help="only these categories (repeat)")
    parser.add_argument("--details", action="store_true", help="list misses and false alarms")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="scan cases in N processes")
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--labels", type=Path, default=LABELS)
    args = parser.parse_args(argv)
    labels = read_labels(args.labels)
    if args.category:
        labels = [lab for lab in labels if lab.category in set(args.category)]
    if not labels:
        print("no labelled case selected", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = scan_cases([lab.name for lab in labels], args.cases, args.jobs)
    seconds = time.perf_counter() - started
    report = score(labels, results, Match(args.match))
    if args.json:
        sys.stdout.write(render_json(report, results, seconds))
    else:
        sys.stdout.write(render_text(report, args.details))
        print(f"{len(labels)} cases scanned in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
