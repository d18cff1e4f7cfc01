"""SEC002: a credential is written in a configuration, template or other committed file."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.secrets import SecretSite
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.rules.secrets._report import secret_hits


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return secret_hits(project, SecretSite.FILE, "in a committed file")


RULE = Rule(
    id="SEC002",
    name="secret-in-committed-file",
    category=Category.HARDCODED_SECRET,
    severity=Severity.HIGH,
    summary="A credential is written in a configuration, template or other committed file.",
    cwe=(798, 312),
    confidence=Confidence.MEDIUM,
    remediation="Remove the file or the value from the repository (and its history), add the "
    "file to .gitignore, keep the secret in Secrets Manager or SSM Parameter Store, and "
    "rotate the value that was committed.",
    references=(
        "https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html",
        "https://docs.npmjs.com/using-private-packages-in-a-ci-cd-workflow",
        "https://cwe.mitre.org/data/definitions/798.html",
    ),
    project_check=check,
    doc="""
## What it does
Reads every committed text file that is not Python code - `.env` files, `.npmrc`,
`.pypirc`, `.netrc`, AWS `credentials`, Dockerfiles, JSON/YAML/TOML/INI configuration,
Terraform and templates, shell scripts, and any other text - and reports known credential
formats anywhere, usable literals under secret-like keys (`DB_PASSWORD=...`,
`"apiKey": "..."`, `_authToken=...`), and with low confidence long random-looking values.
Values the IaC rules already report are left to them: a function's environment variables
(IAC030) and the defaults of unmasked secret-like parameters (IAC031). Lock files,
minified code and binary files are skipped. Messages show at most the first four characters
and the length.

## Why is this bad?
Configuration files travel with the code: a committed `.env` or `.npmrc` hands its
database password or registry token to everyone who can read the repository, its forks and
its history, and deployment tools often package it into the function as well.

## Example
```ini .env
DB_HOST=orders.cluster-abc.eu-west-1.rds.amazonaws.com
DB_PASSWORD=Pr0d-Orders-2024!
```

## Use instead
```ini .env
DB_HOST=orders.cluster-abc.eu-west-1.rds.amazonaws.com
DB_SECRET_ARN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/orders-db-AbCdEf
```

## Known problems
Pairs are found line by line (`key: value`, `KEY=value`, `"key": "value"`), so a secret in
a YAML block scalar or split over lines is only found by its format. Example files
(`.env.example`) are read like any other: keep placeholders in them (`<password>`,
`changeme`).

## References
- https://cwe.mitre.org/data/definitions/798.html
- https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html
""",
)

__all__ = ["RULE", "check"]
