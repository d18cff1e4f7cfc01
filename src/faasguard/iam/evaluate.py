"""The policy evaluator: does a principal's policy allow an action on a resource, and how?

`evaluate(policy, request, resolve)` follows IAM's identity-policy logic over the model's
statements: an explicit Deny wins, else some Allow must match the action (``Action`` patterns
or ``NotAction``), the resource (``Resource``/``NotResource``) and the conditions. It answers
with a :class:`Decision` that keeps its evidence: every Allow statement that grants the request
(:class:`Grant`, with the residual conditions under which it holds and the Deny statements that
may take it back), so rules can point at the lines that grant a permission.

The resource asked about is a :class:`Target`: one resource (``some=False``: "this role",
possibly known only by an ARN pattern) or any one resource matching a pattern (``some=True``:
"some role", "some function": a resource the caller may create or choose). References to other
resources of the app are compared by identity when the target is an app resource, otherwise
through `resolve`, which gives the ARN pattern of an app resource (None when it has none).

Answers are :class:`~faasguard.iam.patterns.Answer`: a statement whose action, resource or
condition is a reference or an unresolved expression gives UNKNOWN, never a guess; attached
policies faasguard cannot read (`PolicySet.unreadable`) turn a NO into UNKNOWN; a permissions
boundary is applied when its statements are known, and makes a YES UNKNOWN when they are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from faasguard.core.location import Location
from faasguard.iam.actions import action_matches
from faasguard.iam.conditions import Context, evaluate_conditions, value_pattern
from faasguard.iam.patterns import Answer, Pattern, any_of, covers, overlap
from faasguard.iam.statements import ConditionEntry
from faasguard.model.app import Statement
from faasguard.model.values import Ref, Unresolved, V

Resolver = Callable[[Ref], "str | None"]


def no_resolver(ref: Ref) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """The resource of a request. `pattern` is an ARN pattern; `app_id` the app resource it is
    (references to it match by identity); `some` asks for any one resource matching `pattern`;
    `outside` for one that is not a resource of the app (`exclude`: the app's own ARNs)."""

    pattern: str = "*"
    app_id: str | None = None
    some: bool = False
    outside: bool = False
    exclude: frozenset[str] = frozenset()
    whole: bool = False  # a Deny's scope: covering part of it is not covering it


@dataclass(frozen=True, slots=True)
class Request:
    action: str
    target: Target = Target()
    context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Grant:
    """An Allow statement that grants a request: YES, or UNKNOWN when a value it depends on
    is not known. It holds when `conditions` hold and no Deny of `denied_by` applies."""

    statement: Statement
    action: V[str] | None  # the Action pattern that matched; None for NotAction
    resource: V[str] | None  # the Resource that matched; None for NotResource
    answer: Answer
    conditions: tuple[ConditionEntry, ...] = ()
    denied_by: tuple[Statement, ...] = ()

    @property
    def location(self) -> Location:
        if self.action is not None:
            return self.action.loc
        if self.statement.not_actions:
            return self.statement.not_actions[0].loc
        return self.statement.loc

    @property
    def conditional(self) -> bool:
        return bool(self.conditions or self.denied_by)


@dataclass(frozen=True, slots=True)
class PolicySet:
    """Everything that decides what a principal may do: its identity statements (inline,
    attached, expanded), the attached policies faasguard cannot read, and its permissions
    boundary (`boundary` when known; `boundary_unreadable` when set but unknown)."""

    statements: tuple[Statement, ...] = ()
    unreadable: tuple[V[str], ...] = ()
    boundary: PolicySet | None = None
    boundary_unreadable: bool = False
    owner: str | None = None  # the principal's app id: what ${aws:username} stands for

    @property
    def complete(self) -> bool:
        return not self.unreadable and not self.boundary_unreadable


@dataclass(frozen=True, slots=True)
class Decision:
    request: Request
    answer: Answer
    grants: tuple[Grant, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.answer is Answer.YES

    @property
    def conditional(self) -> bool:
        """Allowed only under conditions (or unless a conditional Deny applies)."""
        sure = [g for g in self.grants if g.answer is Answer.YES]
        return bool(sure) and all(g.conditional for g in sure)

    def best(self) -> Grant | None:
        """The strongest grant: unconditional YES first, then conditional, then UNKNOWN."""
        ranked = sorted(self.grants, key=lambda g: (g.answer is not Answer.YES, g.conditional))
        return ranked[0] if ranked else None


def evaluate(policy: PolicySet, request: Request, resolve: Resolver = no_resolver) -> Decision:
    index = _index(policy.statements)
    denies = index.denies
    grants: list[Grant] = []
    for statement in index.candidates(request.action):
        grant = _grant(statement, request, resolve, policy.owner)
        if grant is not None:
            grant = _apply_denies(grant, denies, request, resolve, policy.owner)
        if grant is not None:
            grants.append(grant)
    answer = any_of([g.answer for g in grants])
    if answer is Answer.NO and policy.unreadable:
        answer = Answer.UNKNOWN
    if answer is not Answer.NO and policy.boundary is not None:
        bounded = replace(policy.boundary, owner=policy.owner)
        answer = answer & evaluate(bounded, request, resolve).answer
    if answer is Answer.YES and policy.boundary_unreadable:
        answer = Answer.UNKNOWN
    return Decision(request, answer, tuple(grants))


@dataclass(frozen=True, slots=True)
class _StatementIndex:
    """The Allow statements of a policy by the service their actions name, so that asking
    about one action reads only the statements that could grant it (a role with a thousand
    statements, one per table, is common in generated Terraform). Statements with NotAction,
    an unknown action value or a wildcard in the service part are candidates for every action."""

    statements: tuple[Statement, ...]
    denies: tuple[Statement, ...]
    by_service: dict[str, tuple[int, ...]]
    always: tuple[int, ...]
    allows: tuple[Statement, ...]

    def candidates(self, action: str) -> list[Statement]:
        service = action.split(":", 1)[0].lower()
        positions = sorted({*self.by_service.get(service, ()), *self.always})
        return [self.allows[i] for i in positions]


_INDEXES: dict[int, _StatementIndex] = {}


def _index(statements: tuple[Statement, ...]) -> _StatementIndex:
    cached = _INDEXES.get(id(statements))
    if cached is not None and cached.statements is statements:
        return cached
    allows = tuple(s for s in statements if s.allows)
    by_service: dict[str, set[int]] = {}
    always: list[int] = []
    for position, statement in enumerate(allows):
        services = _services(statement)
        if services is None:
            always.append(position)
        else:
            for service in services:
                by_service.setdefault(service, set()).add(position)
    built = _StatementIndex(
        statements=statements,
        denies=tuple(s for s in statements if s.effect.is_("Deny")),
        by_service={k: tuple(v) for k, v in by_service.items()},
        always=tuple(always),
        allows=allows,
    )
    if len(_INDEXES) > 4096:
        _INDEXES.clear()
    _INDEXES[id(statements)] = built
    return built


def _services(statement: Statement) -> set[str] | None:
    """The services a statement's actions name, or None when it may grant any action."""
    if statement.not_actions is not None:
        return None
    services: set[str] = set()
    for value in statement.actions:
        if not value.known:
            return None
        service = value.text().split(":", 1)[0].lower()
        if "*" in service or "?" in service or ":" not in value.text():
            return None
        services.add(service)
    return services


def _grant(
    statement: Statement, request: Request, resolve: Resolver, owner: str | None
) -> Grant | None:
    action_value, action_answer = _best(action_hits(statement, request.action))
    if action_answer is Answer.NO:
        return None
    hits = _resource_hits(statement, request.target, resolve, owner)
    resource_value, resource_answer = _best(hits)
    if resource_answer is Answer.NO:
        return None
    conditions = evaluate_conditions(statement, request.context)
    answer = action_answer & resource_answer & conditions.answer
    if answer is Answer.NO:
        return None
    return Grant(statement, action_value, resource_value, answer, conditions.residual)


def _best(hits: list[tuple[V[str] | None, Answer]]) -> tuple[V[str] | None, Answer]:
    for wanted in (Answer.YES, Answer.UNKNOWN):
        for value, answer in hits:
            if answer is wanted:
                return value, answer
    return None, Answer.NO


def action_hits(statement: Statement, action: str) -> list[tuple[V[str] | None, Answer]]:
    """Each Action value with its answer for `action`; for NotAction one entry (None)."""
    if statement.not_actions is not None:
        excluded = any_of([action_answer(v, action) for v in statement.not_actions])
        return [(None, ~excluded)]
    return [(value, action_answer(value, action)) for value in statement.actions]


def action_answer(value: V[str], action: str) -> Answer:
    """One Action value against one action: YES, NO, or UNKNOWN for an unknown value."""
    if value.known:
        return Answer.YES if action_matches(value.text(), action) else Answer.NO
    pattern = value_pattern(value)
    if pattern is None or not action_matches(pattern.text, action):
        return Answer.UNKNOWN if pattern is None else Answer.NO
    return pattern.cap(Answer.YES)


def _resource_hits(
    statement: Statement, target: Target, resolve: Resolver, owner: str | None = None
) -> list[tuple[V[str] | None, Answer]]:
    if statement.not_resources is not None:
        whole = replace(target, some=False)
        excluded = any_of(
            [match_resource(v, whole, resolve, owner) for v in statement.not_resources]
        )
        if target.some and excluded is Answer.UNKNOWN:
            excluded = Answer.NO  # a partial exclusion leaves some resource allowed
        return [(None, ~excluded)]
    return [(v, match_resource(v, target, resolve, owner)) for v in statement.resources]


_SELF_VARIABLE = re.compile(r"\$\{aws:(?:username|userid)\}", re.IGNORECASE)


def match_resource(
    value: V[str], target: Target, resolve: Resolver, owner: str | None = None
) -> Answer:
    """Does a statement's Resource value cover the target (some=False) or reach one resource
    matching it (some=True)? `owner` is the principal whose policy it is: a resource naming
    ``${aws:username}`` is that principal and nothing else."""
    raw = value.value
    if target.pattern == "*" and not target.some:
        return _everything(value, resolve)
    if isinstance(raw, str) and _SELF_VARIABLE.search(raw):
        if owner is None or target.outside:
            return Answer.NO if target.outside else Answer.UNKNOWN
        return Answer.YES if target.app_id == owner else Answer.NO
    if isinstance(raw, Ref):
        if target.outside:
            return Answer.NO
        if target.app_id is not None and not target.some:
            return Answer.YES if raw.target == target.app_id else Answer.NO
        glob = resolve(raw)
        return Answer.UNKNOWN if glob is None else _compare(Pattern(glob), target, specific=True)
    if isinstance(raw, Unresolved) and raw.refs and target.outside:
        return Answer.NO
    pattern = value_pattern(value, resolve)
    if pattern is None:
        return Answer.UNKNOWN
    if target.outside and pattern.text.lower() in target.exclude:
        return Answer.NO
    return _compare(pattern, target, specific=False)


def _everything(value: V[str], resolve: Resolver) -> Answer:
    """Does the value cover every resource? What an action with no resource-level permission
    needs: a statement naming particular resources does not grant it."""
    pattern = None if isinstance(value.value, Ref) else value_pattern(value, resolve)
    if pattern is None:
        return Answer.NO
    if covers(pattern.text, "*"):
        return pattern.cap(Answer.YES)
    return Answer.UNKNOWN if not pattern.exact and not pattern.typed else Answer.NO


def _compare(pattern: Pattern, target: Target, *, specific: bool) -> Answer:
    if target.some:
        if not overlap(pattern.text, target.pattern):
            return Answer.NO
        return Answer.YES if pattern.exact or pattern.typed else Answer.UNKNOWN
    if covers(pattern.text, target.pattern) and not specific:
        return pattern.cap(Answer.YES)
    if target.whole:
        return Answer.NO
    return Answer.UNKNOWN if overlap(pattern.text, target.pattern) else Answer.NO


def _apply_denies(
    grant: Grant,
    denies: Sequence[Statement],
    request: Request,
    resolve: Resolver,
    owner: str | None = None,
) -> Grant | None:
    """The grant once the Deny statements are applied: None when one surely takes it back."""
    scope = _scope(grant, request.target, resolve)
    maybe: list[Statement] = []
    unknown = False
    for deny in denies:
        _, action = _best(action_hits(deny, request.action))
        if action is Answer.NO:
            continue
        _, resource = _best(_resource_hits(deny, scope, resolve, owner))
        conditions = evaluate_conditions(deny, request.context)
        applies = action & resource & conditions.answer
        if applies is Answer.NO:
            continue
        if applies is Answer.YES and not conditions.residual:
            return None
        maybe.append(deny)
        unknown = unknown or applies is Answer.UNKNOWN
    if not maybe:
        return grant
    answer = Answer.UNKNOWN if unknown else grant.answer
    return replace(grant, answer=answer, denied_by=tuple(maybe))


def _scope(grant: Grant, target: Target, resolve: Resolver) -> Target:
    """What a Deny must cover to take the grant back: for "some resource", everything the
    grant reaches; otherwise the target itself."""
    if not target.some or grant.resource is None:
        return replace(target, some=False)
    raw = grant.resource.value
    if isinstance(raw, Ref):
        return Target(resolve(raw) or "*", app_id=raw.target, whole=True)
    pattern = value_pattern(grant.resource, resolve)
    return Target(pattern.text if pattern is not None else "*", whole=True)


def is_administrator(policy: PolicySet) -> bool:
    """Allowed every action on every resource without condition, nothing denied, no boundary."""
    if policy.boundary is not None or policy.boundary_unreadable:
        return False
    if any(s.effect.is_("Deny") for s in policy.statements):
        return False
    return any(_allows_everything(s) for s in policy.statements)


def _allows_everything(statement: Statement) -> bool:
    return (
        statement.allows
        and statement.not_actions is None
        and statement.not_resources is None
        and not statement.conditions
        and not statement.conditions_unresolved
        and any(a.known and a.text().strip() == "*" for a in statement.actions)
        and any(r.known and r.text().strip() == "*" for r in statement.resources)
    )


def allow_statements(policy: PolicySet) -> Iterator[Statement]:
    return (s for s in policy.statements if s.allows)


__all__ = [
    "Context",
    "Decision",
    "Grant",
    "PolicySet",
    "Request",
    "Resolver",
    "Target",
    "action_answer",
    "action_hits",
    "allow_statements",
    "evaluate",
    "is_administrator",
    "match_resource",
    "no_resolver",
]
