"""IAC025: an S3 bucket made public by its ACL, its policy or a disabled public access block."""

from __future__ import annotations

from collections.abc import Iterator

from faasguard.core.enums import Category, Confidence, Severity
from faasguard.core.rule import Hit, Rule, RuleContext
from faasguard.iam.actions import catalogue, modifying_actions
from faasguard.iam.statements import opens_to_anyone
from faasguard.model.app import App, Resource, ResourceKind, Statement
from faasguard.rules.iac._s3 import (
    ACL_FLAGS,
    POLICY_FLAGS,
    BlockFlag,
    acls_disabled,
    block_flag,
    fully_disabled,
    neutralised,
    public_acl,
)

_ACL_SEVERITY = {
    "public-read-write": Severity.CRITICAL,
    "public-read": Severity.HIGH,
    "authenticated-read": Severity.HIGH,
}
_DEFAULT_BLOCK = (
    "; no public access block is declared, so it depends on S3's default block (on for new "
    "buckets since April 2023) and the account's settings"
)


def check(app: App, ctx: RuleContext) -> Iterator[Hit]:
    for bucket in app.resources_of(ResourceKind.BUCKET):
        hits = [*_acl_hits(bucket), *_policy_hits(bucket)]
        if not hits and fully_disabled(bucket):
            hits.append(_disabled_block_hit(bucket))
        yield from hits


def _acl_hits(bucket: Resource) -> Iterator[Hit]:
    acl = public_acl(bucket)
    if acl is None or bucket.acl is None or acls_disabled(bucket):
        return
    blocked = neutralised(bucket, ACL_FLAGS)
    if blocked is True or (blocked is None and bucket.public_access_block is not None):
        return  # the block ignores or rejects public ACLs (or cannot be read)
    severity = _ACL_SEVERITY[acl]
    note, confidence = "", Confidence.HIGH
    if bucket.public_access_block is None:
        severity, note, confidence = severity.raised(-1), _DEFAULT_BLOCK, Confidence.MEDIUM
    who = "any AWS user" if acl == "authenticated-read" else "anyone"
    yield Hit(
        message=f"bucket {bucket.id} has the canned ACL {acl}: {who} can list"
        f"{' and write' if acl == 'public-read-write' else ''} its objects{note}",
        location=bucket.acl.loc,
        resource=bucket.id,
        severity=severity,
        confidence=confidence,
        evidence=f"acl {acl}",
    )


def _policy_hits(bucket: Resource) -> Iterator[Hit]:
    blocked = neutralised(bucket, POLICY_FLAGS)
    if blocked is True or (blocked is None and bucket.public_access_block is not None):
        return  # BlockPublicPolicy / RestrictPublicBuckets neutralise a public policy
    for statement in bucket.policy:
        principal = opens_to_anyone(statement)
        if principal is None:
            continue
        writes = _writes(statement)
        severity = Severity.CRITICAL if writes else Severity.HIGH
        note, confidence = "", Confidence.HIGH
        if bucket.public_access_block is None:
            severity, note, confidence = severity.raised(-1), _DEFAULT_BLOCK, Confidence.MEDIUM
        access = "write to" if writes else "read"
        yield Hit(
            message=f"bucket policy of {bucket.id} lets anyone {access} the bucket (Principal * "
            f"without a restricting condition){note}",
            location=principal.value.loc,
            resource=bucket.id,
            severity=severity,
            confidence=confidence,
            evidence=f"policy principal * {' '.join(a.text() for a in statement.actions)}",
        )


def _writes(statement: Statement) -> bool:
    patterns = [a.text() for a in statement.actions if a.known]
    return any(info.service == "s3" for info in modifying_actions(patterns, catalogue()))


def _disabled_block_hit(bucket: Resource) -> Hit:
    flags = [block_flag(bucket, flag) for flag in BlockFlag]
    located = [flag for flag in flags if flag is not None]
    return Hit(
        message=f"bucket {bucket.id} turns every Block Public Access setting off: nothing stops "
        "a public ACL or policy from being applied later",
        location=located[0].loc if located else bucket.loc,
        resource=bucket.id,
        severity=Severity.MEDIUM,
        evidence="public access block disabled",
    )


RULE = Rule(
    id="IAC025",
    name="public-s3-bucket",
    category=Category.PUBLIC_RESOURCE_POLICY,
    severity=Severity.HIGH,
    summary="An S3 bucket is public through its ACL or its policy, or turns Block Public Access "
    "off.",
    cwe=(284, 732),
    confidence=Confidence.HIGH,
    remediation="Remove the public grant (ACL or `Principal: *` statement), turn all four Block "
    "Public Access settings on, and serve public content through CloudFront with origin access "
    "control.",
    references=(
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
        "https://docs.aws.amazon.com/AmazonS3/latest/userguide/create-bucket-faq.html",
    ),
    check=check,
    doc="""
## What it does
Reports S3 buckets that are public through a canned ACL (`PublicRead`, `PublicReadWrite`,
`AuthenticatedRead`), through a bucket policy statement that allows `Principal: *` without a
restricting condition (`aws:SourceArn`, `aws:SourceVpce`, `aws:PrincipalOrgID`, a fixed
`aws:SourceIp`, ...), or that declare a public access block with all four settings off.

The public access block is honoured: `BlockPublicAcls`/`IgnorePublicAcls` neutralise a public
ACL and `BlockPublicPolicy`/`RestrictPublicBuckets` a public policy, so those are not
reported. When no block is declared, the bucket relies on S3's default (on for new buckets
since April 2023) and on account settings the scan cannot see: reported one step lower, with
medium confidence. Public write is critical.

## Why is this bad?
Public buckets are the most common cause of cloud data leaks: receipts, exports and uploads
become downloadable by anyone who guesses the name, and a publicly writable bucket can be
used to serve malware or overwrite what your functions read.

## Example
```yaml template.yaml
Resources:
  Receipts:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: false
        BlockPublicPolicy: false
        IgnorePublicAcls: false
        RestrictPublicBuckets: false
  ReceiptsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Receipts
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::shop-receipts/*
```

## Use instead
```yaml template.yaml
Resources:
  Receipts:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  ReceiptsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Receipts
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: cloudfront.amazonaws.com
            Action: s3:GetObject
            Resource: arn:aws:s3:::shop-receipts/*
            Condition:
              StringEquals:
                aws:SourceArn: arn:aws:cloudfront::123456789012:distribution/EDFDVBD6EXAMPLE
```

## Known problems
Static website buckets are public on purpose; suppress the finding inline with a reason.
A public ACL on a bucket whose object ownership is `BucketOwnerEnforced` (ACLs disabled) is
not reported: S3 refuses it.

## References
- https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
""",
)

__all__ = ["RULE", "check"]
