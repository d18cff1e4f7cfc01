"""The static ReDoS check: exponential, polynomial and linear patterns."""

from __future__ import annotations

import pytest

from faasguard.analysis.python.redos import Backtracking, analyse

EXPONENTIAL = [
    r"(a+)+$",
    r"^(\w+\s?)*$",
    r"(x+x+)+y",
    r"(a|aa)*b",
    r"(.|\s)*x",
    r"^([a-zA-Z0-9_.-])+@(([a-zA-Z0-9-])+\.)+([a-zA-Z0-9]{2,4})+$",
    r"(\d*)*:",
    r"^(a|a?)+$",  # an alternative that can match nothing
]
POLYNOMIAL = [r"\d+\d+x", r".*\s*=", r"a+a*b"]
LINEAR = [
    r"^[a-z]+$",
    r"([a-z]+\.)+com",
    r"(ab?)*c",
    r"\s*,\s*",
    r"^[A-Z0-9-]{1,32}$",
    r"(a|b)*c",
    r"(?>a+)+b",
    r"(a++)+b",
    r"^\d{4}-\d{2}-\d{2}$",
    r"(a|ab)*c",
    r"(\w|\d)+$",  # the parser merges it into one character class: no backtracking
    r"^[a-zA-Z0-9_.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,24}$",
    r"(?:[^$%]|\$\$\{|\$(?!\{))+",  # a lookahead alone is not an empty alternative
    r"^(?:[\w+=,.@-]+/)*[\w+=,.@-]+$",  # the '/' tells the iterations apart
    r"(unclosed",  # not a valid pattern: nothing to say
]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_exponential(pattern: str) -> None:
    verdict = analyse(pattern)
    assert verdict is not None and verdict.kind is Backtracking.EXPONENTIAL


@pytest.mark.parametrize("pattern", POLYNOMIAL)
def test_polynomial(pattern: str) -> None:
    verdict = analyse(pattern)
    assert verdict is not None and verdict.kind is Backtracking.POLYNOMIAL


@pytest.mark.parametrize("pattern", LINEAR)
def test_linear(pattern: str) -> None:
    assert analyse(pattern) is None


def test_verdict_names_the_kind_and_pattern() -> None:
    verdict = analyse(r"(a+)+$")
    assert verdict is not None
    assert verdict.describe() == "exponential backtracking in /(a+)+$/"
