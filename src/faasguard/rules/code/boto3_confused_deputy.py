"""PY009: AWS resource chosen by the caller and reached with the function's role."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.analysis.project import Project
from faasguard.analysis.python.findings import flow_hits
from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext

SEVERITY = Severity.MEDIUM


def check(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    return flow_hits(project, "PY009", SEVERITY)


RULE = Rule(
    id="PY009",
    name="boto3-confused-deputy",
    category=Category.SSRF,
    severity=SEVERITY,
    summary=(
        "A bucket, function, queue, topic, role, secret or table named in a request is used in a "
        "boto3 call."
    ),
    cwe=(441, 918),
    confidence=Confidence.HIGH,
    remediation=(
        "Take resource names from configuration (environment variables set by the template), "
        "never from the request. If the caller must choose, map its choice through an allow-list "
        "of resources it may use."
    ),
    references=(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
        "https://cwe.mitre.org/data/definitions/441.html",
    ),
    project_check=check,
    doc="""
## What it does
Reports boto3 calls whose target resource comes from a request, a direct invocation payload
or a message body: the `Bucket` of S3 calls (and presigned URLs), `FunctionName` of `invoke`,
`QueueUrl`, `TopicArn`, `RoleArn` of `assume_role`, `SecretId`, SSM parameter names, state
machine ARNs, event buses and table names. The bucket and key of an S3 notification are not
reported: the trigger, not a caller, chose them. Fields of SQS messages, SNS notifications,
stream records and EventBridge details are, since whoever sends the message chooses them.

## Why is this bad?
The function's role can reach resources the caller cannot. Letting the caller name the bucket,
secret or function makes the function a confused deputy: it reads, writes or invokes on the
caller's behalf with permissions the caller was never given.

## Example
```python app.py
import boto3

s3 = boto3.client("s3")

def handler(event, context):
    params = event["queryStringParameters"]
    target = {"Bucket": params["bucket"], "Key": params["key"]}
    url = s3.generate_presigned_url("get_object", Params=target)
    return {"statusCode": 200, "body": url}
```

## Use instead
```python app.py
import os

import boto3

s3 = boto3.client("s3")
EXPORTS_BUCKET = os.environ["EXPORTS_BUCKET"]

def handler(event, context):
    params = event["queryStringParameters"]
    target = {"Bucket": EXPORTS_BUCKET, "Key": params["key"]}
    url = s3.generate_presigned_url("get_object", Params=target)
    return {"statusCode": 200, "body": url}
```

## Known problems
An object key from the request is not reported by this rule even though it can still name
objects of other users; that is an access-control question for the code that builds the key.

## References
- https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
""",
)

__all__ = ["RULE", "check"]
