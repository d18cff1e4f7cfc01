"""What the least-privilege rules (IAM020, IAM021) share: the inferred policies and diffs of
a project, grouped by role, and the suggested replacement as trace steps."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from faasguard.analysis.project import Project
from faasguard.core.enums import Confidence
from faasguard.core.finding import TraceStep
from faasguard.iam.infer.diff import PolicyDiff, policy_diffs
from faasguard.iam.infer.infer import infer_policies
from faasguard.iam.infer.policy import FunctionPolicy
from faasguard.model.app import App, Role

MAX_STEPS = 12


@dataclass(frozen=True, slots=True)
class RoleView:
    app: App
    role: Role
    policies: tuple[FunctionPolicy, ...]  # the inferred policies of the role's functions
    diff: PolicyDiff  # the first function's diff (excess and widening cover all of them)

    @property
    def analysed(self) -> bool:
        return all(p.analysed for p in self.policies)

    @property
    def confidence(self) -> Confidence:
        """HIGH when every call of every function of the role was mapped, else MEDIUM."""
        return Confidence.HIGH if not any(p.gaps for p in self.policies) else Confidence.MEDIUM

    @property
    def names(self) -> str:
        return ", ".join(p.name for p in self.policies)


def roles(project: Project) -> Iterator[RoleView]:
    """Each role that runs functions of the project, with their inferred policies."""
    diffs = policy_diffs(project)
    grouped: dict[tuple[int, str], list[FunctionPolicy]] = {}
    for policy in infer_policies(project).functions:
        role = policy.app.function_role(policy.function)
        if role is not None:
            grouped.setdefault((id(policy.app), role.id), []).append(policy)
    for (_, role_id), policies in grouped.items():
        app = policies[0].app
        yield RoleView(app, app.roles[role_id], tuple(policies), diffs[id(policies[0].function)])


def diffs(project: Project) -> Iterator[tuple[FunctionPolicy, PolicyDiff]]:
    found = policy_diffs(project)
    for policy in infer_policies(project).functions:
        yield policy, found[id(policy.function)]


def replacement_steps(view: RoleView) -> tuple[TraceStep, ...]:
    """The suggested replacement, statement by statement, each at the line that needs it."""
    steps: list[TraceStep] = []
    for policy in view.policies:
        for statement in policy.statements:
            wanted = {(a, r) for a in statement.actions for r in statement.resources}
            need = next((n for n in policy.needs if (n.action, n.resource) in wanted), None)
            if need is None:
                continue
            resources = ", ".join(r.render() for r in statement.resources)
            text = (
                f"{policy.name} needs Allow {', '.join(statement.actions)} on {resources} "
                f"({statement.confidence.value} confidence)"
            )
            steps.append(TraceStep(need.location, text))
    if len(steps) > MAX_STEPS:
        steps = steps[:MAX_STEPS]
    return tuple(steps)


__all__ = ["RoleView", "diffs", "replacement_steps", "roles"]
