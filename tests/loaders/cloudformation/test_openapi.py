"""Routes declared in an API's inline OpenAPI document."""

from __future__ import annotations

from faasguard.model import AuthKind, TriggerKind
from tests.loaders.cloudformation.helpers import load, where

TEMPLATE = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Declared:
          Type: Api
          Properties: {RestApiId: !Ref Api, Path: /orders, Method: get}
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        openapi: "3.0.1"
        security:
          - users: []
        components:
          securitySchemes:
            users:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: cognito_user_pools
            key:
              type: apiKey
              name: x-api-key
              in: header
        paths:
          /orders:
            get:
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/${Fn.Arn}/invocations
            post:
              security: []
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/${Fn.Arn}/invocations
          /partner:
            x-amazon-apigateway-any-method:
              security:
                - key: []
              x-amazon-apigateway-integration:
                type: aws_proxy
                uri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/${Fn.Arn}/invocations
          /health:
            get:
              x-amazon-apigateway-integration: {type: mock}
"""


def test_document_routes_and_their_security() -> None:
    loaded = load(TEMPLATE)
    assert loaded.problems == [], loaded.messages()
    routes = {(t.method, t.path): t for t in loaded.app.triggers}
    assert set(routes) == {("GET", "/orders"), ("POST", "/orders"), ("ANY", "/partner")}
    assert routes[("GET", "/orders")].name == "Declared"  # the event, not a duplicate
    post = routes[("POST", "/orders")]
    assert post.kind is TriggerKind.REST_API and post.function == "Fn" and post.public is True
    assert post.auth is not None and post.auth.kind is AuthKind.NONE
    assert where(post.auth.loc) == loaded.at("security: []")
    partner = routes[("ANY", "/partner")]
    assert partner.auth is not None and partner.auth.kind is AuthKind.API_KEY


def test_document_default_security_applies() -> None:
    loaded = load(
        TEMPLATE.replace("            post:\n              security: []\n", "            post:\n")
    )
    post = next(t for t in loaded.app.triggers if t.method == "POST")
    assert post.auth is not None and post.auth.kind is AuthKind.COGNITO
    assert post.auth.authorizer == "users"
