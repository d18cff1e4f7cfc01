"""Functions: settings, provider defaults, framework defaults, code, logs, ids."""

from __future__ import annotations

from pathlib import Path

from faasguard.model import Ref, ResourceKind, SourceFormat, Unresolved
from tests.loaders.serverless.helpers import load, texts, where

SERVICE = """
service: shop
provider:
  name: aws
  runtime: python3.12
  memorySize: 512
  timeout: 10
  kmsKeyArn: arn:aws:kms:eu-west-1:111111111111:key/provider
  logRetentionInDays: 14
  tracing:
    lambda: true
  layers:
    - arn:aws:lambda:eu-west-1:111111111111:layer:shared:1
  vpc:
    securityGroupIds: [sg-provider]
    subnetIds: [subnet-a, subnet-b]
  environment:
    LOG_LEVEL: INFO
    STAGE: provider
functions:
  api:
    handler: src/api.handler
    runtime: python3.13
    memorySize: 1024
    timeout: 29
    reservedConcurrency: 5
    tracing: PassThrough
    kmsKeyArn: arn:aws:kms:eu-west-1:111111111111:key/function
    layers:
      - arn:aws:lambda:eu-west-1:222222222222:layer:other:3
    vpc:
      securityGroupIds: [sg-function]
      subnetIds: [subnet-c]
    environment:
      STAGE: function
      TABLE: !Ref Orders
    destinations:
      onFailure: arn:aws:sqs:eu-west-1:111111111111:failures
    onError: arn:aws:sns:eu-west-1:111111111111:dlq
    maximumRetryAttempts: 0
  worker:
    handler: src/worker.handler
  quiet-fn_x:
    handler: src/quiet.handler
    disableLogs: true
  container:
    image: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/shop:latest
  packaged:
    handler: main.handler
    package:
      artifact: dist/packaged.zip
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
"""


def test_function_settings_and_their_locations() -> None:
    loaded = load(SERVICE)
    assert loaded.app.format is SourceFormat.SERVERLESS
    fn = loaded.app.functions["api"]
    assert (fn.id, fn.name, fn.resource_type) == ("api", "api", "AWS::Lambda::Function")
    assert where(fn.loc) == loaded.at("api:")
    assert fn.handler is not None and fn.handler.value == "src/api.handler"
    assert fn.runtime is not None and fn.runtime.value == "python3.13"
    assert where(fn.runtime) == loaded.at("python3.13")
    assert fn.memory is not None and fn.memory.value == 1024
    assert fn.timeout is not None and (fn.timeout.value, where(fn.timeout)) == (29, loaded.at("29"))
    assert fn.reserved_concurrency is not None and fn.reserved_concurrency.value == 5
    assert fn.tracing is not None and fn.tracing.value == "PassThrough"
    assert fn.env_kms_key is not None and fn.env_kms_key.value.endswith("key/function")
    assert texts(fn.layers) == ["arn:aws:lambda:eu-west-1:222222222222:layer:other:3"]
    assert fn.vpc is not None and texts(fn.vpc.security_groups) == ["sg-function"]
    assert texts(fn.vpc.subnets) == ["subnet-c"]
    assert fn.on_failure is not None and fn.on_failure.value.endswith(":failures")
    assert fn.dead_letter is not None and fn.dead_letter.value.endswith(":dlq")
    assert fn.max_retry_attempts is not None and fn.max_retry_attempts.value == 0
    assert loaded.problems == []


def test_environment_merges_provider_and_function() -> None:
    loaded = load(SERVICE)
    env = loaded.app.functions["api"].environment
    assert set(env) == {"LOG_LEVEL", "STAGE", "TABLE"}
    assert env["STAGE"].value.value == "function"
    assert where(env["STAGE"].name_loc) == loaded.at("STAGE: function")
    assert where(env["LOG_LEVEL"].value) == loaded.at("INFO")
    assert env["TABLE"].value.value == Ref("Orders")
    worker = loaded.app.functions["worker"].environment
    assert worker["STAGE"].value.value == "provider"
    assert where(worker["STAGE"].value) == (loaded.line("STAGE: provider"), 12)


