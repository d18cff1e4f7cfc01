"""What the dependency readers produce: manifests and the packages each one names.

Readers are pure functions of a file's text; they never execute anything (``setup.py`` is read
as a syntax tree). A manifest that cannot be read is a scan-error problem, not an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError


class Ecosystem(str, Enum):
    """The ecosystems advisories are matched for, named as OSV names them."""

    PYPI = "PyPI"
    NPM = "npm"


class ManifestKind(str, Enum):
    REQUIREMENTS = "requirements.txt"
    PYPROJECT = "pyproject.toml"
    POETRY_LOCK = "poetry.lock"
    UV_LOCK = "uv.lock"
    PIPFILE = "Pipfile"
    PIPFILE_LOCK = "Pipfile.lock"
    SETUP_CFG = "setup.cfg"
    SETUP_PY = "setup.py"
    DIST_INFO = "dist-info"  # a vendored, installed package (METADATA / PKG-INFO)
    PACKAGE_JSON = "package.json"
    PACKAGE_LOCK = "package-lock.json"
    YARN_LOCK = "yarn.lock"
    PNPM_LOCK = "pnpm-lock.yaml"

    @property
    def is_lock(self) -> bool:
        """The file records what is installed, not what is wanted."""
        return self in _LOCKS

    @property
    def ecosystem(self) -> Ecosystem:
        return Ecosystem.NPM if self in _NPM_KINDS else Ecosystem.PYPI


_LOCKS = frozenset(
    {
        ManifestKind.POETRY_LOCK,
        ManifestKind.UV_LOCK,
        ManifestKind.PIPFILE_LOCK,
        ManifestKind.DIST_INFO,
        ManifestKind.PACKAGE_LOCK,
        ManifestKind.YARN_LOCK,
        ManifestKind.PNPM_LOCK,
    }
)
_NPM_KINDS = frozenset(
    {
        ManifestKind.PACKAGE_JSON,
        ManifestKind.PACKAGE_LOCK,
        ManifestKind.YARN_LOCK,
        ManifestKind.PNPM_LOCK,
    }
)


class PinKind(str, Enum):
    EXACT = "exact"  # one version: `==1.2.3`, a lock entry, an installed package
    RANGE = "range"  # a specifier that admits several versions: `>=1.2`, `^1.2.3`
    UNPINNED = "unpinned"  # no version constraint at all
    DIRECT = "direct"  # a URL, VCS, local path or workspace: no registry version to audit


@dataclass(frozen=True, slots=True)
class Package:
    """One dependency entry as a manifest states it."""

    name: str  # normalised: PEP 503 for PyPI, as written for npm
    written: str  # the entry as written, for messages
    pin: PinKind
    location: Location  # the line of the pin
    version: str | None = None  # the exact version for EXACT pins
    spec: str = ""  # the constraint as written for RANGE pins (PEP 440 or npm syntax)
    dev: bool = False  # a development-only dependency (not shipped with the function)
    marker: str = ""  # a PEP 508 environment marker (`python_version < "3.9"`), PyPI only


class IndexOptionKind(str, Enum):
    INDEX_URL = "index-url"
    EXTRA_INDEX_URL = "extra-index-url"
    TRUSTED_HOST = "trusted-host"
    FIND_LINKS = "find-links"


@dataclass(frozen=True, slots=True)
class IndexOption:
    """Where the installer is told to look for packages (`--extra-index-url`, a Poetry source)."""

    kind: IndexOptionKind
    value: str
    location: Location


@dataclass(frozen=True, slots=True)
class Manifest:
    path: str  # root-relative POSIX path
    kind: ManifestKind
    packages: tuple[Package, ...]
    includes: tuple[str, ...] = ()  # root-relative files it pulls in (`-r`, `-c`)
    index_options: tuple[IndexOption, ...] = ()
    problems: tuple[ParseError, ...] = ()  # lines that could not be read; the rest could

    @property
    def ecosystem(self) -> Ecosystem:
        return self.kind.ecosystem

    @property
    def directory(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


_PEP503 = re.compile(r"[-_.]+")


def normalize_name(name: str, ecosystem: Ecosystem) -> str:
    """The name advisories are indexed by: PEP 503 for PyPI, unchanged for npm."""
    if ecosystem is Ecosystem.PYPI:
        return _PEP503.sub("-", name).lower()
    return name.strip()


__all__ = [
    "Ecosystem",
    "IndexOption",
    "IndexOptionKind",
    "Manifest",
    "ManifestKind",
    "Package",
    "PinKind",
    "normalize_name",
]
