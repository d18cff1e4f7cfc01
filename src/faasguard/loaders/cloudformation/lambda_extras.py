"""The Lambda resources around a function: permissions, URLs, event source mappings, async
invocation settings, aliases, layers and code signing configurations."""

from __future__ import annotations

from faasguard.loaders.cloudformation.build import Build, Item
from faasguard.loaders.cloudformation.sam_function import function_url
from faasguard.model.app import Permission, Principal, ResourceKind, Statement, Trigger, TriggerKind
from faasguard.model.values import V

# Resource type of an event source -> trigger kind.
SOURCE_KINDS = {
    "AWS::SQS::Queue": TriggerKind.SQS,
    "AWS::Kinesis::Stream": TriggerKind.KINESIS,
    "AWS::DynamoDB::Table": TriggerKind.DYNAMODB_STREAM,
    "AWS::DynamoDB::GlobalTable": TriggerKind.DYNAMODB_STREAM,
    "AWS::Serverless::SimpleTable": TriggerKind.DYNAMODB_STREAM,
    "AWS::MSK::Cluster": TriggerKind.KAFKA,
    "AWS::MSK::ServerlessCluster": TriggerKind.KAFKA,
    "AWS::AmazonMQ::Broker": TriggerKind.MQ,
}
# ARN service segment of an event source -> trigger kind.
ARN_KINDS = {
    "sqs": TriggerKind.SQS,
    "kinesis": TriggerKind.KINESIS,
    "dynamodb": TriggerKind.DYNAMODB_STREAM,
    "kafka": TriggerKind.KAFKA,
    "mq": TriggerKind.MQ,
}


def load_permission(b: Build, item: Item) -> None:
    p = item.props
    function, principal = p.str("FunctionName"), p.str("Principal")
    if function is None or principal is None:
        b.report(f"{item.id} needs FunctionName and Principal", item.loc)
    missing = V("", item.loc)
    permission = Permission(item.id, item.loc, function or missing, principal or missing)
    permission.action = p.str("Action")
    permission.source_arn = p.str("SourceArn")
    permission.source_account = p.str("SourceAccount")
    permission.principal_org_id = p.str("PrincipalOrgID")
    permission.function_url_auth_type = p.str("FunctionUrlAuthType")
    b.app.permissions.append(permission)


def load_url(b: Build, item: Item) -> None:
    """``AWS::Lambda::Url``: the URL settings and trigger on the target function."""
    fn = b.app.functions.get(b.function_of(item.props.value("TargetFunctionArn")) or "")
    if fn is None:
        resource = b.add_resource(item, ResourceKind.OTHER)
        resource.extra["auth_type"] = item.props.str("AuthType")
        return
    function_url(b, fn, item.props, item.id)


def load_event_source_mapping(b: Build, item: Item) -> None:
    p = item.props
    function = b.function_of(p.value("FunctionName"))
    source = p.str("EventSourceArn")
    kind = TriggerKind.KAFKA if p.has("SelfManagedEventSource") else _source_kind(b, source)
    trigger = Trigger(kind, item.loc, item.id, function, public=False, source=source, raw=item.node)
    b.add_trigger(trigger)


def _source_kind(b: Build, source: V[str] | None) -> TriggerKind:
    for ref in b.refs(source):
        kind = SOURCE_KINDS.get(b.type_of(ref) or "")
        if kind is not None:
            return kind
    text = source.text() if source is not None else ""
    parts = text.split(":")
    return ARN_KINDS.get(parts[2], TriggerKind.OTHER) if len(parts) > 2 else TriggerKind.OTHER


def load_event_invoke_config(b: Build, item: Item) -> None:
    p = item.props
    fn = b.app.functions.get(b.function_of(p.value("FunctionName")) or "")
    if fn is None:
        b.add_resource(item, ResourceKind.OTHER)
        return
    fn.max_retry_attempts = p.int("MaximumRetryAttempts") or fn.max_retry_attempts
    destinations = p.map("DestinationConfig")
    failure = destinations.map("OnFailure") if destinations is not None else None
    if failure is not None:
        fn.on_failure = failure.str("Destination")


def load_alias(b: Build, item: Item) -> None:
    function = b.function_of(item.props.value("FunctionName"))
    resource = b.add_resource(item, ResourceKind.OTHER, "Name")
    resource.extra["function"] = function
    if function is not None:
        b.logical_ids.setdefault(item.id, function)


def load_layer(b: Build, item: Item) -> None:
    """``AWS::Lambda::LayerVersion`` and ``AWS::Serverless::LayerVersion``."""
    resource = b.add_resource(item, ResourceKind.LAYER, "LayerName")
    resource.extra["compatible_runtimes"] = item.props.strs("CompatibleRuntimes")


def load_layer_permission(b: Build, item: Item) -> None:
    """``AWS::Lambda::LayerVersionPermission``: a statement in the layer's resource policy."""
    p = item.props
    layer = b.app.resources.get(b.target(p.value("LayerVersionArn"), b.app.resources) or "")
    at = item.loc
    statement = Statement(at, V("Allow", at), f"layer permission {item.id}")
    statement.actions = [p.str("Action") or V("lambda:GetLayerVersion", at)]
    principal = p.str("Principal")
    statement.principals = (
        [Principal("*" if principal and principal.is_("*") else "AWS", principal)]
        if principal
        else []
    )
    org = p.str("OrganizationId")
    if org is not None:
        statement.conditions = {"StringEquals": {"aws:PrincipalOrgID": [org]}}
    if layer is not None:
        layer.policy.append(statement)
    else:
        resource = b.add_resource(item, ResourceKind.OTHER)
        resource.policy.append(statement)


def load_code_signing(b: Build, item: Item) -> None:
    """``AWS::Lambda::CodeSigningConfig``: extra ``untrusted_artifact_on_deployment``
    (Warn/Enforce; AWS's default Warn at the configuration when not written) and
    ``signing_profiles``."""
    p = item.props
    resource = b.add_resource(item, ResourceKind.OTHER)
    policies = p.map("CodeSigningPolicies")
    action = policies.str("UntrustedArtifactOnDeployment") if policies is not None else None
    resource.extra["untrusted_artifact_on_deployment"] = action or V("Warn", item.loc)
    publishers = p.map("AllowedPublishers")
    profiles = publishers.strs("SigningProfileVersionArns") if publishers is not None else []
    resource.extra["signing_profiles"] = profiles


__all__ = [
    "load_alias",
    "load_code_signing",
    "load_event_invoke_config",
    "load_event_source_mapping",
    "load_layer",
    "load_layer_permission",
    "load_permission",
    "load_url",
]
