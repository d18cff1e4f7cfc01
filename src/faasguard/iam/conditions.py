"""Condition blocks evaluated against what a request is known to carry.

A request names the values of the condition keys it is sure about (``iam:PassedToService`` when a
role is passed to Lambda). Entries on those keys are decided with the string and ARN operators;
entries on other keys, or with operators that compare numbers, dates, IP addresses or booleans,
stay as residual conditions: the grant holds *when* they hold. A value that is a reference or a
parameter makes the entry unknown, never true or false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from faasguard.iam.patterns import Answer, Pattern, matches, normalise
from faasguard.iam.statements import ConditionEntry, condition_entries
from faasguard.model.app import Statement
from faasguard.model.values import Ref, Unresolved, V

Context = Mapping[str, tuple[str, ...]]  # lower-case condition key -> the request's values

_EQUALS = frozenset({"stringequals", "arnequals"})
_EQUALS_IGNORE_CASE = frozenset({"stringequalsignorecase"})
_LIKE = frozenset({"stringlike", "arnlike"})
_NEGATED = {
    "stringnotequals": "stringequals",
    "stringnotequalsignorecase": "stringequalsignorecase",
    "stringnotlike": "stringlike",
    "arnnotequals": "arnequals",
    "arnnotlike": "arnlike",
}


@dataclass(frozen=True, slots=True)
class ConditionResult:
    """What a statement's condition block says about one request: `answer` for the entries
    the request decides, `residual` for the entries it cannot decide."""

    answer: Answer
    residual: tuple[ConditionEntry, ...] = ()


def evaluate_conditions(statement: Statement, context: Context) -> ConditionResult:
    if statement.conditions_unresolved:
        return ConditionResult(Answer.UNKNOWN, tuple(condition_entries(statement)))
    answer = Answer.YES
    residual: list[ConditionEntry] = []
    for entry in condition_entries(statement):
        decided = _decide(entry, context)
        if decided is None:
            residual.append(entry)
        else:
            answer = answer & decided
    return ConditionResult(answer, tuple(residual))


def _decide(entry: ConditionEntry, context: Context) -> Answer | None:
    """The entry's answer for the request, or None when the request does not decide it."""
    requested = context.get(entry.key.lower())
    if requested is None:
        return None
    operator = entry.operator.lower()
    operator = operator.split(":", 1)[1] if ":" in operator else operator  # ForAnyValue:...
    if operator.endswith("ifexists"):
        operator = operator[: -len("ifexists")]
    negated = operator in _NEGATED
    base = _NEGATED.get(operator, operator)
    if base not in _EQUALS | _EQUALS_IGNORE_CASE | _LIKE:
        return None
    answer = _any_value_matches(base, entry, requested)
    return ~answer if negated else answer


def _any_value_matches(base: str, entry: ConditionEntry, requested: tuple[str, ...]) -> Answer:
    result = Answer.NO
    for value in entry.values:
        pattern = value_pattern(value)
        if pattern is None:
            result = result | Answer.UNKNOWN
            continue
        for wanted in requested:
            if base in _LIKE or not pattern.exact:
                hit = matches(pattern.text, wanted)
            elif base in _EQUALS_IGNORE_CASE:
                hit = pattern.text.lower() == wanted.lower()
            else:
                hit = pattern.text == wanted
            if hit:
                result = result | pattern.cap(Answer.YES)
            elif not pattern.exact:
                result = result | Answer.UNKNOWN
    return result


def value_pattern(
    value: V[str], resolve: Callable[[Ref], str | None] | None = None
) -> Pattern | None:
    """A model value as a pattern: None for a reference to another resource (its text is an
    id, not a value), placeholders as wildcards for expressions. With `resolve`, a placeholder
    for another resource's ARN (``${Bucket.Arn}``, ``${aws_s3_bucket.b.arn}``) becomes that
    resource's ARN pattern, so the expression keeps its service and type."""
    raw = value.value
    if isinstance(raw, Ref):
        return None
    if isinstance(raw, Unresolved):
        text = _with_arns(raw, resolve) if resolve is not None else raw.text
        pattern = normalise(text)
        exact = pattern.exact and "${" in raw.text and not raw.refs
        return Pattern(pattern.text, exact)
    return normalise(str(raw))


_ARN_PLACEHOLDER = re.compile(r"\$\{([^}]+)\.arn\}", re.IGNORECASE)


def _with_arns(raw: Unresolved, resolve: Callable[[Ref], str | None]) -> str:
    def arn(match: re.Match[str]) -> str:
        target = match.group(1)
        found = resolve(Ref(target, "Arn")) if target in raw.refs else None
        return found if found is not None else match.group(0)

    return _ARN_PLACEHOLDER.sub(arn, raw.text)


__all__ = ["ConditionResult", "Context", "evaluate_conditions", "value_pattern"]
