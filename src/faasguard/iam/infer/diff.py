"""The declared role against the inferred need: what it grants beyond it, and what it lacks.

Three lists per function, over the role's statements as the policy evaluator of
:mod:`faasguard.iam` reads them (inline, attached, SAM templates, the AWS managed policies
whose documents faasguard ships):

- **excess**: Allow statements granting actions no function of the role needs (a role shared
  by several functions needs what all of them need);
- **widened**: a needed action granted on a wildcard resource (``*``, ``table/*``) where the
  code needs one specific ARN;
- **missing**: needed permissions the role does not grant (NO: a call that fails at run time),
  and those it cannot tell (UNKNOWN: a reference, an unreadable managed policy, a condition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from faasguard.analysis.project import Project
from faasguard.core.enums import Confidence
from faasguard.core.location import Location
from faasguard.iam.actions import action_matches, catalogue, is_wildcard_resource
from faasguard.iam.evaluate import PolicySet, Request, Target, evaluate
from faasguard.iam.identity import arn_resolver, policy_of, resource_arn
from faasguard.iam.infer.arn import Arn, RefPart, Style, fill, parse_template, template_variables
from faasguard.iam.infer.callmap import call_map
from faasguard.iam.infer.infer import infer_policies
from faasguard.iam.infer.needs import Need
from faasguard.iam.infer.policy import FunctionPolicy
from faasguard.iam.infer.resolve import FunctionContext
from faasguard.iam.patterns import Answer, normalise
from faasguard.model.app import App, Role, Statement
from faasguard.model.values import Ref, Unresolved, V

MAX_LISTED = 8


@dataclass(frozen=True, slots=True)
class Excess:
    """Actions one Action value of a statement grants that no function of the role needs."""

    statement: Statement
    pattern: str  # the Action as written ("dynamodb:*"), or "NotAction"
    location: Location
    unused: tuple[str, ...]  # catalogued actions, sorted
    modifying: tuple[str, ...]  # those that write, tag or manage permissions

    @property
    def wildcard(self) -> bool:
        return "*" in self.pattern or self.pattern == "NotAction"


@dataclass(frozen=True, slots=True)
class Widened:
    statement: Statement
    action: str
    resource: str  # the wildcard as written
    location: Location
    needed: tuple[str, ...]  # the specific ARNs the code needs (JSON form)
    platform: bool  # only the Lambda service needs the action (logs, polling)


@dataclass(frozen=True, slots=True)
class Lacking:
    need: Need
    answer: Answer  # NO: surely not granted; UNKNOWN: cannot tell


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    policy: FunctionPolicy
    role: Role | None
    shared_with: tuple[str, ...]  # the other functions of the role
    excess: tuple[Excess, ...]
    widened: tuple[Widened, ...]
    missing: tuple[Lacking, ...]
    unreadable: tuple[str, ...]  # attached policies faasguard cannot read

    @property
    def unused_actions(self) -> tuple[str, ...]:
        return tuple(sorted({a for e in self.excess for a in e.unused}))

    @property
    def denied(self) -> tuple[Lacking, ...]:
        return tuple(m for m in self.missing if m.answer is Answer.NO)

    def as_json(self) -> dict[str, Any]:
        return {
            "role": self.role.id if self.role is not None else None,
            "shared_with": list(self.shared_with),
            "unused": [
                {
                    "action": e.pattern,
                    "path": e.location.path,
                    "line": e.location.start_line,
                    "unused": len(e.unused),
                    "examples": list(e.modifying[:MAX_LISTED] or e.unused[:MAX_LISTED]),
                }
                for e in self.excess
            ],
            "wildcard_resources": [
                {
                    "action": w.action,
                    "resource": w.resource,
                    "path": w.location.path,
                    "line": w.location.start_line,
                    "needed": list(w.needed),
                }
                for w in self.widened
            ],
            "missing": [_lacking_json(m) for m in self.missing if m.answer is Answer.NO],
            "undecided": [_lacking_json(m) for m in self.missing if m.answer is Answer.UNKNOWN],
            "unreadable_policies": list(self.unreadable),
        }

    def summary(self) -> list[str]:
        lines = []
        role = self.role.id if self.role is not None else "(no role in the project)"
        shared = f", shared with {', '.join(self.shared_with)}" if self.shared_with else ""
        lines.append(f"diff against role {role}{shared}:")
        for excess in self.excess:
            where = f"{excess.location.path}:{excess.location.start_line}"
            if excess.unused == (excess.pattern,):
                lines.append(f"  unused: {excess.pattern} at {where}")
                continue
            shown = ", ".join((excess.modifying or excess.unused)[:4])
            more = ", ..." if len(excess.unused) > 4 else ""
            lines.append(
                f"  unused: {excess.pattern} grants {len(excess.unused)} actions never needed "
                f"({shown}{more}) at {where}"
            )
        for text in dict.fromkeys(
            f"  wildcard: {w.action} on {w.resource} where the code needs {', '.join(w.needed)}"
            for w in self.widened
        ):
            lines.append(text)
        for lacking in self.missing:
            word = "missing" if lacking.answer is Answer.NO else "undecided"
            need = lacking.need
            lines.append(
                f"  {word}: {need.action} on {need.resource.render()} "
                f"({need.reason} at {need.location.path}:{need.location.start_line})"
            )
        for name in self.unreadable:
            lines.append(f"  unreadable: {name} (its statements are not known to faasguard)")
        return lines


def _lacking_json(lacking: Lacking) -> dict[str, Any]:
    need = lacking.need
    return {
        "action": need.action,
        "resource": need.resource.render(),
        "path": need.location.path,
        "line": need.location.start_line,
    }


def policy_diffs(project: Project) -> dict[int, PolicyDiff]:
    """Every function's diff (by ``id()`` of its model function), computed once per project."""

    def compute(found: Project) -> dict[int, PolicyDiff]:
        policies = infer_policies(found).functions
        shared: dict[tuple[int, str], _RoleShare] = {}
        return {id(p.function): diff_policy(p, policies, shared) for p in policies}

    return project.analysis("iam-infer-diff", compute)


