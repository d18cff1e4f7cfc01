"""Every manifest of a scan root, read once, and the functions and layers that ship each one.

A manifest ships with a function when it sits in the function's code folder (or below it), in
the folder of a layer the function uses, or is pulled in with `-r`/`-c` by a manifest that
ships with it. Lock files cover the manifests beside them: `pyproject.toml`, `Pipfile`,
`setup.*` and `package.json` next to a lock of their ecosystem are not audited on their own,
since the lock says what is installed.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from faasguard.analysis.deps.model import Manifest, ManifestKind
from faasguard.analysis.deps.readers import npm, pylocks, pyproject, requirements, setuptools
from faasguard.analysis.exposure import Exposure, function_exposure
from faasguard.analysis.project import Project
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import App, Function, ResourceKind
from faasguard.model.values import Ref, Unresolved

Reader = Callable[[str, str], Manifest]

_BY_NAME: dict[str, Reader] = {
    "pyproject.toml": pyproject.read_pyproject,
    "Pipfile": pyproject.read_pipfile,
    "poetry.lock": pylocks.read_poetry_lock,
    "uv.lock": pylocks.read_uv_lock,
    "Pipfile.lock": pylocks.read_pipfile_lock,
    "setup.cfg": setuptools.read_setup_cfg,
    "setup.py": setuptools.read_setup_py,
    "package.json": npm.read_package_json,
    "package-lock.json": npm.read_package_lock,
    "npm-shrinkwrap.json": npm.read_package_lock,
    "yarn.lock": npm.read_yarn_lock,
    "pnpm-lock.yaml": npm.read_pnpm_lock,
}
_REQUIREMENTS = re.compile(r"^requirements[\w.-]*\.(txt|in)$")
_METADATA = re.compile(r"\.(dist-info/METADATA|egg-info/PKG-INFO)$")
_COVERED = frozenset(
    {
        ManifestKind.PYPROJECT,
        ManifestKind.PIPFILE,
        ManifestKind.SETUP_CFG,
        ManifestKind.SETUP_PY,
        ManifestKind.PACKAGE_JSON,
    }
)
_WIDEST_FIRST = (
    Exposure.PUBLIC_UNAUTHENTICATED,
    Exposure.PUBLIC_AUTHENTICATED,
    Exposure.UNKNOWN,
    Exposure.INTERNAL,
)


@dataclass(frozen=True, slots=True)
class Shipper:
    """A function that ships a manifest, and through which layer if not its own code."""

    function: str
    exposure: Exposure
    layer: str | None = None


@dataclass(slots=True)
class Inventory:
    manifests: list[Manifest] = field(default_factory=list)
    shipped_by: dict[str, list[Shipper]] = field(default_factory=dict)  # manifest path ->
    covered: set[str] = field(default_factory=set)  # manifests a lock beside them supersedes

    def shippers(self, path: str) -> list[Shipper]:
        return self.shipped_by.get(path, [])

    def exposure(self, path: str) -> Exposure:
        """The widest exposure among the functions that ship the manifest."""
        exposures = [s.exposure for s in self.shippers(path)] or [Exposure.UNKNOWN]
        return min(exposures, key=_WIDEST_FIRST.index)

    def functions(self, path: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.function for s in self.shippers(path)))


def manifest_reader(path: str) -> Reader | None:
    name = path.rsplit("/", 1)[-1]
    if name in _BY_NAME:
        return _BY_NAME[name]
    if _REQUIREMENTS.match(name) or ("/requirements/" in f"/{path}" and name.endswith(".txt")):
        return requirements.read_requirements
    if _METADATA.search(path):
        return setuptools.read_dist_info
    return None


def inventory(project: Project) -> Inventory:
    """The project's dependency inventory, computed once per scan root."""
    return project.analysis("deps-inventory", build_inventory)


def build_inventory(project: Project) -> Inventory:
    result = Inventory()
    known = set(project.files)
    pending = [p for p in project.files if manifest_reader(p) is not None]
    seen: set[str] = set()
    while pending:
        path = pending.pop(0)
        if path in seen:
            continue
        seen.add(path)
        reader = manifest_reader(path) or requirements.read_requirements
        text = project.try_read(path)
        if text is None:
            continue
        try:
            manifest = reader(path, text)
        except ParseError as exc:
            project.context.problems.append(exc)
            continue
        result.manifests.append(manifest)
        project.context.problems.extend(manifest.problems)
        pending += [p for p in manifest.includes if p in known and p not in seen]
    result.manifests.sort(key=lambda m: m.path)
    _mark_covered(result)
    _tie(result, project.apps)
    return result


def _mark_covered(result: Inventory) -> None:
    locks = {(m.directory, m.ecosystem) for m in result.manifests if m.kind.is_lock}
    for manifest in result.manifests:
        if manifest.kind in _COVERED and (manifest.directory, manifest.ecosystem) in locks:
            result.covered.add(manifest.path)


def _tie(result: Inventory, apps: list[App]) -> None:
    homes: list[tuple[str, Shipper]] = []  # (folder, shipper)
    for app in apps:
        layers = _layer_dirs(app)
        for function in app.functions.values():
            exposure = function_exposure(function)
            if function.code_dir is not None:
                homes.append((_folder(function.code_dir), Shipper(function.name, exposure)))
            for layer_id in _layer_ids(function):
                if layer_id in layers:
                    shipper = Shipper(function.name, exposure, layer_id)
                    homes.append((layers[layer_id], shipper))
    for manifest in result.manifests:
        for folder, shipper in homes:
            if _inside(manifest.directory, folder):
                result.shipped_by.setdefault(manifest.path, []).append(shipper)
    by_path = {m.path: m for m in result.manifests}
    for _ in range(len(by_path)):  # follow -r/-c includes until nothing changes
        changed = False
        for manifest in result.manifests:
            for include in manifest.includes:
                if include not in by_path:
                    continue
                current = result.shipped_by.setdefault(include, [])
                for shipper in result.shippers(manifest.path):
                    if shipper not in current:
                        current.append(shipper)
                        changed = True
        if not changed:
            break


def _folder(path: str) -> str:
    path = posixpath.normpath(path) if path else "."
    return "" if path == "." else path


def _inside(directory: str, folder: str) -> bool:
    return not folder or directory == folder or directory.startswith(f"{folder}/")


def _layer_ids(function: Function) -> list[str]:
    ids = []
    for layer in function.layers:
        value = layer.value
        if isinstance(value, Ref):
            ids.append(value.target)
        elif isinstance(value, Unresolved):
            ids.extend(value.refs)
    return ids


def _layer_dirs(app: App) -> dict[str, str]:
    """Layer id -> its local content folder (SAM `ContentUri`, serverless `path`)."""
    dirs = {}
    base = app.path if "." in app.path.rsplit("/", 1)[-1] else f"{app.path}/x"
    for layer in app.resources_of(ResourceKind.LAYER):
        raw = layer.raw
        if not isinstance(raw, MapNode):
            continue
        props = raw.map("Properties") or raw
        text = props.str("ContentUri") or props.str("path")
        if not text or "://" in text or text.endswith(".zip"):
            continue
        dirs[layer.id] = _folder(posixpath.join(posixpath.dirname(base), text))
    return dirs


__all__ = ["Inventory", "Shipper", "build_inventory", "inventory", "manifest_reader"]
