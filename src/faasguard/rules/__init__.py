"""The rule registry: every module under ``faasguard.rules`` that defines ``RULE``.

Importing a rule module only defines it (no registration side effects); the registry is built
by walking the package once, on demand.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from faasguard.core.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by id. Raises RuntimeError on a duplicate id."""
    found: dict[str, Rule] = {}
    package = importlib.import_module(__name__)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{__name__}."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        rule = getattr(module, "RULE", None)
        if not isinstance(rule, Rule):
            continue
        if rule.id in found:
            raise RuntimeError(f"duplicate rule id {rule.id} in {info.name}")
        found[rule.id] = rule
    return tuple(sorted(found.values(), key=lambda r: r.id))


def rule_by_id(rule_id: str) -> Rule | None:
    wanted = rule_id.upper()
    for rule in all_rules():
        if rule.id == wanted or rule.name == rule_id.lower():
            return rule
    return None


__all__ = ["all_rules", "rule_by_id"]
