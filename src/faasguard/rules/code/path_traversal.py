"""PY007: File system path from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY007", SEVERITY)


RULE = Rule(
    id="PY007",
    name="path-traversal",
    category=Category.PATH_TRAVERSAL,
    severity=SEVERITY,
    summary="A path built from untrusted input is opened, written, deleted or extracted to.",
    cwe=(22,),
    confidence=Confidence.HIGH,
    remediation=(
        "Keep only the last component (os.path.basename) or map input to names you choose; "
        "resolve the final path (os.path.realpath, Path.resolve) and check it stays inside the "
        "directory you meant (is_relative_to, commonpath). Extract archives with tarfile's "
        "filter='data'."
    ),
    references=(
        "https://owasp.org/www-community/attacks/Path_Traversal",
        "https://docs.python.org/3/library/tarfile.html#tarfile-extraction-filter",
    ),
    project_check=check,
    doc="""
## What it does
Follows untrusted data - S3 object keys, request fields, queue messages - into `open`, `os` and
`shutil` file operations, `pathlib.Path` methods, the local file of boto3 `download_file`/
`upload_file`, `flask.send_file`, and tar extraction without a filter. `os.path.basename`, and a
containment check of a canonical path (`realpath`/`resolve` then `startswith`,
`is_relative_to` or `commonpath`), make a path safe.

## Why is this bad?
A key such as `../../var/task/app.py` or `../../proc/self/environ` leaves `/tmp`: the function
reads its own code or environment (credentials) and returns or uploads it, or overwrites files
later invocations of the same container trust.

## Example
```python app.py
import urllib.parse

import boto3

s3 = boto3.client("s3")

def handler(event, context):
    for record in event["Records"]:
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        local_path = "/tmp/" + key
        s3.download_file(record["s3"]["bucket"]["name"], key, local_path)
```

## Use instead
```python app.py
import os
import urllib.parse

import boto3

s3 = boto3.client("s3")

def handler(event, context):
    for record in event["Records"]:
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        local_path = os.path.join("/tmp", os.path.basename(key))
        s3.download_file(record["s3"]["bucket"]["name"], key, local_path)
```

## Known problems
`os.path.basename` alone is accepted as a sanitiser (a bare `..` can still name the parent of the
directory it is joined to); add a containment check where that matters.

## References
- https://owasp.org/www-community/attacks/Path_Traversal
""",
)

__all__ = ["RULE", "check"]
