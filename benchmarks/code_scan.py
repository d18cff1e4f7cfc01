"""Whole-process time of `faasguard scan` against Bandit and Semgrep on generated handler code.

    python benchmarks/code_scan.py [--files 2000] [--runs 5] [--jobs 1] [--no-template]
        [--bandit PATH] [--semgrep PATH] [--tools faasguard,bandit,semgrep]

Generates a tree of Lambda handler code (gen_handlers.py: 2,000 files, about 150,000 lines),
then runs each tool several times as a whole process on the same tree and prints the median
wall time and CPU time (user + sys, children included) of each, its findings, and the ratios to
faasguard. The peers live in their own venvs:

    python -m venv benchmarks/out/bandit-venv
    benchmarks/out/bandit-venv/bin/pip install bandit
    python -m venv benchmarks/out/semgrep-venv
    benchmarks/out/semgrep-venv/bin/pip install semgrep

(looked up with --bandit/--semgrep, then there, then on PATH). The semgrep package ships no
rules and the run is offline, so Semgrep gets benchmarks/semgrep_lambda_rules.yaml: our own
rules for the same sinks (one intra-procedural taint rule from the handler's event parameter,
four pattern rules). Semgrep runs with `--metrics off`, no registry config, no version check,
and its default number of jobs; faasguard with --jobs (1). Run on demand; never in tests.
The tools run one after the other, so compare the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from gen_handlers import generate

HERE = Path(__file__).parent
OUT = HERE / "out"
SEMGREP_RULES = HERE / "semgrep_lambda_rules.yaml"
QUIET_ENV = {"SEMGREP_SEND_METRICS": "off", "SEMGREP_ENABLE_VERSION_CHECK": "0"}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], runs: int) -> tuple[list[float], list[float], str]:
    """Wall times, CPU times (user + sys of the process and what it waited for), last stdout."""
    times, cpu = [], []
    output = ""
    env = {**os.environ, **QUIET_ENV}
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _cpu()
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
        output = done.stdout
        if done.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return times, cpu, output


def _tool(name: str, explicit: str | None) -> str | None:
    for candidate in (explicit, str(OUT / f"{name}-venv" / "bin" / name)):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which(name)


def _count_faasguard(output: str) -> str:
    data = json.loads(output)
    code = [f for f in data["findings"] if not f["rule_id"].startswith("IAC")]
    return f"{data['summary']['total']} ({len(code)} code)"


def _count_bandit(output: str) -> str:
    return str(len(json.loads(output)["results"]))


def _count_semgrep(output: str) -> str:
    data = json.loads(output)
    return f"{len(data['results'])} ({len(data['errors'])} errors)"


def _commands(
    args: argparse.Namespace, tree: Path
) -> dict[str, tuple[list[str], Callable[[str], str]]]:
    faasguard = str(Path(sys.executable).parent / "faasguard")
    commands = {
        "faasguard": (
            [faasguard, "scan", str(tree), "--format", "json", "-q", "--jobs", str(args.jobs)],
            _count_faasguard,
        )
    }
    bandit = _tool("bandit", args.bandit)
    if bandit:
        commands["bandit"] = ([bandit, "-r", str(tree), "-f", "json", "-q"], _count_bandit)
    semgrep = _tool("semgrep", args.semgrep)
    if semgrep:
        commands["semgrep"] = (
            [semgrep, "scan", "--config", str(SEMGREP_RULES), "--metrics", "off",
             "--disable-version-check", "--no-git-ignore", "--json", "-q", str(tree)],
            _count_semgrep,
        )  # fmt: skip
    wanted = set(args.tools.split(","))
    missing = wanted - set(commands)
    if missing:
        print(f"not found, not timed: {', '.join(sorted(missing))}", file=sys.stderr)
    return {name: cmd for name, cmd in commands.items() if name in wanted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="faasguard --jobs")
    parser.add_argument("--no-template", action="store_true", help="code only, no template.yaml")
    parser.add_argument("--bandit")
    parser.add_argument("--semgrep")
    parser.add_argument("--tools", default="faasguard,bandit,semgrep")
    args = parser.parse_args()
    tree = generate(OUT / f"handlers-{args.files}", args.files, template=not args.no_template)
    py = list(tree.rglob("*.py"))
    lines = sum(p.read_text().count("\n") for p in py)
    print(f"tree: {tree} ({len(py)} Python files, {lines} lines, runs={args.runs})")
    print(
        f"{'tool':<10} {'median s':>9} {'min s':>7} {'max s':>7} {'ratio':>7} "
        f"{'cpu s':>7} {'ratio':>7}  findings"
    )
    base: tuple[float, float] | None = None
    for name, (command, count) in _commands(args, tree).items():
        times, cpu, output = _time(command, args.runs)
        median, median_cpu = statistics.median(times), statistics.median(cpu)
        base = base or (median, median_cpu)
        print(
            f"{name:<10} {median:>9.2f} {min(times):>7.2f} {max(times):>7.2f} "
            f"{median / base[0]:>6.1f}x {median_cpu:>7.2f} {median_cpu / base[1]:>6.1f}x  "
            f"{count(output)}",
            flush=True,
        )
        print("  $ " + " ".join(command), flush=True)


if __name__ == "__main__":
    main()
