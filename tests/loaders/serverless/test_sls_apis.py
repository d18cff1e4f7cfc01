"""The APIs the framework creates, with the provider's API settings."""

from __future__ import annotations

from faasguard.model import ApiKind, Ref, ResourceKind
from tests.loaders.serverless.helpers import load, texts, where

APIS = """
service: shop
provider:
  name: aws
  stage: prod
  apiName: shop-api
  logRetentionInDays: 30
  tracing:
    apiGateway: true
  logs:
    restApi:
      level: ERROR
    httpApi: true
    websocket:
      accessLogging: false
  apiGateway:
    disableDefaultEndpoint: true
    apiKeys: [partner]
    usagePlan:
      throttle:
        burstLimit: 200
        rateLimit: 100
    resourcePolicy:
      - Effect: Allow
        Principal: "*"
        Action: execute-api:Invoke
        Resource: execute-api:/*
        Condition:
          IpAddress:
            aws:SourceIp: [10.0.0.0/8]
  httpApi:
    name: shop-http
    disableDefaultApiEndpoint: false
  websocketsApiName: shop-ws
functions:
  f:
    handler: a.a
    events:
      - http: GET /rest
      - httpApi: GET /http
      - websocket: $connect
"""


def test_rest_api_settings() -> None:
    loaded = load(APIS)
    api = loaded.app.apis["ApiGatewayRestApi"]
    assert api.kind is ApiKind.REST and api.name is not None and api.name.value == "shop-api"
    assert where(api.loc) == loaded.at("apiGateway:\n")
    assert api.disable_default_endpoint is not None and api.disable_default_endpoint.value is True
    throttle = api.usage_plan_throttle
    assert throttle is not None and throttle.burst is not None and throttle.rate is not None
    assert (throttle.burst.value, throttle.rate.value) == (200, 100.0)
    assert where(throttle.burst) == loaded.at("200")
    statement = api.policy[0]
    assert statement.principals is not None and statement.principals[0].kind == "*"
    assert texts(statement.conditions["IpAddress"]["aws:SourceIp"]) == ["10.0.0.0/8"]
    stage = api.stages[0]
    assert stage.name == "prod"
    assert where(stage.loc) == loaded.at("restApi:")
    assert stage.access_log is not None and stage.access_log.value == Ref(
        "ApiGatewayLogGroup", "Arn"
    )
    assert stage.execution_logging is not None and stage.execution_logging.value == "ERROR"
    assert stage.tracing is not None and stage.tracing.value is True
    group = loaded.app.resources["ApiGatewayLogGroup"]
    assert group.kind is ResourceKind.LOG_GROUP
    assert group.name is not None and group.name.value == "/aws/api-gateway/shop-prod"
    assert group.retention_days is not None and group.retention_days.value == 30


def test_http_and_websocket_api_settings() -> None:
    loaded = load(APIS)
    http = loaded.app.apis["HttpApi"]
    assert http.name is not None and http.name.value == "shop-http"
    assert http.stages[0].access_log is not None
    assert http.stages[0].access_log.value == Ref("HttpApiLogGroup", "Arn")
    ws = loaded.app.apis["WebsocketsApi"]
    assert ws.kind is ApiKind.WEBSOCKET and ws.name is not None and ws.name.value == "shop-ws"
    assert ws.stages[0].access_log is None  # accessLogging: false
    assert ws.stages[0].execution_logging is not None
    assert ws.stages[0].execution_logging.value == "INFO"


def test_apis_without_logs() -> None:
    loaded = load(
        "service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.a\n"
        "    events:\n      - http: GET /\n      - httpApi: GET /\n"
    )
    rest, http = loaded.app.apis["ApiGatewayRestApi"], loaded.app.apis["HttpApi"]
    assert rest.stages[0].access_log is None and rest.stages[0].execution_logging is None
    assert rest.stages[0].tracing is None and rest.usage_plan_throttle is None
    assert http.stages[0].access_log is None
    assert rest.endpoint_type is None and rest.public is True
    assert where(rest.loc) == loaded.at("provider:")


def test_usage_plans_as_a_list() -> None:
    plans = (
        "    usagePlan:\n"
        "      - free:\n"
        "          quota: {limit: 100}\n"
        "      - paid:\n"
        "          throttle:\n"
        "            burstLimit: 200\n"
        "            rateLimit: 100\n"
    )
    start = APIS.index("    usagePlan:")
    end = APIS.index("    resourcePolicy:")
    throttle = load(APIS[:start] + plans + APIS[end:]).app.apis["ApiGatewayRestApi"]
    assert throttle.usage_plan_throttle is not None
    assert throttle.usage_plan_throttle.burst is not None
    assert throttle.usage_plan_throttle.burst.value == 200


def test_no_api_without_events() -> None:
    loaded = load("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.a\n")
    assert loaded.app.apis == {}
