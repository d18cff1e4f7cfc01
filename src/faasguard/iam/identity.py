"""What the principals of an app may do, as the evaluator sees it.

`policy_of(app, role)` gathers a role's, user's or group's statements (inline, attached, SAM
templates, the project's own managed policies: the loaders expand these), adds the AWS managed
policies whose documents faasguard ships, lists the ones it cannot read, and resolves the
permissions boundary. `arn_resolver(app)` gives the ARN pattern of an app resource for the
references statements make to it. `broader(candidate, principal)` says whether one principal
may do something another may not: the test for "passing, assuming or taking over this role is
an escalation".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from faasguard.iam.conditions import value_pattern
from faasguard.iam.evaluate import PolicySet, Resolver, allow_statements, is_administrator
from faasguard.iam.managed import managed_statements
from faasguard.iam.patterns import Answer, Pattern, covers
from faasguard.model.app import App, Resource, ResourceKind, Role, RoleKind, Statement
from faasguard.model.values import Ref, Unresolved, V

_PRINCIPAL_TYPE = {RoleKind.ROLE: "role", RoleKind.USER: "user", RoleKind.GROUP: "group"}
# ARN patterns of app resources by kind; `{name}` is the resource's name or `*`.
_KIND_ARNS = {
    ResourceKind.BUCKET: "arn:*:s3:::{name}",
    ResourceKind.TABLE: "arn:*:dynamodb:*:*:table/{name}",
    ResourceKind.QUEUE: "arn:*:sqs:*:*:{name}",
    ResourceKind.TOPIC: "arn:*:sns:*:*:{name}",
    ResourceKind.STREAM: "arn:*:kinesis:*:*:stream/{name}",
    ResourceKind.KEY: "arn:*:kms:*:*:key/*",
    ResourceKind.SECRET: "arn:*:secretsmanager:*:*:secret:{name}*",
    ResourceKind.PARAMETER: "arn:*:ssm:*:*:parameter/*",
    ResourceKind.LOG_GROUP: "arn:*:logs:*:*:log-group:{name}*",
    ResourceKind.STATE_MACHINE: "arn:*:states:*:*:stateMachine:{name}",
    ResourceKind.EVENT_BUS: "arn:*:events:*:*:event-bus/{name}",
}


def principal_arn(role: Role) -> str:
    """The ARN pattern of a role, user or group: its name when literal, else any name."""
    name = _literal(role.name) or "*"
    return f"arn:*:iam::*:{_PRINCIPAL_TYPE[role.kind]}/{name}"


def function_arn() -> str:
    """Function names are often generated (stack and logical id): any name."""
    return "arn:*:lambda:*:*:function:*"


def _literal(value: V[str] | None) -> str | None:
    if value is None or not value.known:
        return None
    text = value.text().strip()
    return text or None


def managed_policy_resources(app: App) -> list[Resource]:
    """The project's own managed policies (`AWS::IAM::ManagedPolicy`, `aws_iam_policy`).
    Computed once per app: every principal's policy asks for them."""
    cached = _MANAGED.get(id(app))
    if cached is not None and cached[0] is app:
        return cached[1]
    found = [r for r in app.resources.values() if isinstance(r.extra.get("statements"), list)]
    _MANAGED[id(app)] = (app, found)
    return found


_MANAGED: dict[int, tuple[App, list[Resource]]] = {}


def resource_arn(app: App, target: str) -> str | None:
    """The ARN pattern of an app resource by id; None when it has no ARN faasguard knows."""
    role = app.roles.get(target)
    if role is not None:
        return principal_arn(role)
    if target in app.functions:
        return function_arn()
    resource = app.resources.get(target)
    if resource is None:
        return None
    name = _literal(resource.name) or "*"
    if isinstance(resource.extra.get("statements"), list):
        return f"arn:*:iam::*:policy/{name}"
    template = _KIND_ARNS.get(resource.kind)
    return template.format(name=name) if template else None


def arn_resolver(app: App) -> Resolver:
    def resolve(ref: Ref) -> str | None:
        return resource_arn(app, ref.target)

    return resolve


def app_arns(app: App) -> frozenset[str]:
    """The ARNs of the app's resources whose names are known (lower case), for telling them
    apart from resources outside the project."""
    found = {principal_arn(r) for r in app.roles.values() if _literal(r.name)}
    for resource in app.resources.values():
        if _literal(resource.name):
            arn = resource_arn(app, resource.id)
            if arn is not None:
                found.add(arn)
    return frozenset(arn.lower() for arn in found)


def policy_of(app: App, role: Role) -> PolicySet:
    """The role's policy set, built once per role: rules ask for it per function and per
    question, and the evaluator indexes it by identity."""
    cached = _POLICIES.get(id(role))
    if cached is not None and cached[0] is role and cached[1] is app:
        return cached[2]
    built = _build_policy(app, role)
    if len(_POLICIES) > 4096:
        _POLICIES.clear()
    _POLICIES[id(role)] = (role, app, built)
    return built


_POLICIES: dict[int, tuple[Role, App, PolicySet]] = {}