def test_provider_defaults_are_located_at_the_provider() -> None:
    loaded = load(SERVICE)
    fn = loaded.app.functions["worker"]
    assert fn.runtime is not None and where(fn.runtime) == loaded.at("python3.12")
    assert fn.memory is not None and (fn.memory.value, where(fn.memory)) == (512, loaded.at("512"))
    assert fn.timeout is not None and fn.timeout.value == 10
    assert fn.tracing is not None and fn.tracing.value == "Active"
    assert where(fn.tracing) == loaded.at("true")
    assert fn.env_kms_key is not None and fn.env_kms_key.value.endswith("key/provider")
    assert texts(fn.layers) == ["arn:aws:lambda:eu-west-1:111111111111:layer:shared:1"]
    assert fn.vpc is not None and texts(fn.vpc.security_groups) == ["sg-provider"]
    assert fn.reserved_concurrency is None


def test_framework_defaults_are_located_at_the_function() -> None:
    loaded = load("service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.h\n")
    fn = loaded.app.functions["f"]
    assert fn.memory is not None and (fn.memory.value, where(fn.memory)) == (1024, loaded.at("f:"))
    assert fn.timeout is not None and (fn.timeout.value, where(fn.timeout)) == (6, loaded.at("f:"))
    assert fn.runtime is None
    assert fn.tracing is None and fn.vpc is None and fn.layers == []


def test_code_locations(tmp_path: Path) -> None:
    (tmp_path / "services" / "shop").mkdir(parents=True)
    loaded = load(SERVICE, tmp_path, path="services/shop/serverless.yml")
    functions = loaded.app.functions
    assert functions["api"].code_dir == "services/shop"
    assert functions["container"].image and functions["container"].code_dir is None
    assert functions["container"].runtime is None
    assert functions["container"].code_uri is not None
    assert functions["packaged"].code_dir is None
    assert functions["packaged"].code_uri is not None
    assert functions["packaged"].code_uri.value == "dist/packaged.zip"


def test_log_groups_are_generated_unless_disabled() -> None:
    loaded = load(SERVICE)
    api = loaded.app.functions["api"]
    assert api.log_group == "ApiLogGroup"
    group = loaded.app.resources["ApiLogGroup"]
    assert group.kind is ResourceKind.LOG_GROUP
    assert group.name is not None and group.name.value == "/aws/lambda/shop-dev-api"
    assert group.retention_days is not None and group.retention_days.value == 14
    assert group.extra["generated_by"] == "serverless"
    assert loaded.app.functions["quiet-fn_x"].log_group is None
    assert "QuietDashfnUnderscorexLogGroup" not in loaded.app.resources


def test_logical_ids_in_resources_refer_to_the_functions() -> None:
    text = SERVICE.replace(
        "      Type: AWS::DynamoDB::Table\n",
        "      Type: AWS::DynamoDB::Table\n"
        "    Invoke:\n"
        "      Type: AWS::Lambda::Permission\n"
        "      Properties:\n"
        "        FunctionName: !GetAtt QuietDashfnUnderscorexLambdaFunction.Arn\n"
        "        Action: lambda:InvokeFunction\n"
        "        Principal: '*'\n",
    )
    loaded = load(text)
    permission = next(p for p in loaded.app.permissions if p.id == "Invoke")
    assert permission.function.value == Ref("quiet-fn_x", "Arn")
    assert not permission.generated
    assert loaded.problems == []


def test_functions_as_a_list_of_maps() -> None:
    text = """
    service: s
    provider:
      name: aws
    functions:
      - one:
          handler: a.a
      - two:
          handler: b.b
    """
    loaded = load(text)
    assert set(loaded.app.functions) == {"one", "two"}
    assert where(loaded.app.functions["two"].loc) == loaded.at("two:")


def test_unknown_vpc_and_environment_stay_unknown() -> None:
    text = """
    service: s
    provider:
      name: aws
      vpc: ${ssm:/network/vpc}
    functions:
      f:
        handler: a.a
    """
    fn = load(text).app.functions["f"]
    assert fn.vpc is not None
    assert isinstance(fn.vpc.security_groups[0].value, Unresolved)
