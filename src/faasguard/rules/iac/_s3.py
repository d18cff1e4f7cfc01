"""S3 bucket exposure: canned ACLs, public policies and the Block Public Access flags."""

from __future__ import annotations

from enum import Enum
from typing import Any

from faasguard.model.app import Resource
from faasguard.model.values import V, truthy


class BlockFlag(str, Enum):
    BLOCK_PUBLIC_ACLS = "BlockPublicAcls"
    IGNORE_PUBLIC_ACLS = "IgnorePublicAcls"
    BLOCK_PUBLIC_POLICY = "BlockPublicPolicy"
    RESTRICT_PUBLIC_BUCKETS = "RestrictPublicBuckets"


# Canned ACLs (CloudFormation AccessControl and S3/Terraform spellings) that open a bucket.
PUBLIC_ACLS: dict[str, str] = {
    "publicreadwrite": "public-read-write",
    "publicread": "public-read",
    "authenticatedread": "authenticated-read",
}

ACL_FLAGS = (BlockFlag.BLOCK_PUBLIC_ACLS, BlockFlag.IGNORE_PUBLIC_ACLS)
POLICY_FLAGS = (BlockFlag.BLOCK_PUBLIC_POLICY, BlockFlag.RESTRICT_PUBLIC_BUCKETS)


def _norm(text: str) -> str:
    return text.replace("_", "").replace("-", "").lower()


def public_acl(bucket: Resource) -> str | None:
    """The canned ACL's standard name when it makes the bucket public, else None."""
    if bucket.acl is None or not bucket.acl.known:
        return None
    return PUBLIC_ACLS.get(_norm(bucket.acl.text()))


def acls_disabled(bucket: Resource) -> bool:
    """Object ownership `BucketOwnerEnforced` turns ACLs off: no ACL can grant anything (extra
    key ``object_ownership``)."""
    ownership = bucket.extra.get("object_ownership")
    return isinstance(ownership, V) and ownership.is_("BucketOwnerEnforced")


def block_flag(bucket: Resource, flag: BlockFlag) -> V[Any] | None:
    """A flag of the bucket's public access block as written (either spelling), or None."""
    block = bucket.public_access_block or {}
    wanted = _norm(flag.value)
    return next((value for key, value in block.items() if _norm(key) == wanted), None)


def flag_on(bucket: Resource, flag: BlockFlag) -> bool | None:
    """True/False for a declared block (a flag left out of a declared block is off), None when
    the flag's value is unknown. Call only when the bucket declares a block."""
    value = block_flag(bucket, flag)
    if value is None:
        return False
    return truthy(value)


def neutralised(bucket: Resource, flags: tuple[BlockFlag, ...]) -> bool | None:
    """Whether a declared public access block defeats the exposure one of `flags` covers:
    True when a flag is on, False when all are off, None when unknown or no block declared."""
    if bucket.public_access_block is None:
        return None
    states = [flag_on(bucket, flag) for flag in flags]
    if any(state is True for state in states):
        return True
    if any(state is None for state in states):
        return None
    return False


def fully_disabled(bucket: Resource) -> bool:
    """A declared block with all four flags off."""
    if bucket.public_access_block is None:
        return False
    return all(flag_on(bucket, flag) is False for flag in BlockFlag)


__all__ = [
    "ACL_FLAGS",
    "POLICY_FLAGS",
    "PUBLIC_ACLS",
    "BlockFlag",
    "acls_disabled",
    "block_flag",
    "flag_on",
    "fully_disabled",
    "neutralised",
    "public_acl",
]
