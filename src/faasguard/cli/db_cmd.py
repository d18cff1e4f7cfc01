"""`faasguard db update|status`: refresh the advisory data in the user cache, or say which data
a scan would use. The scan itself never goes to the network."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def add_parser(commands: Any) -> None:
    db = commands.add_parser("db", help="manage the advisory data for dependency audits")
    actions = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    update = actions.add_parser(
        "update",
        help="refresh the advisory cache from OSV exports",
        description="Download (or read) OSV advisory exports and write the merged data to the "
        "user cache ($XDG_CACHE_HOME/faasguard or ~/.cache/faasguard), which later scans use.",
    )
    update.add_argument(
        "--from",
        dest="sources",
        action="append",
        metavar="URL|ZIP|DIR",
        help="an OSV export: URL of a zip, local zip, or folder of OSV records (repeat); "
        "default: the `db-url` setting, else the PyPI and npm exports of osv.dev",
    )
    update.add_argument("--cache-dir", type=Path, metavar="DIR", help="write here instead")
    actions.add_parser("status", help="show which advisory data a scan uses and its age")


def run(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> int:
    from faasguard.cli.main import EXIT_ERROR, EXIT_OK

    env = os.environ if environ is None else environ
    if args.db_command == "status":
        print(status_text(env, datetime.now(UTC)))
        return EXIT_OK
    from faasguard.analysis.deps.store import (
        AdvisoryLoadError,
        cache_dir,
        http_fetch,
        update_database,
    )

    sources = args.sources or configured_sources(Path())
    target = args.cache_dir or cache_dir(env)
    try:
        result = update_database(sources, target, fetch=http_fetch, now=datetime.now(UTC))
    except (AdvisoryLoadError, OSError) as exc:
        print(f"faasguard: error: {exc}", file=sys.stderr)
        print(
            f"faasguard: scans keep using: {status_text(env, datetime.now(UTC))}", file=sys.stderr
        )
        return EXIT_ERROR
    print(
        f"faasguard: {result.advisories:,} advisories ({result.fetched:,} read from "
        f"{', '.join(sources)}) written to {result.path}"
    )
    return EXIT_OK


def configured_sources(directory: Path) -> Sequence[str]:
    """The `db-url` setting of `.faasguard.toml` or pyproject.toml here, else the defaults."""
    import tomllib  # Python 3.11+, like the scanner itself; `faasguard --help` runs on 3.10

    from faasguard.analysis.deps.store import DEFAULT_SOURCES

    for name in (".faasguard.toml", "pyproject.toml"):
        path = directory / name
        try:
            document = tomllib.loads(path.read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        table = document.get("tool", {}).get("faasguard", document if name[0] == "." else {})
        urls = table.get("db-url") if isinstance(table, dict) else None
        if isinstance(urls, str):
            return [urls]
        if isinstance(urls, list) and urls:
            return [str(u) for u in urls]
    return list(DEFAULT_SOURCES)


def status_text(environ: Mapping[str, str], now: datetime) -> str:
    from faasguard.analysis.deps.store import (
        AdvisoryLoadError,
        cached_database_path,
        data_time,
        load_database,
    )

    cached = cached_database_path(environ)
    try:
        database = load_database(str(cached) if cached else None)
    except AdvisoryLoadError as exc:
        return f"unreadable cache ({exc}); the shipped snapshot"
    built = data_time(database)
    age = f"{(now - built).days} days old" if built else "of unknown age"
    where = f"cache {cached}" if cached else "the snapshot shipped with faasguard"
    return f"{len(database):,} advisories, {age} ({database.source}), from {where}"


__all__ = ["add_parser", "configured_sources", "run", "status_text"]
