"""Policy statements: who they let in, and whether a condition narrows that down.

Pure helpers over :class:`~faasguard.model.app.Statement`. Three answers matter to the rules:
does a statement name *anyone* as principal (``"*"`` or ``{"AWS": "*"}``); is a principal
narrowed by a condition that names who may come (``aws:SourceArn``, ``aws:SourceAccount``,
``aws:PrincipalOrgID``, ``aws:SourceVpce``, ...); and therefore does the statement let the
public in. Unknown values answer ``None`` ("cannot tell"), never a guess: a condition whose
value is a reference or a parameter counts as a restriction, a condition block the loader could
not read makes the answer unknown.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from faasguard.model.app import Principal, Statement
from faasguard.model.values import V

# Condition keys that say *who* or *from where* a request may come. Lower case.
RESTRICTING_KEYS: frozenset[str] = frozenset(
    {
        "aws:sourcearn",
        "aws:sourceaccount",
        "aws:sourceowner",
        "aws:sourceorgid",
        "aws:sourceorgpaths",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principalaccount",
        "aws:principalarn",
        "aws:principalservicename",
        "aws:userid",
        "aws:username",
        "aws:sourcevpce",
        "aws:sourcevpc",
        "aws:sourceip",
        "aws:vpcsourceip",
        "sts:externalid",
        "kms:calleraccount",
    }
)

# Operators that require a match. Negated operators, `...IfExists` (true when the key is
# absent), `Null` and `ForAllValues:` (true for an absent key) do not restrict anyone.
_POSITIVE_OPERATOR = re.compile(
    r"^(?:ForAnyValue:)?(?:StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike"
    r"|IpAddress|NumericEquals|DateEquals|Bool)$",
    re.IGNORECASE,
)
_OPEN_VALUES = frozenset({"*", "0.0.0.0/0", "::/0", "arn:*", "arn:aws:*"})


@dataclass(frozen=True, slots=True)
class ConditionEntry:
    """One ``operator: {key: values}`` entry of a statement's condition block."""

    operator: str
    key: str
    values: tuple[V[str], ...]

    @property
    def positive(self) -> bool:
        return _POSITIVE_OPERATOR.match(self.operator) is not None

    @property
    def open_values(self) -> bool:
        """Every value is known and matches anything (``*``, ``0.0.0.0/0``)."""
        return bool(self.values) and all(_is_open(value) for value in self.values)


def _is_open(value: V[str]) -> bool:
    if not value.known:
        return False
    text = str(value.value).strip().lower()
    return text in _OPEN_VALUES or (text != "" and set(text) <= {"*", "?"})


def condition_entries(statement: Statement) -> Iterator[ConditionEntry]:
    for operator, block in statement.conditions.items():
        for key, values in block.items():
            yield ConditionEntry(operator, key, tuple(values))


def restricting_entries(
    statement: Statement, keys: Collection[str] = RESTRICTING_KEYS
) -> list[ConditionEntry]:
    """The condition entries that narrow who may use the statement: a positive operator on one
    of `keys` (lower case) with a value that does not match everything."""
    wanted = {key.lower() for key in keys}
    return [
        entry
        for entry in condition_entries(statement)
        if entry.key.lower() in wanted and entry.positive and not entry.open_values
    ]


def is_restricted(statement: Statement, keys: Collection[str] = RESTRICTING_KEYS) -> bool | None:
    """True when a condition narrows the statement's principals, False when nothing does,
    None when the condition block could not be read (unknown)."""
    if restricting_entries(statement, keys):
        return True
    if statement.conditions_unresolved:
        return None
    return False


def is_anyone(principal: Principal) -> bool | None:
    """``Principal: "*"`` or ``{"AWS": "*"}``: every identity. None when the value is unknown."""
    if principal.kind == "*":
        return True
    if principal.kind.upper() != "AWS":
        return False
    if not principal.value.known:
        return None
    return principal.value.is_("*")


def anyone_principals(statement: Statement) -> list[Principal]:
    """The principals of the statement that stand for everyone."""
    return [p for p in statement.principals or () if is_anyone(p)]


def opens_to_anyone(statement: Statement) -> Principal | None:
    """The principal through which an Allow statement lets anyone in without a restricting
    condition, or None (not public, or unknown)."""
    if not statement.allows or statement.not_principals:
        return None
    principals = anyone_principals(statement)
    if not principals:
        return None
    if is_restricted(statement) is not False:
        return None
    return principals[0]


_ACCOUNT_ROOT = re.compile(r"^(?:arn:aws[\w-]*:iam::(\d{12}):root|(\d{12}))$")


def whole_account(principal: Principal) -> str | None:
    """The account id when an AWS principal names a whole account (``123456789012`` or
    ``arn:aws:iam::123456789012:root``), else None."""
    if principal.kind.upper() != "AWS" or not principal.value.known:
        return None
    match = _ACCOUNT_ROOT.match(str(principal.value.value).strip())
    if match is None:
        return None
    return match.group(1) or match.group(2)


__all__ = [
    "RESTRICTING_KEYS",
    "ConditionEntry",
    "anyone_principals",
    "condition_entries",
    "is_anyone",
    "is_restricted",
    "opens_to_anyone",
    "restricting_entries",
    "whole_account",
]
