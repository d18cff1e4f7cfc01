"""The secret scan of a project: Python code, configuration, templates and every other
committed text file, computed once per scan root and shared by SEC001-SEC003.

Values that the IaC rules already report are left out, by location: function environment
variables (IAC030) and literal defaults of unmasked secret-like parameters (IAC031).
"""

from __future__ import annotations

from dataclasses import replace

from faasguard.analysis.project import Project
from faasguard.analysis.python.index import SKIP_PARTS, python_index
from faasguard.analysis.secrets.code import code_literals, in_strings
from faasguard.analysis.secrets.model import (
    AWS_KEY_ID,
    FoundSecret,
    Literal,
    SecretSite,
    judge,
    site_of,
)
from faasguard.analysis.secrets.patterns import SecretKind, looks_random, mask, secret_name
from faasguard.analysis.secrets.settings import TEXT_KIND, settings
from faasguard.analysis.secrets.text import text_literals
from faasguard.core.enums import Confidence, Severity
from faasguard.core.location import Location
from faasguard.loaders.errors import ParseError
from faasguard.model.values import V

AWS_SECRET = "aws-secret-access-key"


def secret_scan(project: Project) -> tuple[FoundSecret, ...]:
    """Every secret written in the project, each once, ordered by location."""
    return project.analysis("secret-scan", _scan)


def _scan(project: Project) -> tuple[FoundSecret, ...]:
    covered = _covered_by_iac(project)
    index = python_index(project)
    found: list[FoundSecret] = []
    for path, module in sorted(index.modules.items()):
        literals, strings = code_literals(module)
        comments = [
            replace(literal, context="comment")
            for literal in text_literals(path, module.text, TEXT_KIND)
            if not in_strings(strings, literal.location.start_line, literal.location.start_column)
        ]
        found.extend(judge_file(path, [*literals, *comments], module.text, SecretSite.CODE))
    for path in project.files:
        if path not in index.modules and not SKIP_PARTS.intersection(path.split("/")):
            found.extend(_scan_file(project, path))
    kept = [f for f in found if (f.location.path, f.location.start_line) not in covered]
    return tuple(sorted(kept, key=lambda f: f.location))


def _scan_file(project: Project, path: str) -> list[FoundSecret]:
    scan = settings()
    kind = scan.kind_of(path)
    if kind is None:
        return []
    name = path.rsplit("/", 1)[-1]
    if name.lower().endswith(scan.keystore_suffixes):
        return [_by_file_name(path, "a key store file")]
    try:
        text = project.read_text(path)
    except ParseError:
        return []  # binary, too large or unreadable: there is no text to judge
    site = SecretSite.CODE if path.endswith(".py") else SecretSite.FILE
    found = judge_file(path, text_literals(path, text, kind), text, site)
    if name in scan.key_names and not any(f.site is SecretSite.PRIVATE_KEY for f in found):
        found.append(_by_file_name(path, "a private key file"))
    return found


def judge_file(
    path: str, literals: list[Literal], text: str, site: SecretSite
) -> list[FoundSecret]:
    """The secrets among one file's literals, with AWS key pairs raised to critical."""
    scan = settings()
    in_tests = scan.test_paths.search(path) is not None
    found: list[FoundSecret] = []
    for literal in literals:
        match = judge(literal.name, literal.value)
        if match is None:
            continue
        doubtful = in_tests or scan.example_marker in literal.value
        found.append(
            FoundSecret(
                site=site_of(match, site),
                location=literal.location,
                kind=match.kind,
                pattern=match.pattern,
                description=match.description,
                severity=match.severity,
                confidence=Confidence.LOW if doubtful else match.confidence,
                masked=mask(literal.value),
                context=literal.context,
            )
        )
    return _pair_aws_keys(path, found, text)


def _pair_aws_keys(path: str, found: list[FoundSecret], text: str) -> list[FoundSecret]:
    """An AWS access key id with a secret access key within a few lines: both critical. A
    bare 40-character random value near the key id is taken as its secret key."""
    key_ids = [f for f in found if f.pattern == AWS_KEY_ID]
    if not key_ids:
        return found
    reach = settings().aws_pair_lines
    lines = text.splitlines()
    partners: dict[int, int] = {}  # id of one half -> line of the other
    extra: list[FoundSecret] = []
    for key_id in key_ids:
        low, high = key_id.location.start_line - reach, key_id.location.start_line + reach
        partner = next(
            (
                f
                for f in found
                if f.kind is not SecretKind.FORMAT and low <= f.location.start_line <= high
            ),
            None,
        ) or _bare_secret_key(path, lines, low, high, key_id)
        if partner is None:
            continue
        partners[id(key_id)] = partner.location.start_line
        partners[id(partner)] = key_id.location.start_line
        if all(partner is not f for f in [*found, *extra]):
            extra.append(partner)
    return [_paired(f, partners.get(id(f))) for f in [*found, *extra]]


def _paired(found: FoundSecret, other_line: int | None) -> FoundSecret:
    if other_line is None:
        return found
    description = found.description
    if found.pattern != AWS_KEY_ID:
        description = "an AWS secret access key"
    confidence = Confidence.HIGH if found.confidence is Confidence.MEDIUM else found.confidence
    return replace(
        found,
        severity=Severity.CRITICAL,
        confidence=confidence,
        description=description,
        paired_line=other_line,
    )


def _bare_secret_key(
    path: str, lines: list[str], low: int, high: int, key_id: FoundSecret
) -> FoundSecret | None:
    scan = settings()
    for number in range(max(low, 1), min(high, len(lines)) + 1):
        for match in scan.aws_secret.finditer(lines[number - 1]):
            value = match.group(0)
            if value in scan.documentation_examples or not looks_random(value):
                continue
            start, end = match.start() + 1, match.end() + 1
            return FoundSecret(
                site=key_id.site,
                location=Location(path, number, start, number, end),
                kind=SecretKind.FORMAT,
                pattern=AWS_SECRET,
                description="an AWS secret access key",
                severity=Severity.CRITICAL,
                confidence=key_id.confidence,
                masked=mask(value),
                context="next to an AWS access key id",
            )
    return None


def _by_file_name(path: str, description: str) -> FoundSecret:
    return FoundSecret(
        site=SecretSite.PRIVATE_KEY,
        location=Location.file(path),
        kind=SecretKind.FORMAT,
        pattern="key-file",
        description=description,
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        masked="",
        context="file name",
    )


def _covered_by_iac(project: Project) -> set[tuple[str, int]]:
    """(path, line) of the values IAC030 and IAC031 report."""
    covered: set[tuple[str, int]] = set()
    for app in project.apps:
        for function in app.functions.values():
            for var in function.environment.values():
                covered.add((var.value.loc.path, var.value.loc.start_line))
        for parameter in app.parameters.values():
            default = parameter.default
            if default is None or secret_name(parameter.name) is None:
                continue
            if _unmasked(parameter.no_echo):
                covered.add((default.loc.path, default.loc.start_line))
    return covered


def _unmasked(no_echo: V[bool] | None) -> bool:
    """NoEcho / sensitive absent or known to be off (what IAC031 reports)."""
    if no_echo is None:
        return True
    value: object = no_echo.get(None)
    return value is False or (isinstance(value, str) and value.lower() == "false")


__all__ = ["AWS_SECRET", "judge_file", "secret_scan"]
