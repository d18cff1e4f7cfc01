"""HTTP entry points: http, httpApi, websocket, alb events and function URLs, with their auth."""

from __future__ import annotations

from faasguard.model import AuthKind, Ref, TriggerKind, Unresolved
from tests.loaders.serverless.helpers import load, where

REST = """
service: shop
provider:
  name: aws
  endpointType: REGIONAL
functions:
  auth:
    handler: auth.handler
  api:
    handler: api.handler
    events:
      - http: GET open
      - http:
          path: /by-function
          method: post
          authorizer: auth
      - http:
          path: by-lambda-arn
          method: get
          authorizer: arn:aws:lambda:eu-west-1:111111111111:function:ext-auth
      - http:
          path: by-pool
          method: get
          authorizer:
            arn: arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc
            scopes: [orders/read]
      - http:
          path: iam
          method: any
          authorizer: aws_iam
      - http:
          path: typed
          method: get
          authorizer:
            type: COGNITO_USER_POOLS
            authorizerId: !Ref PoolAuthorizer
      - http:
          path: keyed
          method: get
          private: true
      - http:
          path: keyed-and-authorized
          method: get
          private: true
          authorizer: auth
      - http:
          path: missing
          method: get
          authorizer: notAFunction
      - http:
          path: cors
          method: get
          cors: true
resources:
  Resources:
    PoolAuthorizer:
      Type: AWS::ApiGateway::Authorizer
"""


def test_rest_routes_and_their_auth() -> None:
    loaded = load(REST)
    triggers = {t.path: t for t in loaded.app.functions["api"].triggers}
    open_route = triggers["/open"]
    assert open_route.kind is TriggerKind.REST_API
    assert (open_route.method, open_route.api, open_route.public) == (
        "GET",
        "ApiGatewayRestApi",
        True,
    )
    assert open_route.name == "api.events[0]" and open_route.function == "api"
    assert open_route.auth is not None and open_route.auth.kind is AuthKind.NONE
    assert where(open_route.auth.loc) == loaded.at("http: GET open")
    expected = {
        "/by-function": (AuthKind.LAMBDA, "auth"),
        "/by-lambda-arn": (AuthKind.LAMBDA, "ext-auth"),
        "/by-pool": (AuthKind.COGNITO, "eu-west-1_abc"),
        "/iam": (AuthKind.IAM, None),
        "/typed": (AuthKind.COGNITO, None),
        "/keyed": (AuthKind.API_KEY, None),
        "/keyed-and-authorized": (AuthKind.LAMBDA, "auth"),
        "/missing": (AuthKind.UNKNOWN, "notAFunction"),
    }
    for path, (kind, name) in expected.items():
        auth = triggers[path].auth
        assert auth is not None and (auth.kind, auth.authorizer) == (kind, name), path
    assert triggers["/iam"].method == "ANY"
    assert triggers["/by-pool"].auth is not None and triggers["/by-pool"].auth.scopes == (
        "orders/read",
    )
    keyed = triggers["/keyed"].auth
    assert keyed is not None and keyed.api_key_required
    assert where(keyed.loc) == loaded.at("private: true")
    both = triggers["/keyed-and-authorized"].auth
    assert both is not None and both.api_key_required
    assert where(both.loc) == loaded.at("authorizer: auth", 2)
    assert loaded.problem_at("'notAFunction' is not a function").start_line == loaded.line(
        "authorizer: notAFunction"
    )
    cors = triggers["/cors"].cors
    assert cors is not None and [o.value for o in cors.allow_origins] == ["*"]


def test_routes_get_an_api_gateway_permission() -> None:
    loaded = load(REST)
    granted = {p.id: p for p in loaded.app.permissions}["ApiLambdaPermissionApiGateway"]
    assert granted.generated and granted.principal.value == "apigateway.amazonaws.com"
    assert granted.function.value == Ref("api", "Arn")
    assert granted.source_arn is not None and isinstance(granted.source_arn.value, Unresolved)
    assert granted.source_arn.value.refs == ("ApiGatewayRestApi",)


def test_rest_api_object() -> None:
    loaded = load(REST)
    api = loaded.app.apis["ApiGatewayRestApi"]
    assert api.endpoint_type is not None and api.endpoint_type.value == "REGIONAL"
    assert api.public is True
    assert set(api.authorizers) == {"auth", "ext-auth", "eu-west-1_abc", "notAFunction"}
    assert api.authorizers["auth"].kind is AuthKind.LAMBDA
    assert [s.name for s in api.stages] == ["dev"]
    assert api.stages[0].access_log is None


