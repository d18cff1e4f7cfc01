"""Data stores: S3 buckets (inline settings and the split-out resources merged onto the bucket),
DynamoDB tables, SQS queues, SNS topics, Kinesis streams, KMS keys, log groups, secrets, SSM
parameters and Step Functions state machines.

``Resource.extra`` keys filled here are the CloudFormation loader's (docs/architecture.md,
"Resource.extra keys"): bucket ``website``, ``object_ownership``; table
``point_in_time_recovery``, ``stream_enabled``, ``stream_view_type``, ``deletion_protection``;
queue ``visibility_timeout``, ``fifo``; stream ``retention_hours``; key ``key_rotation``,
``key_spec``; secret ``secret_string`` (from ``aws_secretsmanager_secret_version``),
``rotation``; parameter ``type``, ``value``; state machine ``type``, ``logging_level``,
``tracing``, ``role``. `public_access_block` uses the CloudFormation names BlockPublicAcls,
BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets.
"""

from __future__ import annotations

from collections.abc import Callable

from faasguard.loaders.nodes import MapNode
from faasguard.loaders.terraform.document import statements
from faasguard.loaders.terraform.reader import View, str_value
from faasguard.loaders.terraform.state import Item, State
from faasguard.model.app import Resource, ResourceKind
from faasguard.model.values import V

Handler = Callable[[State, Item], None]
_PUBLIC_ACCESS = {
    "block_public_acls": "BlockPublicAcls",
    "block_public_policy": "BlockPublicPolicy",
    "ignore_public_acls": "IgnorePublicAcls",
    "restrict_public_buckets": "RestrictPublicBuckets",
}


def _new(state: State, item: Item, kind: ResourceKind, name_field: str | None) -> Resource:
    view = item.view
    resource = Resource(
        item.address,
        item.type,
        kind,
        item.block.loc,
        name=view.string(name_field) if name_field else None,
    )
    state.app.resources[item.address] = resource
    return resource


def bucket(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.BUCKET, "bucket")
    resource.acl = view.string("acl")
    resource.policy = statements(view, "policy", "bucket policy")
    versioning = view.block("versioning")
    if versioning is not None:
        resource.versioning = _versioning(versioning)
    logging = view.block("logging")
    if logging is not None:
        resource.access_logging = logging.string("target_bucket")
    encryption = view.block("server_side_encryption_configuration")
    if encryption is not None:
        _encryption(resource, encryption)
    website = view.block("website")
    if website is not None:
        resource.extra["website"] = V(True, website.loc)


def _versioning(view: View) -> V[str] | None:
    enabled = view.boolean("enabled")
    if enabled is None:
        return None
    if isinstance(enabled.value, bool):
        return V("Enabled" if enabled.value else "Suspended", enabled.loc)
    return V(enabled.value, enabled.loc)


def _encryption(resource: Resource, view: View) -> None:
    for rule in view.blocks("rule"):
        default = rule.block("apply_server_side_encryption_by_default")
        if default is not None:
            resource.encryption = default.string("sse_algorithm")
            resource.kms_key = default.string("kms_master_key_id")


def _bucket_of(state: State, item: Item) -> Resource | None:
    return state.resource_of(item.view.string("bucket"), "aws_s3_bucket")


