"""SAM function Events: every type, implicit APIs, and how each HTTP route is authenticated."""

from __future__ import annotations

import pytest

from faasguard.model import ApiKind, AuthKind, Ref, Trigger, TriggerKind
from tests.loaders.cloudformation.helpers import Loaded, load, texts, where


def function_with(events: str, extra: str = "", globals_: str = "") -> Loaded:
    body = "\n".join("        " + line for line in events.strip("\n").splitlines())
    return load(
        f"""
Transform: AWS::Serverless-2016-10-31
{globals_}
Resources:
{extra}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Events:
{body}
"""
    )


def only_trigger(loaded: Loaded) -> Trigger:
    [trigger] = loaded.app.functions["Fn"].triggers
    return trigger


PULL = [
    ("S3", "Bucket: !Ref Bucket\nEvents: s3:ObjectCreated:*", TriggerKind.S3, Ref("Bucket")),
    ("SQS", "Queue: !GetAtt Queue.Arn", TriggerKind.SQS, Ref("Queue", "Arn")),
    ("SNS", "Topic: !Ref Topic", TriggerKind.SNS, Ref("Topic")),
    ("Kinesis", "Stream: !GetAtt Stream.Arn", TriggerKind.KINESIS, Ref("Stream", "Arn")),
    (
        "DynamoDB",
        "Stream: !GetAtt Table.StreamArn",
        TriggerKind.DYNAMODB_STREAM,
        Ref("Table", "StreamArn"),
    ),
    ("Schedule", "Schedule: rate(5 minutes)", TriggerKind.SCHEDULE, None),
    ("ScheduleV2", "ScheduleExpression: rate(1 day)", TriggerKind.SCHEDULE, None),
    (
        "EventBridgeRule",
        "EventBusName: orders\nPattern: {source: [shop]}",
        TriggerKind.EVENTBRIDGE,
        "orders",
    ),
    ("CloudWatchEvent", "Pattern: {source: [aws.ec2]}", TriggerKind.EVENTBRIDGE, None),
    (
        "CloudWatchLogs",
        "LogGroupName: /app/logs\nFilterPattern: ERROR",
        TriggerKind.CLOUDWATCH_LOGS,
        "/app/logs",
    ),
    ("Cognito", "UserPool: !Ref Pool\nTrigger: PreSignUp", TriggerKind.COGNITO, Ref("Pool")),
    ("IoTRule", "Sql: SELECT * FROM 'topic'", TriggerKind.IOT, None),
    (
        "MSK",
        "Stream: arn:aws:kafka:eu-west-1:1:cluster/c\nTopics: [t]",
        TriggerKind.KAFKA,
        "arn:aws:kafka:eu-west-1:1:cluster/c",
    ),
    (
        "MQ",
        "Broker: arn:aws:mq:eu-west-1:1:broker:b\nQueues: [q]",
        TriggerKind.MQ,
        "arn:aws:mq:eu-west-1:1:broker:b",
    ),
    ("SelfManagedKafka", "KafkaBootstrapServers: [b:9092]\nTopics: [t]", TriggerKind.KAFKA, None),
    ("AlexaSkill", "SkillId: amzn1.ask.skill.1", TriggerKind.OTHER, "amzn1.ask.skill.1"),
    (
        "DocumentDB",
        "Cluster: arn:aws:rds:eu-west-1:1:cluster:d",
        TriggerKind.OTHER,
        "arn:aws:rds:eu-west-1:1:cluster:d",
    ),
]
RESOURCES = """
  Bucket: {Type: AWS::S3::Bucket}
  Queue: {Type: AWS::SQS::Queue}
  Topic: {Type: AWS::SNS::Topic}
  Stream: {Type: AWS::Kinesis::Stream}
  Table: {Type: AWS::DynamoDB::Table}
  Pool: {Type: AWS::Cognito::UserPool}
"""