def test_private_endpoint_is_not_public() -> None:
    loaded = load(REST.replace("REGIONAL", "PRIVATE"))
    assert all(t.public is False for t in loaded.app.functions["api"].triggers)


def test_external_rest_api() -> None:
    text = REST.replace("  endpointType: REGIONAL\n", "  apiGateway:\n    restApiId: abc123\n")
    loaded = load(text)
    assert "ApiGatewayRestApi" not in loaded.app.apis
    route = loaded.app.functions["api"].triggers[0]
    assert route.api is None and route.public is None


HTTP_API = """
service: shop
provider:
  name: aws
  httpApi:
    cors:
      allowedOrigins: ["https://shop.example"]
      allowCredentials: true
    authorizers:
      jwtAuth:
        identitySource: $request.header.Authorization
        issuerUrl: https://issuer.example
        audience: [client]
      lambdaAuth:
        type: request
        functionName: auth
functions:
  auth:
    handler: auth.handler
  api:
    handler: api.handler
    events:
      - httpApi: GET /open
      - httpApi: "*"
      - httpApi:
          method: POST
          path: /jwt
          authorizer:
            name: jwtAuth
            scopes: [orders/write]
      - httpApi:
          method: GET
          path: /lambda
          authorizer:
            name: lambdaAuth
      - httpApi:
          method: GET
          path: /iam
          authorizer:
            type: aws_iam
      - httpApi:
          method: GET
          path: /external
          authorizer:
            id: abc123
      - httpApi:
          method: GET
          path: /undefined
          authorizer:
            name: nope
"""


def test_http_api_routes_and_their_auth() -> None:
    loaded = load(HTTP_API)
    triggers = {t.path: t for t in loaded.app.functions["api"].triggers}
    assert all(t.kind is TriggerKind.HTTP_API and t.public for t in triggers.values())
    assert (triggers["/open"].method, triggers["*"].method) == ("GET", "ANY")
    expected = {
        "/open": AuthKind.NONE,
        "*": AuthKind.NONE,
        "/jwt": AuthKind.JWT,
        "/lambda": AuthKind.LAMBDA,
        "/iam": AuthKind.IAM,
        "/external": AuthKind.UNKNOWN,
        "/undefined": AuthKind.UNKNOWN,
    }
    for path, kind in expected.items():
        auth = triggers[path].auth
        assert auth is not None and auth.kind is kind, path
    jwt = triggers["/jwt"].auth
    assert jwt is not None and jwt.scopes == ("orders/write",)
    assert where(jwt.loc) == loaded.at("authorizer:")
    none = triggers["/open"].auth
    assert none is not None and where(none.loc) == loaded.at("httpApi: GET /open")
    assert loaded.problem_at("'nope' is not defined").start_line == loaded.line("name: nope") - 1
    cors = triggers["/jwt"].cors
    assert cors is not None and [o.value for o in cors.allow_origins] == ["https://shop.example"]
    assert cors.allow_credentials is not None and cors.allow_credentials.value is True


def test_http_api_object() -> None:
    loaded = load(HTTP_API)
    api = loaded.app.apis["HttpApi"]
    assert api.public is True
    assert {name: a.kind for name, a in api.authorizers.items()} == {
        "jwtAuth": AuthKind.JWT,
        "lambdaAuth": AuthKind.LAMBDA,
    }
    assert where(api.authorizers["jwtAuth"].loc) == loaded.at("jwtAuth:")
    assert [s.name for s in api.stages] == ["$default"]


WEBSOCKET = """
service: chat
provider:
  name: aws
functions:
  auth:
    handler: auth.handler
  connect:
    handler: connect.handler
    events:
      - websocket:
          route: $connect
          authorizer: auth
  message:
    handler: message.handler
    events:
      - websocket: $default
"""


def test_websocket_routes_take_the_connect_auth() -> None:
    loaded = load(WEBSOCKET)
    connect = loaded.app.functions["connect"].triggers[0]
    message = loaded.app.functions["message"].triggers[0]
    assert connect.kind is TriggerKind.WEBSOCKET and connect.path == "$connect"
    assert connect.api == "WebsocketsApi" and connect.public
    assert connect.auth is not None and connect.auth.kind is AuthKind.LAMBDA
    assert message.auth is not None and message.auth.kind is AuthKind.LAMBDA
    assert where(message.auth.loc) == loaded.at("authorizer: auth")


