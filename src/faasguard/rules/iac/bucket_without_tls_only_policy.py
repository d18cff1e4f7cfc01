"""IAC040: an S3 bucket whose policy does not deny requests over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import action_matches
from faasguard.iam.statements import condition_entries
from faasguard.model.app import App, Resource, ResourceKind, Statement
from faasguard.model.values import V
from faasguard.rules.iac._values import flag

_SECURE_TRANSPORT = "aws:securetransport"
_COVERED = ("s3:GetObject", "s3:PutObject")


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for bucket in app.resources_of(ResourceKind.BUCKET):
        if _website(bucket):
            continue  # website endpoints only speak HTTP; put CloudFront in front instead
        verdict = denies_http(bucket)
        if verdict is not False:
            continue  # denies plain HTTP, or a statement the scan cannot read
        partial = any(s.effect.is_("Deny") and _insecure_transport(s) for s in bucket.policy)
        why = (
            "its Deny on aws:SecureTransport false does not cover object reads and writes"
            if partial
            else "its policy has no Deny statement on aws:SecureTransport false"
        )
        yield Hit(
            message=f"bucket {bucket.id} accepts requests over plain HTTP: {why}",
            location=bucket.loc,
            resource=bucket.id,
            evidence="no aws:SecureTransport deny",
        )


def _website(bucket: Resource) -> bool:
    website = bucket.extra.get("website")
    return isinstance(website, V) and flag(website) is True


def denies_http(bucket: Resource) -> bool | None:
    """True when a Deny statement refuses every object request without TLS; None when some
    statement of the policy cannot be read."""
    unknown = False
    for statement in bucket.policy:
        if not statement.effect.known or statement.conditions_unresolved:
            unknown = True
            continue
        denies = statement.effect.is_("Deny") and _insecure_transport(statement)
        if denies and _covers_objects(statement):
            return True
    return None if unknown else False


def _insecure_transport(statement: Statement) -> bool:
    for entry in condition_entries(statement):
        if entry.key.lower() != _SECURE_TRANSPORT or not entry.operator.lower().startswith("bool"):
            continue
        if any(flag(value) is False for value in entry.values):
            return True
    return False


def _covers_objects(statement: Statement) -> bool:
    if statement.not_actions is not None:
        return True  # Deny NotAction: everything but a few actions
    patterns = [a.text() for a in statement.actions if a.known]
    return all(any(action_matches(p, wanted) for p in patterns) for wanted in _COVERED)


RULE = Rule(
    id="IAC040",
    name="bucket-without-tls-only-policy",
    category=Category.INSECURE_TRANSPORT,
    severity=Severity.MEDIUM,
    summary="An S3 bucket policy does not deny requests made over plain HTTP.",
    cwe=(319,),
    confidence=Confidence.HIGH,
    remediation="Add a bucket policy statement that denies `s3:*` on the bucket and its objects "
    "to every principal when `aws:SecureTransport` is `false`.",
    references=(
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
        "https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule",
    ),
    check=check,
    doc="""
## What it does
Reports S3 buckets whose bucket policy has no `Deny` statement with the condition
`Bool: {aws:SecureTransport: false}` covering object reads and writes. Website buckets are not
reported (their endpoint has no HTTPS at all).

## Why is this bad?
S3 answers on HTTP as well as HTTPS. Any client, SDK setting or presigned URL that uses
`http://` sends credentials-signed requests and object data in clear text, open to
interception and tampering on the way. Only the bucket policy can refuse them.

## Example
```yaml template.yaml
Resources:
  UploadsBucket:
    Type: AWS::S3::Bucket
```

## Use instead
```yaml template.yaml
Resources:
  UploadsBucket:
    Type: AWS::S3::Bucket
  UploadsBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref UploadsBucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource:
              - !GetAtt UploadsBucket.Arn
              - !Sub '${UploadsBucket.Arn}/*'
            Condition:
              Bool:
                aws:SecureTransport: false
```

## Known problems
A Deny on `s3:TlsVersion` below 1.2 does not refuse plain HTTP (requests without TLS have no
TLS version) and does not count. Buckets policed by an SCP or an organisation-wide control
are reported anyway.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
""",
)

__all__ = ["RULE", "check", "denies_http"]
