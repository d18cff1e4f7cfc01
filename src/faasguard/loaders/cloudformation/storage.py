"""Data resources: S3 buckets, DynamoDB tables, Kinesis streams, log groups, KMS keys,
secrets, SSM parameters and state machines, with their resource policies.

``Resource.extra`` keys filled here are listed in docs/architecture.md ("Resource.extra keys"):
bucket ``website``, ``object_ownership``; table ``point_in_time_recovery``, ``stream_enabled``,
``stream_view_type``, ``deletion_protection``; stream ``retention_hours``; key ``key_rotation``,
``key_spec``; secret ``secret_string``, ``generated``, ``rotation``; parameter ``type``,
``value``; state machine ``type``, ``logging_level``, ``tracing``, ``role``.
"""

from __future__ import annotations

import json
from typing import Any

from faasguard.loaders.cloudformation.build import Build, Item, Props, literal
from faasguard.loaders.cloudformation.sam_policies import generated_role
from faasguard.model.app import Resource, ResourceKind
from faasguard.model.values import Ref, V


def load_bucket(b: Build, item: Item) -> None:
    p = item.props
    bucket = b.add_resource(item, ResourceKind.BUCKET, "BucketName")
    encryption = p.map("BucketEncryption")
    rules = encryption.maps("ServerSideEncryptionConfiguration") if encryption else []
    for rule in rules:
        default = rule.map("ServerSideEncryptionByDefault")
        if default is not None:
            bucket.encryption = default.str("SSEAlgorithm")
            bucket.kms_key = default.str("KMSMasterKeyID")
    block = p.map("PublicAccessBlockConfiguration")
    if block is not None:
        flags = (
            "BlockPublicAcls",
            "BlockPublicPolicy",
            "IgnorePublicAcls",
            "RestrictPublicBuckets",
        )
        bucket.public_access_block = {
            flag: value for flag in flags if (value := block.bool(flag)) is not None
        }
    bucket.acl = p.str("AccessControl")
    versioning = p.map("VersioningConfiguration")
    bucket.versioning = versioning.str("Status") if versioning is not None else None
    logging = p.map("LoggingConfiguration")
    if logging is not None:
        same_bucket: V[Any] = V(Ref(item.id), logging.loc)
        bucket.access_logging = logging.str("DestinationBucketName") or same_bucket
    if p.has("WebsiteConfiguration"):
        bucket.extra["website"] = V(True, p.key_loc("WebsiteConfiguration"))
    ownership = p.map("OwnershipControls")
    for rule in ownership.maps("Rules") if ownership is not None else []:
        bucket.extra["object_ownership"] = rule.str("ObjectOwnership")


def attach_policy(
    b: Build, item: Item, targets: list[V[str]], kind: ResourceKind, key: str = "PolicyDocument"
) -> None:
    """A resource policy resource (BucketPolicy, QueuePolicy...) merged into each target; a
    policy on something outside the template stays as a resource of its own."""
    document = item.props.get(key)
    if document is None:
        b.report(f"{item.id} has no {key}", item.loc)
        return
    statements = b.document(document, f"{item.type} {item.id}")
    found = False
    for target in targets:
        resource = _resource_named(b, target, kind)
        if resource is not None:
            resource.policy.extend(statements)
            found = True
    if not found:
        own = b.add_resource(item, kind)
        own.name = targets[0] if targets else None
        own.policy = statements


def _resource_named(b: Build, value: V[str], kind: ResourceKind) -> Resource | None:
    pool = {rid: r for rid, r in b.app.resources.items() if r.kind is kind}
    found = b.target(value, pool)
    if found is not None:
        return pool[found]
    text = literal(value)
    for resource in pool.values():
        name = literal(resource.name)
        if text is not None and name is not None and (text == name or text.endswith(":" + name)):
            return resource
    return None


def load_bucket_policy(b: Build, item: Item) -> None:
    attach_policy(b, item, [v for v in [item.props.str("Bucket")] if v], ResourceKind.BUCKET)


def load_table(b: Build, item: Item) -> None:
    """``AWS::DynamoDB::Table``/``GlobalTable`` and ``AWS::Serverless::SimpleTable``."""
    p = item.props
    table = b.add_resource(item, ResourceKind.TABLE, "TableName")
    sse = p.map("SSESpecification")
    if sse is not None:
        table.encrypted = sse.bool("SSEEnabled")
        table.encryption = sse.str("SSEType")
        table.kms_key = sse.str("KMSMasterKeyId")
    recovery = p.map("PointInTimeRecoverySpecification")
    if recovery is not None:
        table.extra["point_in_time_recovery"] = recovery.bool("PointInTimeRecoveryEnabled")
    stream = p.map("StreamSpecification")
    if stream is not None:
        table.extra["stream_enabled"] = V(True, p.key_loc("StreamSpecification"))
        table.extra["stream_view_type"] = stream.str("StreamViewType")
    table.extra["deletion_protection"] = p.bool("DeletionProtectionEnabled")