@dataclass(frozen=True, slots=True)
class _RoleShare:
    """What every function of one role has in common: computed once per role, so a role
    shared by a thousand functions (serverless.yml's default) costs one pass, not a thousand."""

    sharing: tuple[FunctionPolicy, ...]
    members: frozenset[int]  # id() of the sharing functions
    excess: tuple[Excess, ...]
    widened: tuple[Widened, ...]


def diff_policy(
    policy: FunctionPolicy,
    siblings: Iterable[FunctionPolicy],
    shared: dict[tuple[int, str], _RoleShare] | None = None,
) -> PolicyDiff:
    """`policy` against its function's declared role; `siblings` are the inferred policies of
    every function of the app (those sharing the role widen what counts as needed). `shared`
    caches the per-role part across the functions of one project."""
    app, function = policy.app, policy.function
    role = app.function_role(function)
    if role is None:
        return PolicyDiff(policy, None, (), (), (), (), ())
    policy_set = policy_of(app, role)
    key = (id(app), role.id)
    share = shared.get(key) if shared is not None else None
    if share is None:
        members = set(role.functions)
        sharing = tuple(p for p in siblings if p.function.id in members and p.app is app)
        share = _share(policy_set.statements, sharing)
        if shared is not None:
            shared[key] = share
    if id(function) not in share.members:  # a function its role does not list: widen alone
        share = _share(policy_set.statements, (policy, *share.sharing))
    others = tuple(sorted(p.function.id for p in share.sharing if p.function is not function))
    excess, widened = share.excess, share.widened
    missing = tuple(
        _missing(app, policy_set, policy.needs, Canonical(FunctionContext(app, function)))
    )
    unreadable = tuple(v.text() for v in policy_set.unreadable)
    return PolicyDiff(policy, role, others, excess, widened, missing, unreadable)


def _share(statements: Iterable[Statement], sharing: tuple[FunctionPolicy, ...]) -> _RoleShare:
    needed = {a.lower() for p in sharing for a in p.actions}
    return _RoleShare(
        sharing=sharing,
        members=frozenset(id(p.function) for p in sharing),
        excess=tuple(_excess(statements, needed)),
        widened=tuple(_widened(statements, [n for p in sharing for n in p.needs])),
    )


def _excess(statements: Iterable[Statement], needed: set[str]) -> Iterable[Excess]:
    cat = catalogue()
    for statement in statements:
        if not statement.allows or statement.conditions or statement.conditions_unresolved:
            continue
        if statement.not_actions is not None:
            excluded = [v.text() for v in statement.not_actions if v.known]
            granted = [
                info
                for service in sorted(cat.services)
                for info in cat.expand(f"{service}:*")
                if not any(action_matches(p, info.action) for p in excluded)
            ]
            found = _unused(granted, needed)
            if found is not None:
                loc = statement.not_actions[0].loc if statement.not_actions else statement.loc
                yield Excess(statement, "NotAction", loc, *found)
            continue
        for value in statement.actions:
            if not value.known:
                continue
            found = _unused(cat.expand(value.text()), needed)
            if found is not None:
                yield Excess(statement, value.text(), value.loc, *found)


