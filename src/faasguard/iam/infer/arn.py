"""ARNs as the inferred policy writes them: literal text, the account's own values
(partition, region, account, stack name), references to resources of the template, and
template expressions kept as written.

One :class:`Arn` renders in every output syntax: CloudFormation ``Fn::Sub`` text
(``arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${OrdersTable}``),
Terraform interpolation (``${aws_dynamodb_table.orders.arn}``), and the JSON form, which uses
the CloudFormation placeholders for the account's values and ``${<resource>.<attribute>}`` for
references in either format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Pseudo(Enum):
    PARTITION = "AWS::Partition"
    REGION = "AWS::Region"
    ACCOUNT = "AWS::AccountId"
    STACK = "AWS::StackName"


class Style(str, Enum):
    """How placeholders are written."""

    JSON = "json"  # CloudFormation pseudo parameters, ${resource.attribute} references
    CLOUDFORMATION = "cloudformation"  # Fn::Sub text
    TERRAFORM = "terraform"  # HCL string interpolation


@dataclass(frozen=True, slots=True)
class RefPart:
    """A value of a template resource: CloudFormation ``Ref`` (attribute None) or ``GetAtt``,
    or a Terraform attribute (``aws_sqs_queue.orders`` + ``arn``)."""

    resource: str
    attribute: str | None = None


@dataclass(frozen=True, slots=True)
class RawPart:
    """A template expression kept as written, e.g. ``${Stage}`` or ``${var.stage}``."""

    text: str


Part = str | Pseudo | RefPart | RawPart
_TF_PSEUDO = {
    Pseudo.PARTITION: "${data.aws_partition.current.partition}",
    Pseudo.REGION: "${data.aws_region.current.name}",
    Pseudo.ACCOUNT: "${data.aws_caller_identity.current.account_id}",
    Pseudo.STACK: "*",
}
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")
_CFN_PSEUDO = {p.value: p for p in Pseudo}
_TF_DATA = {
    "data.aws_partition.current.partition": Pseudo.PARTITION,
    "data.aws_region.current.name": Pseudo.REGION,
    "data.aws_region.current.region": Pseudo.REGION,
    "data.aws_caller_identity.current.account_id": Pseudo.ACCOUNT,
}


@dataclass(frozen=True, slots=True)
class Arn:
    parts: tuple[Part, ...]

    @staticmethod
    def of(*parts: Part) -> Arn:
        return Arn(_merge(parts))

    @property
    def star(self) -> bool:
        return self.parts == ("*",)

    def refs(self) -> tuple[str, ...]:
        return tuple(p.resource for p in self.parts if isinstance(p, RefPart))

    def single_ref(self) -> RefPart | None:
        """The reference when the ARN is nothing but one resource attribute."""
        if len(self.parts) == 1 and isinstance(self.parts[0], RefPart):
            return self.parts[0]
        return None

    def render(self, style: Style = Style.JSON) -> str:
        return "".join(_render(part, style) for part in self.parts)

    def glob(self) -> str:
        """The ARN as an IAM pattern: anything not literal becomes ``*``."""
        text = "".join(p if isinstance(p, str) else "*" for p in self.parts)
        return re.sub(r"\*+", "*", text)

    @property
    def literal(self) -> bool:
        return all(isinstance(p, str) for p in self.parts)

    def __add__(self, other: Arn) -> Arn:
        return Arn(_merge((*self.parts, *other.parts)))


def _merge(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    merged: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] = merged[-1] + part
                continue
        merged.append(part)
    return tuple(merged)


def _render(part: Part, style: Style) -> str:
    if isinstance(part, str):
        if style is Style.TERRAFORM:
            return part.replace("${", "$${")
        if style is Style.CLOUDFORMATION:
            return part.replace("${", "${!")
        return part
    if isinstance(part, Pseudo):
        return _TF_PSEUDO[part] if style is Style.TERRAFORM else f"${{{part.value}}}"
    if isinstance(part, RefPart):
        inner = f"{part.resource}.{part.attribute}" if part.attribute else part.resource
        return f"${{{inner}}}"
    return part.text


def parse_template(text: str, resources: frozenset[str]) -> Arn:
    """A template expression (``Fn::Sub`` text, a Terraform string with interpolations) as an
    ARN: pseudo parameters and references to `resources` become parts, anything else stays
    as a raw placeholder."""
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(text[position : match.start()])
        parts.append(_placeholder(match.group(1).strip(), match.group(0), resources))
        position = match.end()
    parts.append(text[position:])
    return Arn(_merge(tuple(parts)))


def _placeholder(inner: str, whole: str, resources: frozenset[str]) -> Part:
    if inner in _CFN_PSEUDO:
        return _CFN_PSEUDO[inner]
    if inner in _TF_DATA:
        return _TF_DATA[inner]
    if inner in resources:
        return RefPart(inner)
    head, _, attribute = inner.rpartition(".")
    if head in resources:
        return RefPart(head, attribute)
    return RawPart(whole)


def fill(template: str, values: dict[str, tuple[Part, ...]]) -> Arn:
    """A Service Authorization Reference ARN template (``${Partition}``, ``${Region}``,
    ``${Account}``, ``${TableName}``) with its variables filled; a variable without a value
    becomes ``*``."""
    pseudo = {"Partition": Pseudo.PARTITION, "Region": Pseudo.REGION, "Account": Pseudo.ACCOUNT}
    parts: list[Part] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[position : match.start()])
        name = match.group(1)
        if name in pseudo:
            parts.append(pseudo[name])
        else:
            parts.extend(values.get(name, ("*",)))
        position = match.end()
    parts.append(template[position:])
    return Arn(_merge(tuple(parts)))


def template_variables(template: str) -> list[str]:
    return [
        v for v in _PLACEHOLDER.findall(template) if v not in ("Partition", "Region", "Account")
    ]


STAR = Arn(("*",))

__all__ = [
    "STAR",
    "Arn",
    "Part",
    "Pseudo",
    "RawPart",
    "RefPart",
    "Style",
    "fill",
    "parse_template",
    "template_variables",
]
