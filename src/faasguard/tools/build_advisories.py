"""Build the shipped advisory snapshot from the PyPA advisory database (OSV YAML files).

    python -m faasguard.tools.build_advisories [--source ../shared/data/advisories/pypa] [--check]

Writes ``src/faasguard/data/advisories/pypa.json.gz`` (the compact form, see
:mod:`faasguard.analysis.deps.advisories`) and copies the database's CC-BY 4.0 licence beside
it. The output is a pure function of the source folder, so ``--check`` can tell whether the
shipped snapshot matches it.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

from faasguard.analysis.deps.advisories import dump_compact
from faasguard.analysis.deps.store import ATTRIBUTION, SNAPSHOT_NAME, folder_records

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = PROJECT.parent / "shared" / "data" / "advisories" / "pypa"
TARGET = Path(__file__).resolve().parents[1] / "data" / "advisories"
_ORIGIN = re.compile(r"commit ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2})\)")


def source_identity(source: Path) -> tuple[str, str]:
    """(source text, generated timestamp) from the folder's SOURCE.md."""
    text = (source / "SOURCE.md").read_text("utf-8") if (source / "SOURCE.md").is_file() else ""
    match = _ORIGIN.search(text)
    if match is None:
        return f"pypa/advisory-database ({source.name})", ""
    return f"pypa/advisory-database@{match[1]}", f"{match[2]}T00:00:00Z"


def build(source: Path) -> bytes:
    name, generated = source_identity(source)
    records = list(folder_records(source / "vulns"))
    return dump_compact(records, generated=generated, source=name, attribution=ATTRIBUTION)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--check", action="store_true", help="exit 1 if the snapshot is stale")
    args = parser.parse_args(argv)
    if not (args.source / "vulns").is_dir():
        print(f"no advisory database at {args.source}", file=sys.stderr)
        return 2
    data = build(args.source)
    target = args.out / SNAPSHOT_NAME
    if args.check:
        # Compare what the file holds, not its compressed bytes: zlib builds differ between
        # Python installations and compress the same text differently.
        same = target.is_file() and gzip.decompress(target.read_bytes()) == gzip.decompress(data)
        print(f"{target}: {'up to date' if same else 'stale'}", file=sys.stderr)
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    licence = args.source / "LICENSE"
    if licence.is_file():
        (args.out / "LICENSE-pypa-advisory-database").write_bytes(licence.read_bytes())
    print(f"wrote {target} ({len(data):,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