def test_websocket_without_connect_route_is_open() -> None:
    text = WEBSOCKET.replace("          authorizer: auth\n", "")
    loaded = load(text)
    message = loaded.app.functions["message"].triggers[0]
    assert message.auth is not None and message.auth.kind is AuthKind.NONE
    assert where(message.auth.loc) == loaded.at("websocket:")  # the $connect event


ALB = """
service: web
provider:
  name: aws
  alb:
    authorizers:
      login:
        type: cognito
        userPoolArn: arn:aws:cognito-idp:eu-west-1:111111111111:userpool/x
functions:
  site:
    handler: site.handler
    events:
      - alb:
          listenerArn: !Ref Listener
          priority: 1
          conditions:
            path: /site
            method: [GET, POST]
      - alb:
          listenerArn: !Ref Listener
          priority: 2
          authorizer: login
          conditions:
            path: /account
resources:
  Resources:
    Balancer:
      Type: AWS::ElasticLoadBalancingV2::LoadBalancer
      Properties:
        Scheme: SCHEME
    Listener:
      Type: AWS::ElasticLoadBalancingV2::Listener
      Properties:
        LoadBalancerArn: !Ref Balancer
"""


def test_alb_routes_public_by_the_scheme() -> None:
    loaded = load(ALB.replace("SCHEME", "internet-facing"))
    site, account = loaded.app.functions["site"].triggers
    assert site.kind is TriggerKind.ALB
    assert (site.path, site.method) == ("/site", "GET,POST")
    assert site.public is True
    assert site.auth is not None and site.auth.kind is AuthKind.NONE
    assert account.auth is not None and account.auth.kind is AuthKind.COGNITO
    internal = load(ALB.replace("SCHEME", "internal"))
    assert all(t.public is False for t in internal.app.functions["site"].triggers)


def test_alb_with_listener_outside_the_file_is_unknown() -> None:
    loaded = load(ALB.replace("!Ref Listener", "arn:aws:elasticloadbalancing:x"))
    assert all(t.public is None for t in loaded.app.functions["site"].triggers)


URLS = """
service: s
provider:
  name: aws
functions:
  open:
    handler: a.a
    url: true
  iam:
    handler: b.b
    url:
      authorizer: aws_iam
      invokeMode: RESPONSE_STREAM
      cors:
        allowedOrigins: ["*"]
        allowCredentials: true
  disabled:
    handler: c.c
    url: false
  unknown:
    handler: d.d
    url: ${ssm:/flag}
"""


def test_function_urls() -> None:
    loaded = load(URLS)
    functions = loaded.app.functions
    open_url = functions["open"].url
    assert open_url is not None and open_url.auth_type is not None
    assert (open_url.auth_type.value, where(open_url.auth_type)) == ("NONE", loaded.at("url: true"))
    trigger = functions["open"].triggers[0]
    assert trigger.kind is TriggerKind.FUNCTION_URL and trigger.public
    assert trigger.auth is not None and trigger.auth.kind is AuthKind.NONE
    iam = functions["iam"].url
    assert iam is not None and iam.auth_type is not None and iam.auth_type.value == "AWS_IAM"
    assert where(iam.auth_type) == loaded.at("aws_iam")
    assert iam.invoke_mode is not None and iam.invoke_mode.value == "RESPONSE_STREAM"
    assert iam.cors is not None and iam.cors.allow_credentials is not None
    assert functions["iam"].triggers[0].auth is not None
    assert functions["iam"].triggers[0].auth.kind is AuthKind.IAM
    assert functions["disabled"].url is None and functions["disabled"].triggers == []
    unknown = functions["unknown"].url
    assert unknown is not None and unknown.auth_type is not None
    assert isinstance(unknown.auth_type.value, Unresolved)
    assert functions["unknown"].triggers[0].auth is not None
    assert functions["unknown"].triggers[0].auth.kind is AuthKind.UNKNOWN


def test_open_function_url_gets_a_public_permission() -> None:
    loaded = load(URLS)
    urls = {p.id: p for p in loaded.app.permissions if p.function_url_auth_type is not None}
    assert set(urls) == {"OpenLambdaPermissionFnUrl"}
    granted = urls["OpenLambdaPermissionFnUrl"]
    assert granted.principal.value == "*" and granted.generated
    assert granted.function.value == Ref("open", "Arn")
    assert granted.action is not None and granted.action.value == "lambda:InvokeFunctionUrl"
