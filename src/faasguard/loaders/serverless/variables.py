"""serverless.yml with its variables resolved, as far as the file and the scan know them.

:class:`Variables` expands a document into a new node tree where every ``${...}`` that can be
known is replaced (``${self:...}``, ``${opt:...}`` from the scan's options or their fallback,
``${env:...}`` only when the scan was given an environment, ``${file(...)}`` of YAML/JSON/text
files inside the scanned root, ``${sls:stage}``, ``${aws:region}``, ``${strToBool(...)}``), and
every other one becomes a :class:`VarNode` holding an :class:`Unresolved` value (``${ssm:...}``,
``${cf:...}``, ``${param:...}``, ``${aws:accountId}``, JavaScript files, plugin sources).

Locations: a value that is the whole of a ``${self:...}`` or ``${file(...)}`` keeps the location of
its *definition* (the `custom.x` line, the line in the other file), because that is where a
literal secret has to be removed; a value built from text and variables, an option, an
environment variable or a literal fallback keeps the location where it is used.

Bounded: cycles (``a: ${self:b}``, ``b: ${self:a}``), chains of more than ``MAX_CHAIN`` lookups or
values nested deeper than :data:`MAX_DEPTH` (across files), and
expansions past :data:`MAX_EXPANDED_NODES` values or :data:`MAX_STRING` characters are reported
with ``ctx.report`` and left unresolved. Nothing is executed.
"""

from __future__ import annotations

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, Node, ScalarNode, SeqNode
from faasguard.loaders.serverless.varnode import VarNode, scalar_text, unresolved_node
from faasguard.loaders.serverless.varsources import (
    Cycle,
    Missing,
    Outcome,
    SourceReader,
    TooDeep,
    Unknown,
)
from faasguard.loaders.serverless.varsyntax import (
    Literal,
    Template,
    Variable,
    VariableSyntaxError,
    parse,
)
from faasguard.loaders.yamlread import MAX_EXPANDED_NODES

MAX_STRING = 1_000_000
MAX_DEPTH = 256  # nesting of values being expanded, across files and variables


