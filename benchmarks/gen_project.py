"""Generate a synthetic serverless project for scan benchmarks.

`python benchmarks/gen_project.py OUT --functions 1000 --format sam|serverless|terraform`

Each function has an HTTP route (every third one without auth), an inline policy (some with
wildcards), environment variables (some secret-looking literals), and a queue or bucket, so the
scanners have real work. Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _token(i: int) -> str:
    """A literal secret for every fourth function, a parameter reference otherwise."""
    return "tok_" + format(i * 7919, "x") * 4 if i % 4 == 0 else "!Ref Tok"


def sam(n: int) -> str:
    out = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Globals:",
        "  Function:",
        "    Runtime: python3.12",
        "    Timeout: 10",
        "Resources:",
        "  Api:",
        "    Type: AWS::Serverless::HttpApi",
        "    Properties:",
        "      Auth:",
        "        Authorizers:",
        "          Jwt:",
        "            JwtConfiguration:",
        "              issuer: https://issuer.example.com",
        "              audience: [api]",
        "            IdentitySource: $request.header.Authorization",
    ]
    for i in range(n):
        auth = "NONE" if i % 3 == 0 else "Jwt"
        action = "'dynamodb:*'" if i % 5 == 0 else "dynamodb:GetItem"
        out += [
            f"  Table{i}:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
            "      BillingMode: PAY_PER_REQUEST",
            "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
            "      KeySchema: [{AttributeName: id, KeyType: HASH}]",
            f"  Fn{i}:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            f"      Handler: app{i}.handler",
            "      CodeUri: src/",
            "      Environment:",
            "        Variables:",
            f"          TABLE: !Ref Table{i}",
            f"          API_TOKEN: {_token(i)}",
            "      Policies:",
            "        - Version: '2012-10-17'",
            "          Statement:",
            "            - Effect: Allow",
            f"              Action: {action}",
            f"              Resource: !GetAtt Table{i}.Arn",
            "      Events:",
            "        Http:",
            "          Type: HttpApi",
            "          Properties:",
            "            ApiId: !Ref Api",
            f"            Path: /items{i}/{{id}}",
            "            Method: get",
            "            Auth:",
            f"              Authorizer: {auth}",
        ]
    out += ["Parameters:", "  Tok:", "    Type: String", "    NoEcho: true"]
    return "\n".join(out) + "\n"


def serverless(n: int) -> str:
    out = [
        "service: bench",
        "frameworkVersion: '3'",
        "provider:",
        "  name: aws",
        "  runtime: python3.12",
        "  iam:",
        "    role:",
        "      statements:",
        "        - Effect: Allow",
        "          Action: ['dynamodb:*']",
        "          Resource: '*'",
        "functions:",
    ]
    for i in range(n):
        out += [
            f"  fn{i}:",
            f"    handler: app{i}.handler",
            "    environment:",
            f"      TABLE: table{i}",
            f"      DB_PASSWORD: {'hunter' + str(i) * 3 if i % 4 == 0 else '${ssm:/db/pw}'}",
            "    events:",
            "      - http:",
            f"          path: items{i}/{{id}}",
            "          method: get",
        ]
        if i % 3:
            out += ["          authorizer: aws_iam"]
    out += [
        "resources:",
        "  Resources:",
        "    Queue:",
        "      Type: AWS::SQS::Queue",
    ]
    return "\n".join(out) + "\n"


def terraform(n: int) -> str:
    out = [
        'resource "aws_apigatewayv2_api" "api" {',
        '  name          = "bench"',
        '  protocol_type = "HTTP"',
        "}",
        'resource "aws_iam_role" "fn" {',
        '  name = "fn"',
        "  assume_role_policy = jsonencode({",
        '    Version = "2012-10-17"',
        "    Statement = [{",
        '      Effect = "Allow", Action = "sts:AssumeRole",',
        '      Principal = { Service = "lambda.amazonaws.com" }',
        "    }]",
        "  })",
        "}",
    ]
    for i in range(n):
        auth = "NONE" if i % 3 == 0 else "AWS_IAM"
        action = '"dynamodb:*"' if i % 5 == 0 else '"dynamodb:GetItem"'
        out += [
            f'resource "aws_dynamodb_table" "t{i}" {{',
            f'  name         = "t{i}"',
            '  billing_mode = "PAY_PER_REQUEST"',
            '  hash_key     = "id"',
            '  attribute {\n    name = "id"\n    type = "S"\n  }',
            "}",
            f'resource "aws_iam_role_policy" "p{i}" {{',
            "  role = aws_iam_role.fn.id",
            "  policy = jsonencode({",
            '    Version = "2012-10-17"',
            f'    Statement = [{{ Effect = "Allow", Action = [{action}], '
            f"Resource = aws_dynamodb_table.t{i}.arn }}]",
            "  })",
            "}",
            f'resource "aws_lambda_function" "f{i}" {{',
            f'  function_name = "f{i}"',
            "  role          = aws_iam_role.fn.arn",
            f'  handler       = "app{i}.handler"',
            '  runtime       = "python3.12"',
            '  filename      = "build/app.zip"',
            "  environment {",
            "    variables = {",
            f"      TABLE = aws_dynamodb_table.t{i}.name",
            f'      API_KEY = "{"ak_" + format(i * 104729, "x") * 4 if i % 4 == 0 else "none"}"',
            "    }",
            "  }",
            "}",
            f'resource "aws_apigatewayv2_integration" "i{i}" {{',
            "  api_id           = aws_apigatewayv2_api.api.id",
            '  integration_type = "AWS_PROXY"',
            f"  integration_uri  = aws_lambda_function.f{i}.invoke_arn",
            "}",
            f'resource "aws_apigatewayv2_route" "r{i}" {{',
            "  api_id             = aws_apigatewayv2_api.api.id",
            f'  route_key          = "GET /items{i}/{{id}}"',
            f'  authorization_type = "{auth}"',
            f'  target             = "integrations/${{aws_apigatewayv2_integration.i{i}.id}}"',
            "}",
        ]
    return "\n".join(out) + "\n"


GENERATORS = {"sam": ("template.yaml", sam), "serverless": ("serverless.yml", serverless),
              "terraform": ("main.tf", terraform)}  # fmt: skip


def generate(out: Path, functions: int, fmt: str) -> Path:
    name, build = GENERATORS[fmt]
    out.mkdir(parents=True, exist_ok=True)
    (out / name).write_text(build(functions), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--functions", type=int, default=1000)
    parser.add_argument("--format", choices=sorted(GENERATORS), default="sam")
    args = parser.parse_args()
    print(generate(args.out, args.functions, args.format))


if __name__ == "__main__":
    main()