@pytest.mark.parametrize(("type_", "props", "kind", "source"), PULL, ids=[p[0] for p in PULL])
def test_internal_events(type_: str, props: str, kind: TriggerKind, source: object) -> None:
    inner = "\n".join("      " + line for line in props.splitlines())
    loaded = function_with(f"Ev:\n  Type: {type_}\n  Properties:\n{inner}", RESOURCES)
    assert loaded.problems == [], loaded.messages()
    trigger = only_trigger(loaded)
    assert trigger.kind is kind
    assert trigger.public is False and trigger.auth is None
    assert trigger.name == "Ev" and trigger.function == "Fn"
    assert where(trigger.loc) == loaded.at("Ev:")
    assert (trigger.source.value if trigger.source else None) == source
    assert trigger in loaded.app.triggers


def test_pull_events_add_sams_managed_policy_to_the_generated_role() -> None:
    loaded = function_with(
        "Q:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Queue.Arn", RESOURCES
    )
    policies = texts(loaded.app.roles["FnRole"].managed_policies)
    assert "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole" in policies


def test_unknown_event_type_is_reported_and_kept() -> None:
    loaded = function_with("Odd:\n  Type: Carrier Pigeon")
    assert only_trigger(loaded).kind is TriggerKind.OTHER
    assert loaded.problem_at("unknown event type").start_line == loaded.line("Carrier")


def test_api_event_without_rest_api_id_creates_the_implicit_api_with_globals() -> None:
    loaded = function_with(
        "Get:\n  Type: Api\n  Properties:\n    Path: /items\n    Method: get",
        globals_="Globals:\n  Api:\n    TracingEnabled: true\n    EndpointConfiguration: REGIONAL",
    )
    trigger = only_trigger(loaded)
    api = loaded.app.apis["ServerlessRestApi"]
    assert api.kind is ApiKind.REST and api.public is True
    assert api.endpoint_type is not None and api.endpoint_type.value == "REGIONAL"
    [stage] = api.stages
    assert stage.name == "Prod" and stage.tracing is not None and stage.tracing.value is True
    assert (trigger.kind, trigger.api, trigger.method, trigger.path) == (
        TriggerKind.REST_API,
        "ServerlessRestApi",
        "GET",
        "/items",
    )
    assert trigger.public is True
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.NONE
    assert where(trigger.auth.loc) == loaded.at("Get:")  # where an authorizer should go


REST_API = """
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      EndpointConfiguration: {Type: PRIVATE}
      TracingEnabled: true
      AccessLogSetting: {DestinationArn: arn:aws:logs:eu-west-1:1:log-group:access}
      MethodSettings:
        - ResourcePath: "/*"
          HttpMethod: "*"
          LoggingLevel: ERROR
          ThrottlingBurstLimit: 10
          ThrottlingRateLimit: 5
      Cors:
        AllowOrigin: "'https://shop.example'"
        AllowCredentials: true
      Auth:
        DefaultAuthorizer: Users
        AddDefaultAuthorizerToCorsPreflight: false
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:eu-west-1:1:userpool/p}
          Custom: {FunctionArn: arn:aws:lambda:eu-west-1:1:function:auth}
        ResourcePolicy:
          AwsAccountWhitelist: ["111111111111"]
          IpRangeBlacklist: [10.0.0.0/8]
        UsagePlan:
          CreateUsagePlan: PER_API
          Throttle: {BurstLimit: 100, RateLimit: 50}
      Domain:
        DomainName: api.shop.example
        CertificateArn: arn:aws:acm:eu-west-1:1:certificate/c
        SecurityPolicy: TLS_1_0
"""

