"""Plain CloudFormation API Gateway: REST methods, HTTP/WebSocket routes, stages, authorizers."""

from __future__ import annotations

from faasguard.model import ApiKind, AuthKind, TriggerKind
from tests.loaders.cloudformation.helpers import load, where

REST = """
Resources:
  Fn:
    Type: AWS::Lambda::Function
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: shop
      EndpointConfiguration: {Types: [REGIONAL]}
      Policy:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: execute-api:Invoke
            Resource: execute-api:/*
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !GetAtt Api.RootResourceId
      PathPart: orders
  Order:
    Type: AWS::ApiGateway::Resource
    Properties:
      RestApiId: !Ref Api
      ParentId: !Ref Orders
      PathPart: "{id}"
  Pool:
    Type: AWS::Cognito::UserPool
  Users:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref Api
      Name: users
      Type: COGNITO_USER_POOLS
      ProviderARNs: [!GetAtt Pool.Arn]
  GetOrder:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Order
      HttpMethod: GET
      AuthorizationType: COGNITO_USER_POOLS
      AuthorizerId: !Ref Users
      Integration:
        Type: AWS_PROXY
        IntegrationHttpMethod: POST
        Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/\
          ${Fn.Arn}/invocations"
  PostOrders:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: POST
      AuthorizationType: NONE
      ApiKeyRequired: true
      Integration:
        Type: AWS_PROXY
        Uri: !Join
          - ""
          - - "arn:aws:apigateway:"
            - !Ref AWS::Region
            - ":lambda:path/2015-03-31/functions/"
            - !GetAtt Fn.Arn
            - "/invocations"
  Root:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !GetAtt Api.RootResourceId
      HttpMethod: ANY
      Integration: {Type: AWS_PROXY, Uri: !Sub "${Fn.Arn}"}
  Preflight:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: OPTIONS
      Integration: {Type: MOCK}
  Deployment:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      RestApiId: !Ref Api
      DeploymentId: !Ref Deployment
      StageName: prod
      TracingEnabled: false
      MethodSettings:
        - {ResourcePath: "/*", HttpMethod: "*", LoggingLevel: "OFF", ThrottlingRateLimit: 100}
  LegacyStage:
    Type: AWS::ApiGateway::Deployment
    Properties:
      RestApiId: !Ref Api
      StageName: legacy
      StageDescription:
        LoggingLevel: INFO
        AccessLogSetting: {DestinationArn: arn:aws:logs:eu-west-1:1:log-group:legacy}
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties:
      ApiStages: [{ApiId: !Ref Api, Stage: !Ref Stage}]
      Throttle: {BurstLimit: 5, RateLimit: 2}
  Domain:
    Type: AWS::ApiGateway::DomainName
    Properties:
      DomainName: api.example.com
      SecurityPolicy: TLS_1_2
"""


def test_rest_methods_become_routes_with_paths_functions_and_auth() -> None:
    loaded = load(REST)
    assert loaded.problems == [], loaded.messages()
    triggers = {t.name: t for t in loaded.app.triggers}
    assert set(triggers) == {"GetOrder", "PostOrders", "Root"}  # MOCK preflight has no code
    get = triggers["GetOrder"]
    assert (get.kind, get.api, get.method, get.path, get.function) == (
        TriggerKind.REST_API,
        "Api",
        "GET",
        "/orders/{id}",
        "Fn",
    )
    assert get.auth is not None and get.auth.kind is AuthKind.COGNITO
    assert get.auth.authorizer == "Users"
    assert where(get.auth.loc) == loaded.at("COGNITO_USER_POOLS", 2)
    post = triggers["PostOrders"]
    assert post.path == "/orders" and post.function == "Fn"
    assert post.auth is not None and post.auth.kind is AuthKind.API_KEY
    assert post.auth.api_key_required is True
    assert triggers["Root"].path == "/" and triggers["Root"].function == "Fn"
    assert triggers["Root"].auth is not None
    assert triggers["Root"].auth.kind is AuthKind.NONE  # AuthorizationType absent
    assert where(triggers["Root"].auth.loc) == loaded.at("Root:")
    assert all(t.public is True for t in triggers.values())
    assert [t.name for t in loaded.app.functions["Fn"].triggers] == [
        "GetOrder",
        "PostOrders",
        "Root",
    ]


