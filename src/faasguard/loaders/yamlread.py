"""YAML and JSON into position-keeping nodes, safely.

Uses libyaml's composer (no object construction, so no code execution and no unknown-tag
errors), then converts the node graph with limits: nesting depth, and the number of nodes the
document expands to once aliases are followed (a "billion laughs" bomb is refused before any
expansion is materialised).
"""

from __future__ import annotations

import re

import yaml

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode, Node, Scalar, ScalarNode, SeqNode

MAX_DEPTH = 200
MAX_EXPANDED_NODES = 2_000_000

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\Z")
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_MERGE = _YAML_TAG_PREFIX + "merge"
_STANDARD_TAGS = frozenset(
    [
        *(
            _YAML_TAG_PREFIX + name
            for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
        ),
        "faasguard:plain",
    ]
)

_PLAIN = "faasguard:plain"  # a plain scalar: typed by `_plain_scalar`, not by the resolver
_STR = _YAML_TAG_PREFIX + "str"
_KIND_TAGS = {
    yaml.SequenceNode: _YAML_TAG_PREFIX + "seq",
    yaml.MappingNode: _YAML_TAG_PREFIX + "map",
}
_WORDS: dict[str, Scalar] = {
    **dict.fromkeys("yes Yes YES true True TRUE on On ON".split(), True),
    **dict.fromkeys("no No NO false False FALSE off Off OFF".split(), False),
    **dict.fromkeys("~ null Null NULL".split(), None),
    "": None,
}
_NUMBER_TAGS = {
    tag: regexp
    for first in "0123456789-+."
    for tag, regexp in yaml.resolver.Resolver.yaml_implicit_resolvers.get(first, [])
    if tag.endswith((":int", ":float"))
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml's parser with a resolver that defers plain scalars to `_plain_scalar`: the
    stock resolver runs a list of regexes in Python for every scalar, the slowest part of
    composing a large template."""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """No path-based resolvers are registered: skip the bookkeeping libyaml asks for."""

    def ascend_resolver(self) -> None:
        """See `descend_resolver`."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _YAML_TAG_PREFIX + "merge" if value == "<<" else _PLAIN
            return _STR
        return _KIND_TAGS[kind]  # type: ignore[index]


# CloudFormation short forms and the long form each stands for.
INTRINSIC_TAGS = {
    "!Ref": "Ref",
    "!Condition": "Condition",
    **{
        f"!{name}": f"Fn::{name}"
        for name in (
            "Sub GetAtt Join If Select Split ImportValue FindInMap Base64 Cidr GetAZs Equals "
            "And Or Not Transform Length ToJsonString ForEach"
        ).split()
    },
}


def read_yaml(text: str, path: str, *, json_mode: bool = False) -> Node | None:
    """The first document of `text`, or None when it is empty. Raises ParseError."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ParseError(f"{problem.strip()}", Location(path, line, column)) from None
    except yaml.YAMLError as exc:  # e.g. a second document, a reader error on bad characters
        raise ParseError(str(exc).splitlines()[0], Location.file(path)) from None
    except (ValueError, UnicodeError) as exc:  # invalid characters in a str
        raise ParseError(str(exc), Location.file(path)) from None
    if root is None:
        return None
    converter = _Converter(path, json_mode)
    if "&" in text:  # only anchors make aliases: measure the expansion before converting
        converter.measure(root)
        converter.track_aliases = True
    return converter.convert(root, 0)


class _Converter:
    def __init__(self, path: str, json_mode: bool) -> None:
        self.path = path
        self.json_mode = json_mode
        self.memo: dict[int, Node] = {}
        self.sizes: dict[int, int] = {}
        self.track_aliases = False  # set when the document has anchors

    def loc(self, node: yaml.Node) -> Location:
        start, end = node.start_mark, node.end_mark
        return Location(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)

    def measure(self, root: yaml.Node) -> None:
        """Count the nodes the document expands to, without expanding it (iterative)."""
        stack: list[tuple[yaml.Node, bool]] = [(root, False)]
        depth_of: dict[int, int] = {id(root): 0}
        while stack:
            node, done = stack.pop()
            key = id(node)
            if key in self.sizes and not done:
                continue
            children = _children(node)
            if done:
                total = 1 + sum(self.sizes.get(id(c), 1) for c in children)
                if total > MAX_EXPANDED_NODES:
                    raise ParseError(
                        "document expands to more than "
                        f"{MAX_EXPANDED_NODES:,} values through aliases (a YAML bomb?)",
                        self.loc(node),
                    )
                self.sizes[key] = total
                continue
            depth = depth_of.get(key, 0)
            if depth > MAX_DEPTH:
                raise ParseError(f"nested deeper than {MAX_DEPTH} levels", self.loc(node))
            stack.append((node, True))
            for child in children:
                if id(child) not in self.sizes:
                    depth_of[id(child)] = depth + 1
                    stack.append((child, False))

    def convert(self, node: yaml.Node, depth: int) -> Node:
        """The node tree for `node`. One tight function: it runs once per value of the
        document, so calls and attribute lookups here are what a large template costs."""
        memo = self.memo
        if memo:
            cached = memo.get(id(node))
            if cached is not None:
                return cached
        if depth > MAX_DEPTH:
            raise ParseError(f"nested deeper than {MAX_DEPTH} levels", self.loc(node))
        start, end = node.start_mark, node.end_mark
        loc = Location(self.path, start.line + 1, start.column + 1, end.line + 1, end.column + 1)
        kind = node.__class__
        result: Node
        if kind is yaml.ScalarNode:
            result = ScalarNode(loc, None, self._scalar(node))  # type: ignore[arg-type]
        elif kind is yaml.MappingNode:
            result = self._mapping(node, loc, depth)  # type: ignore[arg-type]
        else:
            result = SeqNode(loc, None, [self.convert(item, depth + 1) for item in node.value])
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            result = self._tagged(result, tag, loc)
        if self.track_aliases:
            memo[id(node)] = result
        return result

    def _tagged(self, result: Node, tag: str, loc: Location) -> Node:
        intrinsic = INTRINSIC_TAGS.get(tag)
        if intrinsic is None:
            if tag != "!":
                result.tag = tag
            return result
        if intrinsic == "Fn::GetAtt" and isinstance(result, ScalarNode):
            result = _split_getatt(result)
        return MapNode(loc, None, {intrinsic: result}, {intrinsic: loc})

    def _mapping(self, node: yaml.MappingNode, loc: Location, depth: int) -> MapNode:
        entries: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        result = MapNode(loc, None, entries, keys)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._merge(result, value_node, depth)
                continue
            if key_node.__class__ is yaml.ScalarNode:
                key = self._scalar(key_node)
                text = key if isinstance(key, str) else _key_text(key)
            else:
                text = ""
            entries[text] = self.convert(value_node, depth + 1)
            keys[text] = self.loc(key_node)
        return result

    def _merge(self, target: MapNode, value: yaml.Node, depth: int) -> None:
        sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
        for source in sources:
            merged = self.convert(source, depth + 1)
            if isinstance(merged, MapNode):
                for key, item in merged.entries.items():
                    target.entries.setdefault(key, item)
                    target.keys.setdefault(key, merged.key_loc(key))

    def _scalar(self, node: yaml.ScalarNode) -> Scalar:
        text: str = node.value
        if node.style:  # quoted or block scalar: always a string (plain is None or "")
            return text
        if self.json_mode:
            return _json_scalar(text)
        if node.tag == _PLAIN:
            return _plain_scalar(text)
        return text


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _key_text(key: Scalar) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "" if key is None else str(key)


def _plain_scalar(text: str) -> Scalar:
    """A plain scalar typed as YAML 1.1 does (bool, null, int, float); timestamps stay text."""
    if text in _WORDS:
        return _WORDS[text]
    if not text or text[0] not in "0123456789-+.":
        return text
    for tag, regexp in _NUMBER_TAGS.items():
        if regexp.match(text):
            node = yaml.ScalarNode(tag, text)
            try:
                value: Scalar = _CONSTRUCTOR.construct_object(node)
            except (yaml.YAMLError, ValueError):
                return text
            return value
    return text


def _json_scalar(text: str) -> Scalar:
    if text == "null":
        return None
    if text in ("true", "false"):
        return text == "true"
    if _JSON_NUMBER.match(text):
        return float(text) if any(c in text for c in ".eE") else int(text)
    return text


def _split_getatt(node: ScalarNode) -> Node:
    text = str(node.value or "")
    resource, _, attribute = text.partition(".")
    items: list[Node] = [
        ScalarNode(node.loc, value=resource),
        ScalarNode(node.loc, value=attribute),
    ]
    return SeqNode(node.loc, items=items)


__all__ = ["INTRINSIC_TAGS", "MAX_DEPTH", "MAX_EXPANDED_NODES", "read_yaml"]
