"""`faasguard policy PATH`: the least-privilege IAM policy of each function, inferred from its
code and template; with `--diff`, what its declared role grants beyond that and what it lacks.

Exit codes: 0, or 1 with `--diff` when some function's role lacks a permission its code needs
(a deploy that would fail at run time); 2 for a misused command line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

FORMATS = ["json", "sam", "serverless", "terraform"]


def add_parser(commands: Any) -> None:
    p = commands.add_parser(
        "policy",
        help="write the least-privilege IAM policy of each function",
        description="Infer, from each function's code and template, the IAM policy it needs: "
        "every statement says which call needs it, on which line, and how sure faasguard is.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="a project directory")
    p.add_argument(
        "--function", action="append", metavar="NAME", help="only this function (repeat)"
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="json")
    p.add_argument("--diff", action="store_true", help="compare with each function's declared role")
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    p.add_argument("--config", type=Path, metavar="FILE", help="a .faasguard.toml/pyproject.toml")
    p.add_argument("--quiet", "-q", action="store_true", help="no warnings on stderr")


def run(args: argparse.Namespace) -> int:
    from faasguard.cli.configfile import load_config
    from faasguard.cli.main import EXIT_FINDINGS, EXIT_OK, UsageError
    from faasguard.core.config import ConfigError
    from faasguard.iam.infer.diff import diff_policy
    from faasguard.iam.infer.infer import infer_policies
    from faasguard.iam.infer.load import load_project
    from faasguard.iam.render import PolicyFormat, render

    if sys.version_info < (3, 12):
        raise UsageError("faasguard policy needs Python 3.12 or newer (it parses modern code)")
    if not args.path.is_dir():
        raise UsageError(f"{args.path}: not a project directory")
    try:
        config = load_config([args.path], args.config)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    loaded = load_project(args.path, replace(config, environ=None))
    inferred = infer_policies(loaded.project).functions
    chosen = _chosen(inferred, args.function or [], UsageError)
    diffs = [diff_policy(p, inferred) for p in chosen] if args.diff else None
    text = render(chosen, PolicyFormat(args.format), diffs)
    if not args.quiet:
        for problem in [*loaded.problems, *loaded.project.context.problems]:
            print(f"faasguard: warning: {problem.location}: {problem.message}", file=sys.stderr)
        if not inferred:
            print(f"faasguard: warning: no functions found under {args.path}", file=sys.stderr)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
    failing = diffs is not None and any(d.denied for d in diffs)
    return EXIT_FINDINGS if failing else EXIT_OK


def _chosen(policies: Any, names: list[str], error: type[Exception]) -> list[Any]:
    if not names:
        return list(policies)
    chosen = [p for p in policies if p.function.name in names or p.function.id in names]
    unknown = [n for n in names if not any(n in (p.function.name, p.function.id) for p in chosen)]
    if unknown:
        known = ", ".join(sorted({p.function.name for p in policies})) or "none"
        raise error(f"no function {', '.join(unknown)} (functions: {known})")
    return chosen


__all__ = ["FORMATS", "add_parser", "run"]
