"""Small checks over a parsed SAM template, used to prove what the two shop templates claim.

Each check returns the set of names that have the problem, so a test can assert that
examples/shop has exactly the deliberate ones and examples/shop-secure has none. They are
deliberately narrow: faasguard's real rules live in src/faasguard/rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["CHECKS", "Template"]

Template = dict[str, Any]

_HTTP_EVENTS = frozenset({"Api", "HttpApi"})
_SECRET_NAME = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE", re.IGNORECASE)
_DEPRECATED_RUNTIMES = frozenset({"python2.7", "python3.6", "python3.7", "python3.8"})
_READ_PREFIXES = ("Get", "List", "Describe", "BatchGet", "Query", "Scan")


def _resources(template: Template, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, resource in template.get("Resources", {}).items():
        if resource.get("Type") == kind:
            yield name, resource.get("Properties", {})


def _function_props(template: Template) -> Iterator[tuple[str, dict[str, Any]]]:
    """Serverless functions with their Globals merged in (shallow, as SAM does for scalars)."""
    defaults = template.get("Globals", {}).get("Function", {})
    for name, props in _resources(template, "AWS::Serverless::Function"):
        yield name, {**defaults, **props}


def _http_events(props: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    for event_name, event in props.get("Events", {}).items():
        if event.get("Type") in _HTTP_EVENTS:
            yield event_name, event.get("Properties", {}), event["Type"]


def _api_auth(template: Template, event: dict[str, Any], kind: str) -> dict[str, Any]:
    key = "ApiId" if kind == "HttpApi" else "RestApiId"
    api_ref = event.get(key, {})
    api_name = api_ref.get("Ref") if isinstance(api_ref, dict) else None
    api = template.get("Resources", {}).get(api_name, {})
    auth = api.get("Properties", {}).get("Auth", {})
    return auth if isinstance(auth, dict) else {}


def _effective_authorizer(template: Template, event: dict[str, Any], kind: str) -> str:
    route_auth = event.get("Auth", {})
    authorizer = route_auth.get("Authorizer")
    if authorizer is None:
        authorizer = _api_auth(template, event, kind).get("DefaultAuthorizer", "NONE")
    return str(authorizer)


def routes_without_auth(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _function_props(template):
        for event_name, event, kind in _http_events(props):
            api_key = event.get("Auth", {}).get("ApiKeyRequired") or _api_auth(
                template, event, kind
            ).get("ApiKeyRequired")
            if _effective_authorizer(template, event, kind) == "NONE" and not api_key:
                found.add(f"{name}.{event_name}")
    return frozenset(found)


def api_key_only_routes(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _function_props(template):
        for event_name, event, kind in _http_events(props):
            api_key = event.get("Auth", {}).get("ApiKeyRequired") or _api_auth(
                template, event, kind
            ).get("ApiKeyRequired")
            if api_key and _effective_authorizer(template, event, kind) == "NONE":
                found.add(f"{name}.{event_name}")
    return frozenset(found)


def unused_authorizers(template: Template) -> frozenset[str]:
    defined: set[str] = set()
    used: set[str] = set()
    for _name, props in _resources(template, "AWS::Serverless::HttpApi"):
        auth = props.get("Auth", {})
        defined.update(auth.get("Authorizers", {}))
        used.add(auth.get("DefaultAuthorizer", "NONE"))
    for _name, props in _function_props(template):
        for _event_name, event, _kind in _http_events(props):
            used.add(event.get("Auth", {}).get("Authorizer", "NONE"))
    return frozenset(defined - used)


def function_urls_without_iam(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _function_props(template)
        if "FunctionUrlConfig" in props and props["FunctionUrlConfig"].get("AuthType") != "AWS_IAM"
    )


def wildcard_cors(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _resources(template, "AWS::Serverless::HttpApi"):
        if "*" in props.get("CorsConfiguration", {}).get("AllowOrigins", []):
            found.add(name)
    for name, props in _function_props(template):
        if "*" in props.get("FunctionUrlConfig", {}).get("Cors", {}).get("AllowOrigins", []):
            found.add(name)
    return frozenset(found)


def wildcard_cors_with_credentials(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _function_props(template):
        cors = props.get("FunctionUrlConfig", {}).get("Cors", {})
        if "*" in cors.get("AllowOrigins", []) and cors.get("AllowCredentials"):
            found.add(name)
    return frozenset(found)


def open_lambda_permissions(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _resources(template, "AWS::Lambda::Permission"):
        principal = props.get("Principal")
        if principal == "*" or "SourceAccount" not in props:
            found.add(name)
    return frozenset(found)


def _statements(template: Template) -> Iterator[tuple[str, dict[str, Any]]]:
    """Identity-policy statements: function Policies, IAM roles and managed policies."""
    for name, props in _function_props(template):
        policies = props.get("Policies", [])
        for policy in policies if isinstance(policies, list) else [policies]:
            if isinstance(policy, dict) and "Statement" in policy:
                for statement in policy["Statement"]:
                    yield name, statement
    for name, props in _resources(template, "AWS::IAM::Role"):
        for policy in props.get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                yield name, statement
    for name, props in _resources(template, "AWS::IAM::ManagedPolicy"):
        for statement in props["PolicyDocument"]["Statement"]:
            yield name, statement


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def wildcard_actions(template: Template) -> frozenset[str]:
    found = set()
    for name, statement in _statements(template):
        for action in _as_list(statement.get("Action", [])):
            if action == "*" or (isinstance(action, str) and action.endswith(":*")):
                found.add(name)
    return frozenset(found)


def wildcard_resource_writes(template: Template) -> frozenset[str]:
    found = set()
    for name, statement in _statements(template):
        if "*" not in _as_list(statement.get("Resource", [])):
            continue
        for action in _as_list(statement.get("Action", [])):
            verb = action.split(":", 1)[-1]
            if not verb.startswith(_READ_PREFIXES):
                found.add(name)
    return frozenset(found)


def admin_managed_policies(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _function_props(template)
        if any(
            "AdministratorAccess" in str(policy) for policy in _as_list(props.get("Policies", []))
        )
    )


def _role_name(role: Any) -> str:
    if isinstance(role, dict) and "Fn::GetAtt" in role:
        return str(role["Fn::GetAtt"][0])
    return str(role)


def shared_roles(template: Template) -> frozenset[str]:
    roles = Counter(
        _role_name(props["Role"]) for _name, props in _function_props(template) if "Role" in props
    )
    return frozenset(role for role, count in roles.items() if count > 1)


def _policy_statements(template: Template, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, props in _resources(template, kind):
        for statement in props["PolicyDocument"]["Statement"]:
            yield name, statement


def public_resource_policies(template: Template) -> frozenset[str]:
    found = set()
    for kind in ("AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy"):
        for name, statement in _policy_statements(template, kind):
            anyone = statement.get("Principal") in ("*", {"AWS": "*"})
            if statement["Effect"] == "Allow" and anyone and "Condition" not in statement:
                found.add(name)
    return frozenset(found)


def buckets_with_public_access_allowed(template: Template) -> frozenset[str]:
    """Buckets whose public access block is present and switched off (absent: AWS's default)."""
    found = set()
    for name, props in _resources(template, "AWS::S3::Bucket"):
        block = props.get("PublicAccessBlockConfiguration")
        if block is not None and not all(value is True for value in block.values()):
            found.add(name)
    return frozenset(found)


def buckets_without_tls_only(template: Template) -> frozenset[str]:
    protected = set()
    for _name, props in _resources(template, "AWS::S3::BucketPolicy"):
        for statement in props["PolicyDocument"]["Statement"]:
            condition = statement.get("Condition", {}).get("Bool", {})
            if statement["Effect"] == "Deny" and condition.get("aws:SecureTransport") == "false":
                protected.add(props["Bucket"]["Ref"])
    return frozenset(name for name, _ in _resources(template, "AWS::S3::Bucket")) - protected


def plaintext_secrets_in_env(template: Template) -> frozenset[str]:
    parameters = template.get("Parameters", {})
    found = set()
    for name, props in _function_props(template):
        variables = props.get("Environment", {}).get("Variables", {})
        for key, value in variables.items():
            if not _SECRET_NAME.search(key):
                continue
            literal = isinstance(value, str) and not value.startswith("arn:")
            ref = value.get("Ref") if isinstance(value, dict) else None
            if literal or "Default" in parameters.get(ref, {}):
                found.add(f"{name}.{key}")
    return frozenset(found)


def secret_parameters_in_clear(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in template.get("Parameters", {}).items()
        if _SECRET_NAME.search(name) and "Default" in props and not props.get("NoEcho")
    )


def unencrypted_messaging(template: Template) -> frozenset[str]:
    kinds = ("AWS::SQS::Queue", "AWS::SNS::Topic")
    return frozenset(
        name
        for kind in kinds
        for name, props in _resources(template, kind)
        if "KmsMasterKeyId" not in props
    )


def tables_without_cmk(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _resources(template, "AWS::DynamoDB::Table")
        if props.get("SSESpecification", {}).get("SSEType") != "KMS"
    )


def queues_without_dlq(template: Template) -> frozenset[str]:
    queues = dict(_resources(template, "AWS::SQS::Queue"))
    targets = {
        props["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        for props in queues.values()
        if "RedrivePolicy" in props
    }
    for _name, props in _function_props(template):
        if "DeadLetterQueue" in props:
            targets.add(props["DeadLetterQueue"]["TargetArn"]["Fn::GetAtt"][0])
    return frozenset(n for n, p in queues.items() if "RedrivePolicy" not in p and n not in targets)


def log_groups_without_retention(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _resources(template, "AWS::Logs::LogGroup")
        if "RetentionInDays" not in props
    )


def functions_without_tracing(template: Template) -> frozenset[str]:
    return frozenset(
        name for name, props in _function_props(template) if props.get("Tracing") != "Active"
    )


def functions_without_code_signing(template: Template) -> frozenset[str]:
    return frozenset(
        name for name, props in _function_props(template) if "CodeSigningConfigArn" not in props
    )


def _is_public(props: dict[str, Any]) -> bool:
    return any(True for _ in _http_events(props)) or "FunctionUrlConfig" in props


def public_functions_without_reserved_concurrency(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _function_props(template)
        if _is_public(props) and "ReservedConcurrentExecutions" not in props
    )


def api_functions_with_long_timeout(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _function_props(template)
        if any(True for _ in _http_events(props)) and int(props.get("Timeout", 3)) > 29
    )


def apis_without_access_logs(template: Template) -> frozenset[str]:
    http = {
        n
        for n, p in _resources(template, "AWS::Serverless::HttpApi")
        if "AccessLogSettings" not in p
    }
    rest = {
        n for n, p in _resources(template, "AWS::Serverless::Api") if "AccessLogSetting" not in p
    }
    return frozenset(http | rest)


def apis_without_throttling(template: Template) -> frozenset[str]:
    http = {
        n
        for n, p in _resources(template, "AWS::Serverless::HttpApi")
        if "DefaultRouteSettings" not in p
    }
    rest = {n for n, p in _resources(template, "AWS::Serverless::Api") if "MethodSettings" not in p}
    return frozenset(http | rest)


def rest_apis_without_waf(template: Template) -> frozenset[str]:
    associated = {
        str(props["ResourceArn"])
        for _name, props in _resources(template, "AWS::WAFv2::WebACLAssociation")
    }
    return frozenset(
        name
        for name, _props in _resources(template, "AWS::Serverless::Api")
        if not any(f"${{{name}}}" in arn for arn in associated)
    )


def deprecated_runtimes(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _function_props(template)
        if props.get("Runtime") in _DEPRECATED_RUNTIMES
    )


def foreign_layers(template: Template) -> frozenset[str]:
    found = set()
    for name, props in _function_props(template):
        for layer in props.get("Layers", []):
            if isinstance(layer, str) and "${AWS::AccountId}" not in layer:
                found.add(name)
    return frozenset(found)


def user_pool_clients_with_open_writes(template: Template) -> frozenset[str]:
    return frozenset(
        name
        for name, props in _resources(template, "AWS::Cognito::UserPoolClient")
        if "WriteAttributes" not in props
    )


CHECKS: dict[str, Callable[[Template], frozenset[str]]] = {
    check.__name__: check
    for check in (
        routes_without_auth,
        api_key_only_routes,
        unused_authorizers,
        function_urls_without_iam,
        wildcard_cors,
        wildcard_cors_with_credentials,
        open_lambda_permissions,
        wildcard_actions,
        wildcard_resource_writes,
        admin_managed_policies,
        shared_roles,
        public_resource_policies,
        buckets_with_public_access_allowed,
        buckets_without_tls_only,
        plaintext_secrets_in_env,
        secret_parameters_in_clear,
        unencrypted_messaging,
        tables_without_cmk,
        queues_without_dlq,
        log_groups_without_retention,
        functions_without_tracing,
        functions_without_code_signing,
        public_functions_without_reserved_concurrency,
        api_functions_with_long_timeout,
        apis_without_access_logs,
        apis_without_throttling,
        rest_apis_without_waf,
        deprecated_runtimes,
        foreign_layers,
        user_pool_clients_with_open_writes,
    )
}
