"""Input validation checks: JSON Schema (fastjsonschema), pydantic models, content types.

Schemas and models are compiled once, when the check is built (at decoration, i.e. cold start).
``fastjsonschema`` and ``pydantic`` are imported only then, and only if used (extras ``schema`` and
``pydantic``). Remote ``$ref`` resolution is refused unless handlers are passed in: a schema must
not make the function fetch URLs at cold start.

A *part* names what to validate: ``"body"`` (parsed JSON), ``"text"`` (the body as a string),
``"query"`` (``{name: [values]}``), ``"headers"``, ``"path_params"``, ``"cookies"``, ``"claims"``,
``"event"`` (the raw event or record), ``"raw.a.b"`` (a dotted path into the raw event, e.g.
``"raw.queryStringParameters"`` to validate exactly what the handler reads), or any callable
taking the :class:`Request`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from faasguard.guard._request import Request
from faasguard.guard.errors import GuardConfigError, GuardViolation

__all__ = ["ContentType", "ModelCheck", "Part", "SchemaCheck", "select"]

Part = str | Callable[[Request], Any]

_MISSING = object()


def _raw_path(raw: Any, dotted: str) -> Any:
    value = raw
    for key in dotted.split("."):
        if isinstance(value, dict):
            value = value.get(key, _MISSING)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            value = _MISSING
        if value is _MISSING:
            return None
    return value


_SELECTORS: dict[str, Callable[[Request], Any]] = {
    "body": lambda r: r.json(),
    "text": lambda r: r.text(),
    "query": lambda r: r.query,
    "headers": lambda r: r.headers,
    "path_params": lambda r: r.path_params,
    "cookies": lambda r: r.cookies,
    "claims": lambda r: r.claims,
    "event": lambda r: r.raw,
}


def _selector(part: Part) -> Callable[[Request], Any]:
    if callable(part):
        return part
    if part.startswith("raw."):
        dotted = part[4:]
        return lambda r: _raw_path(r.raw, dotted)
    try:
        return _SELECTORS[part]
    except KeyError:
        raise GuardConfigError(f"unknown part {part!r}") from None


def select(request: Request, part: Part) -> Any:
    """The value of ``part`` in ``request``."""
    return _selector(part)(request)


def _part_label(part: Part) -> str:
    return part if isinstance(part, str) else getattr(part, "__name__", "custom")


def _refuse_remote(uri: str) -> Any:
    raise GuardConfigError(f"remote $ref refused: {uri}")


class SchemaCheck:
    """Validates one part against a JSON Schema compiled once with fastjsonschema.

    A failure answers ``status`` (400) with rule ``schema.invalid``; the log detail names the
    failing path and keyword (``data.age minimum``), never the value.
    """

    def __init__(
        self,
        schema: Mapping[str, Any] | bool,
        *,
        part: Part = "body",
        status: int = 400,
        rule: str = "schema.invalid",
        formats: Mapping[str, Any] | None = None,
        handlers: Mapping[str, Callable[[str], Any]] | None = None,
    ) -> None:
        try:
            import fastjsonschema
        except ImportError:
            raise GuardConfigError(
                "JSON Schema validation needs fastjsonschema: pip install 'faasguard[schema]'"
            ) from None
        refuse = dict.fromkeys(("http", "https", "file", "ftp"), _refuse_remote)
        try:
            self._validate = fastjsonschema.compile(
                schema if isinstance(schema, bool) else dict(schema),
                handlers={**refuse, **(handlers or {})},
                formats=dict(formats or {}),
                use_default=False,
            )
        except fastjsonschema.JsonSchemaDefinitionException as exc:
            raise GuardConfigError(f"invalid JSON Schema: {exc}") from None
        self._error = fastjsonschema.JsonSchemaValueException
        self._select = _selector(part)
        self.part = _part_label(part)
        self.name = f"schema.{self.part}"
        self.status = status
        self.rule = rule

    def __call__(self, request: Request) -> None:
        value = self._select(request)
        try:
            self._validate(value)
        except self._error as exc:
            where = str(getattr(exc, "name", "data"))
            keyword = str(getattr(exc, "rule", "") or "invalid")
            raise GuardViolation(self.status, self.rule, f"{where} {keyword}") from None


class ModelCheck:
    """Validates one part with a pydantic model (or any type a ``TypeAdapter`` accepts).

    The validated object is stored in ``request.parsed[part]`` for the handler. The log detail
    lists locations and error types, never input values.
    """

    def __init__(
        self,
        model: Any,
        *,
        part: Part = "body",
        strict: bool | None = None,
        status: int = 400,
        rule: str = "schema.invalid",
    ) -> None:
        try:
            import pydantic
        except ImportError:
            raise GuardConfigError(
                "model validation needs pydantic: pip install 'faasguard[pydantic]'"
            ) from None
        try:
            self._adapter: Any = pydantic.TypeAdapter(model)
        except pydantic.PydanticUserError as exc:
            raise GuardConfigError(f"invalid model: {exc}") from None
        self._error = pydantic.ValidationError
        self._strict = strict
        self._select = _selector(part)
        self.part = _part_label(part)
        self.name = f"model.{self.part}"
        self.status = status
        self.rule = rule

    def __call__(self, request: Request) -> None:
        value = self._select(request)
        try:
            request.parsed[self.part] = self._adapter.validate_python(value, strict=self._strict)
        except self._error as exc:
            errors = exc.errors(include_url=False, include_context=False, include_input=False)
            detail = "; ".join(
                ".".join(str(p) for p in err.get("loc", ())) + f" {err.get('type', 'invalid')}"
                for err in errors[:5]
            )
            raise GuardViolation(self.status, self.rule, detail) from None


class ContentType:
    """Requires the ``Content-Type`` of a request with a body to be one of ``allowed``.

    Entries are media types, compared case-insensitively without parameters; ``*`` wildcards
    work (``"application/*+json"``). ``charsets`` (if given) restricts the ``charset``
    parameter. A body without a Content-Type is rejected unless ``allow_missing``. Answers 415.
    """

    name = "content_type"

    def __init__(
        self,
        allowed: Iterable[str] = ("application/json",),
        *,
        charsets: Iterable[str] | None = ("utf-8",),
        allow_missing: bool = False,
    ) -> None:
        self._exact = frozenset(a.lower() for a in allowed if "*" not in a)
        self._patterns = tuple(a.lower() for a in allowed if "*" in a)
        if not self._exact and not self._patterns:
            raise GuardConfigError("ContentType needs at least one allowed media type")
        self._charsets = frozenset(c.lower() for c in charsets) if charsets else None
        self._allow_missing = allow_missing

    def __call__(self, request: Request) -> None:
        if not request.body:
            return
        header = request.headers.get("content-type")
        if header is None:
            if self._allow_missing:
                return
            raise GuardViolation(415, "content_type.missing", "body without content-type")
        media, _, params = header.partition(";")
        media = media.strip().lower()
        if media not in self._exact and not self._wildcard(media):
            raise GuardViolation(415, "content_type.refused", f"media type {media[:80]!r}")
        if self._charsets is not None:
            self._check_charset(params)

    def _wildcard(self, media: str) -> bool:
        if not self._patterns:
            return False
        import fnmatch

        return any(fnmatch.fnmatchcase(media, p) for p in self._patterns)

    def _check_charset(self, params: str) -> None:
        for param in params.split(";"):
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset":
                charset = value.strip().strip('"').lower()
                if self._charsets is not None and charset not in self._charsets:
                    raise GuardViolation(415, "content_type.charset", f"charset {charset[:40]!r}")
