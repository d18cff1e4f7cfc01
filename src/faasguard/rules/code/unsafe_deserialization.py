"""PY006: Untrusted data deserialised into objects."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY006", SEVERITY)


RULE = Rule(
    id="PY006",
    name="unsafe-deserialization",
    category=Category.DESERIALIZATION,
    severity=SEVERITY,
    summary=(
        "Untrusted data reaches pickle, marshal, jsonpickle, shelve or a YAML loader that builds "
        "objects."
    ),
    cwe=(502,),
    confidence=Confidence.HIGH,
    remediation=(
        "Exchange data as JSON (json.loads) or load YAML with yaml.safe_load / "
        "Loader=yaml.SafeLoader. Sign data you must round-trip through the client (HMAC) and "
        "verify before decoding, and never unpickle it."
    ),
    references=(
        "https://docs.python.org/3/library/pickle.html",
        "https://pyyaml.org/wiki/PyYAMLDocumentation",
        "https://cwe.mitre.org/data/definitions/502.html",
    ),
    project_check=check,
    doc="""
## What it does
Follows untrusted data - request fields, cookies, queue messages, and with lower confidence
objects read back from S3 or DynamoDB - to `pickle`/`dill`/`marshal`/`cloudpickle` loads,
`jsonpickle.decode`, `shelve.open`, `pandas.read_pickle`, `joblib`/`torch` loads, `numpy.load`
with `allow_pickle=True`, `yaml.load` without a safe Loader and `yaml.unsafe_load`/`full_load`.
`yaml.safe_load` and `Loader=yaml.SafeLoader` are the safe variants.

## Why is this bad?
Unpickling runs code chosen by whoever wrote the bytes (`__reduce__`); PyYAML's full and unsafe
loaders build arbitrary Python objects. One crafted cookie or message runs commands in the
function.

## Example
```python app.py
import base64
import pickle

def handler(event, context):
    for cookie in event.get("cookies") or []:
        name, _, value = cookie.partition("=")
        if name == "cart":
            cart = pickle.loads(base64.b64decode(value))
            return {"statusCode": 200, "body": str(len(cart))}
```

## Use instead
```python app.py
import base64
import json

def handler(event, context):
    for cookie in event.get("cookies") or []:
        name, _, value = cookie.partition("=")
        if name == "cart":
            cart = json.loads(base64.b64decode(value))
            return {"statusCode": 200, "body": str(len(cart))}
```

## References
- https://docs.python.org/3/library/pickle.html
""",
)

__all__ = ["RULE", "check"]
