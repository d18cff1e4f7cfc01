"""One PEP 508 requirement string (`requests[socks]>=2.31; python_version >= "3.8"`) to a
:class:`Package`, shared by every Python manifest reader."""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement

from faasguard.analysis.deps.model import Ecosystem, Package, PinKind, normalize_name
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError

_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
_WHEEL = re.compile(r"([A-Za-z0-9][A-Za-z0-9._]*)-([0-9][^-]*)-[^/]*\.whl$")
_DIRECT_PREFIXES = ("git+", "hg+", "svn+", "bzr+", "http://", "https://", "file:", ".", "/")


def exact_version(specs: list[tuple[str, str]]) -> str | None:
    """The one version `==X` / `===X` names (no wildcard), else None."""
    if len(specs) == 1 and specs[0][0] in ("==", "===") and "*" not in specs[0][1]:
        return specs[0][1]
    return None


def package_from_pep508(text: str, location: Location, *, dev: bool = False) -> Package:
    """A package from a requirement string. Raises ParseError when it is not PEP 508."""
    text = text.strip()
    if text.startswith(_DIRECT_PREFIXES) or "://" in text.split(" ", 1)[0]:
        return direct_package(text, location, dev=dev)
    try:
        requirement = Requirement(text)
    except InvalidRequirement as exc:
        raise ParseError(f"not a valid requirement {text!r}: {exc}", location) from None
    name = normalize_name(requirement.name, Ecosystem.PYPI)
    marker = str(requirement.marker) if requirement.marker else ""
    if requirement.url:
        return Package(
            name, text, PinKind.DIRECT, location, spec=requirement.url, dev=dev, marker=marker
        )
    specs = [(s.operator, s.version) for s in requirement.specifier]
    version = exact_version(specs)
    pin = PinKind.RANGE if specs else PinKind.UNPINNED
    if version is not None:
        pin = PinKind.EXACT
    return Package(
        name,
        text,
        pin,
        location,
        version=version,
        spec=str(requirement.specifier),
        dev=dev,
        marker=marker,
    )


def direct_package(text: str, location: Location, *, dev: bool = False) -> Package:
    """A URL, VCS or path requirement: named by `#egg=` or a wheel file name when it can be."""
    name = text
    egg = _EGG.search(text)
    wheel = _WHEEL.search(text.split("#", 1)[0])
    if egg:
        name = normalize_name(egg.group(1), Ecosystem.PYPI)
    elif wheel:
        name = normalize_name(wheel.group(1), Ecosystem.PYPI)
    return Package(name, text, PinKind.DIRECT, location, spec=text, dev=dev)


__all__ = ["direct_package", "exact_version", "package_from_pep508"]
