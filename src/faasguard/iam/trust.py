"""Who may assume a role: its trust policy read against a service or another principal.

An account root (``arn:aws:iam::123456789012:root``, ``${AWS::AccountId}``) in a trust policy
lets the account's principals assume the role when their own policies allow it; the project's
principals are taken to live in the account its ARNs name. Unknown values answer UNKNOWN.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from faasguard.iam.conditions import value_pattern
from faasguard.iam.evaluate import action_hits
from faasguard.iam.identity import principal_arn
from faasguard.iam.patterns import Answer, any_of, covers, matches, overlap
from faasguard.model.app import Principal, Role
from faasguard.model.values import Ref

_ROOT = re.compile(r"^(?:arn:[^:]*:iam::[^:]*:root|\d{12}|\*)$")


def _trusting(role: Role) -> Iterator[tuple[Principal, Answer]]:
    """Each principal of the role's Allow trust statements for sts:AssumeRole, with the answer
    of the statement's action for that call."""
    for statement in role.trust:
        if not statement.allows or statement.not_principals:
            continue
        answer = any_of([hit for _, hit in action_hits(statement, "sts:AssumeRole")])
        if answer is not Answer.NO:
            for principal in statement.principals or ():
                yield principal, answer


def trusts_service(role: Role, services: Iterable[str]) -> Answer:
    """The role's trust policy lets one of `services` (``lambda.amazonaws.com``) assume it."""
    if not role.trust:
        return Answer.UNKNOWN  # a trust policy the loader could not read
    wanted = [s.lower() for s in services]
    result = Answer.NO
    for principal, action in _trusting(role):
        if principal.kind == "*":
            result = result | action
            continue
        if principal.kind.lower() != "service":
            continue
        pattern = value_pattern(principal.value)
        if pattern is None:
            result = result | Answer.UNKNOWN
            continue
        hit = any(matches(pattern.text, service) for service in wanted)
        result = result | (action & pattern.cap(Answer.YES) if hit else Answer.NO)
    return result


def trusts_principal(role: Role, principal: Role) -> Answer:
    """The role's trust policy lets `principal` (a role or user of the app) assume it."""
    if not role.trust:
        return Answer.UNKNOWN
    result = Answer.NO
    for trusted, action in _trusting(role):
        result = result | (action & _names(trusted, principal))
    return result


def _names(trusted: Principal, principal: Role) -> Answer:
    if trusted.kind == "*":
        return Answer.YES
    if trusted.kind.upper() != "AWS":
        return Answer.NO
    raw = trusted.value.value
    if isinstance(raw, Ref):
        return Answer.YES if raw.target == principal.id else Answer.NO
    pattern = value_pattern(trusted.value)
    if pattern is None:
        return Answer.UNKNOWN
    if _ROOT.match(pattern.text):
        return pattern.cap(Answer.YES)
    mine = principal_arn(principal)
    if covers(pattern.text, mine):
        return pattern.cap(Answer.YES)
    return Answer.UNKNOWN if overlap(pattern.text, mine) else Answer.NO


__all__ = ["trusts_principal", "trusts_service"]
