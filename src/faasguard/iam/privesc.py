"""Privilege-escalation paths of an app's principals: which of the 81 methods each role, user
or group can carry out with what its policies allow.

A method is a path when every action it needs is allowed on a resource that makes it
exploitable (:class:`~faasguard.iam.methods.TargetKind`): a role passed to a new Lambda function
must trust ``lambda.amazonaws.com`` and hold permissions the principal lacks, with
``iam:PassedToService`` conditions evaluated; ``iam:PutRolePolicy`` must reach the principal's
own role; ``lambda:UpdateFunctionCode`` must reach a function whose role is broader. Resources of
the app are checked by name; a grant that also reaches resources outside the project (``*``)
is a path whose prerequisite faasguard cannot see, reported with medium confidence.
Administrators (``*`` on ``*``) have nothing to escalate to and get no paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, partial

from faasguard.core.enums import Confidence
from faasguard.iam.evaluate import (
    Decision,
    Grant,
    PolicySet,
    Request,
    Target,
    action_answer,
    action_hits,
    evaluate,
    is_administrator,
)
from faasguard.iam.identity import (
    app_arns,
    arn_resolver,
    attached_project_policies,
    broader,
    function_arn,
    policy_of,
    principal_arn,
    resource_arn,
)
from faasguard.iam.methods import Method, Requirement, TargetKind, methods
from faasguard.iam.patterns import Answer, normalise
from faasguard.iam.trust import trusts_principal, trusts_service
from faasguard.model.app import App, Role, RoleKind, Statement

_TYPE_KIND = {":role/": RoleKind.ROLE, ":user/": RoleKind.USER, ":group/": RoleKind.GROUP}


@dataclass(frozen=True, slots=True)
class Step:
    """One required action of a method as the principal may carry it out."""

    requirement: Requirement
    answer: Answer  # YES or UNKNOWN
    grants: tuple[Grant, ...]
    via: tuple[str, ...] = ()  # app resources that make it exploitable (a role, a function)
    outside: bool = False  # relies on a resource outside the project
    note: str = ""

    @property
    def conditional(self) -> bool:
        return all(g.conditional for g in self.grants if g.answer is Answer.YES)


@dataclass(frozen=True, slots=True)
class Path:
    principal: Role
    method: Method
    steps: tuple[Step, ...]
    confidence: Confidence

    @property
    def key_step(self) -> Step:
        key = self.method.key_action
        return next(s for s in self.steps if s.requirement.action == key)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.note for s in self.steps if s.note))


class AppIam:
    """The app's principals as the evaluator sees them, computed once per check."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.resolve = arn_resolver(app)
        self.outside_arns = app_arns(app)
        self._policies: dict[str, PolicySet] = {}
        self._granted: dict[str, frozenset[str]] = {}
        self._broader: dict[tuple[str, str], Answer] = {}
        self._trusts: dict[tuple[str, str], Answer] = {}
        self._decisions: dict[tuple[object, ...], Decision] = {}

    def policy(self, role: Role) -> PolicySet:
        found = self._policies.get(role.id)
        if found is None:
            found = self._policies[role.id] = policy_of(self.app, role)
        return found

    def allows(self, role: Role, request: Request) -> Decision:
        key = (role.id, request.action, request.target, tuple(sorted(request.context.items())))
        found = self._decisions.get(key)
        if found is None:
            found = self._decisions[key] = evaluate(self.policy(role), request, self.resolve)
        return found

    def trusts(self, role: Role, service: str) -> Answer:
        key = (role.id, service)
        found = self._trusts.get(key)
        if found is None:
            found = self._trusts[key] = trusts_service(role, [service])
        return found

    def granted(self, role: Role) -> frozenset[str]:
        """The methods' actions (lower case) some Allow statement of the role may grant,
        whatever the resource: the cheap test that rules most methods out."""
        found = self._granted.get(role.id)
        if found is None:
            found = self._granted[role.id] = _granted_actions(self.policy(role))
        return found

    def outside(self, pattern: str) -> Target:
        return Target(pattern, some=True, outside=True, exclude=self.outside_arns)

    def broader(self, candidate: Role, principal: Role) -> Answer:
        key = (candidate.id, principal.id)
        found = self._broader.get(key)
        if found is None:
            policies = (self.policy(candidate), self.policy(principal))
            found = self._broader[key] = broader(*policies, self.resolve).answer
        return found


@cache
def _method_actions() -> frozenset[str]:
    return frozenset(a.lower() for m in methods() for a in m.actions)


def _granted_actions(policy: PolicySet) -> frozenset[str]:
    """The methods' actions that some Allow statement of the policy names, by an exact name,
    a wildcard, NotAction or an unknown value."""
    wanted = _method_actions()
    found: set[str] = set()
    for statement in policy.statements:
        if not statement.allows:
            continue
        if statement.not_actions is not None:
            found.update(a for a in wanted if _named_by(statement, a))
            continue
        for value in statement.actions:
            text = value.text().strip().lower()
            if not value.known or "*" in text or "?" in text:
                found.update(a for a in wanted if action_answer(value, a) is not Answer.NO)
            elif text in wanted:
                found.add(text)
    return frozenset(found)


