"""PY008: Outgoing request to a URL or host from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY008", SEVERITY)


RULE = Rule(
    id="PY008",
    name="server-side-request-forgery",
    category=Category.SSRF,
    severity=SEVERITY,
    summary="The function fetches a URL whose host comes from untrusted input.",
    cwe=(918,),
    confidence=Confidence.HIGH,
    remediation=(
        "Send requests only to hosts on an allow-list: parse the URL (urllib.parse.urlsplit), "
        "require https and check the hostname against the list before the call; do not follow "
        "redirects. Prefer fixed base URLs with input only in the path or query."
    ),
    references=(
        "https://owasp.org/www-community/attacks/Server_Side_Request_Forgery",
        "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
    ),
    project_check=check,
    doc="""
## What it does
Follows untrusted data to the URL or host of `requests`, `httpx`, `urllib.request`, `urllib3`,
`aiohttp`, `http.client` and `socket.create_connection` calls and client sessions. A URL whose
scheme and host are fixed by a constant prefix (`f"https://api.example.com/items/{id}"`) is not
reported, nor one whose host was checked against an allow-list.

## Why is this bad?
The function becomes a proxy into places the caller cannot reach: services inside the VPC, the
Lambda runtime API on `127.0.0.1:9001`, `file://` URLs with urllib, and any host that then
receives requests carrying the function's headers or credentials.

## Example
```python app.py
import json

import requests

def handler(event, context):
    body = json.loads(event["body"])
    requests.post(body["callback_url"], json={"status": "paid"}, timeout=5)
    return {"statusCode": 202}
```

## Use instead
```python app.py
import json
from urllib.parse import urlsplit

import requests

CALLBACK_HOSTS = {"hooks.partner.example"}

def handler(event, context):
    body = json.loads(event["body"])
    url = body["callback_url"]
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname not in CALLBACK_HOSTS:
        return {"statusCode": 400}
    requests.post(url, json={"status": "paid"}, timeout=5, allow_redirects=False)
    return {"statusCode": 202}
```

## References
- https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html
""",
)

__all__ = ["RULE", "check"]
