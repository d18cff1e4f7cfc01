"""Where serverless.yml variables get their values: one method per source type.

Known inside the project: ``self``, ``file`` (YAML, JSON and text files inside the scanned
root; JavaScript/TypeScript files are never run), ``opt`` (the scan's options), ``env`` (only
when the scan was given an environment), ``sls:stage``, ``aws:region``, ``strToBool``.
``param`` from the file's ``params`` (or v4 ``stages.<stage>.params``) for the stage, else unknown
(dashboard, Compose, ``--param``). Read from AWS or a service at deploy time, so unknown:
``ssm``, ``cf``, ``s3``, ``aws:accountId``, ``sls:instanceId``, and sources added by plugins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.serverless.varnode import VarNode, scalar_text
from faasguard.loaders.serverless.varsyntax import Source
from faasguard.loaders.yamlread import read_yaml

if TYPE_CHECKING:
    from faasguard.loaders.serverless.variables import Variables

MAX_CHAIN = 24  # variables that lead to variables that lead to ...

EXTERNAL_SOURCES = frozenset(
    {"ssm", "cf", "s3", "secretsmanager", "terraform", "vault", "doppler", "git"}
)
JAVASCRIPT = frozenset({".js", ".cjs", ".mjs", ".ts", ".cts", ".mts"})
_DATA_FILES = {".yml": False, ".yaml": False, ".json": True, ".tfstate": True}  # -> json mode


class Cycle(Exception):
    """A variable lookup reached a value that is being resolved."""


class TooDeep(Exception):
    """Variables lead to variables more than MAX_CHAIN times."""


@dataclass(frozen=True, slots=True)
class Missing:
    """No value: the next fallback is tried. `report` when it is a mistake in the project."""

    reason: str
    report: bool


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value exists but the scan cannot know it."""

    reason: str


Outcome = Node | Missing | Unknown
_Handler = Callable[[list[str], str | None, Location], Outcome]


