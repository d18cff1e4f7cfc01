"""Detection rate, false positives and speed of faasguard.guard.detect, run on demand.

    .venv/bin/python benchmarks/guard_detection.py [--data ../shared/data] [--no-timing]

Prints, for the shared attack corpora (HttpParamsDataset and libinjection's test lists, see their
SOURCE.md), the detection rate per attack label, both as "found as that kind" and "found as any
kind", and the false-positive rate per benign set; the path-traversal rate without the rows that
hold no traversal; then the false positives on every string leaf of the Powertools Lambda event
samples (aim: 0); then the cost of scanning every leaf of each whole sample event, and the median
time per string of detect() against libinjection (``pip install libinjection-python``) when it is
installed. Timings are best-of-3 per string: on a loaded machine, compare runs made together.

To keep the figures honest the corpora are split in two fixed halves by a hash of each payload
(first SHA-1 byte even: "tune", odd: "hold"). Rules were only adjusted while looking at misses and
false positives of the tune half; the hold half is reported separately as the unseen figure.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

from faasguard.guard.detect import DetectionKind, detect

HALVES = ("tune", "hold")
LABEL_KIND = {
    "sqli": DetectionKind.SQLI,
    "xss": DetectionKind.XSS,
    "cmdi": DetectionKind.CMDI,
    "path-traversal": DetectionKind.PATH_TRAVERSAL,
}
# HttpParamsDataset "path-traversal" rows with nothing of a traversal in them: slash runs, letter
# runs and bare placeholders ("/aaaa...", "////{file}", "/iii{file}"). Reported apart, not hidden.
NO_TRAVERSAL_CHARS = frozenset("/ai{}fle")


def half(payload: str) -> str:
    digest = hashlib.sha1(payload.encode("utf-8", "surrogatepass")).digest()
    return HALVES[digest[0] % 2]


def load_httpparams(root: Path) -> Iterator[tuple[str, str, str]]:
    path = root / "attacks" / "httpparamsdataset" / "payload_full.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            yield "httpparams", row["attack_type"], row["payload"]


def load_libinjection(root: Path) -> Iterator[tuple[str, str, str]]:
    for path in sorted((root / "attacks" / "libinjection").glob("*.txt")):
        if path.name.startswith("sqli-"):
            label = "sqli"
        elif path.name.startswith("xss-"):
            label = "xss"
        elif path.name == "false_positives.txt":
            label = "norm"
        else:
            continue
        for line in path.read_bytes().decode("utf-8", "replace").splitlines():
            if line.strip() and not line.startswith("#"):
                yield "libinjection", label, unquote_plus(line)


def event_leaves(root: Path) -> Iterator[tuple[str, str]]:
    for path in sorted((root / "events" / "powertools-events").glob("*.json")):
        yield from _walk_json(json.loads(path.read_text(encoding="utf-8")), path.name)


def report_corpora(rows: list[tuple[str, str, str]]) -> None:
    total: Counter[tuple[str, str, str]] = Counter()
    as_kind: Counter[tuple[str, str, str]] = Counter()
    as_any: Counter[tuple[str, str, str]] = Counter()
    for source, label, payload in rows:
        key = (source, label, half(payload))
        total[key] += 1
        kinds = {d.kind for d in detect(payload)}
        as_any[key] += bool(kinds)
        as_kind[key] += LABEL_KIND.get(label) in kinds
    print("## Attacks: detection rate (found as that kind / as any kind)")
    print(f"{'source':<13} {'label':<15} {'half':<5} {'n':>6} {'as kind':>9} {'any kind':>9}")
    for source, label, part in sorted(total):
        if label == "norm":
            continue
        n = total[(source, label, part)]
        kind_rate = 100 * as_kind[(source, label, part)] / n
        any_rate = 100 * as_any[(source, label, part)] / n
        print(f"{source:<13} {label:<15} {part:<5} {n:>6} {kind_rate:>8.2f}% {any_rate:>8.2f}%")
    print("\n## Benign values: false-positive rate (any kind)")
    for source, label, part in sorted(total):
        if label != "norm":
            continue
        n = total[(source, label, part)]
        fp = as_any[(source, label, part)]
        print(f"{source:<13} {'benign':<15} {part:<5} {n:>6} {fp:>4} FP = {100 * fp / n:.3f}%")


def report_traversal_noise(rows: list[tuple[str, str, str]]) -> None:
    """The traversal rate per half over all rows (the table above) and without the rows that
    hold no traversal at all (only slashes, letters and '{file}': "/////{file}", "/iii{file}",
    "/aaaa...a"). Those rows are counted as misses in the table; they are never flagged on
    purpose, since a value like "/files/{id}" has the same shape."""
    print("\nhttpparams path-traversal without the rows holding no traversal:")
    for part in HALVES:
        kept = [p for s, lb, p in rows if lb == "path-traversal" and half(p) == part]
        real = [p for p in kept if not set(p) <= NO_TRAVERSAL_CHARS]
        found = sum(any(d.kind is DetectionKind.PATH_TRAVERSAL for d in detect(p)) for p in real)
        print(
            f"  {part}: {len(kept) - len(real)} of {len(kept)} rows hold no traversal; "
            f"on the other {len(real)}: {found} found = {100 * found / max(len(real), 1):.2f}%"
        )


def report_events(root: Path) -> list[str]:
    leaves = list(event_leaves(root))
    unique = {text for _, text in leaves}
    flagged = [(where, text, detect(text)) for where, text in leaves]
    flagged = [item for item in flagged if item[2]]
    print(f"\n## Lambda event samples: {len(leaves)} string leaves ({len(unique)} unique)")
    print(f"false positives: {len(flagged)}")
    for where, text, found in flagged:
        rules = ", ".join(d.rule for d in found)
        print(f"  {where}: {rules}: {text[:100]!r}")
    return sorted(unique)


def report_event_cost(root: Path) -> None:
    """detect() over every string leaf of one whole event, per Powertools sample event: what
    an InjectionCheck reading everything would add to one invocation (it reads less: body,
    query and path by default)."""
    totals: list[tuple[float, int, int, str]] = []
    for path in sorted((root / "events" / "powertools-events").glob("*.json")):
        raw = path.read_text(encoding="utf-8")
        leaves = [text for _, text in _walk_json(json.loads(raw))]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter_ns()
            for text in leaves:
                detect(text)
            best = min(best, time.perf_counter_ns() - start)
        totals.append((best / 1000, len(raw.encode()), len(leaves), path.name))
    near_1k = [t for t in totals if 512 <= t[1] <= 2048]
    print("\n## Whole Lambda events: detect() on every string leaf (us per event, best of 3)")
    print(f"{len(totals)} events: median {statistics.median(t[0] for t in totals):.1f} us")
    if near_1k:
        print(
            f"{len(near_1k)} events of 0.5-2 KB: median "
            f"{statistics.median(t[0] for t in near_1k):.1f} us, max {max(near_1k)[0]:.1f} us "
            f"({max(near_1k)[3]}, {max(near_1k)[2]} leaves)"
        )
    worst = max(totals)
    print(f"slowest: {worst[3]} ({worst[1]} bytes, {worst[2]} leaves): {worst[0]:.1f} us")


def _walk_json(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk_json(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk_json(value, f"{where}[{index}]")
    elif isinstance(node, str):
        yield where, node


def median_us(call: Callable[[str], object], strings: list[str], repeat: int = 3) -> float:
    samples: list[float] = []
    for text in strings:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter_ns()
            call(text)
            best = min(best, time.perf_counter_ns() - start)
        samples.append(best / 1000)
    return statistics.median(samples)


def report_timing(sets: dict[str, list[str]]) -> None:
    try:
        import libinjection  # type: ignore[import-not-found]
    except ImportError:
        libinjection = None
    print("\n## Median time per string (us, best of 3 per string)")
    header = f"{'set':<28} {'n':>6} {'detect(all)':>12} {'detect(sqli+xss)':>17}"
    print(header + (f" {'libinjection sqli+xss':>22}" if libinjection else ""))
    sqli_xss = frozenset({DetectionKind.SQLI, DetectionKind.XSS})
    for name, strings in sets.items():
        line = f"{name:<28} {len(strings):>6} {median_us(detect, strings):>12.2f}"
        line += f" {median_us(lambda s: detect(s, kinds=sqli_xss), strings):>17.2f}"
        if libinjection is not None:

            def both(text: str) -> None:
                libinjection.is_sql_injection(text)
                libinjection.is_xss(text)

            line += f" {median_us(both, strings):>22.2f}"
        print(line)
    if libinjection is None:
        print("(libinjection not installed: pip install libinjection-python to compare)")


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    root: Path = args.data
    if not (root / "attacks").is_dir():
        print(f"shared data not found at {root}", file=sys.stderr)
        return 2
    rows = list(load_httpparams(root)) + list(load_libinjection(root))
    report_corpora(rows)
    report_traversal_noise(rows)
    event_strings = report_events(root)
    if not args.no_timing:
        report_event_cost(root)
        benign = [p for s, label, p in rows if label == "norm" and s == "httpparams"]
        attacks = [p for s, label, p in rows if label != "norm"]
        report_timing(
            {
                "httpparams benign": benign,
                "libinjection hard benign": [
                    p for s, lb, p in rows if lb == "norm" and s == "libinjection"
                ],
                "lambda event leaves": event_strings,
                "attacks (all labels)": attacks[::10],
            }
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
