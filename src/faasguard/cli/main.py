"""`faasguard`: parse flags, call the core, render, exit 0 / 1 / 2."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from faasguard import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A misused command line or an unusable setting: one line on stderr, exit 2."""


def _parser() -> argparse.ArgumentParser:
    from faasguard.cli import db_cmd, policy_cmd, scan_cmd

    parser = argparse.ArgumentParser(
        prog="faasguard",
        description="Security toolkit for serverless applications.",
    )
    parser.add_argument("--version", action="version", version=f"faasguard {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    scan_cmd.add_parser(commands)
    rules = commands.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", metavar="RULE", help="rule id (IAC001) or name")
    db_cmd.add_parser(commands)
    policy_cmd.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"faasguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("faasguard: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "scan":
        from faasguard.cli import scan_cmd

        return scan_cmd.run(args)
    if args.command == "db":
        from faasguard.cli import db_cmd

        return db_cmd.run(args)
    if args.command == "policy":
        from faasguard.cli import policy_cmd

        return policy_cmd.run(args)
    from faasguard.cli import rules_cmd

    if args.command == "rules":
        return rules_cmd.list_rules(args.format)
    return rules_cmd.explain(args.rule)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