def _named_by(statement: Statement, action: str) -> bool:
    return any(hit is not Answer.NO for _, hit in action_hits(statement, action))


def privesc_paths(app: App) -> list[Path]:
    """Every path of every principal of the app, principals in declaration order."""
    iam = AppIam(app)
    return [path for role in app.roles.values() for path in principal_paths(iam, role)]


def principal_paths(iam: AppIam, principal: Role) -> Iterator[Path]:
    if is_administrator(iam.policy(principal)):
        return
    granted = iam.granted(principal)
    for method in methods():
        if not method.action_set <= granted or principal.kind not in method.principals:
            continue
        if method.needs_boundary and principal.permissions_boundary is None:
            continue
        path = _path(iam, principal, method)
        if path is not None:
            yield path


def _path(iam: AppIam, principal: Role, method: Method) -> Path | None:
    found: dict[Requirement, Step] = {}
    for requirement in sorted(method.requirements, key=lambda r: r.target in _COSTLY):
        step = _step(iam, principal, method, requirement)
        if step is None:
            return None
        found[requirement] = step
    steps = [found[r] for r in method.requirements]
    return Path(principal, method, tuple(steps), _confidence(method, steps))


# Targets checked against every role or function of the app: evaluated last.
_COSTLY = frozenset(
    {
        TargetKind.PASS,
        TargetKind.BROADER,
        TargetKind.ASSUME,
        TargetKind.ASSUME_BROADER,
        TargetKind.EXISTING,
    }
)


def _confidence(method: Method, steps: list[Step]) -> Confidence:
    if method.retired or any(s.answer is Answer.UNKNOWN for s in steps):
        return Confidence.LOW
    if method.sources == 0 or any(s.outside or s.conditional for s in steps):
        return Confidence.MEDIUM
    return Confidence.HIGH


def _step(iam: AppIam, principal: Role, method: Method, req: Requirement) -> Step | None:
    kind = req.target
    if kind is TargetKind.ANY:
        return _decided(
            req, [iam.allows(principal, _some(req, glob)) for glob in req.resource_types]
        )
    if kind is TargetKind.SELF:
        return _decided(req, [iam.allows(principal, Request(req.action, _self(principal, req)))])
    if kind is TargetKind.OWN_POLICY:
        return _own_policy(iam, principal, req)
    if kind is TargetKind.PASS:
        found = _pass_candidates(iam, principal, method)
        return _candidates(iam, principal, req, found, method.pass_to)
    if kind is TargetKind.EXISTING:
        return _existing(iam, principal, req)
    return _candidates(iam, principal, req, _principal_candidates(iam, principal, req))


def _some(req: Requirement, glob: str) -> Request:
    """Some resource of the action's type; an action that supports no resource-level
    permission is granted only by a statement whose Resource covers `*`."""
    if glob == "*":
        return Request(req.action, Target("*"))
    return Request(req.action, Target(normalise(glob).text, some=True))


def _decided(
    req: Requirement, decisions: list[Decision], *, outside: bool = False, note: str = ""
) -> Step | None:
    """The step from the best decision; None when nothing grants the action (an answer that
    rests only on unreadable policies is not evidence of a path)."""
    usable = [d for d in decisions if d.answer is not Answer.NO and d.grants]
    if not usable:
        return None
    best = min(usable, key=lambda d: (d.answer is not Answer.YES, d.conditional))
    return Step(req, best.answer, best.grants, outside=outside, note=note)


def _self(principal: Role, req: Requirement) -> Target:
    """The principal's own ARN; for a user acting on a group (or a group's member acting on
    itself), one unknown group or user."""
    wanted = _type_kind(req)
    if wanted is None or wanted is principal.kind:
        return Target(principal_arn(principal), app_id=principal.id)
    return Target(f"arn:*:iam::*:{wanted.value}/*")


def _type_kind(req: Requirement) -> RoleKind | None:
    for marker, kind in _TYPE_KIND.items():
        if any(marker in glob for glob in req.resource_types):
            return kind
    return None


