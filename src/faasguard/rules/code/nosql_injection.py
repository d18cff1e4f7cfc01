"""PY002: NoSQL query or DynamoDB expression built from untrusted input."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.HIGH


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY002", SEVERITY)


RULE = Rule(
    id="PY002",
    name="nosql-injection",
    category=Category.INJECTION_NOSQL,
    severity=SEVERITY,
    summary="A DynamoDB expression string or a MongoDB filter is built from untrusted input.",
    cwe=(943,),
    confidence=Confidence.HIGH,
    remediation=(
        "Build DynamoDB conditions with boto3.dynamodb.conditions (Key, Attr) or pass values "
        "through ExpressionAttributeValues; choose attribute names from an allow-list. For "
        "MongoDB, build the filter yourself from validated scalar values; never pass a parsed "
        "body as the filter or use $where."
    ),
    references=(
        "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeValues.html",
        "https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/07-Input_Validation_Testing/05.6-Testing_for_NoSQL_Injection",
    ),
    project_check=check,
    doc="""
## What it does
Reports DynamoDB `FilterExpression`, `KeyConditionExpression`, `ConditionExpression`,
`UpdateExpression` and `ProjectionExpression` strings built from untrusted input, and MongoDB
filters (`find`, `update_one`, `aggregate`...) that are taken whole from input or carry `$where`,
`$function`, `$accumulator` or `$expr` from it.

## Why is this bad?
An expression built from input lets the caller filter on, read or update attributes the code
never meant to expose (`status = :v OR is_admin = :v`). A MongoDB filter taken from a JSON body
accepts operators (`{"password": {"$ne": null}}`), and `$where` runs JavaScript on the server.

## Example
```python app.py
import boto3

table = boto3.resource("dynamodb").Table("orders")

def handler(event, context):
    params = event["queryStringParameters"]
    result = table.scan(FilterExpression=f"{params['field']} = :v",
                        ExpressionAttributeValues={":v": params["value"]})
    return {"statusCode": 200, "body": str(result["Items"])}
```

## Use instead
```python app.py
import boto3
from boto3.dynamodb.conditions import Attr

table = boto3.resource("dynamodb").Table("orders")
FIELDS = {"order_status", "region"}

def handler(event, context):
    params = event["queryStringParameters"]
    if params["field"] not in FIELDS:
        return {"statusCode": 400}
    result = table.scan(FilterExpression=Attr(params["field"]).eq(params["value"]))
    return {"statusCode": 200, "body": str(result["Items"])}
```

## Known problems
MongoDB collections are recognised when the client is created in the scanned code
(`pymongo.MongoClient`); a collection passed in from elsewhere is not. A filter field whose value
is an object from a JSON body (operator injection one level down) is not reported.

## References
- https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html
""",
)

__all__ = ["RULE", "check"]
