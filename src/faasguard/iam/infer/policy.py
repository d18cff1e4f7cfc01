"""A function's inferred policy: its needs grouped into statements, and what was left open."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from faasguard.core.enums import Confidence
from faasguard.iam.infer.arn import Arn, RefPart
from faasguard.iam.infer.needs import Gap, Need, lowest
from faasguard.iam.patterns import covers
from faasguard.model.app import App, Function


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    actions: tuple[str, ...]
    resources: tuple[Arn, ...]
    confidence: Confidence


@dataclass(frozen=True, slots=True)
class FunctionPolicy:
    app: App
    function: Function
    needs: tuple[Need, ...]
    statements: tuple[PolicyStatement, ...]
    gaps: tuple[Gap, ...]
    analysed: bool  # the function's code was found and read

    @property
    def name(self) -> str:
        return self.function.name

    @property
    def resource(self) -> str:
        return self.function.id

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(need.action for need in self.needs)


def assemble(needs: list[Need]) -> tuple[PolicyStatement, ...]:
    """Statements from needs: one per set of resources, actions sorted, the lowest
    confidence of what it grants."""
    confidence: dict[tuple[str, Arn], Confidence] = {}
    for need in needs:
        key = (need.action, need.resource)
        old = confidence.get(key)
        confidence[key] = need.confidence if old is None else max(old, need.confidence, key=_rank)
    by_action: dict[str, set[Arn]] = defaultdict(set)
    for action, arn in confidence:
        by_action[action].add(arn)
    grouped: dict[tuple[Arn, ...], list[str]] = defaultdict(list)
    for action, arns in by_action.items():
        kept = _narrowest(arns)
        grouped[tuple(sorted(kept, key=lambda a: a.render()))].append(action)
    statements = []
    for resources, actions in grouped.items():
        level = lowest(
            *(confidence[(a, r)] for a in actions for r in resources if (a, r) in confidence)
        )
        statements.append(PolicyStatement(tuple(sorted(actions)), resources, level))
    return tuple(sorted(statements, key=lambda s: (s.actions[0], s.resources[0].render())))


def _rank(level: Confidence) -> int:
    return {Confidence.HIGH: 2, Confidence.MEDIUM: 1, Confidence.LOW: 0}[level]


def _narrowest(arns: set[Arn]) -> set[Arn]:
    """Drop ARNs another ARN of the same action already covers (``*`` covers all; a literal
    pattern covers what it matches)."""
    if any(a.star for a in arns):
        return {a for a in arns if a.star}
    kept = set(arns)
    for wide in arns:
        if any(isinstance(p, RefPart) for p in wide.parts) or "*" not in wide.glob():
            continue
        for other in arns:
            same = other == wide or wide.glob() == other.glob()
            if not same and other in kept and covers(wide.glob(), other.glob()):
                kept.discard(other)
    return kept


__all__ = ["FunctionPolicy", "PolicyStatement", "assemble"]