def load_stream(b: Build, item: Item) -> None:
    p = item.props
    stream = b.add_resource(item, ResourceKind.STREAM, "Name")
    encryption = p.map("StreamEncryption")
    if encryption is not None:
        stream.encryption = encryption.str("EncryptionType")
        stream.kms_key = encryption.str("KeyId")
    stream.extra["retention_hours"] = p.int("RetentionPeriodHours")


def load_log_group(b: Build, item: Item) -> None:
    p = item.props
    group = b.add_resource(item, ResourceKind.LOG_GROUP, "LogGroupName")
    group.retention_days = p.int("RetentionInDays")
    group.kms_key = p.str("KmsKeyId")


def load_key(b: Build, item: Item) -> None:
    p = item.props
    key = b.add_resource(item, ResourceKind.KEY)
    policy = p.get("KeyPolicy")
    if policy is not None:
        key.policy = b.document(policy, f"KeyPolicy of {item.id}")
    key.extra["key_rotation"] = p.bool("EnableKeyRotation")
    key.extra["key_spec"] = p.str("KeySpec")


def load_secret(b: Build, item: Item) -> None:
    p = item.props
    secret = b.add_resource(item, ResourceKind.SECRET, "Name")
    secret.kms_key = p.str("KmsKeyId")
    secret.extra["secret_string"] = p.str("SecretString")
    if p.has("GenerateSecretString"):
        secret.extra["generated"] = V(True, p.key_loc("GenerateSecretString"))


def load_secret_policy(b: Build, item: Item) -> None:
    target = [v for v in [item.props.str("SecretId")] if v]
    attach_policy(b, item, target, ResourceKind.SECRET, "ResourcePolicy")


def load_rotation(b: Build, item: Item) -> None:
    secret = _resource_named(b, item.props.str("SecretId") or V("", item.loc), ResourceKind.SECRET)
    if secret is not None:
        secret.extra["rotation"] = V(True, item.loc)


def load_parameter(b: Build, item: Item) -> None:
    p = item.props
    parameter = b.add_resource(item, ResourceKind.PARAMETER, "Name")
    kind = p.str("Type")
    parameter.extra["type"] = kind
    parameter.extra["value"] = p.str("Value")
    if kind is not None and kind.known:
        parameter.encrypted = V(kind.is_("SecureString"), kind.loc)


def load_state_machine(b: Build, item: Item) -> None:
    """``AWS::StepFunctions::StateMachine`` and ``AWS::Serverless::StateMachine`` (whose
    ``Policies`` become a generated role like a function's)."""
    p = item.props
    name_key = "Name" if item.type.startswith("AWS::Serverless") else "StateMachineName"
    machine = b.add_resource(item, ResourceKind.STATE_MACHINE, name_key)
    machine.extra["type"] = p.str("Type") or p.str("StateMachineType")
    logging = p.map("Logging") or p.map("LoggingConfiguration")
    machine.extra["logging_level"] = logging.str("Level") if logging is not None else None
    tracing = p.map("Tracing") or p.map("TracingConfiguration")
    machine.extra["tracing"] = tracing.bool("Enabled") if tracing is not None else None
    machine.extra["role"] = p.str("Role") or p.str("RoleArn")
    if item.type.startswith("AWS::Serverless") and not p.has("Role"):
        role = generated_role(b, item, None, f"Policies of {item.id}")
        machine.extra["role"] = V(Ref(role.id, "Arn"), role.loc)


def redrive_target(p: Props) -> V[str] | None:
    """``RedrivePolicy.deadLetterTargetArn`` (the policy may be a JSON string)."""
    block = p.map("RedrivePolicy") if p.is_map("RedrivePolicy") else None
    if block is not None:
        return block.str("deadLetterTargetArn")
    text = p.str("RedrivePolicy")
    if text is None or not isinstance(text.value, str):
        return None
    try:
        target = json.loads(text.value).get("deadLetterTargetArn")
    except (ValueError, AttributeError):
        return None
    return V(target, text.loc) if isinstance(target, str) else None


__all__ = [
    "attach_policy",
    "load_bucket",
    "load_bucket_policy",
    "load_key",
    "load_log_group",
    "load_parameter",
    "load_rotation",
    "load_secret",
    "load_secret_policy",
    "load_state_machine",
    "load_stream",
    "load_table",
    "redrive_target",
]
