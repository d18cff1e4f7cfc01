"""IAM wildcard patterns: ``*`` and ``?`` in actions and ARNs, compared with each other.

Policies compare patterns, not only concrete names: a statement's ``arn:aws:iam::*:role/app-*``
against "any role", against the role ``arn:aws:iam::*:role/app-api`` whose account is unknown,
or against another statement's pattern. Three questions answer that:

- :func:`overlap`: is there a string both patterns match (some resource satisfies both)?
- :func:`covers`: does one pattern match everything the other matches? Decided by reading the
  other pattern's text literally (its ``*`` matched as a character), which is exact when the
  covering pattern uses ``*`` only and errs towards "covers" in rare ``?``-against-``*`` cases.
- :func:`normalise`: a value as written in a template, with its ``${...}`` placeholders turned
  into ``*``. Placeholders of the account's own values (``${AWS::AccountId}``,
  ``${AWS::Region}``, ``${AWS::Partition}``, Terraform's caller identity, serverless
  ``${aws:accountId}``) stand for "this account", which every comparison here treats as
  matching; any other placeholder makes the answer at best :attr:`Answer.UNKNOWN`.

Matching is case-insensitive, as IAM compares actions (ARNs are case-sensitive in AWS; treating
them insensitively can only make a grant look wider, never hide one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Answer(str, Enum):
    """Three-valued: known yes, known no, or cannot tell from the project."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    def __and__(self, other: Answer) -> Answer:
        if Answer.NO in (self, other):
            return Answer.NO
        if Answer.UNKNOWN in (self, other):
            return Answer.UNKNOWN
        return Answer.YES

    def __or__(self, other: Answer) -> Answer:
        if Answer.YES in (self, other):
            return Answer.YES
        if Answer.UNKNOWN in (self, other):
            return Answer.UNKNOWN
        return Answer.NO

    def __invert__(self) -> Answer:
        if self is Answer.UNKNOWN:
            return self
        return Answer.NO if self is Answer.YES else Answer.YES


def any_of(answers: list[Answer]) -> Answer:
    result = Answer.NO
    for answer in answers:
        result = result | answer
    return result


_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
# Placeholders that stand for the deploying account's own partition, region, account, domain.
_OWN_VALUES = re.compile(
    r"^(?:AWS::(?:AccountId|Region|Partition|URLSuffix)"
    r"|aws:(?:accountId|region|partition|urlSuffix)"
    r"|data\.aws_(?:caller_identity|region|partition)\.[\w-]+\.\w+"
    r"|(?:var|local)\.(?:aws_)?(?:account_id|account|region|partition))$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern as compared: `text` with placeholders as ``*``; `exact` False when a
    placeholder hides something other than the account's own values."""

    text: str
    exact: bool = True

    def cap(self, answer: Answer) -> Answer:
        """`answer`, downgraded from YES to UNKNOWN when the pattern is not exact."""
        return Answer.UNKNOWN if answer is Answer.YES and not self.exact else answer

    @property
    def typed(self) -> bool:
        """An ARN whose service is written out: it names resources of one service even when
        a placeholder hides which ones."""
        parts = self.text.split(":", 3)
        return len(parts) > 3 and parts[0] == "arn" and parts[2] != "" and "*" not in parts[2]


@lru_cache(maxsize=8192)
def normalise(text: str) -> Pattern:
    """`text` with placeholders as ``*`` and, in an ARN, the partition, region and account
    as ``*``: the project is taken to be deployed where its ARNs say."""
    exact = all(_OWN_VALUES.match(name.strip()) for name in _PLACEHOLDER.findall(text))
    return Pattern(_own_arn(_PLACEHOLDER.sub("*", text.strip())), exact)


def _own_arn(text: str) -> str:
    parts = text.split(":", 5)
    if len(parts) < 6 or parts[0].lower() != "arn":
        return text
    parts[1] = "*"
    parts[3] = "*" if parts[3] else ""
    if parts[4] and parts[4].lower() != "aws":  # `aws` is the account of AWS managed policies
        parts[4] = "*"
    return ":".join(parts)


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> re.Pattern[str]:
    parts = ("." if ch == "?" else ".*" if ch == "*" else re.escape(ch) for ch in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _segments(text: str) -> list[str] | None:
    """The six components of an ARN; None for anything else."""
    parts = text.split(":", 5)
    return parts if len(parts) == 6 and parts[0].lower() == "arn" else None


def _pairs(first: str, second: str) -> list[tuple[str, str]]:
    """What to compare: ARN components one by one (IAM does not let a wildcard span them),
    else the whole texts."""
    a, b = _segments(first), _segments(second)
    if a is None or b is None:
        return [(first, second)]
    return list(zip(a, b, strict=True))


def matches(pattern: str, text: str) -> bool:
    """`text` (concrete) is matched by `pattern`."""
    return all(_regex(p).fullmatch(t) is not None for p, t in _pairs(pattern, text))


def covers(pattern: str, other: str) -> bool:
    """Everything `other` matches is matched by `pattern` (other's wildcards read literally)."""
    return matches(pattern, other)


def overlap(first: str, second: str) -> bool:
    """Some string is matched by both patterns."""
    return all(_overlap(a, b) for a, b in _pairs(first, second))


@lru_cache(maxsize=4096)
def _overlap(first: str, second: str) -> bool:
    a, b = first.lower(), second.lower()
    seen: set[tuple[int, int]] = set()
    stack = [(0, 0)]
    while stack:
        i, j = stack.pop()
        if (i, j) in seen:
            continue
        seen.add((i, j))
        if i == len(a) and j == len(b):
            return True
        stack.extend(_steps(a, b, i, j))
    return False


def _steps(a: str, b: str, i: int, j: int) -> list[tuple[int, int]]:
    """The states reachable in one step of the product of two glob automata."""
    steps: list[tuple[int, int]] = []
    if i < len(a) and a[i] == "*":
        steps.append((i + 1, j))  # a's star matches nothing more
        if j < len(b):
            steps.append((i, j + 1))  # a's star swallows b's next symbol
        return steps
    if j < len(b) and b[j] == "*":
        steps.append((i, j + 1))
        if i < len(a):
            steps.append((i + 1, j))
        return steps
    if i < len(a) and j < len(b) and (a[i] == b[j] or "?" in (a[i], b[j])):
        steps.append((i + 1, j + 1))
    return steps


__all__ = ["Answer", "Pattern", "any_of", "covers", "matches", "normalise", "overlap"]