REST_EVENTS = """
Default:
  Type: Api
  Properties: {RestApiId: !Ref Api, Path: /a, Method: GET}
Open:
  Type: Api
  Properties:
    RestApiId: !Ref Api
    Path: /b
    Method: GET
    Auth: {Authorizer: NONE}
Iam:
  Type: Api
  Properties:
    RestApiId: !Ref Api
    Path: /c
    Method: POST
    Auth: {Authorizer: AWS_IAM}
Lambda:
  Type: Api
  Properties:
    RestApiId: !Ref Api
    Path: /d
    Method: POST
    Auth: {Authorizer: Custom, ApiKeyRequired: true}
KeyOnly:
  Type: Api
  Properties:
    RestApiId: !Ref Api
    Path: /e
    Method: POST
    Auth: {Authorizer: NONE, ApiKeyRequired: true}
Preflight:
  Type: Api
  Properties: {RestApiId: !Ref Api, Path: /a, Method: OPTIONS}
Missing:
  Type: Api
  Properties:
    RestApiId: !Ref Api
    Path: /f
    Method: GET
    Auth: {Authorizer: Nobody}
"""


def rest() -> tuple[Loaded, dict[str, Trigger]]:
    loaded = function_with(REST_EVENTS, REST_API)
    return loaded, {t.name: t for t in loaded.app.functions["Fn"].triggers}


def test_rest_api_settings() -> None:
    loaded, _ = rest()
    api = loaded.app.apis["Api"]
    assert api.public is False  # PRIVATE endpoint
    [stage] = api.stages
    assert stage.name == "v1"
    assert stage.access_log is not None and stage.access_log.text().endswith(":access")
    assert stage.execution_logging is not None and stage.execution_logging.value == "ERROR"
    assert stage.throttle is not None and stage.throttle.burst is not None
    assert stage.throttle.burst.value == 10
    assert api.cors is not None and texts(api.cors.allow_origins) == ["https://shop.example"]
    assert api.usage_plan_throttle is not None and api.usage_plan_throttle.rate is not None
    assert api.usage_plan_throttle.rate.value == 50.0
    assert {name: a.kind for name, a in api.authorizers.items()} == {
        "Users": AuthKind.COGNITO,
        "Custom": AuthKind.LAMBDA,
    }
    domain = loaded.app.resources["ApiDomain"]
    assert domain.tls_policy is not None and domain.tls_policy.value == "TLS_1_0"
    assert where(domain.tls_policy) == loaded.at("TLS_1_0")


def test_rest_api_resource_policy_lists_become_statements() -> None:
    loaded, _ = rest()
    policy = loaded.app.apis["Api"].policy
    assert [(s.effect.value, texts(s.actions)) for s in policy] == [
        ("Allow", ["execute-api:Invoke"]),
        ("Deny", ["execute-api:Invoke"]),
    ]
    allow, deny = policy
    assert allow.principals is not None and allow.principals[0].value.value == "111111111111"
    assert texts(deny.conditions["IpAddress"]["aws:SourceIp"]) == ["10.0.0.0/8"]


@pytest.mark.parametrize(
    ("event", "kind", "authorizer", "api_key"),
    [
        ("Default", AuthKind.COGNITO, "Users", False),
        ("Open", AuthKind.NONE, None, False),
        ("Iam", AuthKind.IAM, "AWS_IAM", False),
        ("Lambda", AuthKind.LAMBDA, "Custom", True),
        ("KeyOnly", AuthKind.API_KEY, None, True),
        ("Preflight", AuthKind.NONE, None, False),  # AddDefaultAuthorizerToCorsPreflight: false
        ("Missing", AuthKind.UNKNOWN, "Nobody", False),
    ],
)
def test_rest_event_auth(event: str, kind: AuthKind, authorizer: str | None, api_key: bool) -> None:
    _, triggers = rest()
    auth = triggers[event].auth
    assert auth is not None
    assert (auth.kind, auth.authorizer, auth.api_key_required) == (kind, authorizer, api_key)
    assert triggers[event].public is False


