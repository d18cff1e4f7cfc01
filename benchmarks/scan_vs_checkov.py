"""Whole-process time of `faasguard scan` against checkov on the same generated projects.

    python benchmarks/scan_vs_checkov.py [--functions 1000] [--runs 5] [--checkov PATH]

Generates a SAM, a serverless.yml and a Terraform project of N functions (gen_project.py),
runs each scanner several times as a whole process, and prints the median wall time of each
and their ratio per format. checkov is looked up with --checkov, then in
benchmarks/out/checkov-venv/bin/checkov (`python -m venv benchmarks/out/checkov-venv &&
benchmarks/out/checkov-venv/bin/pip install checkov`), then on PATH. Run on demand; never in
tests. Both tools run one after the other in the same run, so compare the ratio, not the times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gen_project import generate

HERE = Path(__file__).parent
CHECKOV_FRAMEWORK = {"sam": "cloudformation", "serverless": "serverless", "terraform": "terraform"}


def _time(command: list[str], runs: int) -> tuple[float, str]:
    """Median wall time of `runs` runs after one untimed warm-up run. Bytecode writing is
    allowed (some environments set PYTHONDONTWRITEBYTECODE), so both tools run as they do on a
    user's machine after installation, not recompiling every module on every run."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    times = []
    output = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        times.append(time.perf_counter() - start)
        output = done.stdout
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return statistics.median(times), output


def _checkov(explicit: str | None) -> str | None:
    candidates = [explicit, str(HERE / "out" / "checkov-venv" / "bin" / "checkov")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("checkov")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--functions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--checkov")
    parser.add_argument("--formats", default="sam,serverless,terraform")
    args = parser.parse_args()
    faasguard = str(Path(sys.executable).parent / "faasguard")
    checkov = _checkov(args.checkov)
    if checkov is None:
        print("checkov not found: only faasguard is timed", file=sys.stderr)
    print(f"{'format':<11} {'functions':>9} {'faasguard s':>12} {'findings':>9} "
          f"{'checkov s':>10} {'failed checks':>13} {'ratio':>7}")  # fmt: skip
    for fmt in args.formats.split(","):
        project = generate(HERE / "out" / f"{fmt}-{args.functions}", args.functions, fmt)
        ours, out = _time([faasguard, "scan", str(project), "--format", "json", "-q"], args.runs)
        findings = json.loads(out)["summary"]["total"]
        line = f"{fmt:<11} {args.functions:>9} {ours:>12.3f} {findings:>9}"
        if checkov:
            theirs, out = _time(
                [checkov, "-d", str(project), "--framework", CHECKOV_FRAMEWORK[fmt],
                 "-o", "json", "--quiet", "--compact", "--skip-download"],
                args.runs,
            )  # fmt: skip
            failed = _checkov_failed(out)
            line += f" {theirs:>10.3f} {failed:>13} {theirs / ours:>6.1f}x"
        print(line, flush=True)


def _checkov_failed(output: str) -> int:
    try:
        data = json.loads(output)
    except json.JSONDecodeError:
        return -1
    reports = data if isinstance(data, list) else [data]
    return sum(r.get("summary", {}).get("failed", 0) for r in reports if isinstance(r, dict))


if __name__ == "__main__":
    main()
