"""`faasguard scan PATH ...`: the flags, the run, the exit code. Names no rule."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from faasguard import __version__
from faasguard.core.enums import Category, Severity
from faasguard.core.finding import Finding

_SEVERITIES = [s.value for s in Severity]


def add_parser(commands: Any) -> None:
    p = commands.add_parser(
        "scan",
        help="find security problems in a serverless project",
        description="Scan serverless projects (SAM/CloudFormation, CDK output, serverless.yml, "
        "Terraform) and report each problem at the line to fix.",
    )
    p.add_argument("paths", nargs="*", type=Path, default=[Path()], metavar="PATH")
    p.add_argument("--format", "-f", choices=["text", "json", "sarif", "markdown"], default="text")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report here")
    p.add_argument("--fail-on", choices=_SEVERITIES, help="exit 1 at or above this (high)")
    p.add_argument("--severity", choices=_SEVERITIES, help="report only at or above this")
    p.add_argument("--category", action="append", metavar="CATEGORY", help="only these (repeat)")
    p.add_argument("--rule", action="append", metavar="RULE", help="only these rule ids (repeat)")
    p.add_argument("--baseline", type=Path, metavar="FILE", help="ignore findings in FILE")
    p.add_argument("--write-baseline", type=Path, metavar="FILE", help="save findings to FILE")
    p.add_argument("--config", type=Path, metavar="FILE", help="a .faasguard.toml/pyproject.toml")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="processes (1)")
    p.add_argument("--env", action="store_true", help="resolve ${env:X} from this environment")
    p.add_argument("--opt", action="append", metavar="KEY=VALUE", help="value for ${opt:KEY}")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    p.add_argument("--no-color", action="store_true", help="never colour the text output")
    p.add_argument("--advisories", type=Path, metavar="PATH", help="advisory data to use")


def run(args: argparse.Namespace) -> int:
    from faasguard.analysis.baseline import BaselineError, baseline_text, read_baseline
    from faasguard.analysis.engine import ScanResult, scan
    from faasguard.cli.configfile import load_config
    from faasguard.cli.main import EXIT_FINDINGS, EXIT_OK, UsageError
    from faasguard.core.config import ConfigError
    from faasguard.report import OutputFormat, render
    from faasguard.report.data import ReportData
    from faasguard.rules import all_rules

    if sys.version_info < (3, 12):
        raise UsageError("faasguard scan needs Python 3.12 or newer (it parses modern code)")
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
        if not path.is_dir():
            raise UsageError(f"{path}: scan takes project directories")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    try:
        config = load_config(args.paths, args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    config = replace(
        config,
        environ=dict(os.environ) if args.env else None,
        cli_options=_options(args.opt or [], UsageError),
        fail_on=Severity(args.fail_on) if args.fail_on else config.fail_on,
        advisories=_advisories(args.advisories, config.advisories, UsageError),
    )
    baseline = None
    if args.baseline:
        try:
            baseline = read_baseline(args.baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None

    progress = _Progress(enabled=not args.quiet and sys.stderr.isatty())
    results: list[tuple[str, ScanResult]] = []
    for path in args.paths:
        results.append((str(path), scan(path, config, jobs=args.jobs, progress=progress)))
    progress.done()

    findings = [
        _prefixed(f, label) if len(results) > 1 else f
        for label, result in results
        for f in result.findings
    ]
    if args.write_baseline:
        _write(args.write_baseline, baseline_text(findings))
    baselined = 0
    if baseline is not None:
        findings, baselined = baseline.split(findings)
    shown = _filter(findings, args, UsageError)
    data = ReportData(
        findings=tuple(shown),
        rules=tuple(r for r in all_rules() if config.rule_enabled(r.id)),
        roots=tuple(label for label, _ in results),
        files_scanned=sum(r.files_scanned for _, r in results),
        files_failed=sum(r.files_failed for _, r in results),
        apps=sum(r.apps for _, r in results),
        suppressed=sum(r.suppressed for _, r in results),
        baselined=baselined,
        filtered=len(findings) - len(shown),
        fail_on=config.fail_on,
        tool_version=__version__,
    )
    fmt = OutputFormat(args.format)
    color = fmt is OutputFormat.TEXT and _use_color(args)
    width = _terminal_width()
    text = render(fmt, data, color=color, width=width)
    if args.output:
        _write(args.output, render(fmt, data, color=False, width=width))
        if not args.quiet:
            from faasguard.report.text import summary_line

            print(f"faasguard: {summary_line(data)}; report in {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_FINDINGS if data.failing else EXIT_OK


def _advisories(flag: Path | None, setting: str | None, error: type[Exception]) -> str | None:
    """--advisories PATH, else the `advisories` setting, else the `faasguard db update`
    cache, else None (the snapshot shipped in the package)."""
    from faasguard.analysis.deps.store import cached_database_path

    if flag is not None and not flag.exists():
        raise error(f"{flag}: no such advisory file or folder")
    chosen = str(flag) if flag is not None else setting
    if chosen is None:
        cached = cached_database_path(os.environ)
        return str(cached) if cached else None
    return chosen


def _options(pairs: list[str], error: type[Exception]) -> dict[str, str]:
    options = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise error(f"--opt takes KEY=VALUE, not {pair!r}")
        options[key] = value
    return options


def _filter(
    findings: list[Finding], args: argparse.Namespace, error: type[Exception]
) -> list[Finding]:
    shown = findings
    if args.severity:
        floor = Severity(args.severity).rank
        shown = [f for f in shown if f.severity.rank >= floor]
    if args.category:
        try:
            wanted = {Category(c) for c in args.category}
        except ValueError as exc:
            raise error(f"unknown category: {exc}") from None
        shown = [f for f in shown if f.category in wanted]
    if args.rule:
        ids = {r.upper() for r in args.rule}
        shown = [f for f in shown if f.rule_id in ids or f.rule_name in args.rule]
    return shown


def _prefixed(finding: Finding, root: str) -> Finding:
    prefix = Path(root).as_posix().rstrip("/")
    location = finding.location._replace(path=f"{prefix}/{finding.location.path}")
    return replace(finding, location=location)


def _write(path: Path, text: str) -> None:
    from faasguard.cli.main import UsageError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None


def _use_color(args: argparse.Namespace) -> bool:
    if args.no_color or args.output or "NO_COLOR" in os.environ:
        return False
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        return 100


class _Progress:
    """A one-line counter on stderr, only for scans that take long enough to need one."""

    DELAY = 0.5

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.DELAY:
            return
        sys.stderr.write(f"\rfaasguard: scanned {done}/{total} project files")
        sys.stderr.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


__all__ = ["add_parser", "run"]
