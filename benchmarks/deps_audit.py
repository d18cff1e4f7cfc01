"""Time the dependency audit of one lock file of 500 packages (default), offline.

    python benchmarks/deps_audit.py [--packages 500] [--runs 5] [--format poetry|npm]

Writes a `poetry.lock` (or a `package-lock.json` v3 with a small synthetic npm advisory
folder) into benchmarks/out/deps-audit/, names real packages of the shipped PyPA snapshot (half
of them at a version an advisory lists, half at a made-up version above every advisory), then
times, each as the median of the runs: loading the advisory snapshot, reading the lock, and
matching every package. It also runs the whole `scan()` of that folder once and prints the
findings count, so a regression in speed or in recall shows. Run on demand; never in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from faasguard.analysis.deps.advisories import AdvisoryDatabase
from faasguard.analysis.deps.audit import audit_package
from faasguard.analysis.deps.model import Ecosystem, Manifest
from faasguard.analysis.deps.readers.npm import read_package_lock
from faasguard.analysis.deps.readers.pylocks import read_poetry_lock
from faasguard.analysis.deps.store import _snapshot, load_database
from faasguard.analysis.engine import scan
from faasguard.core.config import Config

OUT = Path(__file__).parent / "out" / "deps-audit"


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def poetry_lock(database: AdvisoryDatabase, count: int) -> str:
    names = sorted({a["name"] for r in database.records for a in r["affected"]})[:count]
    blocks = []
    for number, name in enumerate(names):
        version = "9999.0.0"
        if number % 2 == 0:
            advisory = database.for_package(Ecosystem.PYPI, name)[0]
            listed = [v for a in advisory.affected for v in a.versions]
            version = listed[-1] if listed else version
        blocks.append(f'[[package]]\nname = "{name}"\nversion = "{version}"\noptional = false\n')
    return "\n".join(blocks) + '\n[metadata]\nlock-version = "2.0"\n'


def npm_lock(count: int, folder: Path) -> str:
    advisories = folder / "advisories"
    advisories.mkdir(parents=True, exist_ok=True)
    packages: dict[str, object] = {"": {"name": "bench"}}
    for number in range(count):
        name = f"bench-pkg-{number}"
        record = {
            "id": f"BENCH-{number}",
            "modified": "2024-01-01T00:00:00Z",
            "affected": [
                {
                    "package": {"ecosystem": "npm", "name": name},
                    "ranges": [
                        {"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}
                    ],
                }
            ],
        }
        (advisories / f"BENCH-{number}.json").write_text(json.dumps(record))
        version = "1.5.0" if number % 2 == 0 else "2.1.0"
        packages[f"node_modules/{name}"] = {"version": version}
    return json.dumps({"lockfileVersion": 3, "packages": packages}, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", choices=["poetry", "npm"], default="poetry")
    args = parser.parse_args()
    folder = OUT / args.format
    folder.mkdir(parents=True, exist_ok=True)
    advisories: str | None = None

    def load() -> AdvisoryDatabase:
        _snapshot.cache_clear()
        return load_database(advisories)

    if args.format == "poetry":
        name, reader = "poetry.lock", read_poetry_lock
        text = poetry_lock(load_database(None), args.packages)
    else:
        name, reader = "package-lock.json", read_package_lock
        text = npm_lock(args.packages, folder)
        advisories = str(folder / "advisories")
    (folder / name).write_text(text)
    database = load()
    manifest: Manifest = reader(name, text)

    def match() -> int:
        return sum(audit_package(manifest, p, database) is not None for p in manifest.packages)

    print(f"{args.format} lock of {len(manifest.packages)} packages, {len(database):,} advisories")
    print(f"  load advisory data : {median_ms(load, args.runs):8.1f} ms")
    print(f"  read the lock      : {median_ms(lambda: reader(name, text), args.runs):8.1f} ms")
    print(f"  match every package: {median_ms(match, args.runs):8.1f} ms ({match()} vulnerable)")
    started = time.perf_counter()
    result = scan(folder, Config(advisories=advisories))
    elapsed = (time.perf_counter() - started) * 1000
    dep001 = sum(f.rule_id == "DEP001" for f in result.findings)
    print(f"  whole scan()       : {elapsed:8.1f} ms ({dep001} DEP001 findings)")


if __name__ == "__main__":
    main()