def test_rest_api_stages_plans_policy_and_domain() -> None:
    loaded = load(REST)
    api = loaded.app.apis["Api"]
    assert api.endpoint_type is not None and api.endpoint_type.value == "REGIONAL"
    assert api.authorizers["Users"].kind is AuthKind.COGNITO
    [statement] = api.policy
    assert statement.principals is not None and statement.principals[0].kind == "*"
    stages = {s.name: s for s in api.stages}
    assert set(stages) == {"prod", "legacy"}
    prod = stages["prod"]
    assert prod.tracing is not None and prod.tracing.value is False
    assert prod.execution_logging is not None and prod.execution_logging.value == "OFF"
    assert prod.throttle is not None and prod.throttle.rate is not None
    assert prod.throttle.rate.value == 100.0 and prod.access_log is None
    legacy = stages["legacy"]
    assert legacy.execution_logging is not None and legacy.execution_logging.value == "INFO"
    assert legacy.access_log is not None
    assert api.usage_plan_throttle is not None and api.usage_plan_throttle.burst is not None
    assert api.usage_plan_throttle.burst.value == 5
    domain = loaded.app.resources["Domain"]
    assert domain.tls_policy is not None and domain.tls_policy.value == "TLS_1_2"


HTTP = """
Resources:
  Fn:
    Type: AWS::Lambda::Function
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
      CorsConfiguration: {AllowOrigins: ["*"], AllowCredentials: true}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Http
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Http
      AuthorizerType: JWT
      Name: jwt
  Secure:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: GET /orders
      AuthorizationType: JWT
      AuthorizerId: !Ref Jwt
      AuthorizationScopes: [orders/read]
      Target: !Sub integrations/${Integration}
  Open:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Http
      RouteKey: POST /webhook
      Target: !Join [/, [integrations, !Ref Integration]]
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Http
      StageName: $default
      DefaultRouteSettings: {ThrottlingBurstLimit: 50, ThrottlingRateLimit: 20}
  Quick:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
      Target: !GetAtt Fn.Arn
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Socket
      RouteKey: $connect
      AuthorizationType: AWS_IAM
      Target: !Sub integrations/${Integration}
"""


def test_http_and_websocket_routes() -> None:
    loaded = load(HTTP)
    assert loaded.problems == [], loaded.messages()
    triggers = {t.name: t for t in loaded.app.triggers}
    secure = triggers["Secure"]
    assert (secure.kind, secure.method, secure.path, secure.function) == (
        TriggerKind.HTTP_API,
        "GET",
        "/orders",
        "Fn",
    )
    assert secure.auth is not None and secure.auth.kind is AuthKind.JWT
    assert secure.auth.scopes == ("orders/read",) and secure.auth.authorizer == "Jwt"
    open_ = triggers["Open"]
    assert open_.function == "Fn"
    assert open_.auth is not None and open_.auth.kind is AuthKind.NONE
    assert where(open_.auth.loc) == loaded.at("Open:")
    assert open_.cors is not None and open_.cors.allow_credentials is not None
    quick = triggers["Quick"]
    assert (quick.method, quick.path, quick.function) == ("ANY", "$default", "Fn")
    assert quick.auth is not None and quick.auth.kind is AuthKind.NONE
    connect = triggers["Connect"]
    assert connect.kind is TriggerKind.WEBSOCKET and connect.path == "$connect"
    assert connect.auth is not None and connect.auth.kind is AuthKind.IAM
    assert loaded.app.apis["Socket"].kind is ApiKind.WEBSOCKET
    [stage] = loaded.app.apis["Http"].stages
    assert stage.throttle is not None and stage.throttle.burst is not None
    assert stage.throttle.burst.value == 50