def _unused(
    granted: Iterable[Any], needed: set[str]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    unused = sorted({i.action for i in granted if i.action.lower() not in needed})
    if not unused:
        return None
    modifying = sorted(
        {i.action for i in granted if i.level.modifies and i.action.lower() not in needed}
    )
    return tuple(unused), tuple(modifying)


def _widened(statements: Iterable[Statement], needs: list[Need]) -> Iterable[Widened]:
    specific: dict[str, set[str]] = {}
    by_code: set[str] = set()
    for need in needs:
        if not need.resource.star and need.confidence is not Confidence.LOW:
            specific.setdefault(need.action, set()).add(need.resource.render())
            if not need.platform:
                by_code.add(need.action)
    seen: set[tuple[str, str, Location]] = set()
    for statement in statements:
        if not statement.allows or statement.not_actions is not None:
            continue
        for resource in statement.resources:
            if not resource.known or not is_wildcard_resource(resource.text()):
                continue
            for action, arns in sorted(specific.items()):
                key = (action, resource.text(), resource.loc)
                if key in seen:
                    continue
                if any(v.known and action_matches(v.text(), action) for v in statement.actions):
                    seen.add(key)
                    platform = action not in by_code
                    yield Widened(
                        statement,
                        action,
                        resource.text(),
                        resource.loc,
                        tuple(sorted(arns)),
                        platform,
                    )


def _missing(
    app: App, policy_set: PolicySet, needs: Iterable[Need], canon: Canonical
) -> Iterable[Lacking]:
    resolve = arn_resolver(app)
    seen: set[tuple[str, str]] = set()
    for need in needs:
        key = (need.action, need.resource.render())
        if key in seen:
            continue
        seen.add(key)
        whole = _whole(need)
        pattern = resource_arn(app, whole) if whole is not None else None
        target = Target(pattern or normalise(need.resource.render()).text, app_id=whole)
        answer = evaluate(policy_set, Request(need.action, target), resolve).answer
        if answer is Answer.UNKNOWN and canon.granted(policy_set, need):
            answer = Answer.YES
        if answer is not Answer.YES:
            yield Lacking(need, answer)


def _whole(need: Need) -> str | None:
    """The app resource a need's ARN is exactly (not an object or index under it)."""
    if need.whole and need.about is not None:
        return need.about
    ref = need.resource.single_ref()
    return ref.resource if ref is not None else None


class Canonical:
    """Structural comparison where the evaluator cannot tell: a statement written with the
    same template references as the need (``${ExportsBucket}/*`` against
    ``${ExportsBucket}/exports/*``, ``${OrdersTable.Arn}/index/*`` against the index ARN) grants
    it. A reference to a resource's ARN is first spelled out through its name, so both sides
    use one form; references are compared as text, never as wildcards."""

    def __init__(self, ctx: FunctionContext) -> None:
        self.ctx = ctx

    def text(self, arn: Arn) -> str:
        parts: list[object] = []
        for part in arn.parts:
            expanded = self._expand(part) if isinstance(part, RefPart) else None
            parts.extend(expanded.parts if expanded is not None else (part,))
        return Arn.of(*parts).render(Style.JSON)  # type: ignore[arg-type]

    def _expand(self, ref: RefPart) -> Arn | None:
        kind = self.ctx.kind(ref.resource)
        if kind is None:
            return None
        is_arn = (ref.attribute is None and kind.ref == "arn") or (
            ref.attribute is not None and kind.attrs.get(ref.attribute.lower()) == "arn"
        )
        names = self.ctx.name_parts(ref.resource)
        own = call_map().arn_template(*kind.sar)
        if not is_arn or names is None or own is None:
            return None
        return fill(own, {template_variables(own)[0]: names})

    def statement_text(self, value: V[str]) -> str | None:
        raw = value.value
        if isinstance(raw, Ref):
            return self.text(Arn.of(RefPart(raw.target, raw.attribute)))
        if isinstance(raw, Unresolved):
            return self.text(parse_template(raw.text, self.ctx.ids))
        return raw if isinstance(raw, str) else None

    def granted(self, policy_set: PolicySet, need: Need) -> bool:
        if any(s.effect.is_("Deny") for s in policy_set.statements):
            return False
        wanted = self.text(need.resource)
        for statement in policy_set.statements:
            plain = statement.not_actions is None and statement.not_resources is None
            if (
                not statement.allows
                or not plain
                or statement.conditions
                or statement.conditions_unresolved
            ):
                continue
            if not any(
                a.known and action_matches(a.text(), need.action) for a in statement.actions
            ):
                continue
            for resource in statement.resources:
                text = self.statement_text(resource)
                if text is not None and _glob(text).fullmatch(wanted):
                    return True
        return False


def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    )


__all__ = ["Canonical", "Excess", "Lacking", "PolicyDiff", "Widened", "diff_policy", "policy_diffs"]