class Variables:
    """Expands the variables of one serverless.yml (`root`, at root-relative `path`)."""

    def __init__(self, root: MapNode, path: str, ctx: LoadContext) -> None:
        self.root = root
        self.path = path
        self.ctx = ctx
        self._memo: dict[int, Node] = {}
        self._final: set[int] = set()
        self._active: set[int] = set()
        # Keyed by id(): every node keyed here is kept alive (by the memo, the documents, or
        # the tuple below) so that no id is reused while the load runs.
        self._sizes: dict[int, tuple[Node, int]] = {}
        self.sources = SourceReader(self)

    @property
    def files(self) -> list[str]:
        """Other project files read through ``${file(...)}``."""
        return self.sources.files

    def expand(self, node: Node) -> Node:
        """`node` with its variables resolved (memoised; raises Cycle/TooDeep inside lookups)."""
        key = id(node)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if key in self._final:
            return node
        if key in self._active:
            raise Cycle
        if len(self._active) >= MAX_DEPTH:
            raise TooDeep
        self._active.add(key)
        try:
            result = self._bounded(self._expand(node))
        finally:
            self._active.discard(key)
        self._memo[key] = result
        self._final.add(id(result))
        return result

    def stage(self) -> str | None:
        """The deployment stage: `--opt stage=...`, else `provider.stage`, else "dev"."""
        try:
            return self.sources.stage()
        except (Cycle, TooDeep):
            return None

    # -- expansion -------------------------------------------------------------------------

    def _expand(self, node: Node) -> Node:
        # Plain loops (no comprehensions): one less Python frame per level of nesting.
        changed = False
        if isinstance(node, MapNode):
            entries: dict[str, Node] = {}
            for key, value in node.entries.items():
                entries[key] = new = self.expand(value)
                changed = changed or new is not value
            if not changed:
                return node
            return MapNode(node.loc, tag=node.tag, entries=entries, keys=dict(node.keys))
        if isinstance(node, SeqNode):
            items: list[Node] = []
            for item in node.items:
                items.append(new := self.expand(item))
                changed = changed or new is not item
            return SeqNode(node.loc, tag=node.tag, items=items) if changed else node
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            return self._scalar(node, node.value)
        return node

    def _scalar(self, node: ScalarNode, text: str) -> Node:
        try:
            parts = parse(text)
        except VariableSyntaxError as exc:
            self.ctx.report(str(exc), node.loc)
            return unresolved_node(node.loc, text, "invalid variable syntax")
        if parts is None:
            return node
        if len(parts) == 1 and isinstance(parts[0], Variable):
            variable = parts[0]
            return self._finish(self.variable(variable, node.loc), variable.text, node.loc)
        return self._interpolate(parts, node.loc)

    def _finish(self, outcome: Outcome, text: str, loc: Location) -> Node:
        if isinstance(outcome, Node):
            return outcome
        if isinstance(outcome, Missing) and outcome.report:
            self.ctx.report(f"{text}: {outcome.reason}", loc)
        return unresolved_node(loc, text, outcome.reason)

    def _interpolate(self, parts: Template, loc: Location) -> Node:
        pieces: list[str] = []
        reasons: list[str] = []
        for part in parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            outcome = self.variable(part, loc)
            if isinstance(outcome, VarNode):
                pieces.append(outcome.unresolved.text)
                reasons.append(outcome.unresolved.reason)
            elif isinstance(outcome, ScalarNode):
                pieces.append(scalar_text(outcome.value))
            else:
                pieces.append(part.text)
                reasons.append(self._problem(outcome, part.text, loc))
        text = "".join(pieces)
        if len(text) > MAX_STRING:
            self.ctx.report(f"variables expand to more than {MAX_STRING:,} characters", loc)
            return unresolved_node(loc, text[:200], "too large")
        if reasons:
            return unresolved_node(loc, text, reasons[0])
        return ScalarNode(loc, value=text)

    def _problem(self, outcome: Outcome, text: str, loc: Location) -> str:
        if isinstance(outcome, Node):  # a map or list inside a string
            self.ctx.report(f"{text} is a map or list and cannot be part of a string", loc)
            return "not a string"
        if isinstance(outcome, Missing) and outcome.report:
            self.ctx.report(f"{text}: {outcome.reason}", loc)
        return outcome.reason

    # -- variables -------------------------------------------------------------------------

    def variable(self, variable: Variable, at: Location) -> Outcome:
        """The first source of `variable` that has a value (fallbacks), or why none has."""
        last: Outcome = Missing("no value", report=False)
        for source in variable.sources:
            if isinstance(source, Literal):
                return ScalarNode(at, value=source.value)
            try:
                outcome = self.sources.resolve(source, at)
            except Cycle:
                self.ctx.report(f"{variable.text} refers back to itself (a variable cycle)", at)
                return Unknown("variable cycle")
            except TooDeep:
                self.ctx.report(f"{variable.text}: variables nest too deeply", at)
                return Unknown("variables nested too deeply")
            is_null = isinstance(outcome, ScalarNode) and outcome.value is None
            if is_null and not isinstance(outcome, VarNode):
                last = Missing("the value is null", report=True)
                continue
            if not isinstance(outcome, Missing):
                return outcome
            last = outcome
        return last

    def text(self, template: Template, at: Location) -> str | Missing | Unknown:
        """A param or address (which may hold variables) as text."""
        pieces: list[str] = []
        for part in template:
            if isinstance(part, str):
                pieces.append(part)
                continue
            outcome = self.variable(part, at)
            if isinstance(outcome, VarNode):
                return Unknown(outcome.unresolved.reason)
            if isinstance(outcome, ScalarNode):
                pieces.append(scalar_text(outcome.value))
            elif isinstance(outcome, Node):
                return Unknown(self._problem(outcome, part.text, at))
            else:
                return outcome
        return "".join(pieces)

    def report(self, error: ParseError) -> None:
        self.ctx.problems.append(error)

    # -- limits ----------------------------------------------------------------------------

    def _bounded(self, node: Node) -> Node:
        if self._size(node) <= MAX_EXPANDED_NODES:
            return node
        self.ctx.report(
            f"variables expand to more than {MAX_EXPANDED_NODES:,} values (a variable bomb?)",
            node.loc,
        )
        replacement = unresolved_node(node.loc, "", "too large")
        self._sizes[id(replacement)] = (replacement, 1)
        return replacement

    def _size(self, node: Node) -> int:
        known = self._sizes.get(id(node))
        if known is not None:
            return known[1]
        if isinstance(node, MapNode):
            size = 1 + sum(self._size(child) for child in node.entries.values())
        elif isinstance(node, SeqNode):
            size = 1 + sum(self._size(child) for child in node.items)
        else:
            size = 1
        self._sizes[id(node)] = (node, size)
        return size


__all__ = ["MAX_DEPTH", "MAX_STRING", "Variables"]
