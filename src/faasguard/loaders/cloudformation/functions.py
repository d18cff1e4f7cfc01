"""Lambda functions: what ``AWS::Lambda::Function`` and ``AWS::Serverless::Function`` share,
and the plain CloudFormation function itself."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.cloudformation.build import Build, Item, Props, literal
from faasguard.loaders.cloudformation.text import join_parts
from faasguard.loaders.errors import ParseError
from faasguard.loaders.nodes import MapNode
from faasguard.model.app import EnvVar, Function, Vpc
from faasguard.model.values import V

CDK_ASSET_PATH = "aws:asset:path"
CDK_ASSET_PROPERTY = "aws:asset:property"
_ARCHIVES = (".zip", ".jar", ".war")


def base_function(b: Build, item: Item) -> Function:
    """The settings common to both function types; registers the function in the app."""
    p = item.props
    name = p.text("FunctionName") or b.names.get(item.id) or item.id
    fn = Function(item.id, name, item.loc, item.type, raw=item.node)
    fn.runtime = p.str("Runtime")
    fn.handler = p.str("Handler")
    fn.timeout = p.int("Timeout")
    fn.memory = p.int("MemorySize")
    fn.reserved_concurrency = p.int("ReservedConcurrentExecutions")
    fn.env_kms_key = p.str("KmsKeyArn")
    fn.code_signing = p.str("CodeSigningConfigArn")
    fn.layers = p.strs("Layers")
    fn.image = p.text("PackageType") == "Image"
    environment = p.map("Environment")
    if environment is not None:
        fn.environment = _environment(b, environment)
    vpc = p.map("VpcConfig")
    if vpc is not None:
        fn.vpc = Vpc(vpc.loc, vpc.strs("SecurityGroupIds"), vpc.strs("SubnetIds"))
    logging = p.map("LoggingConfig")
    if logging is not None and logging.has("LogGroup"):
        b.deferred_log_groups[item.id] = logging.value("LogGroup")
    b.app.functions[item.id] = fn
    return fn


def _environment(b: Build, environment: Props) -> dict[str, EnvVar]:
    result: dict[str, EnvVar] = {}
    for name, name_loc, node in environment.entries("Variables"):
        chosen = b.branch(node)
        if chosen is None:
            continue
        value = b.resolve(chosen)
        if value.value is not None:
            result[name] = EnvVar(name, name_loc, value)
    return result


def load_lambda_function(b: Build, item: Item) -> None:
    """``AWS::Lambda::Function``."""
    p = item.props
    fn = base_function(b, item)
    fn.role_value = p.str("Role")
    tracing = p.map("TracingConfig")
    fn.tracing = tracing.str("Mode") if tracing is not None else None
    dead_letter = p.map("DeadLetterConfig")
    fn.dead_letter = dead_letter.str("TargetArn") if dead_letter is not None else None
    code_node = p.get("Code")
    if code_node is not None and not isinstance(code_node, MapNode):
        # `aws cloudformation package` input: a local path in place of the code map.
        fn.code_uri = p.str("Code")
        fn.code_dir = code_directory(b, fn.code_uri)
    code = p.map("Code")
    if code is not None:
        if code.has("ImageUri"):
            fn.image = True
            fn.code_uri = code.str("ImageUri")
        elif code.has("S3Bucket"):
            fn.code_uri = s3_uri(code.value("S3Bucket"), code.value("S3Key"), code.loc)
    asset = _cdk_asset(item.node)
    if asset is not None and fn.code_dir is None and not fn.image:
        fn.code_dir = code_directory(b, asset)


def s3_uri(bucket: V[Any] | None, key: V[Any] | None, at: Location) -> V[str]:
    parts: list[Any] = ["s3://", bucket.value if bucket else "", "/", key.value if key else ""]
    return V(join_parts(parts, ""), bucket.loc if bucket else at)


def code_directory(b: Build, uri: V[str] | None) -> str | None:
    """A local code location (relative to the template's directory) as a root-relative
    directory; None for S3 URIs, archives and anything unresolved or outside the root."""
    text = literal(uri)
    if uri is None or text is None or "://" in text or not text.strip():
        return None
    if text.lower().endswith(_ARCHIVES):
        return None
    try:
        return b.ctx.resolve_path(b.path, text, uri.loc)
    except ParseError as error:
        b.report(error.message, error.location)
        return None


def _cdk_asset(node: MapNode) -> V[str] | None:
    """CDK output: ``Metadata: {aws:asset:path: asset.<hash>, aws:asset:property: Code}``."""
    metadata = node.map("Metadata")
    if metadata is None or metadata.str(CDK_ASSET_PROPERTY) not in (None, "Code"):
        return None
    path = metadata.str(CDK_ASSET_PATH)
    if path is None or PurePosixPath(path).is_absolute():
        return None
    scalar = metadata.scalar(CDK_ASSET_PATH)
    return V(path, scalar.loc if scalar is not None else metadata.loc)


__all__ = ["base_function", "code_directory", "load_lambda_function", "s3_uri"]
