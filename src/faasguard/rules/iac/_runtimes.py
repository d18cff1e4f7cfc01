"""Lambda runtime lifecycles from ``faasguard/data/runtimes.json``, and the scan's notion of
today: the only place an IaC rule reads the clock."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

from faasguard.core.rule import RuleContext


@dataclass(frozen=True, slots=True)
class Lifecycle:
    runtime: str
    deprecated: date
    block_create: date | None
    block_update: date | None
    successor: str | None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load_data() -> dict[str, Any]:
    text = (resources.files("faasguard") / "data" / "runtimes.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def lifecycles() -> dict[str, Lifecycle]:
    return {
        runtime: Lifecycle(
            runtime,
            date.fromisoformat(entry["deprecated"]),
            _date(entry.get("block_create")),
            _date(entry.get("block_update")),
            entry.get("successor"),
        )
        for runtime, entry in load_data()["runtimes"].items()
    }


def today(ctx: RuleContext) -> date:
    """The rule option ``today`` (an ISO date or a TOML date: reproducible CI runs and tests),
    else the current date in UTC."""
    configured = ctx.option("today", None)
    if isinstance(configured, datetime):
        return configured.date()
    if isinstance(configured, date):
        return configured
    if isinstance(configured, str) and configured.strip():
        return date.fromisoformat(configured.strip())
    return datetime.now(UTC).date()


__all__ = ["Lifecycle", "lifecycles", "load_data", "today"]
