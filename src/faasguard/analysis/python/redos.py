"""Does a regular expression backtrack catastrophically? Decided statically, never by running it.

The pattern is parsed with the standard library's own parser (``re._parser``, no matching) and
checked for two shapes:

* **exponential**: inside an unbounded repeat ``(B)*``, the body B can stop early and let the next
  iteration start on the same characters - a variable-length part of B (``a+``, ``a?``, ``(|a)``)
  whose characters can begin B, followed only by optional items (``(a+)+``, ``(\\w+\\s?)*``,
  ``(x+x+)+``) - or B holds an alternation whose branches can match the same character
  (``(.|\\s)*``, ``(\\w|\\d)+``, ``(a|aa)*``);
* **polynomial**: two unbounded repeats, the second able to start with a character the first
  consumes, separated only by optional items (``\\d+\\d+``, ``.*\\s*=``), which a failing
  match tries in quadratic time.

Characters are compared on a sample alphabet (printable ASCII, a few non-ASCII letters, digits and
spaces, and every literal of the pattern), so classes, ranges, categories and negations are
approximated without a full set algebra. Possessive repeats and atomic groups never backtrack and
are ignored; backreferences and lookarounds are not analysed.
"""

from __future__ import annotations

import importlib
import string
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

_BASE_ALPHABET = string.printable + "\u00a0\u00e9\u00df\u0660\u2028\u3000"
_UNBOUNDED = 65535  # sre's MAXREPEAT is at least this large
_MAX_PATTERN = 2000


class Backtracking(str, Enum):
    EXPONENTIAL = "exponential"
    POLYNOMIAL = "polynomial"


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: Backtracking
    pattern: str

    def describe(self) -> str:
        shown = self.pattern if len(self.pattern) <= 60 else self.pattern[:57] + "..."
        return f"{self.kind.value} backtracking in /{shown}/"


@lru_cache(maxsize=4096)
def analyse(pattern: str) -> Verdict | None:
    """The worst backtracking the pattern allows, or None when it is linear (or unreadable)."""
    if len(pattern) > _MAX_PATTERN:
        return None
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = list(parser.parse(pattern).data)
    except Exception:  # an invalid pattern, or a parser this Python does not have
        return None
    checker = _Checker(_alphabet(tree))
    found = checker.sequence(tree, inside_repeat=False)
    return Verdict(found, pattern) if found is not None else None


def _alphabet(tree: list[Any]) -> str:
    extra: set[str] = set()
    stack = list(tree)
    while stack:
        op, av = stack.pop()
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            extra.add(chr(av))
        elif name == "RANGE":
            extra.update((chr(av[0]), chr(av[1])))
        elif isinstance(av, tuple | list):
            stack.extend(_children(name, av))
    return _BASE_ALPHABET + "".join(sorted(extra - set(_BASE_ALPHABET)))


def _children(name: str, av: Any) -> list[Any]:
    """The (op, av) items nested in one node, for walks that do not care about structure."""
    if name == "IN":
        return list(av)
    if name == "BRANCH":
        return [item for branch in av[1] for item in branch.data]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return list(av[2].data)
    if name == "SUBPATTERN":
        return list(av[3].data)
    if name in ("ASSERT", "ASSERT_NOT"):
        return list(av[1].data)
    if name == "ATOMIC_GROUP":
        return list(av.data)
    return []


