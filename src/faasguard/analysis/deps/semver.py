"""Semantic Versioning 2.0.0 and npm's range syntax, for matching npm packages.

Versions order by major, minor, patch, then pre-release (a version with a pre-release is lower
than the same version without one; numeric identifiers are lower than alphanumeric ones and
compare as numbers); build metadata is ignored. Ranges follow node-semver: ``^``, ``~``, x-ranges,
hyphen ranges, ``||``, and the rule that a pre-release only satisfies a range when a comparator
of the same set names a pre-release of the same ``major.minor.patch``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import total_ordering

_VERSION = re.compile(
    r"^\s*[v=]?\s*(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+(?P<build>[0-9A-Za-z.-]+))?\s*$"
)
_PARTIAL = re.compile(
    r"^[v=]?\s*(?P<major>[xX*]|\d+)(?:\.(?P<minor>[xX*]|\d+)(?:\.(?P<patch>[xX*]|\d+)"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?)?)?$"
)
_COMPARATOR = re.compile(r"^(?P<op><=|>=|<|>|=|\^|~>|~)?\s*(?P<version>.*)$")
_WILDCARDS = frozenset({"x", "X", "*"})


class SemverError(ValueError):
    """Text that is not a version or a range in the syntax npm accepts."""


@total_ordering
@dataclass(frozen=True, slots=True)
class SemVer:
    major: int
    minor: int
    patch: int
    prerelease: tuple[int | str, ...] = ()
    build: str = field(default="", compare=False)

    @classmethod
    def parse(cls, text: str) -> SemVer:
        match = _VERSION.match(text)
        if match is None:
            raise SemverError(f"not a semantic version: {text!r}")
        pre = match.group("pre")
        return cls(
            int(match.group("major")),
            int(match.group("minor")),
            int(match.group("patch")),
            tuple(_identifier(part) for part in pre.split(".")) if pre else (),
            match.group("build") or "",
        )

    @property
    def release(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    def _key(self) -> tuple[tuple[int, int, int], int, tuple[tuple[int, int, str], ...]]:
        pre = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.prerelease)
        return (self.release, 0 if self.prerelease else 1, pre)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() < other._key()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SemVer):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(str(p) for p in self.prerelease)
        return text


def _identifier(part: str) -> int | str:
    return int(part) if part.isdigit() else part


@dataclass(frozen=True, slots=True)
class Comparator:
    op: str  # one of <, <=, >, >=, =
    version: SemVer

    def test(self, version: SemVer) -> bool:
        if self.op == "=":
            return version == self.version
        if self.op == "<":
            return version < self.version
        if self.op == "<=":
            return version <= self.version
        if self.op == ">":
            return version > self.version
        return version >= self.version


@dataclass(frozen=True, slots=True)
class Bound:
    version: SemVer
    inclusive: bool


@dataclass(frozen=True, slots=True)
class Range:
    """A parsed npm range: a union (``||``) of comparator sets that must all hold."""

    text: str
    sets: tuple[tuple[Comparator, ...], ...]

    def satisfied_by(self, version: SemVer, *, include_prerelease: bool = False) -> bool:
        return any(_set_allows(s, version, include_prerelease) for s in self.sets)

    @property
    def exact(self) -> SemVer | None:
        """The single version this range names (`1.2.3`, `=1.2.3`), else None."""
        if len(self.sets) == 1 and len(self.sets[0]) == 1 and self.sets[0][0].op == "=":
            return self.sets[0][0].version
        return None

    def intervals(self) -> list[tuple[Bound | None, Bound | None]]:
        """Each comparator set as a (lower, upper) interval; None is unbounded."""
        return [_interval(s) for s in self.sets]


def _set_allows(comparators: tuple[Comparator, ...], version: SemVer, pre: bool) -> bool:
    if not all(c.test(version) for c in comparators):
        return False
    if not version.prerelease or pre:
        return True
    return any(c.version.prerelease and c.version.release == version.release for c in comparators)


def _interval(comparators: tuple[Comparator, ...]) -> tuple[Bound | None, Bound | None]:
    lower: Bound | None = None
    upper: Bound | None = None
    for c in comparators:
        if c.op in (">", ">=", "="):
            bound = Bound(c.version, c.op != ">")
            if (
                lower is None
                or bound.version > lower.version
                or (bound.version == lower.version and not bound.inclusive)
            ):
                lower = bound
        if c.op in ("<", "<=", "="):
            bound = Bound(c.version, c.op != "<")
            if (
                upper is None
                or bound.version < upper.version
                or (bound.version == upper.version and not bound.inclusive)
            ):
                upper = bound
    return lower, upper


def parse_range(text: str) -> Range:
    """An npm range. Raises SemverError for text npm would not accept as a range."""
    sets = []
    for alternative in text.split("||"):
        sets.append(tuple(_comparator_set(alternative.strip())))
    return Range(text, tuple(sets))


def _comparator_set(text: str) -> list[Comparator]:
    if not text:
        return [_gte(0, 0, 0)]
    hyphen = re.match(r"^(\S+)\s+-\s+(\S+)$", text)
    if hyphen:
        return _hyphen(hyphen.group(1), hyphen.group(2))
    # `>= 1.2.3`: join an operator to the version that follows it
    tokens = re.sub(r"(<=|>=|<|>|=|\^|~>|~)\s+", r"\1", text).split()
    result: list[Comparator] = []
    for token in tokens:
        result.extend(_primitive(token))
    return result


def _partial(text: str) -> tuple[int | None, int | None, int | None, str | None]:
    match = _PARTIAL.match(text.strip())
    if match is None:
        raise SemverError(f"not a version or range: {text!r}")
    parts = [match.group(n) for n in ("major", "minor", "patch")]
    numbers = []
    for part in parts:
        numbers.append(None if part is None or part in _WILDCARDS else int(part))
    for index in range(1, 3):  # `1.x.3` is `1.x`
        if numbers[index - 1] is None:
            numbers[index] = None
    return numbers[0], numbers[1], numbers[2], match.group("pre")


def _version(major: int, minor: int, patch: int, pre: str | None = None) -> SemVer:
    text = f"{major}.{minor}.{patch}" + (f"-{pre}" if pre else "")
    return SemVer.parse(text)


def _gte(major: int, minor: int, patch: int, pre: str | None = None) -> Comparator:
    return Comparator(">=", _version(major, minor, patch, pre))


def _lt_floor(major: int, minor: int, patch: int) -> Comparator:
    """`<X.Y.Z-0`: below X.Y.Z and every pre-release of it."""
    return Comparator("<", _version(major, minor, patch, "0"))


def _primitive(token: str) -> list[Comparator]:
    match = _COMPARATOR.match(token)
    if match is None:  # pragma: no cover - the pattern matches any text
        raise SemverError(f"not a comparator: {token!r}")
    op = match.group("op") or ""
    major, minor, patch, pre = _partial(match.group("version"))
    if op == "^":
        return _caret(major, minor, patch, pre)
    if op in ("~", "~>"):
        return _tilde(major, minor, patch, pre)
    if op in ("", "="):
        return _xrange(major, minor, patch, pre)
    return _compare(op, major, minor, patch, pre)


def _xrange(
    major: int | None, minor: int | None, patch: int | None, pre: str | None
) -> list[Comparator]:
    if major is None:
        return [_gte(0, 0, 0)]
    if minor is None:
        return [_gte(major, 0, 0), _lt_floor(major + 1, 0, 0)]
    if patch is None:
        return [_gte(major, minor, 0), _lt_floor(major, minor + 1, 0)]
    return [Comparator("=", _version(major, minor, patch, pre))]


def _caret(
    major: int | None, minor: int | None, patch: int | None, pre: str | None
) -> list[Comparator]:
    if major is None:
        return [_gte(0, 0, 0)]
    if minor is None:
        return [_gte(major, 0, 0), _lt_floor(major + 1, 0, 0)]
    if patch is None:
        if major == 0:
            return [_gte(0, minor, 0), _lt_floor(0, minor + 1, 0)]
        return [_gte(major, minor, 0), _lt_floor(major + 1, 0, 0)]
    low = _gte(major, minor, patch, pre)
    if major > 0:
        return [low, _lt_floor(major + 1, 0, 0)]
    if minor > 0:
        return [low, _lt_floor(0, minor + 1, 0)]
    return [low, _lt_floor(0, 0, patch + 1)]


def _tilde(
    major: int | None, minor: int | None, patch: int | None, pre: str | None
) -> list[Comparator]:
    if major is None:
        return [_gte(0, 0, 0)]
    if minor is None:
        return [_gte(major, 0, 0), _lt_floor(major + 1, 0, 0)]
    return [_gte(major, minor, patch or 0, pre), _lt_floor(major, minor + 1, 0)]


def _compare(
    op: str, major: int | None, minor: int | None, patch: int | None, pre: str | None
) -> list[Comparator]:
    if major is None:  # `>*` matches nothing, `<*` nothing, `>=*` everything
        return [_gte(0, 0, 0)] if op in (">=", "<=") else [Comparator("<", _version(0, 0, 0, "0"))]
    if minor is None or patch is None:
        minor_v = minor or 0
        if op == ">":  # `>1` is `>=2.0.0`, `>1.2` is `>=1.3.0`
            return [_gte(major + 1, 0, 0) if minor is None else _gte(major, minor_v + 1, 0)]
        if op == ">=":
            return [_gte(major, minor_v, 0)]
        if op == "<":
            return [_lt_floor(major, minor_v, 0)]
        # `<=1` is `<2.0.0-0`, `<=1.2` is `<1.3.0-0`
        return [_lt_floor(major + 1, 0, 0) if minor is None else _lt_floor(major, minor_v + 1, 0)]
    return [Comparator(op, _version(major, minor, patch, pre))]


def _hyphen(low: str, high: str) -> list[Comparator]:
    major, minor, patch, pre = _partial(low)
    result = [_gte(major or 0, minor or 0, patch or 0, pre)]
    h_major, h_minor, h_patch, h_pre = _partial(high)
    if h_major is None:
        return result
    if h_minor is None:
        return [*result, _lt_floor(h_major + 1, 0, 0)]
    if h_patch is None:
        return [*result, _lt_floor(h_major, h_minor + 1, 0)]
    return [*result, Comparator("<=", _version(h_major, h_minor, h_patch, h_pre))]


__all__ = ["Bound", "Comparator", "Range", "SemVer", "SemverError", "parse_range"]
