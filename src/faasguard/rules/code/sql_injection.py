"""PY001: SQL text built from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY001", SEVERITY)


RULE = Rule(
    id="PY001",
    name="sql-injection",
    category=Category.INJECTION_SQL,
    severity=SEVERITY,
    summary="Untrusted input is built into the text of an SQL statement.",
    cwe=(89,),
    confidence=Confidence.HIGH,
    remediation=(
        "Pass values as bound parameters: cursor.execute(sql, params), sqlalchemy.text(':name') "
        "with bind values, Parameters for the Data APIs and PartiQL. Choose identifiers (columns,"
        " sort orders) from an allow-list."
    ),
    references=(
        "https://owasp.org/www-community/attacks/SQL_Injection",
        "https://peps.python.org/pep-0249/#id15",
        "https://docs.aws.amazon.com/redshift-data/latest/APIReference/API_ExecuteStatement.html",
    ),
    project_check=check,
    doc="""
## What it does
Follows data from a function's event (or a request object) to the SQL text of DB-API
`execute`/`executemany`, SQLAlchemy `text()`, `pandas.read_sql`, DynamoDB PartiQL
`execute_statement`, the Redshift Data API and the RDS Data API, through helper functions and
modules, and reports when the statement itself is built from it (f-strings, `+`, `%`,
`.format`). Values passed separately as parameters are not reported.

## Why is this bad?
Whoever sends the request writes part of the query: they can read other customers' rows, change
or delete data, or run database functions with the function's database credentials.

## Example
```python app.py
import psycopg

def handler(event, context):
    region = event["queryStringParameters"]["region"]
    with psycopg.connect() as connection, connection.cursor() as cur:
        cur.execute(f"SELECT id, total FROM orders WHERE region = '{region}'")
        return {"statusCode": 200, "body": str(cur.fetchall())}
```

## Use instead
```python app.py
import psycopg

def handler(event, context):
    region = event["queryStringParameters"]["region"]
    with psycopg.connect() as connection, connection.cursor() as cur:
        cur.execute("SELECT id, total FROM orders WHERE region = %s", (region,))
        return {"statusCode": 200, "body": str(cur.fetchall())}
```

## Known problems
Values checked against an allow-list, cast to numbers or matched in full by a regular expression
are treated as safe. Query builders of ORMs other than SQLAlchemy `text()` are not modelled.

## References
- https://owasp.org/www-community/attacks/SQL_Injection
""",
)

__all__ = ["RULE", "check"]
