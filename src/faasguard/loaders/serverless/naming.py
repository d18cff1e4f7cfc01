"""CloudFormation logical ids the Serverless Framework gives the resources it generates.

They matter because `resources.Resources` refers to them (``!GetAtt HelloLambdaFunction.Arn``),
so the model uses the same ids for the functions, roles and APIs the framework creates.
"""

from __future__ import annotations

import re

REST_API = "ApiGatewayRestApi"
HTTP_API = "HttpApi"
WEBSOCKET_API = "WebsocketsApi"
SHARED_ROLE = "IamRoleLambdaExecution"
DEPLOYMENT_BUCKET = "ServerlessDeploymentBucket"
REST_LOG_GROUP = "ApiGatewayLogGroup"
HTTP_LOG_GROUP = "HttpApiLogGroup"
WEBSOCKET_LOG_GROUP = "WebsocketsLogGroup"

_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]")


def upper_first(name: str) -> str:
    return name[:1].upper() + name[1:]


def normalized_function(name: str) -> str:
    """`my-fn_x` -> `MyDashfnUnderscorex`, as the framework normalises function names."""
    return upper_first(name.replace("-", "Dash").replace("_", "Underscore"))


def alphanumeric(name: str) -> str:
    return upper_first(_NOT_ALPHANUMERIC.sub("", name))


def function_id(name: str) -> str:
    return f"{normalized_function(name)}LambdaFunction"


def log_group_id(name: str) -> str:
    return f"{normalized_function(name)}LogGroup"


def function_url_id(name: str) -> str:
    return f"{normalized_function(name)}LambdaFunctionUrl"


def function_role_id(name: str) -> str:
    """The role serverless-iam-roles-per-function creates for one function."""
    return f"{normalized_function(name)}{SHARED_ROLE}"


def authorizer_id(name: str) -> str:
    return f"{normalized_function(name)}ApiGatewayAuthorizer"


def layer_id(name: str) -> str:
    return f"{normalized_function(name)}LambdaLayer"


def topic_id(topic_name: str) -> str:
    return f"SNSTopic{alphanumeric(topic_name)}"


def bucket_id(bucket_name: str) -> str:
    return f"S3Bucket{alphanumeric(bucket_name)}"


def user_pool_id(pool_name: str) -> str:
    return f"CognitoUserPool{alphanumeric(pool_name)}"


__all__ = [
    "DEPLOYMENT_BUCKET",
    "HTTP_API",
    "HTTP_LOG_GROUP",
    "REST_API",
    "REST_LOG_GROUP",
    "SHARED_ROLE",
    "WEBSOCKET_API",
    "WEBSOCKET_LOG_GROUP",
    "alphanumeric",
    "authorizer_id",
    "bucket_id",
    "function_id",
    "function_role_id",
    "function_url_id",
    "layer_id",
    "log_group_id",
    "normalized_function",
    "topic_id",
    "upper_first",
    "user_pool_id",
]
