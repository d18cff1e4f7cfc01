"""Against the shared corpora (skipped when ../shared/data is absent).

* No false positive on any string leaf of the Powertools Lambda event samples.
* Every engine gate is a necessary condition of its scanner: on every corpus string, a scanner
  that would match is never skipped by its gate, nor by the plain-string fast path (the
  suspect search and the per-scanner plain gates).
* Regression floors on the detection rates (well under the measured figures, see
  benchmarks/guard_detection.py for the real numbers).
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest

from faasguard.guard.detect import DetectionKind, detect, engine
from faasguard.guard.detect.decode import canonical

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not (DATA / "attacks").is_dir(), reason="no ../shared/data")


def _leaves(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    elif isinstance(node, str):
        yield node


@functools.cache
def event_strings() -> list[str]:
    found: set[str] = set()
    for path in sorted((DATA / "events" / "powertools-events").glob("*.json")):
        found.update(_leaves(json.loads(path.read_text(encoding="utf-8"))))
    return sorted(found)


@functools.cache
def corpus() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    path = DATA / "attacks" / "httpparamsdataset" / "payload_full.csv"
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        rows.extend((row["attack_type"], row["payload"]) for row in csv.DictReader(handle))
    for file in sorted((DATA / "attacks" / "libinjection").glob("*.txt")):
        label = file.name.split("-")[0].split("_")[0]
        for line in file.read_bytes().decode("utf-8", "replace").splitlines():
            if line.strip() and not line.startswith("#"):
                rows.append((label, unquote_plus(line)))
    return rows


@functools.cache
def found_kinds() -> list[tuple[str, frozenset[DetectionKind]]]:
    return [(label, frozenset(d.kind for d in detect(p))) for label, p in corpus()]


def test_no_false_positive_on_lambda_event_samples() -> None:
    strings = event_strings()
    assert len(strings) > 500
    flagged = {text[:80]: [d.rule for d in detect(text)] for text in strings if detect(text)}
    assert flagged == {}


def test_gates_never_hide_a_detection() -> None:
    hidden: list[tuple[str, str, str]] = []
    for text in [p for _, p in corpus()] + event_strings():
        scanned = canonical(text)
        lowered = scanned.lower()
        plain = engine.is_plain(lowered)
        suspect = engine._PLAIN_SUSPECT.search(lowered) is not None
        for kind, gate, scanner, plain_gate in engine._SCANNERS:
            if plain:
                skipped = not suspect or plain_gate is None or not plain_gate(lowered)
            else:
                skipped = not gate(lowered)
            if skipped and scanner(scanned) is not None:
                hidden.append((kind.value, "plain" if plain else "gate", text[:60]))
    assert hidden == []


@pytest.mark.parametrize(
    ("label", "kind", "floor"),
    [
        ("sqli", DetectionKind.SQLI, 0.98),
        ("xss", DetectionKind.XSS, 0.97),
        ("cmdi", DetectionKind.CMDI, 0.90),
        ("path-traversal", DetectionKind.PATH_TRAVERSAL, 0.90),
    ],
)
def test_detection_floor(label: str, kind: DetectionKind, floor: float) -> None:
    kinds = [found for lab, found in found_kinds() if lab == label]
    assert kinds
    assert sum(kind in found for found in kinds) / len(kinds) >= floor


def test_benign_false_positive_ceiling() -> None:
    benign = [found for lab, found in found_kinds() if lab in ("norm", "false")]
    assert len(benign) > 19_000
    assert sum(bool(found) for found in benign) / len(benign) <= 0.001
