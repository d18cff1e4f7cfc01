"""Abstract values: what a Python expression may hold, as far as reading the code tells.

The analysis never runs the code. A variable holds a small set of these values (a union over
every assignment, in any order): a string built from literal text, environment variables and
event fields; a dict or list literal; a boto3 client, resource or session; a project function,
class or instance; an external name (``boto3.client``); or :data:`TOP`, "anything".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Env:
    """``os.environ["NAME"]`` (or ``.get``/``getenv``); `default` when one is given."""

    name: str
    default: Str | None = None


@dataclass(frozen=True, slots=True)
class EventField:
    """A value read from the handler's event: ``event["Records"][*]["s3"]["bucket"]["name"]``."""

    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hole:
    """Text the code computes in a way the analysis does not follow."""


HOLE = Hole()
Part = str | Env | EventField | Hole


@dataclass(frozen=True, slots=True)
class Str:
    parts: tuple[Part, ...]
    text: str | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if all(isinstance(p, str) for p in self.parts):
            object.__setattr__(self, "text", "".join(p for p in self.parts if isinstance(p, str)))

    @staticmethod
    def of(text: str) -> Str:
        return Str((text,))

    def literal(self) -> str | None:
        """The text when every part is literal."""
        return self.text

    def __add__(self, other: Str) -> Str:
        merged: list[Part] = []
        for part in (*self.parts, *other.parts):
            if merged and isinstance(part, str) and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
            elif not (isinstance(part, Hole) and merged and isinstance(merged[-1], Hole)):
                merged.append(part)
        return Str(tuple(merged))


@dataclass(frozen=True, slots=True)
class Const:
    """A literal that is not text: numbers, booleans, None."""

    value: int | float | bool | None


@dataclass(frozen=True, slots=True)
class DictV:
    """A dict literal (or ``dict(...)``): keys as text when known, `open` when it may hold
    keys the analysis cannot see (``**spread``, later ``d[k] = v``)."""

    items: tuple[tuple[Str | None, Values], ...]
    open: bool = False

    def get(self, key: str) -> Values | None:
        found: set[Value] = set()
        hit = False
        for name, values in self.items:
            if name is not None and name.literal() == key:
                found.update(values)
                hit = True
        return frozenset(found) if hit else None

    def names(self) -> tuple[Str | None, ...]:
        return tuple(name for name, _ in self.items)


@dataclass(frozen=True, slots=True)
class ListV:
    """A list or tuple literal; `items` in order."""

    items: tuple[Values, ...]


@dataclass(frozen=True, slots=True)
class Ext:
    """A name from outside the project: a module or an attribute of one (``boto3.client``)."""

    path: str


@dataclass(frozen=True, slots=True)
class Session:
    """``boto3.Session()``; `creds` when it carries its own credentials or profile."""

    creds: bool
    flavour: str = "boto3"  # boto3 | botocore (get_session().create_client)


@dataclass(frozen=True, slots=True)
class Client:
    """A service client. `service` None when the service name is computed."""

    service: str | None
    creds: bool = False


@dataclass(frozen=True, slots=True)
class ServiceResource:
    """``boto3.resource("dynamodb")``."""

    service: str | None
    creds: bool = False


@dataclass(frozen=True, slots=True)
class ResourceObj:
    """A boto3 resource object: ``Table(name)``, ``Bucket(b).Object(k)``; identifiers in the
    order of its model."""

    service: str
    rtype: str
    ids: tuple[Values, ...]
    creds: bool = False


@dataclass(frozen=True, slots=True)
class Helper:
    """An SDK helper object: a paginator or waiter of an operation, a collection of a
    resource, a batch writer, an S3Transfer, a Powertools provider."""

    kind: str  # paginator | waiter | collection | batch_writer | transfer | powertools
    owner: Value  # the client, resource object, or powertools class path (Ext)
    name: str  # operation, collection name, or ""
    params: tuple[tuple[str, Values], ...] = ()


@dataclass(frozen=True, slots=True)
class FuncRef:
    key: str  # "path:qualname"


@dataclass(frozen=True, slots=True)
class ClassRef:
    key: str


@dataclass(frozen=True, slots=True)
class Instance:
    cls: str  # class key


@dataclass(frozen=True, slots=True)
class BoundMethod:
    cls: str
    func: str  # function key
    self_value: Value


@dataclass(frozen=True, slots=True)
class ModuleRef:
    path: str  # a project module


@dataclass(frozen=True, slots=True)
class Top:
    """Anything: a value the analysis does not follow."""


TOP = Top()
Value = (
    Str
    | Const
    | DictV
    | ListV
    | Ext
    | Session
    | Client
    | ServiceResource
    | ResourceObj
    | Helper
    | FuncRef
    | ClassRef
    | Instance
    | BoundMethod
    | ModuleRef
    | Top
)
Values = frozenset[Value]
NOTHING: Values = frozenset()
ANY: Values = frozenset({TOP})
MAX_VALUES = 12
# Values that matter for finding SDK calls; a widened variable keeps only these.
STRUCTURAL = (
    Session,
    Client,
    ServiceResource,
    ResourceObj,
    Helper,
    FuncRef,
    ClassRef,
    Instance,
    BoundMethod,
    ModuleRef,
    Ext,
)


def join(*sets: Values) -> Values:
    if len(sets) == 1:
        return sets[0]
    merged: set[Value] = set()
    for values in sets:
        merged.update(values)
    if len(merged) > MAX_VALUES:
        return widen(frozenset(merged))
    return frozenset(merged)


def widen(values: Values) -> Values:
    """Anything, except the SDK objects and code references among `values`."""
    kept = [v for v in values if isinstance(v, STRUCTURAL)]
    return frozenset([*kept[:MAX_VALUES], TOP])


def one(value: Value) -> Values:
    return frozenset({value})


def strings(values: Values) -> list[Str]:
    return [v for v in values if isinstance(v, Str)]


__all__ = [
    "ANY",
    "HOLE",
    "NOTHING",
    "TOP",
    "BoundMethod",
    "ClassRef",
    "Client",
    "Const",
    "DictV",
    "Env",
    "EventField",
    "Ext",
    "FuncRef",
    "Helper",
    "Hole",
    "Instance",
    "ListV",
    "ModuleRef",
    "Part",
    "ResourceObj",
    "ServiceResource",
    "Session",
    "Str",
    "Top",
    "Value",
    "Values",
    "join",
    "one",
    "strings",
    "widen",
]
