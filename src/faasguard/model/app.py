"""App, Function, Trigger, Role, Statement, Resource: what a serverless project declares.

Loaders build these objects (they are mutable while a loader links them) and rules only read
them. They compare by identity (``eq=False``): two functions with equal settings are still two
functions, and deep comparison of a large app would be quadratic where `in` is used. Every
value keeps its location; see :mod:`faasguard.model.values` for known, referenced and
unresolved values. Ids are the native identities: CloudFormation logical ids, Terraform
addresses (``aws_lambda_function.api``), serverless.yml function keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from faasguard.core.location import Location
from faasguard.loaders.nodes import MapNode
from faasguard.model.values import V


class SourceFormat(str, Enum):
    CLOUDFORMATION = "cloudformation"  # includes SAM and CDK output
    SERVERLESS = "serverless"
    TERRAFORM = "terraform"


class TriggerKind(str, Enum):
    REST_API = "rest-api"
    HTTP_API = "http-api"
    WEBSOCKET = "websocket"
    FUNCTION_URL = "function-url"
    ALB = "alb"
    S3 = "s3"
    SQS = "sqs"
    SNS = "sns"
    DYNAMODB_STREAM = "dynamodb-stream"
    KINESIS = "kinesis"
    KAFKA = "kafka"
    MQ = "mq"
    SCHEDULE = "schedule"
    EVENTBRIDGE = "eventbridge"
    COGNITO = "cognito"
    IOT = "iot"
    CLOUDWATCH_LOGS = "cloudwatch-logs"
    APPSYNC = "appsync"
    OTHER = "other"

    @property
    def is_http(self) -> bool:
        return self in _HTTP_KINDS


_HTTP_KINDS = frozenset(
    {
        TriggerKind.REST_API,
        TriggerKind.HTTP_API,
        TriggerKind.WEBSOCKET,
        TriggerKind.FUNCTION_URL,
        TriggerKind.ALB,
    }
)


class AuthKind(str, Enum):
    NONE = "none"
    IAM = "iam"
    JWT = "jwt"
    COGNITO = "cognito"
    LAMBDA = "lambda"  # a Lambda (custom) authorizer
    API_KEY = "api-key"  # an API key alone: identifies, does not authenticate
    UNKNOWN = "unknown"  # set to something the scan cannot resolve

    @property
    def authenticates(self) -> bool:
        return self in (AuthKind.IAM, AuthKind.JWT, AuthKind.COGNITO, AuthKind.LAMBDA)


@dataclass(slots=True, eq=False)
class Auth:
    """How a caller is authenticated on one entry point. `loc` is where it is set, or where it
    should be set (the route or event) when it is absent."""

    kind: AuthKind
    loc: Location
    authorizer: str | None = None  # authorizer name or id
    api_key_required: bool = False
    scopes: tuple[str, ...] = ()


@dataclass(slots=True, eq=False)
class Throttle:
    loc: Location
    burst: V[int] | None = None
    rate: V[float] | None = None


@dataclass(slots=True, eq=False)
class Cors:
    loc: Location
    allow_origins: list[V[str]] = field(default_factory=list)
    allow_credentials: V[bool] | None = None


@dataclass(slots=True, eq=False)
class Trigger:
    """One way a function is invoked: an HTTP route, a queue, a schedule... For HTTP kinds it
    is the route itself; a route whose integration target is unknown has `function` None."""

    kind: TriggerKind
    loc: Location
    name: str  # event key (SAM), "<function>.events[N]" (serverless), resource address (terraform)
    function: str | None = None  # function id
    api: str | None = None  # Api id for API Gateway kinds
    method: str | None = None
    path: str | None = None
    auth: Auth | None = None  # None for non-HTTP triggers
    public: bool | None = None  # reachable from the internet: True/False, None when unknown
    source: V[str] | None = None  # queue/topic/bucket/table/stream the trigger reads
    throttle: Throttle | None = None
    cors: Cors | None = None
    raw: MapNode | None = None


@dataclass(slots=True, eq=False)
class Principal:
    """One principal of a policy statement: kind is "*", "AWS", "Service", "Federated",
    "CanonicalUser"."""

    kind: str
    value: V[str]


@dataclass(slots=True, eq=False)
class Statement:
    loc: Location
    effect: V[str]
    origin: str  # "inline policy orders-access", "SAM template DynamoDBCrudPolicy", ...
    sid: str | None = None
    actions: list[V[str]] = field(default_factory=list)
    not_actions: list[V[str]] | None = None
    resources: list[V[str]] = field(default_factory=list)
    not_resources: list[V[str]] | None = None
    principals: list[Principal] | None = None  # resource and trust policies only
    not_principals: list[Principal] | None = None
    conditions: dict[str, dict[str, list[V[str]]]] = field(default_factory=dict)
    conditions_unresolved: bool = False  # a condition block the loader could not read

    @property
    def allows(self) -> bool:
        return self.effect.is_("Allow")


class RoleKind(str, Enum):
    ROLE = "role"
    USER = "user"
    GROUP = "group"


@dataclass(slots=True, eq=False)
class Role:
    """An IAM principal of the project (role, user or group) with everything attached to it."""

    id: str
    loc: Location
    kind: RoleKind = RoleKind.ROLE
    name: V[str] | None = None
    statements: list[Statement] = field(default_factory=list)  # identity policies, expanded
    managed_policies: list[V[str]] = field(default_factory=list)  # ARNs as written
    trust: list[Statement] = field(default_factory=list)
    permissions_boundary: V[str] | None = None
    functions: list[str] = field(default_factory=list)  # ids of functions that assume it
    generated: bool = False  # made by the framework (SAM Policies, serverless provider.iam)


@dataclass(slots=True, eq=False)
class EnvVar:
    name: str
    name_loc: Location
    value: V[Any]


@dataclass(slots=True, eq=False)
class Vpc:
    loc: Location
    security_groups: list[V[str]] = field(default_factory=list)
    subnets: list[V[str]] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class FunctionUrl:
    loc: Location
    auth_type: V[str] | None  # "NONE" or "AWS_IAM"; None when absent (SAM/CFN require it)
    cors: Cors | None = None
    invoke_mode: V[str] | None = None


@dataclass(slots=True, eq=False)
class Function:
    id: str
    name: str
    loc: Location
    resource_type: str  # AWS::Serverless::Function, AWS::Lambda::Function, aws_lambda_function
    runtime: V[str] | None = None
    handler: V[str] | None = None
    code_uri: V[str] | None = None  # as written
    code_dir: str | None = None  # local code directory relative to the scan root, if any
    image: bool = False  # a container image function (no runtime)
    environment: dict[str, EnvVar] = field(default_factory=dict)
    env_kms_key: V[str] | None = None
    timeout: V[int] | None = None
    memory: V[int] | None = None
    reserved_concurrency: V[int] | None = None
    role: str | None = None  # id of a Role of the app
    role_value: V[str] | None = None  # the role as written (an ARN, a Ref)
    triggers: list[Trigger] = field(default_factory=list)
    vpc: Vpc | None = None
    tracing: V[str] | None = None  # "Active" / "PassThrough"
    dead_letter: V[str] | None = None
    on_failure: V[str] | None = None  # async invocation failure destination
    max_retry_attempts: V[int] | None = None
    layers: list[V[str]] = field(default_factory=list)
    url: FunctionUrl | None = None
    code_signing: V[str] | None = None
    log_group: str | None = None  # id of the Resource holding its log group, if declared
    raw: MapNode | None = None


class ResourceKind(str, Enum):
    BUCKET = "bucket"
    TABLE = "table"
    QUEUE = "queue"
    TOPIC = "topic"
    STREAM = "stream"
    KEY = "key"
    SECRET = "secret"
    PARAMETER = "parameter"
    LOG_GROUP = "log-group"
    USER_POOL = "user-pool"
    USER_POOL_CLIENT = "user-pool-client"
    USER_POOL_GROUP = "user-pool-group"
    SECURITY_GROUP = "security-group"
    LAYER = "layer"
    DOMAIN = "domain"  # API Gateway custom domain
    DISTRIBUTION = "distribution"  # CloudFront
    WEB_ACL = "web-acl"
    LOAD_BALANCER = "load-balancer"
    STATE_MACHINE = "state-machine"
    EVENT_BUS = "event-bus"
    OTHER = "other"


@dataclass(slots=True, eq=False)
class Resource:
    """A managed resource. Typed fields are filled where the kind has the setting; `extra` holds
    kind-specific settings, `raw` the source.

    `extra` keys are spelled the same by every loader; the authoritative table with types and
    meanings is "Resource.extra keys" in docs/architecture.md. Absent and None both mean "not
    set"; values are `V` unless noted; links to other resources are `V(Ref(id))`.
    - any: generated_by (str), unknown_type (bool), cdk_path (str)
    - bucket: website, object_ownership
    - table: point_in_time_recovery, stream_enabled, stream_view_type, deletion_protection
    - queue: visibility_timeout, fifo; stream: retention_hours; key: key_rotation, key_spec
    - secret: secret_string, generated, rotation; parameter: type, value
    - user-pool: mfa, schema_attributes (list of dicts), password_policy (dict),
      admin_create_user_only, advanced_security
    - user-pool-client: user_pool, write_attributes, read_attributes (None = all),
      generate_secret, explicit_auth_flows, allowed_oauth_flows, callback_urls,
      prevent_user_existence_errors; user-pool-group: user_pool, role, precedence
    - security-group: ingress, egress (lists of rule dicts: protocol, from_port, to_port,
      cidrs, source_groups, default, loc), vpc
    - load-balancer: internal, type; distribution: viewer_protocol_policies; layer:
      compatible_runtimes; web-acl: default_action, rules, scope; domain: api (str, SAM)
    - state-machine: type, logging_level, tracing, role
    - other: listener load_balancer, protocol, port; WAF association web_acl, resource_arn;
      code signing untrusted_artifact_on_deployment, signing_profiles; EventBridge rule
      schedule; managed policy statements; URL auth_type; alias function (str); remote
      module module_source, note
    """

    id: str
    type: str  # the native type: AWS::S3::Bucket, aws_s3_bucket
    kind: ResourceKind
    loc: Location
    name: V[str] | None = None
    policy: list[Statement] = field(default_factory=list)  # resource-based policy, merged
    encrypted: V[bool] | None = None  # an explicit on/off switch for encryption at rest
    encryption: V[str] | None = None  # algorithm or mode as written: aws:kms, AES256, ...
    kms_key: V[str] | None = None  # a customer managed key
    public_access_block: dict[str, V[bool]] | None = None  # S3: the four flags as set
    acl: V[str] | None = None
    versioning: V[str] | None = None
    access_logging: V[str] | None = None  # where access logs go (bucket logging target, ...)
    retention_days: V[int] | None = None
    dead_letter: V[str] | None = None  # SQS redrive target
    tls_policy: V[str] | None = None  # domain SecurityPolicy, CloudFront minimum, listener
    waf: list[str] = field(default_factory=list)  # ids of WAF associations protecting it
    extra: dict[str, Any] = field(default_factory=dict)
    raw: MapNode | None = None


class ApiKind(str, Enum):
    REST = "rest"
    HTTP = "http"
    WEBSOCKET = "websocket"


@dataclass(slots=True, eq=False)
class Authorizer:
    name: str
    kind: AuthKind
    loc: Location


@dataclass(slots=True, eq=False)
class Stage:
    name: str
    loc: Location
    access_log: V[str] | None = None  # destination ARN
    tracing: V[bool] | None = None
    execution_logging: V[str] | None = None  # "OFF", "ERROR", "INFO"
    throttle: Throttle | None = None
    waf: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Api:
    id: str
    kind: ApiKind
    loc: Location
    name: V[str] | None = None
    endpoint_type: V[str] | None = None  # EDGE, REGIONAL, PRIVATE
    authorizers: dict[str, Authorizer] = field(default_factory=dict)
    default_auth: Auth | None = None
    stages: list[Stage] = field(default_factory=list)
    cors: Cors | None = None
    policy: list[Statement] = field(default_factory=list)
    usage_plan_throttle: Throttle | None = None
    api_key_required: bool = False
    disable_default_endpoint: V[bool] | None = None
    waf: list[str] = field(default_factory=list)
    raw: MapNode | None = None

    @property
    def public(self) -> bool | None:
        if self.endpoint_type is None:
            return True
        if not self.endpoint_type.known:
            return None
        return not self.endpoint_type.is_("PRIVATE")


@dataclass(slots=True, eq=False)
class Permission:
    """A resource-based permission to invoke a function (AWS::Lambda::Permission,
    aws_lambda_permission, or one a framework generates)."""

    id: str
    loc: Location
    function: V[str]
    principal: V[str]
    action: V[str] | None = None
    source_arn: V[str] | None = None
    source_account: V[str] | None = None
    principal_org_id: V[str] | None = None
    function_url_auth_type: V[str] | None = None
    generated: bool = False


@dataclass(slots=True, eq=False)
class Parameter:
    """A template parameter (CloudFormation) or input variable (Terraform)."""

    name: str
    loc: Location
    type: str | None = None
    default: V[Any] | None = None
    no_echo: V[bool] | None = None  # CloudFormation NoEcho / Terraform sensitive


@dataclass(slots=True, eq=False)
class App:
    """One deployable project unit: a template, a serverless.yml, or a Terraform root module."""

    format: SourceFormat
    path: str  # the main file (or directory for Terraform), relative to the scan root
    files: list[str] = field(default_factory=list)
    functions: dict[str, Function] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    apis: dict[str, Api] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    permissions: list[Permission] = field(default_factory=list)
    parameters: dict[str, Parameter] = field(default_factory=dict)

    def resources_of(self, *kinds: ResourceKind) -> list[Resource]:
        return [r for r in self.resources.values() if r.kind in kinds]

    def function_role(self, function: Function) -> Role | None:
        return self.roles.get(function.role) if function.role else None
