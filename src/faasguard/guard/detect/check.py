""":class:`InjectionCheck`: run :func:`~faasguard.guard.detect.detect` over a request's strings.

A check in the guard's sense (``name`` plus ``__call__(request)``). It walks every string in the
chosen parts of a :class:`~faasguard.guard.Request`: JSON body leaves and keys (recursively, to
``max_depth``), form fields, a plain-text body as one string, query keys and values, path
parameters and the path, selected headers, and cookies. A detection of a kind in block mode
raises ``GuardViolation(400, "detect.<kind>")``; in alert mode it is recorded on the request
(``request.alert``, logged by the decorator with outcome ``alert``), passed to ``on_alert`` if
given, and the event goes on. Too deep, too many strings or (if asked) too long a string are
rejected, never skipped: the check fails closed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl

from faasguard.guard._request import Mode, Request
from faasguard.guard.detect._types import MAX_SCAN, Detection, DetectionKind
from faasguard.guard.detect.engine import detect
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["DEFAULT_HEADERS", "InjectionCheck", "Part"]


class Part(str, enum.Enum):
    """The parts of a request an :class:`InjectionCheck` can scan."""

    BODY = "body"
    QUERY = "query"
    PATH = "path"
    HEADERS = "headers"
    COOKIES = "cookies"


#: Headers scanned when ``"headers"`` is among the parts: the ones attackers fill because
#: applications log or echo them (Log4Shell came in through User-Agent and X-Api-Version).
DEFAULT_HEADERS = (
    "user-agent",
    "referer",
    "x-api-version",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-original-url",
    "x-rewrite-url",
    "accept-language",
)
# Headers carry the caller's own URLs (Referer: http://localhost:3000/ in development): a
# server does not fetch them, so SSRF is not looked for there.
_HEADER_SKIP = frozenset({DetectionKind.SSRF})

AlertHook = Callable[[Request, Detection, str], None]


def _as_mode(value: Mode | str) -> Mode:
    try:
        return value if isinstance(value, Mode) else Mode(str(value).lower())
    except ValueError:
        raise GuardConfigError(f"mode must be 'block' or 'alert', not {value!r}") from None


def _as_kind(value: DetectionKind | str) -> DetectionKind:
    try:
        return value if isinstance(value, DetectionKind) else DetectionKind(str(value).lower())
    except ValueError:
        known = ", ".join(k.value for k in DetectionKind)
        raise GuardConfigError(f"unknown detection kind {value!r} (known: {known})") from None


def _as_part(value: Part | str) -> Part:
    try:
        return value if isinstance(value, Part) else Part(str(value).lower())
    except ValueError:
        known = ", ".join(p.value for p in Part)
        raise GuardConfigError(f"unknown request part {value!r} (known: {known})") from None


class InjectionCheck:
    """Reject (or flag) a request carrying an injection in any scanned string.

    ``parts``: which parts to scan (``"body"``, ``"query"``, ``"path"``, ``"headers"``,
    ``"cookies"``). ``kinds``: which detectors run (default all). ``mode``: ``"block"`` or
    ``"alert"`` for every kind, ``modes`` overrides it per kind
    (``modes={"ssrf": "alert"}``). ``headers``: header names scanned for ``"headers"``.
    ``max_depth`` / ``max_strings``: limits of the JSON walk, past which the request is rejected
    (``detect.depth`` / ``detect.limit``). ``reject_oversize``: reject a string longer than the
    64 KiB the detector scans (``detect.oversize``, 413) instead of scanning its prefix.
    ``on_alert(request, detection, where)`` is called for each alert-mode detection.
    """

    name = "injection"

    def __init__(
        self,
        parts: Iterable[Part | str] = (Part.BODY, Part.QUERY, Part.PATH),
        *,
        kinds: Iterable[DetectionKind | str] | None = None,
        mode: Mode | str = Mode.BLOCK,
        modes: Mapping[DetectionKind | str, Mode | str] | None = None,
        headers: Iterable[str] = DEFAULT_HEADERS,
        max_depth: int = 32,
        max_strings: int = 10_000,
        reject_oversize: bool = False,
        on_alert: AlertHook | None = None,
    ) -> None:
        self.parts = tuple(dict.fromkeys(_as_part(p) for p in parts))
        if not self.parts:
            raise GuardConfigError("InjectionCheck needs at least one part to scan")
        chosen = DetectionKind if kinds is None else [_as_kind(k) for k in kinds]
        self.kinds = frozenset(chosen)
        default = _as_mode(mode)
        overrides = {_as_kind(k): _as_mode(m) for k, m in (modes or {}).items()}
        self.modes: dict[DetectionKind, Mode] = {k: overrides.get(k, default) for k in self.kinds}
        self.headers = tuple(h.lower() for h in headers)
        if max_depth < 1 or max_strings < 1:
            raise GuardConfigError("max_depth and max_strings must be at least 1")
        self.max_depth = max_depth
        self.max_strings = max_strings
        self.reject_oversize = reject_oversize
        self.on_alert = on_alert
        self._header_kinds = self.kinds - _HEADER_SKIP

    def __repr__(self) -> str:
        parts = ",".join(p.value for p in self.parts)
        return f"InjectionCheck(parts={parts}, kinds={len(self.kinds)})"

    def __call__(self, request: Request) -> None:
        alerted: set[DetectionKind] = set()
        for kinds, texts in self._groups(request):
            for text in dict.fromkeys(texts):  # a repeated key or value is scanned once
                if len(text) > MAX_SCAN and self.reject_oversize:
                    where = self._where(request, text, kinds)
                    raise GuardViolation(413, "detect.oversize", f"{where}: {len(text)} characters")
                found = detect(text, kinds=kinds)
                if found:  # rare: only now is the label of the string worked out
                    where = self._where(request, text, kinds)
                    for detection in found:
                        self._decide(request, detection, where, alerted)

    def _groups(self, request: Request) -> Iterator[tuple[frozenset[DetectionKind], list[str]]]:
        """The strings of each part, without labels, counted against ``max_strings``."""
        budget = [self.max_strings]
        for part in self.parts:
            kinds = self._header_kinds if part is Part.HEADERS else self.kinds
            texts: list[str] = []
            if part is Part.BODY:
                self._body_texts(request, texts, budget)
            elif part is Part.QUERY:
                for key, values in request.query.items():
                    texts.append(key)
                    texts.extend(values)
            elif part is Part.PATH:
                if request.path:
                    texts.append(request.path)
                texts.extend(request.path_params.values())
            elif part is Part.HEADERS:
                texts.extend(v for v in map(request.headers.get, self.headers) if v)
            else:
                texts.extend(request.cookies.values())
            if part is not Part.BODY:
                _spend(budget, len(texts), self.max_strings)
            yield kinds, texts

    def _body_texts(self, request: Request, out: list[str], budget: list[int]) -> None:
        if not request.body:
            return
        content_type = (request.header("content-type") or "").lower()
        text = request.text()
        if "json" in content_type or (not content_type and text.lstrip()[:1] in ("{", "[")):
            _leaves(request.json(), out, 0, self.max_depth, budget, self.max_strings)
        elif "application/x-www-form-urlencoded" in content_type:
            for key, value in parse_qsl(text, keep_blank_values=True):
                out.append(key)
                out.append(value)
            _spend(budget, len(out), self.max_strings)
        else:
            out.append(text)
            _spend(budget, 1, self.max_strings)

    def _where(self, request: Request, text: str, kinds: frozenset[DetectionKind]) -> str:
        """The label of the first place ``text`` is scanned with ``kinds`` (the labelled walk)."""
        for where, candidate, candidate_kinds in self._strings(request):
            if candidate == text and candidate_kinds is kinds:
                return where
        return "request"

    def _decide(
        self, request: Request, found: Detection, where: str, alerted: set[DetectionKind]
    ) -> None:
        rule = f"detect.{found.kind.value}"
        detail = f"{where}: {found.rule}: {found.fragment!r}"
        if self.modes[found.kind] is Mode.BLOCK:
            raise GuardViolation(400, rule, detail)
        if found.kind in alerted:
            return
        alerted.add(found.kind)
        request.alert(GuardViolation(400, rule, detail))
        if self.on_alert is not None:
            self.on_alert(request, found, where)

    def _strings(self, request: Request) -> Iterator[tuple[str, str, frozenset[DetectionKind]]]:
        """Every scanned string with its label; walked again only to name where a hit was."""
        kinds = self.kinds
        for part in self.parts:
            if part is Part.BODY:
                yield from ((w, t, kinds) for w, t in self._body(request))
            elif part is Part.QUERY:
                for key, values in request.query.items():
                    yield f"query[{key!r}]", key, kinds
                    yield from ((f"query[{key!r}]", v, kinds) for v in values)
            elif part is Part.PATH:
                if request.path:
                    yield "path", request.path, kinds
                yield from ((f"path[{k!r}]", v, kinds) for k, v in request.path_params.items())
            elif part is Part.HEADERS:
                for name in self.headers:
                    value = request.headers.get(name)
                    if value:
                        yield f"header[{name!r}]", value, self._header_kinds
            else:
                yield from ((f"cookie[{k!r}]", v, kinds) for k, v in request.cookies.items())

    def _body(self, request: Request) -> Iterator[tuple[str, str]]:
        if not request.body:
            return
        content_type = (request.header("content-type") or "").lower()
        text = request.text()
        stripped = text.lstrip()
        if "json" in content_type or (not content_type and stripped[:1] in ("{", "[")):
            yield from self._walk(request.json(), "body", 0)
        elif "application/x-www-form-urlencoded" in content_type:
            for key, value in parse_qsl(text, keep_blank_values=True):
                yield f"body[{key!r}]", key
                yield f"body[{key!r}]", value
        else:
            yield "body", text

    def _walk(self, node: Any, where: str, depth: int) -> Iterator[tuple[str, str]]:
        if depth > self.max_depth:
            raise GuardViolation(400, "detect.depth", f"{where}: nested deeper than {depth - 1}")
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            for key, value in node.items():
                child = f"{where}.{key}" if len(where) < 200 else where
                yield child, str(key)
                yield from self._walk(value, child, depth + 1)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                child = f"{where}[{index}]" if len(where) < 200 else where
                yield from self._walk(value, child, depth + 1)


def _spend(budget: list[int], count: int, limit: int) -> None:
    budget[0] -= count
    if budget[0] < 0:
        raise GuardViolation(400, "detect.limit", f"more than {limit} values")


def _leaves(
    node: Any, out: list[str], depth: int, max_depth: int, budget: list[int], limit: int
) -> None:
    """Append the strings (keys too) of a parsed JSON value, depth first, without labels."""
    if depth > max_depth:
        raise GuardViolation(400, "detect.depth", f"body: nested deeper than {depth - 1}")
    if isinstance(node, str):
        out.append(node)
        _spend(budget, 1, limit)
        return
    if isinstance(node, dict):
        start = len(out)
        for key, value in node.items():
            out.append(key if isinstance(key, str) else str(key))
            if isinstance(value, str) and depth < max_depth:
                out.append(value)
            else:
                _spend(budget, len(out) - start, limit)
                _leaves(value, out, depth + 1, max_depth, budget, limit)
                start = len(out)
        _spend(budget, len(out) - start, limit)
    elif isinstance(node, list):
        for value in node:
            _leaves(value, out, depth + 1, max_depth, budget, limit)