class SourceReader:
    def __init__(self, owner: Variables) -> None:
        self.owner = owner
        self.files: list[str] = []
        self._documents: dict[str, Outcome] = {}
        self._depth = 0
        self._stage: str | None = None
        self._handlers: dict[str, _Handler] = {
            "self": self._self,
            "file": self._file,
            "opt": self._opt,
            "env": self._env,
            "sls": self._sls,
            "aws": self._aws,
            "strToBool": self._str_to_bool,
            "param": self._param,
        }

    def resolve(self, source: Source, at: Location) -> Outcome:
        params: list[str] = []
        for template in source.params or ():
            param = self.owner.text(template, at)
            if not isinstance(param, str):
                return param
            params.append(param)
        address: str | None = None
        if source.address is not None:
            text = self.owner.text(source.address, at)
            if not isinstance(text, str):
                return text
            address = text
        handler = self._handlers.get(source.kind)
        if handler is not None:
            return handler(params, address, at)
        if source.kind in EXTERNAL_SOURCES:
            return Unknown(f"{source.kind} values are read at deploy time")
        return Unknown(f"unknown variable source {source.kind!r} (from a plugin?)")

    def lookup(self, start: Node, address: str, where: str) -> Outcome:
        """The expanded value at dotted `address` under `start`, expanding only what it walks."""
        self._depth += 1
        if self._depth > MAX_CHAIN:
            self._depth -= 1
            raise TooDeep
        try:
            current = start
            walked: list[str] = []
            for key in address.split(".") if address else []:
                if isinstance(current, ScalarNode):
                    current = self.owner.expand(current)
                if isinstance(current, VarNode):
                    return Unknown(current.unresolved.reason or "depends on an unknown value")
                walked.append(key)
                child = _child(current, key)
                if child is None:
                    return Missing(f"{where}{'.'.join(walked)} is not set", report=True)
                current = child
            return self.owner.expand(current)
        finally:
            self._depth -= 1

    def stage(self) -> str | None:
        if self._stage is None:
            self._stage = self._setting("stage", "dev")
        return self._stage or None

    # -- sources ---------------------------------------------------------------------------

    def _self(self, params: list[str], address: str | None, at: Location) -> Outcome:
        return self.lookup(self.owner.root, address or "", "")

    def _file(self, params: list[str], address: str | None, at: Location) -> Outcome:
        target = params[0].strip() if params else ""
        if not target:
            self.owner.ctx.report("${file()} without a path", at)
            return Unknown("no path")
        suffix = PurePosixPath(target).suffix.lower()
        if suffix in JAVASCRIPT:
            return Unknown(f"{target} is JavaScript, which the scan never runs")
        if target.startswith("~"):
            self.owner.ctx.report(f"{target!r} is outside the scanned root", at)
            return Unknown("outside the scanned root")
        try:
            relpath = self.owner.ctx.resolve_path(self.owner.path, target, at)
        except ParseError as exc:
            self.owner.report(exc)
            return Unknown("outside the scanned root")
        document = self._document(relpath, suffix, at)
        if not isinstance(document, Node):
            return document
        return self.lookup(document, address or "", f"{relpath}: ")

    def _document(self, relpath: str, suffix: str, at: Location) -> Outcome:
        cached = self._documents.get(relpath)
        if cached is None:
            cached = self._documents[relpath] = self._read(relpath, suffix, at)
        return cached

    def _read(self, relpath: str, suffix: str, at: Location) -> Outcome:
        ctx = self.owner.ctx
        if not (ctx.root / relpath).exists():
            return Missing(f"{relpath} does not exist", report=True)
        try:
            text = ctx.read_text(relpath, at)
            if relpath not in self.files:
                self.files.append(relpath)
            if suffix not in _DATA_FILES:
                return ScalarNode(Location.file(relpath), value=text)
            node = read_yaml(text, relpath, json_mode=_DATA_FILES[suffix])
        except ParseError as exc:
            self.owner.report(exc)
            return Unknown(f"{relpath} cannot be read")
        if node is None:
            return Missing(f"{relpath} is empty", report=True)
        return node

    def _opt(self, params: list[str], address: str | None, at: Location) -> Outcome:
        if not address:
            return Unknown("the command-line options")
        value = self.owner.ctx.options.get(address)
        if value is None:
            return Missing(f"option {address!r} not given to the scan", report=False)
        return ScalarNode(at, value=value)

    def _env(self, params: list[str], address: str | None, at: Location) -> Outcome:
        environ = self.owner.ctx.environ
        if environ is None:
            return Unknown("environment variables are read only with --env")
        if not address:
            return Unknown("the whole environment")
        value = environ.get(address)
        if value is None:
            return Missing(f"{address} is not set in the environment", report=False)
        return ScalarNode(at, value=value)

    def _sls(self, params: list[str], address: str | None, at: Location) -> Outcome:
        if address == "stage":
            stage = self.stage()
            return ScalarNode(at, value=stage) if stage else Unknown("the stage is unknown")
        if address != "instanceId":
            self.owner.ctx.report(f"unsupported ${{sls:{address}}}", at)
        return Unknown("changes on every deployment")

    def _aws(self, params: list[str], address: str | None, at: Location) -> Outcome:
        if address == "region":
            region = self._setting("region", "us-east-1")
            return ScalarNode(at, value=region) if region else Unknown("the region is unknown")
        return Unknown("read from the AWS account at deploy time")

    def _param(self, params: list[str], address: str | None, at: Location) -> Outcome:
        """`params.<stage>.x`, else `params.default.x` (v4: `stages.<stage>.params.x`); other
        parameters come from the dashboard, Compose or `--param`: unknown."""
        if not address:
            self.owner.ctx.report("${param:} needs a parameter name", at)
            return Unknown("no parameter name")
        stage = self.stage()
        if stage is None:
            return Unknown("the stage is unknown")
        for where in (f"params.{stage}", f"stages.{stage}.params", "params.default"):
            outcome = self.lookup(self.owner.root, f"{where}.{address}", "")
            if not isinstance(outcome, Missing):
                return outcome
        outcome = self.lookup(self.owner.root, f"stages.default.params.{address}", "")
        if not isinstance(outcome, Missing):
            return outcome
        return Unknown("a parameter from the dashboard, Compose or --param")

    def _str_to_bool(self, params: list[str], address: str | None, at: Location) -> Outcome:
        text = (params[0] if params else address or "").strip().lower()
        if text in ("true", "1"):
            return ScalarNode(at, value=True)
        if text in ("false", "0"):
            return ScalarNode(at, value=False)
        self.owner.ctx.report(f"strToBool cannot convert {text!r}", at)
        return Unknown("not a boolean")

    def _setting(self, name: str, default: str) -> str:
        """An option, else `provider.<name>`, else the default; "" when it is unknown."""
        option = self.owner.ctx.options.get(name)
        if option:
            return option
        outcome = self.lookup(self.owner.root, f"provider.{name}", "")
        if isinstance(outcome, VarNode):
            return ""
        if isinstance(outcome, ScalarNode) and outcome.value not in (None, ""):
            return scalar_text(outcome.value)
        return default if isinstance(outcome, Missing | ScalarNode) else ""


def _child(node: Node, key: str) -> Node | None:
    if isinstance(node, MapNode):
        return node.get(key)
    if isinstance(node, SeqNode) and key.isdigit() and int(key) < len(node.items):
        return node.items[int(key)]
    return None


__all__ = [
    "EXTERNAL_SOURCES",
    "JAVASCRIPT",
    "MAX_CHAIN",
    "Cycle",
    "Missing",
    "Outcome",
    "SourceReader",
    "TooDeep",
    "Unknown",
]
