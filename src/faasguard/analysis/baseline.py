"""Baselines: a file of accepted findings' fingerprints, so only new findings fail a build."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from faasguard.core.finding import Finding

BASELINE_VERSION = 1


class BaselineError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Baseline:
    fingerprints: frozenset[str]

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were."""
        items = list(findings)
        new = [f for f in items if f.fingerprint not in self.fingerprints]
        return new, len(items) - len(new)


def read_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"cannot read baseline {path}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"baseline {path} is not JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"baseline {path} has no findings list")
    prints = {
        item["fingerprint"]
        for item in data["findings"]
        if isinstance(item, dict) and isinstance(item.get("fingerprint"), str)
    }
    return Baseline(frozenset(prints))


def baseline_text(findings: Iterable[Finding]) -> str:
    entries = [
        {
            "fingerprint": f.fingerprint,
            "rule_id": f.rule_id,
            "path": f.location.path,
            "resource": f.resource or f.function,
            "message": f.message,
        }
        for f in sorted(findings, key=lambda f: (f.location.path, f.rule_id, f.fingerprint))
    ]
    return json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2) + "\n"


__all__ = ["Baseline", "BaselineError", "baseline_text", "read_baseline"]