def _build_policy(app: App, role: Role) -> PolicySet:
    statements = list(role.statements)
    unreadable: list[V[str]] = []
    for value in role.managed_policies:
        if _project_policy(app, value) is not None:
            continue  # the loaders expanded the project's own policies into role.statements
        known = managed_statements(value)
        if known is None:
            unreadable.append(value)
        else:
            statements.extend(known)
    boundary, boundary_unreadable = _boundary(app, role.permissions_boundary)
    return PolicySet(
        tuple(statements), tuple(unreadable), boundary, boundary_unreadable, owner=role.id
    )


def _project_policy(app: App, value: V[str]) -> Resource | None:
    raw = value.value
    targets = [raw.target] if isinstance(raw, Ref) else []
    if isinstance(raw, Unresolved):
        targets = list(raw.refs)
    for target in targets:
        resource = app.resources.get(target)
        if resource is not None and isinstance(resource.extra.get("statements"), list):
            return resource
    text = _literal(value)
    for resource in managed_policy_resources(app):
        name = _literal(resource.name)
        if text and name and text.endswith(f":policy/{name}"):
            return resource
    return None


def _boundary(app: App, value: V[str] | None) -> tuple[PolicySet | None, bool]:
    if value is None:
        return None, False
    resource = _project_policy(app, value)
    if resource is not None:
        return PolicySet(tuple(resource.extra["statements"])), False
    known = managed_statements(value)
    if known is not None:
        return PolicySet(tuple(known)), False
    return None, True


def attached_project_policies(app: App, role: Role) -> list[Resource]:
    """The project's managed policies attached to a principal (their statements are in it)."""
    mine = {id(s) for s in role.statements}
    return [
        r
        for r in managed_policy_resources(app)
        if any(id(s) in mine for s in r.extra["statements"])
    ]


@dataclass(frozen=True, slots=True)
class Comparison:
    """Does `candidate` hold permissions `principal` lacks? `statement` is one that shows it."""

    answer: Answer
    statement: Statement | None = None


def broader(candidate: PolicySet, principal: PolicySet, resolve: Resolver) -> Comparison:
    """YES when the candidate may do something the principal may not (by statement: an action
    pattern on a resource pattern the principal's Allow statements do not cover), NO when every
    candidate grant is covered, UNKNOWN when unreadable policies or unknown values decide it."""
    if is_administrator(principal):
        return Comparison(Answer.NO)
    if is_administrator(candidate):
        admin = next(allow_statements(candidate), None)
        return Comparison(Answer.YES, admin)
    shared = {v.text() for v in principal.unreadable}
    unread = any(v.text() not in shared for v in candidate.unreadable)
    result = Answer.UNKNOWN if unread else Answer.NO
    mine = {id(s) for s in principal.statements}
    for statement in allow_statements(candidate):
        if id(statement) in mine:
            continue
        verdict = _exceeds(statement, principal, resolve)
        if verdict is Answer.YES:
            return Comparison(Answer.YES, statement)
        result = result | verdict
    return Comparison(result)


def _exceeds(statement: Statement, principal: PolicySet, resolve: Resolver) -> Answer:
    if statement.not_actions is not None or statement.not_resources is not None:
        return Answer.YES
    result = Answer.NO
    for action in statement.actions:
        for resource in statement.resources or []:
            covered = _covered(action, resource, principal, resolve)
            if covered is Answer.NO:
                return Answer.YES
            result = result | ~covered
    return result


def _covered(action: V[str], resource: V[str], principal: PolicySet, resolve: Resolver) -> Answer:
    """Some unconditional Allow of the principal grants the action pattern on the resource."""
    if not action.known:
        return Answer.UNKNOWN
    wanted = _resource_pattern(resource, resolve)
    if wanted is None:
        return Answer.UNKNOWN
    for statement in _plain_allows(principal):
        if not any(a.known and covers(a.text(), action.text()) for a in statement.actions):
            continue
        for mine in statement.resources:
            if _same_ref(mine, resource):
                return Answer.YES
            pattern = _resource_pattern(mine, resolve)
            if pattern is not None and pattern.exact and covers(pattern.text, wanted.text):
                return Answer.YES
    return Answer.NO if wanted.exact else Answer.UNKNOWN


def _plain_allows(policy: PolicySet) -> Iterator[Statement]:
    for statement in allow_statements(policy):
        plain = statement.not_actions is None and statement.not_resources is None
        if plain and not statement.conditions and not statement.conditions_unresolved:
            yield statement


def _same_ref(first: V[str], second: V[str]) -> bool:
    a, b = first.value, second.value
    return isinstance(a, Ref) and isinstance(b, Ref) and a.target == b.target


def _resource_pattern(value: V[str], resolve: Resolver) -> Pattern | None:
    if isinstance(value.value, Ref):
        glob = resolve(value.value)
        return Pattern(glob) if glob is not None else None
    return value_pattern(value, resolve)


__all__ = [
    "Comparison",
    "app_arns",
    "arn_resolver",
    "attached_project_policies",
    "broader",
    "function_arn",
    "managed_policy_resources",
    "policy_of",
    "principal_arn",
    "resource_arn",
]