class _Checker:
    def __init__(self, alphabet: str) -> None:
        self.alphabet = alphabet
        self.everything = (1 << len(alphabet)) - 1

    # -- character sets (bitmasks over the alphabet) ------------------------------------------
    def _mask(self, test: Any) -> int:
        mask = 0
        for index, char in enumerate(self.alphabet):
            if test(char):
                mask |= 1 << index
        return mask

    def single(self, name: str, av: Any) -> int | None:
        """The characters a one-character item matches; None for other items."""
        if name == "LITERAL":
            return self._mask(lambda c: ord(c) == av)
        if name == "NOT_LITERAL":
            return self.everything & ~self._mask(lambda c: ord(c) == av)
        if name == "ANY":
            return self._mask(lambda c: c != "\n")
        if name == "IN":
            return self._class(av)
        return None

    def _class(self, items: list[Any]) -> int:
        mask = 0
        negate = False
        for op, av in items:
            kind = str(op)
            if kind == "NEGATE":
                negate = True
            elif kind == "LITERAL":
                mask |= self._mask(lambda c, av=av: ord(c) == av)
            elif kind == "RANGE":
                mask |= self._mask(lambda c, av=av: av[0] <= ord(c) <= av[1])
            elif kind == "CATEGORY":
                mask |= self._category(str(av))
        return (self.everything & ~mask) if negate else mask

    def _category(self, name: str) -> int:
        tests = {
            "DIGIT": str.isdecimal,
            "SPACE": str.isspace,
            "WORD": lambda c: c.isalnum() or c == "_",
            "LINEBREAK": lambda c: c == "\n",
        }
        negated = "_NOT_" in name
        base = name.rsplit("_", 1)[-1]
        test = tests.get(base)
        if test is None:
            return self.everything
        mask = self._mask(test)
        return (self.everything & ~mask) if negated else mask

    def chars(self, items: list[Any]) -> int:
        """Every character any item of the sequence can consume."""
        mask = 0
        for op, av in items:
            name = str(op)
            one = self.single(name, av)
            if one is not None:
                mask |= one
            elif name not in ("AT", "ASSERT", "ASSERT_NOT"):
                mask |= self.chars(_children(name, av))
        return mask

    def first(self, items: list[Any]) -> int:
        """The characters a match of the sequence can start with."""
        mask = 0
        for op, av in items:
            name = str(op)
            one = self.single(name, av)
            if one is not None:
                return mask | one
            if name == "BRANCH":
                for branch in av[1]:
                    mask |= self.first(list(branch.data))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "SUBPATTERN"):
                mask |= self.first(_children(name, av))
            elif name == "ATOMIC_GROUP":
                mask |= self.first(list(av.data))
            if not self.nullable([(op, av)]):
                return mask
        return mask

    def nullable(self, items: list[Any]) -> bool:
        for op, av in items:
            name = str(op)
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                continue
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                if av[0] == 0 or self.nullable(list(av[2].data)):
                    continue
                return False
            if name == "SUBPATTERN":
                if self.nullable(list(av[3].data)):
                    continue
                return False
            if name == "BRANCH":
                if any(self.nullable(list(b.data)) for b in av[1]):
                    continue
                return False
            return False
        return True

    # -- the two shapes ----------------------------------------------------------------------
    def sequence(self, items: list[Any], inside_repeat: bool) -> Backtracking | None:
        flat = self._flatten(items)
        worst: Backtracking | None = None
        for op, av in flat:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT"):
                found = self.repeat(av)
            elif name == "BRANCH":
                found = self._worst(self.sequence(list(b.data), inside_repeat) for b in av[1])
            else:
                found = None
            if found is Backtracking.EXPONENTIAL:
                return found
            worst = worst or found
        return worst or self._adjacent(flat)

    def repeat(self, av: Any) -> Backtracking | None:
        low, high, body = av
        items = self._flatten(list(body.data))
        if high >= _UNBOUNDED or high - low > 8:
            if self._ambiguous_iterations(items) or self._ambiguous_branch(items):
                return Backtracking.EXPONENTIAL
        return self.sequence(items, inside_repeat=True)

    def _flatten(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for op, av in items:
            if str(op) == "SUBPATTERN":
                out.extend(self._flatten(list(av[3].data)))
            else:
                out.append((op, av))
        return out

    def _extra(self, name: str, av: Any, start: int) -> bool:
        """A variable-length item whose optional part could as well begin the next iteration
        of a body that starts with `start`."""
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            return bool(av[1] > av[0]) and bool(self.chars(list(av[2].data)) & start)
        if name != "BRANCH":
            return False
        branches = [list(b.data) for b in av[1]]
        # an alternative that can match nothing (a lookahead alone does not count)
        if not any(not b or (self.nullable(b) and self.chars(b)) for b in branches):
            return False
        return any(b and not self.chars(b) & ~start for b in branches)

    def _ambiguous_iterations(self, body: list[Any]) -> bool:
        start = self.first(body)
        for index, (op, av) in enumerate(body):
            if self._extra(str(op), av, start) and self.nullable(body[index + 1 :]):
                return True
        return False

    def _ambiguous_branch(self, body: list[Any]) -> bool:
        stack = list(body)
        while stack:
            op, av = stack.pop()
            name = str(op)
            if name == "BRANCH":
                branches = [self._flatten(list(b.data)) for b in av[1]]
                if self._overlapping(branches):
                    return True
                stack.extend(item for branch in branches for item in branch)
            elif name in ("SUBPATTERN", "MAX_REPEAT", "MIN_REPEAT"):
                stack.extend(_children(name, av))
        return False

    def _overlapping(self, branches: list[list[Any]]) -> bool:
        singles = [self._single_class(b) for b in branches]
        for i, one in enumerate(singles):
            if one is None:
                continue
            for j, other in enumerate(branches):
                if i == j or not other:
                    continue
                theirs = singles[j]
                if theirs is not None and theirs & one:
                    return True
                if theirs is None and not self.nullable(other) and not self.chars(other) & ~one:
                    return True
        return False

    def _single_class(self, branch: list[Any]) -> int | None:
        if len(branch) != 1:
            return None
        op, av = branch[0]
        return self.single(str(op), av)

    def _adjacent(self, items: list[Any]) -> Backtracking | None:
        """Two unbounded repeats of single characters in a row (only optional items between)
        that can take the same characters: a failing match tries every split."""
        previous: int | None = None
        for op, av in items:
            name = str(op)
            unbounded = name in ("MAX_REPEAT", "MIN_REPEAT") and av[1] >= _UNBOUNDED
            body = list(av[2].data) if unbounded else []
            one = self.single(str(body[0][0]), body[0][1]) if len(body) == 1 else None
            if one is not None:
                if previous is not None and previous & one:
                    return Backtracking.POLYNOMIAL
                previous = one
            elif not self.nullable([(op, av)]):
                previous = None
        return None

    @staticmethod
    def _worst(found: Any) -> Backtracking | None:
        results = [f for f in found if f is not None]
        if Backtracking.EXPONENTIAL in results:
            return Backtracking.EXPONENTIAL
        return results[0] if results else None


__all__ = ["Backtracking", "Verdict", "analyse"]
