"""PY010: Untrusted XML parsed with external entities enabled."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY010", SEVERITY)


RULE = Rule(
    id="PY010",
    name="xml-external-entities",
    category=Category.XXE,
    severity=SEVERITY,
    summary="Untrusted XML is parsed by a parser that resolves external entities.",
    cwe=(611,),
    confidence=Confidence.HIGH,
    remediation=(
        "Parse untrusted XML with defusedxml, or keep lxml's defaults (resolve_entities off for "
        "external entities, no_network=True) and never enable external general/parameter entities"
        " on SAX parsers."
    ),
    references=(
        "https://docs.python.org/3/library/xml.html#xml-vulnerabilities",
        "https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint",
    ),
    project_check=check,
    doc="""
## What it does
Reports untrusted XML parsed by an lxml parser created with `resolve_entities=True`,
`load_dtd=True` or `no_network=False`, by a SAX parser with `feature_external_ges` or
`feature_external_pes` turned on (also through `xml.dom.minidom`/`pulldom`), and by
`xmltodict.parse(..., disable_entities=False)`. The standard library's defaults and defusedxml
are safe and not reported.

## Why is this bad?
An external entity (`<!ENTITY x SYSTEM "file:///proc/self/environ">`) makes the parser read local
files - the function's environment holds its credentials - or fetch URLs from inside the
network.

## Example
```python app.py
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=True, no_network=False)

def handler(event, context):
    document = etree.fromstring(event["body"], PARSER)
    return {"statusCode": 200, "body": document.findtext("name")}
```

## Use instead
```python app.py
from defusedxml import ElementTree

def handler(event, context):
    document = ElementTree.fromstring(event["body"])
    return {"statusCode": 200, "body": document.findtext("name")}
```

## References
- https://docs.python.org/3/library/xml.html#xml-vulnerabilities
""",
)

__all__ = ["RULE", "check"]