def test_auth_locations() -> None:
    loaded, triggers = rest()
    assert triggers["Default"].auth is not None
    assert where(triggers["Default"].auth.loc) == loaded.at("Users", 1)  # DefaultAuthorizer
    assert triggers["Open"].auth is not None
    assert where(triggers["Open"].auth.loc) == loaded.at("NONE}")
    assert loaded.problem_at("'Nobody' is not defined").start_line == loaded.line("Nobody")


HTTP_API = """
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      CorsConfiguration: true
      AccessLogSettings: {DestinationArn: arn:aws:logs:eu-west-1:1:log-group:http}
      DefaultRouteSettings: {ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10}
      Auth:
        EnableIamAuthorizer: true
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            IdentitySource: $request.header.Authorization
            JwtConfiguration: {issuer: https://issuer, audience: [a]}
          Lambda:
            FunctionArn: arn:aws:lambda:eu-west-1:1:function:auth
"""

HTTP_EVENTS = """
Default:
  Type: HttpApi
  Properties: {ApiId: !Ref Http, Path: /a, Method: GET, Auth: {AuthorizationScopes: [read]}}
Lambda:
  Type: HttpApi
  Properties: {ApiId: !Ref Http, Path: /b, Method: POST, Auth: {Authorizer: Lambda}}
Iam:
  Type: HttpApi
  Properties: {ApiId: !Ref Http, Path: /c, Method: POST, Auth: {Authorizer: AWS_IAM}}
Open:
  Type: HttpApi
  Properties: {ApiId: !Ref Http, Path: /d, Method: GET, Auth: {Authorizer: NONE}}
CatchAll:
  Type: HttpApi
"""


def test_http_api_events() -> None:
    loaded = function_with(HTTP_EVENTS, HTTP_API)
    triggers = {t.name: t for t in loaded.app.functions["Fn"].triggers}
    kinds = {name: t.auth.kind for name, t in triggers.items() if t.auth is not None}
    assert kinds == {
        "Default": AuthKind.JWT,
        "Lambda": AuthKind.LAMBDA,
        "Iam": AuthKind.IAM,
        "Open": AuthKind.NONE,
        "CatchAll": AuthKind.NONE,  # implicit API without a default authorizer
    }
    default = triggers["Default"].auth
    assert default is not None and default.scopes == ("read",) and default.authorizer == "Jwt"
    assert triggers["Default"].kind is TriggerKind.HTTP_API
    catch_all = triggers["CatchAll"]
    assert (catch_all.api, catch_all.method, catch_all.path) == (
        "ServerlessHttpApi",
        "ANY",
        "$default",
    )
    api = loaded.app.apis["Http"]
    assert api.cors is not None and texts(api.cors.allow_origins) == ["*"]
    [stage] = api.stages
    assert stage.name == "$default" and stage.throttle is not None
    assert stage.access_log is not None and stage.access_log.text().endswith(":http")
    assert loaded.problems == []


def test_event_on_an_api_of_another_stack_is_reported_with_unknown_auth() -> None:
    loaded = function_with(
        "Ev:\n  Type: Api\n  Properties:\n    RestApiId: !ImportValue shared-api\n"
        "    Path: /x\n    Method: GET"
    )
    trigger = only_trigger(loaded)
    assert trigger.api is None and trigger.public is None
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.UNKNOWN
    assert loaded.problem_at("RestApiId is not an API")


def test_event_resource_policy_is_added_to_the_api() -> None:
    loaded = function_with(
        "Ev:\n  Type: Api\n  Properties:\n    Path: /x\n    Method: GET\n    Auth:\n"
        "      ResourcePolicy:\n        CustomStatements:\n          - Effect: Deny\n"
        "            Principal: '*'\n            Action: execute-api:Invoke\n"
        "            Resource: execute-api:/*"
    )
    [statement] = loaded.app.apis["ServerlessRestApi"].policy
    assert statement.effect.value == "Deny"
    assert where(statement.loc) == loaded.at("Effect: Deny")