def _own_policy(iam: AppIam, principal: Role, req: Requirement) -> Step | None:
    decisions = []
    for policy in attached_project_policies(iam.app, principal):
        arn = resource_arn(iam.app, policy.id) or "arn:*:iam::*:policy/*"
        decisions.append(iam.allows(principal, Request(req.action, Target(arn, policy.id))))
    for value in principal.managed_policies:
        text = value.text()
        if value.known and ":policy/" in text and ":iam::aws:policy/" not in text:
            target = Target(normalise(text).text)
            decisions.append(iam.allows(principal, Request(req.action, target)))
    return _decided(req, decisions)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A resource of the app that would make the step exploitable if the principal may act on
    it and its prerequisites hold (`needs`: trust, more permissions), checked in that order
    because comparing permissions is the costly part."""

    app_id: str
    target: Target
    needs: tuple[Callable[[], Answer], ...] = ()
    context: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _pass_candidates(iam: AppIam, principal: Role, method: Method) -> Iterator[_Candidate]:
    for role in iam.app.roles.values():
        if role is principal or role.kind is not RoleKind.ROLE:
            continue
        for service in method.pass_to:
            trusted = iam.trusts(role, service)
            if trusted is not Answer.NO:
                target = Target(principal_arn(role), app_id=role.id)
                needs = (partial(_known, trusted), partial(iam.broader, role, principal))
                yield _Candidate(role.id, target, needs, _passed(service))


def _known(answer: Answer) -> Answer:
    return answer


def _passed(service: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("iam:passedtoservice", (service,)),)


def _principal_candidates(iam: AppIam, principal: Role, req: Requirement) -> Iterator[_Candidate]:
    kind = _type_kind(req) or RoleKind.ROLE
    for other in iam.app.roles.values():
        if other is principal or other.kind is not kind:
            continue
        needs: list[Callable[[], Answer]] = []
        if req.target in (TargetKind.ASSUME, TargetKind.ASSUME_BROADER):
            needs.append(partial(trusts_principal, other, principal))
        if req.target in (TargetKind.BROADER, TargetKind.ASSUME_BROADER):
            needs.append(partial(iam.broader, other, principal))
        target = Target(principal_arn(other), app_id=other.id)
        yield _Candidate(other.id, target, tuple(needs))


_NAMED_LIMIT = 3  # app resources named in a finding; the search stops once it has them


def _candidates(
    iam: AppIam,
    principal: Role,
    req: Requirement,
    candidates: Iterator[_Candidate],
    services: tuple[str, ...] = (),
) -> Step | None:
    """The step through the best app resources, else through one outside the project."""
    sure: list[Step] = []
    maybe: Step | None = None
    for candidate in candidates:
        request = Request(req.action, candidate.target, dict(candidate.context))
        decision = iam.allows(principal, request)
        if decision.answer is Answer.NO or not decision.grants:
            continue
        answer: Answer = decision.answer
        for need in candidate.needs:
            answer = answer & need()
            if answer is Answer.NO:
                break
        if answer is Answer.YES:
            sure.append(Step(req, answer, decision.grants, via=(candidate.app_id,)))
            if len(sure) == _NAMED_LIMIT:
                break
        elif answer is Answer.UNKNOWN and maybe is None:
            maybe = Step(req, answer, decision.grants, via=(candidate.app_id,))
    if sure:
        return Step(req, Answer.YES, sure[0].grants, via=tuple(v for s in sure for v in s.via))
    return _outside(iam, principal, req, services) or maybe


def _outside(
    iam: AppIam, principal: Role, req: Requirement, services: tuple[str, ...] = ()
) -> Step | None:
    contexts = [_passed(s) for s in services] or [()]
    decisions = [
        iam.allows(principal, Request(req.action, iam.outside(normalise(glob).text), dict(c)))
        for glob in req.resource_types
        for c in contexts
    ]
    step = _decided(req, decisions, outside=True, note=_outside_note(req, services))
    if step is not None and step.answer is Answer.YES and all(_named(g) for g in step.grants):
        # one resource named outside the project: whether it makes a path is unknown
        return replace(step, answer=Answer.UNKNOWN)
    return step


def _named(grant: Grant) -> bool:
    """The grant names one resource (no wildcard in its ARN), not a set of them."""
    value = grant.resource
    return value is not None and value.known and not any(c in value.text() for c in "*?")


def _outside_note(req: Requirement, services: tuple[str, ...]) -> str:
    if req.target is TargetKind.PASS:
        trusted = " or ".join(services)
        return f"a role outside the project that trusts {trusted} and has more permissions"
    if req.target is TargetKind.EXISTING:
        return f"an existing resource ({req.action}) whose role has more permissions"
    if req.target in (TargetKind.ASSUME, TargetKind.ASSUME_BROADER):
        return "a role outside the project that trusts this principal"
    return "a principal outside the project with more permissions"


def _existing(iam: AppIam, principal: Role, req: Requirement) -> Step | None:
    if not req.action.lower().startswith("lambda:"):
        return _outside(iam, principal, req)
    return _candidates(iam, principal, req, _function_candidates(iam, principal))


def _function_candidates(iam: AppIam, principal: Role) -> Iterator[_Candidate]:
    for function in iam.app.functions.values():
        role = iam.app.roles.get(function.role) if function.role else None
        if role is not None and role is not principal:
            target = Target(function_arn(), app_id=function.id)
            yield _Candidate(function.id, target, (partial(iam.broader, role, principal),))


__all__ = ["AppIam", "Path", "Step", "principal_paths", "privesc_paths"]
