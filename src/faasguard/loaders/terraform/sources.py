"""The files of a Terraform configuration: parsing each, tfvars, and local modules followed.

Files that do not parse are reported and skipped. Module sources that are local paths
(``./x``, ``../x``) are read through the load context, so nothing outside the scan root is
read; registry, git and other remote sources are skipped and kept in the App as notes.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping

from faasguard.core.location import Location
from faasguard.loaders.base import LoadContext
from faasguard.loaders.errors import ParseError
from faasguard.loaders.hcl import Block, Body, TemplateExpr, parse_hcl, parse_tf_json
from faasguard.loaders.nodes import MapNode, Node
from faasguard.loaders.terraform.module import Module
from faasguard.loaders.yamlread import read_yaml

MAX_MODULE_DEPTH = 8
MAX_MODULE_FILES = 500
TF_SUFFIXES = (".tf", ".tf.json")
TFVARS_SUFFIXES = (".tfvars", ".tfvars.json")


def is_config_file(name: str) -> bool:
    return name.endswith(TF_SUFFIXES)


def parse_files(
    files: Mapping[str, str], ctx: LoadContext
) -> tuple[dict[str, Body], list[ParseError]]:
    """Each configuration file parsed, in path order; the problems of the others."""
    bodies: dict[str, Body] = {}
    problems: list[ParseError] = []
    for path in sorted(files):
        if not is_config_file(path):
            continue
        try:
            text = files[path]
            bodies[path] = (
                parse_tf_json(text, path) if path.endswith(".json") else parse_hcl(text, path)
            )
        except ParseError as problem:
            problems.append(problem)
        except RecursionError:
            problems.append(ParseError("nested too deeply to read", Location.file(path)))
    return bodies, problems


def list_directory(ctx: LoadContext, directory: str, at: Location) -> list[str]:
    """Root-relative paths of the regular files directly in `directory` (sorted)."""
    absolute = ctx.root / directory if directory else ctx.root
    try:
        with os.scandir(absolute) as entries:
            names = sorted(entry.name for entry in entries if entry.is_file())
    except OSError as problem:
        ctx.report(f"cannot list {directory or '.'}: {problem.strerror or problem}", at)
        return []
    return [posixpath.join(directory, name) if directory else name for name in names]


def read_files(ctx: LoadContext, paths: list[str], at: Location) -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in paths[:MAX_MODULE_FILES]:
        try:
            texts[path] = ctx.read_text(path, Location.file(path))
        except ParseError as problem:
            ctx.report(problem.message, problem.location)
    return texts


def tfvars(ctx: LoadContext, directory: str, files: Mapping[str, str]) -> dict[str, Node]:
    """Variable values from terraform.tfvars(.json) then *.auto.tfvars(.json), in Terraform's
    order (later files win). Taken from `files` when given there, else from the directory."""
    given = {path: text for path, text in files.items() if path.endswith(TFVARS_SUFFIXES)}
    if not given:
        names = list_directory(ctx, directory, Location.file(directory or "."))
        wanted = [p for p in names if _is_auto_tfvars(posixpath.basename(p))]
        given = read_files(ctx, wanted, Location.file(directory or "."))
    ordered = sorted(given, key=lambda p: (not posixpath.basename(p).startswith("terraform."), p))
    values: dict[str, Node] = {}
    for path in ordered:
        values.update(_read_tfvars(ctx, path, given[path]))
    return values


def _is_auto_tfvars(name: str) -> bool:
    return name in ("terraform.tfvars", "terraform.tfvars.json") or name.endswith(
        (".auto.tfvars", ".auto.tfvars.json")
    )


def _read_tfvars(ctx: LoadContext, path: str, text: str) -> dict[str, Node]:
    from faasguard.loaders.terraform.evaluate import Evaluator

    try:
        if path.endswith(".json"):
            root = read_yaml(text, path, json_mode=True)
            return dict(root.entries) if isinstance(root, MapNode) else {}
        body = parse_hcl(text, path)
    except ParseError as problem:
        ctx.report(problem.message, problem.location)
        return {}
    evaluator = Evaluator(ctx, {path: text})
    scratch = Module("", posixpath.dirname(path), ".")
    return {name: evaluator.eval(a.expr, scratch) for name, a in body.attributes.items()}


def build_module(
    ctx: LoadContext,
    bodies: dict[str, Body],
    module: Module,
    sources: dict[str, str],
    stack: tuple[str, ...] = (),
) -> Module:
    """Collect the blocks of `bodies` into `module` and load its local child modules (their
    texts are added to `sources`)."""
    module.files = list(bodies)
    for body in bodies.values():
        module.add(body, ctx.report)
    for name, call in module.calls.items():
        child = _load_child(ctx, module, name, call, sources, (*stack, module.directory))
        if child is not None:
            module.children[name] = child
    return module


def module_source(call: Block) -> str | None:
    attribute = call.body.attr("source")
    if attribute is None or not isinstance(attribute.expr, TemplateExpr):
        return None
    parts = attribute.expr.parts
    return parts[0] if len(parts) == 1 and isinstance(parts[0], str) else None


def is_local_source(source: str) -> bool:
    return source.startswith(("./", "../")) or source in (".", "..")


def _load_child(
    ctx: LoadContext,
    parent: Module,
    name: str,
    call: Block,
    sources: dict[str, str],
    stack: tuple[str, ...],
) -> Module | None:
    source = module_source(call)
    attribute = call.body.attr("source")
    loc = attribute.loc if attribute is not None else call.loc
    if source is None:
        ctx.report(f"module {name!r} has no literal source", loc)
        return None
    if not is_local_source(source):
        return None  # a registry or remote module: noted in the App by the loader
    base = f"{parent.directory}/main.tf" if parent.directory else "main.tf"
    try:
        directory = ctx.resolve_path(base, source, loc)
    except ParseError as problem:
        ctx.report(problem.message, problem.location)
        return None
    directory = "" if directory == "." else directory
    if directory in stack or len(stack) > MAX_MODULE_DEPTH:
        ctx.report(f"module {name!r} includes itself or nests too deeply ({source})", loc)
        return None
    paths = [p for p in list_directory(ctx, directory, loc) if is_config_file(p)]
    if not paths:
        ctx.report(f"module {name!r}: no Terraform files in {source}", loc)
        return None
    texts = read_files(ctx, paths, loc)
    sources.update(texts)
    bodies, problems = parse_files(texts, ctx)
    for failure in problems:
        ctx.report(failure.message, failure.location)
    child = Module(
        address=f"{parent.prefix}module.{name}",
        directory=directory,
        path_module=posixpath.normpath(posixpath.join(parent.path_module, source)),
        parent=parent,
        call=call,
    )
    return build_module(ctx, bodies, child, sources, stack)


__all__ = [
    "MAX_MODULE_DEPTH",
    "build_module",
    "is_config_file",
    "is_local_source",
    "list_directory",
    "module_source",
    "parse_files",
    "read_files",
    "tfvars",
]