def bucket_policy(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is not None:
        target.policy.extend(statements(item.view, "policy", "bucket policy"))


def bucket_acl(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is not None:
        target.acl = item.view.string("acl") or target.acl


def public_access_block(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is None:
        return
    flags: dict[str, V[bool]] = {}
    for field, key in _PUBLIC_ACCESS.items():
        value = item.view.boolean(field)
        if value is not None:
            flags[key] = value
    target.public_access_block = flags


def bucket_encryption(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is not None:
        _encryption(target, item.view)


def bucket_versioning(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    config = item.view.block("versioning_configuration")
    if target is not None and config is not None:
        target.versioning = config.string("status")


def bucket_logging(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is not None:
        target.access_logging = item.view.string("target_bucket")


def bucket_ownership(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    rule = item.view.block("rule")
    if target is not None and rule is not None:
        target.extra["object_ownership"] = rule.string("object_ownership")


def bucket_website(state: State, item: Item) -> None:
    target = _bucket_of(state, item)
    if target is not None:
        target.extra["website"] = V(True, item.block.loc)


def table(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.TABLE, "name")
    encryption = view.block("server_side_encryption")
    if encryption is not None:
        resource.encrypted = encryption.boolean("enabled")
        resource.kms_key = encryption.string("kms_key_arn")
    recovery = view.block("point_in_time_recovery")
    if recovery is not None:
        resource.extra["point_in_time_recovery"] = recovery.boolean("enabled")
    resource.extra["stream_enabled"] = view.boolean("stream_enabled")
    resource.extra["stream_view_type"] = view.string("stream_view_type")
    resource.extra["deletion_protection"] = view.boolean("deletion_protection_enabled")


def queue(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.QUEUE, "name")
    resource.kms_key = view.string("kms_master_key_id")
    if resource.kms_key is not None:
        resource.encryption = V("aws:kms", resource.kms_key.loc)
    resource.encrypted = view.boolean("sqs_managed_sse_enabled")
    resource.policy = statements(view, "policy", "queue policy")
    resource.dead_letter = _dead_letter(view)
    resource.extra["visibility_timeout"] = view.integer("visibility_timeout_seconds")
    resource.extra["fifo"] = view.boolean("fifo_queue")


def _dead_letter(view: View) -> V[str] | None:
    document = view.document("redrive_policy")
    if isinstance(document, MapNode):
        target = document.get("deadLetterTargetArn")
        if target is not None:
            return str_value(target)
    value = view.string("redrive_policy")
    return value if value is not None and not value.known else None


def _queue_of(state: State, item: Item) -> Resource | None:
    return state.resource_of(item.view.string("queue_url"), "aws_sqs_queue")


def queue_policy(state: State, item: Item) -> None:
    target = _queue_of(state, item)
    if target is not None:
        target.policy.extend(statements(item.view, "policy", "queue policy"))


def queue_redrive(state: State, item: Item) -> None:
    target = _queue_of(state, item)
    if target is not None:
        target.dead_letter = _dead_letter(item.view)


def topic(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.TOPIC, "name")
    resource.kms_key = item.view.string("kms_master_key_id")
    resource.policy = statements(item.view, "policy", "topic policy")


def topic_policy(state: State, item: Item) -> None:
    target = state.resource_of(item.view.string("arn"), "aws_sns_topic")
    if target is not None:
        target.policy.extend(statements(item.view, "policy", "topic policy"))


def stream(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.STREAM, "name")
    resource.encryption = item.view.string("encryption_type")
    resource.kms_key = item.view.string("kms_key_id")
    resource.extra["retention_hours"] = item.view.integer("retention_period")


def key(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.KEY, None)
    resource.policy = statements(item.view, "policy", "key policy")
    resource.extra["key_rotation"] = item.view.boolean("enable_key_rotation")
    resource.extra["key_spec"] = item.view.string("customer_master_key_spec")


def key_policy(state: State, item: Item) -> None:
    target = state.resource_of(item.view.string("key_id"), "aws_kms_key")
    if target is not None:
        target.policy.extend(statements(item.view, "policy", "key policy"))


def log_group(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.LOG_GROUP, "name")
    resource.retention_days = item.view.integer("retention_in_days")
    resource.kms_key = item.view.string("kms_key_id")


def link_log_groups(state: State) -> None:
    """`/aws/lambda/<function name>` log groups, by reference or by name."""
    for resource in state.app.resources_of(ResourceKind.LOG_GROUP):
        name = resource.name
        for target in state.targets(name):
            if target in state.app.functions:
                state.app.functions[target].log_group = resource.id
        if name is not None and name.known and name.text().startswith("/aws/lambda/"):
            wanted = name.text().removeprefix("/aws/lambda/")
            for fn in state.app.functions.values():
                if fn.name == wanted:
                    fn.log_group = resource.id
    for fn_item in state.of_type("aws_lambda_function"):
        logging = fn_item.view.block("logging_config")
        group = logging.string("log_group") if logging else None
        owner = state.app.functions.get(fn_item.address)
        found = state.resource_of(group, "aws_cloudwatch_log_group")
        if owner is not None and found is not None:
            owner.log_group = found.id


def secret(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.SECRET, "name")
    resource.kms_key = item.view.string("kms_key_id")
    resource.policy = statements(item.view, "policy", "secret policy")


def secret_policy(state: State, item: Item) -> None:
    target = state.resource_of(item.view.string("secret_arn"), "aws_secretsmanager_secret")
    if target is not None:
        target.policy.extend(statements(item.view, "policy", "secret policy"))


def secret_rotation(state: State, item: Item) -> None:
    target = state.resource_of(item.view.string("secret_id"), "aws_secretsmanager_secret")
    if target is not None:
        target.extra["rotation"] = V(True, item.block.loc)


def secret_version(state: State, item: Item) -> None:
    """A literal ``secret_string`` is the secret written in the configuration."""
    target = state.resource_of(item.view.string("secret_id"), "aws_secretsmanager_secret")
    value = item.view.string("secret_string")
    if target is not None and value is not None:
        target.extra["secret_string"] = value


def parameter(state: State, item: Item) -> None:
    resource = _new(state, item, ResourceKind.PARAMETER, "name")
    kind = item.view.string("type")
    resource.extra["type"] = kind
    resource.extra["value"] = item.view.string("value") or item.view.string("insecure_value")
    resource.kms_key = item.view.string("key_id")
    if kind is not None and kind.known:
        resource.encrypted = V(kind.is_("SecureString"), kind.loc)


def state_machine(state: State, item: Item) -> None:
    view = item.view
    resource = _new(state, item, ResourceKind.STATE_MACHINE, "name")
    resource.extra["type"] = view.string("type")
    logging = view.block("logging_configuration")
    resource.extra["logging_level"] = logging.string("level") if logging is not None else None
    tracing = view.block("tracing_configuration")
    resource.extra["tracing"] = tracing.boolean("enabled") if tracing is not None else None
    resource.extra["role"] = view.string("role_arn")


PRIMARY: dict[str, Handler] = {
    "aws_s3_bucket": bucket,
    "aws_dynamodb_table": table,
    "aws_sqs_queue": queue,
    "aws_sns_topic": topic,
    "aws_kinesis_stream": stream,
    "aws_kms_key": key,
    "aws_cloudwatch_log_group": log_group,
    "aws_secretsmanager_secret": secret,
    "aws_ssm_parameter": parameter,
    "aws_sfn_state_machine": state_machine,
}
DEPENDENTS: dict[str, Handler] = {
    "aws_s3_bucket_policy": bucket_policy,
    "aws_s3_bucket_acl": bucket_acl,
    "aws_s3_bucket_public_access_block": public_access_block,
    "aws_s3_bucket_server_side_encryption_configuration": bucket_encryption,
    "aws_s3_bucket_versioning": bucket_versioning,
    "aws_s3_bucket_logging": bucket_logging,
    "aws_s3_bucket_website_configuration": bucket_website,
    "aws_s3_bucket_ownership_controls": bucket_ownership,
    "aws_sqs_queue_policy": queue_policy,
    "aws_sqs_queue_redrive_policy": queue_redrive,
    "aws_sns_topic_policy": topic_policy,
    "aws_kms_key_policy": key_policy,
    "aws_secretsmanager_secret_policy": secret_policy,
    "aws_secretsmanager_secret_rotation": secret_rotation,
    "aws_secretsmanager_secret_version": secret_version,
}

__all__ = ["DEPENDENTS", "PRIMARY", "link_log_groups"]
