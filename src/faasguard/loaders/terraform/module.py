"""One Terraform module instance: its blocks by kind, and the scope its expressions see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from faasguard.core.location import Location
from faasguard.loaders.hcl.ast import Attribute, Block, Body
from faasguard.loaders.nodes import Node

Report = Callable[[str, Location], None]


@dataclass(eq=False)
class Module:
    """`address` is "" for the root module and ``module.a.module.b`` below it. `path_module`
    is Terraform's ``path.module``: the module directory relative to the root module's."""

    address: str
    directory: str  # relative to the scan root ("" for the root itself)
    path_module: str
    parent: Module | None = None
    call: Block | None = None  # the `module` block that instantiated it
    files: list[str] = field(default_factory=list)
    variables: dict[str, Block] = field(default_factory=dict)
    locals: dict[str, Attribute] = field(default_factory=dict)
    resources: dict[str, Block] = field(default_factory=dict)  # "aws_x.name" -> block
    data: dict[str, Block] = field(default_factory=dict)  # "aws_x.name" (without "data.")
    outputs: dict[str, Attribute] = field(default_factory=dict)
    calls: dict[str, Block] = field(default_factory=dict)  # module blocks by name
    children: dict[str, Module] = field(default_factory=dict)
    tfvars: dict[str, Node] = field(default_factory=dict)  # root module only
    cache: dict[str, Node] = field(default_factory=dict)
    busy: set[str] = field(default_factory=set)

    @property
    def prefix(self) -> str:
        return self.address + "." if self.address else ""

    @property
    def root(self) -> Module:
        module = self
        while module.parent is not None:
            module = module.parent
        return module

    def add(self, body: Body, report: Report) -> None:
        """Collect the top-level blocks of one file."""
        for block in body.blocks:
            kind, labels = block.type, block.labels
            if kind in ("resource", "data") and len(labels) == 2:
                target = self.resources if kind == "resource" else self.data
                self._put(target, f"{labels[0]}.{labels[1]}", block, report)
            elif kind in ("variable", "module") and len(labels) == 1:
                self._put(
                    self.variables if kind == "variable" else self.calls, labels[0], block, report
                )
            elif kind == "output" and len(labels) == 1:
                value = block.body.attr("value")
                if value is not None:
                    self.outputs[labels[0]] = value
            elif kind == "locals":
                for name, attribute in block.body.attributes.items():
                    if name in self.locals:
                        report(f"local value {name!r} is defined twice", attribute.name_loc)
                    self.locals[name] = attribute

    def _put(self, target: dict[str, Block], key: str, block: Block, report: Report) -> None:
        if key in target:
            first = target[key].loc
            report(f"{block.type} {key!r} is declared twice (first at {first})", block.loc)
            return
        target[key] = block


__all__ = ["Module", "Report"]
