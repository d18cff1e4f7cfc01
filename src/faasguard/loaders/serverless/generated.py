"""What the framework adds to the stack without being asked: invoke permissions for push
events and function URLs, log groups, the deployment bucket, topics, buckets and user pools
named by events. Each generated resource has ``extra["generated_by"] = "serverless"``."""

from __future__ import annotations

from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.serverless import naming
from faasguard.loaders.serverless.state import Load
from faasguard.model.app import Function, Permission, Principal, Resource, ResourceKind, Statement
from faasguard.model.values import Ref, Unresolved, V

GENERATED = "generated_by"
PARTITION = "${AWS::Partition}"


def deploy_arn(text: str, refs: tuple[str, ...] = ()) -> Unresolved:
    """An ARN the framework builds with pseudo parameters (`${AWS::Region}`...)."""
    return Unresolved(text, refs, "built at deploy time")


def permission(
    load: Load,
    fn: Function,
    suffix: str,
    principal: str,
    at: Location,
    source_arn: V[Any] | None = None,
) -> Permission:
    """A generated invoke permission, once per id."""
    permission_id = f"{naming.normalized_function(fn.name)}LambdaPermission{suffix}"
    existing = load.permissions.get(permission_id)
    if existing is not None:
        return existing
    result = Permission(
        permission_id,
        at,
        function=V(Ref(fn.id, "Arn"), at),
        principal=V(principal, at),
        action=V("lambda:InvokeFunction", at),
        source_arn=source_arn,
        generated=True,
    )
    load.app.permissions.append(result)
    load.permissions[permission_id] = result
    return result


def api_permission(load: Load, fn: Function, api_id: str | None, suffix: str, at: Location) -> None:
    api = "${" + api_id + "}" if api_id else "<external api>"
    arn = f"arn:{PARTITION}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:{api}/*"
    refs = (api_id,) if api_id else ()
    permission(load, fn, suffix, "apigateway.amazonaws.com", at, V(deploy_arn(arn, refs), at))


def resource(
    load: Load, resource_id: str, type_: str, kind: ResourceKind, at: Location
) -> Resource:
    """A generated resource, created once."""
    existing = load.app.resources.get(resource_id)
    if existing is not None:
        return existing
    created = Resource(resource_id, type_, kind, at)
    created.extra[GENERATED] = "serverless"
    load.app.resources[resource_id] = created
    return created


def log_group(load: Load, fn: Function, deployed_name: V[Any] | None) -> None:
    group_id = naming.log_group_id(fn.name)
    group = resource(load, group_id, "AWS::Logs::LogGroup", ResourceKind.LOG_GROUP, fn.loc)
    if deployed_name is not None and deployed_name.known:
        group.name = V(f"/aws/lambda/{deployed_name.value}", deployed_name.loc)
    elif load.service and load.stage:
        group.name = V(f"/aws/lambda/{load.service}-{load.stage}-{fn.name}", fn.loc)
    fn_cfg = load.cfg(fn.raw) if fn.raw is not None else None
    retention = fn_cfg.int("logRetentionInDays") if fn_cfg is not None else None
    group.retention_days = retention or load.defaults.log_retention
    fn.log_group = group_id


def deployment_bucket(load: Load) -> None:
    """`ServerlessDeploymentBucket`, unless `provider.deploymentBucket.name` names another."""
    settings = load.provider.map("deploymentBucket")
    if settings is not None and settings.has("name"):
        return
    if load.provider.has("deploymentBucket") and settings is None:
        return  # the bucket name as a string: an existing bucket
    at = load.provider.key_loc("deploymentBucket") if settings else load.provider_loc()
    bucket = resource(load, naming.DEPLOYMENT_BUCKET, "AWS::S3::Bucket", ResourceKind.BUCKET, at)
    encryption = settings.str("serverSideEncryption") if settings is not None else None
    bucket.encryption = encryption or V("AES256", at)
    bucket.encrypted = V(True, bucket.encryption.loc)
    if settings is not None:
        if settings.flag("blockPublicAccess"):
            flag = V(True, settings.key_loc("blockPublicAccess"))
            names = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls")
            bucket.public_access_block = dict.fromkeys((*names, "RestrictPublicBuckets"), flag)
        if settings.flag("versioning"):
            bucket.versioning = V("Enabled", settings.key_loc("versioning"))
        if settings.flag("skipPolicySetup"):
            return
    bucket.policy.append(_deny_insecure_transport(at))


def _deny_insecure_transport(at: Location) -> Statement:
    bucket = "${ServerlessDeploymentBucket}"
    statement = Statement(at, V("Deny", at), "serverless generated: deployment bucket policy")
    statement.actions = [V("s3:*", at)]
    statement.principals = [Principal("*", V("*", at))]
    statement.resources = [
        V(deploy_arn(f"arn:{PARTITION}:s3:::{bucket}", (naming.DEPLOYMENT_BUCKET,)), at),
        V(deploy_arn(f"arn:{PARTITION}:s3:::{bucket}/*", (naming.DEPLOYMENT_BUCKET,)), at),
    ]
    statement.conditions = {"Bool": {"aws:SecureTransport": [V("false", at)]}}
    return statement


__all__ = [
    "GENERATED",
    "PARTITION",
    "api_permission",
    "deploy_arn",
    "deployment_bucket",
    "log_group",
    "permission",
    "resource",
]
