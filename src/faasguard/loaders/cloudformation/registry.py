"""Which loader reads which resource type, and when.

Resources are read in phases so that a resource can find what it refers to whatever the order
of the template: first the things themselves (functions, APIs, roles, data), then what attaches
to them (policies, stages, subscriptions...), then routes, then WAF associations (which need
every stage, SAM's implicit ones included). A plain table, no registration on import.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from faasguard.loaders.cloudformation import (
    apigateway,
    apigatewayv2,
    connectors,
    functions,
    iam,
    identity,
    lambda_extras,
    messaging,
    network,
    openapi,
    sam_api,
    sam_function,
    storage,
)
from faasguard.loaders.cloudformation.build import Build, Item

Handler = Callable[[Build, Item], None]


class Phase(IntEnum):
    PRIMARY = 0
    ALIAS = 1
    ATTACH = 2
    ROUTES = 3
    LATE = 4


_PRIMARY: dict[str, Handler] = {
    "AWS::Serverless::Function": sam_function.load_sam_function,
    "AWS::Lambda::Function": functions.load_lambda_function,
    "AWS::Serverless::Api": sam_api.load_sam_rest_api,
    "AWS::Serverless::HttpApi": sam_api.load_sam_http_api,
    "AWS::ApiGateway::RestApi": apigateway.load_rest_api,
    "AWS::ApiGatewayV2::Api": apigatewayv2.load_api,
    "AWS::ApiGateway::DomainName": apigateway.load_domain,
    "AWS::ApiGatewayV2::DomainName": apigateway.load_domain,
    "AWS::IAM::Role": iam.load_principal,
    "AWS::IAM::User": iam.load_principal,
    "AWS::IAM::Group": iam.load_principal,
    "AWS::S3::Bucket": storage.load_bucket,
    "AWS::DynamoDB::Table": storage.load_table,
    "AWS::DynamoDB::GlobalTable": storage.load_table,
    "AWS::Serverless::SimpleTable": storage.load_table,
    "AWS::Kinesis::Stream": storage.load_stream,
    "AWS::Logs::LogGroup": storage.load_log_group,
    "AWS::KMS::Key": storage.load_key,
    "AWS::SecretsManager::Secret": storage.load_secret,
    "AWS::SSM::Parameter": storage.load_parameter,
    "AWS::StepFunctions::StateMachine": storage.load_state_machine,
    "AWS::Serverless::StateMachine": storage.load_state_machine,
    "AWS::SQS::Queue": messaging.load_queue,
    "AWS::SNS::Topic": messaging.load_topic,
    "AWS::Events::EventBus": messaging.load_bus,
    "AWS::Events::Rule": messaging.load_rule,
    "AWS::Cognito::UserPool": identity.load_user_pool,
    "AWS::Cognito::UserPoolClient": identity.load_client,
    "AWS::Cognito::UserPoolGroup": identity.load_group,
    "AWS::EC2::SecurityGroup": network.load_security_group,
    "AWS::ElasticLoadBalancingV2::LoadBalancer": network.load_load_balancer,
    "AWS::CloudFront::Distribution": network.load_distribution,
    "AWS::WAFv2::WebACL": network.load_web_acl,
    "AWS::Lambda::LayerVersion": lambda_extras.load_layer,
    "AWS::Serverless::LayerVersion": lambda_extras.load_layer,
    "AWS::Lambda::CodeSigningConfig": lambda_extras.load_code_signing,
    "AWS::Lambda::Permission": lambda_extras.load_permission,
}

_ATTACH: dict[str, Handler] = {
    "AWS::IAM::Policy": iam.load_policy,
    "AWS::IAM::ManagedPolicy": iam.load_policy,
    "AWS::S3::BucketPolicy": storage.load_bucket_policy,
    "AWS::SQS::QueuePolicy": messaging.load_queue_policy,
    "AWS::SNS::TopicPolicy": messaging.load_topic_policy,
    "AWS::SecretsManager::ResourcePolicy": storage.load_secret_policy,
    "AWS::SecretsManager::RotationSchedule": storage.load_rotation,
    "AWS::Events::EventBusPolicy": messaging.load_bus_policy,
    "AWS::Lambda::Url": lambda_extras.load_url,
    "AWS::Lambda::EventSourceMapping": lambda_extras.load_event_source_mapping,
    "AWS::Lambda::EventInvokeConfig": lambda_extras.load_event_invoke_config,
    "AWS::Lambda::LayerVersionPermission": lambda_extras.load_layer_permission,
    "AWS::ApiGateway::Stage": apigateway.load_stage,
    "AWS::ApiGateway::Deployment": apigateway.load_deployment,
    "AWS::ApiGateway::Authorizer": apigateway.load_authorizer,
    "AWS::ApiGatewayV2::Stage": apigatewayv2.load_stage,
    "AWS::ApiGatewayV2::Authorizer": apigateway.load_authorizer,
    "AWS::S3::Bucket": messaging.load_bucket_notifications,
    "AWS::SNS::Topic": messaging.load_topic_subscriptions,
    "AWS::SNS::Subscription": messaging.load_subscription,
    "AWS::Events::Rule": messaging.load_rule_targets,
    "AWS::Scheduler::Schedule": messaging.load_schedule,
    "AWS::Cognito::UserPool": identity.load_pool_triggers,
    "AWS::Serverless::Connector": connectors.load_connector,
    "AWS::EC2::SecurityGroupIngress": network.load_security_group_rule,
    "AWS::EC2::SecurityGroupEgress": network.load_security_group_rule,
    "AWS::ElasticLoadBalancingV2::Listener": network.load_listener,
}

_ROUTES: dict[str, Handler] = {
    "AWS::ApiGateway::Method": apigateway.load_method,
    "AWS::ApiGateway::UsagePlan": apigateway.load_usage_plan,
    "AWS::ApiGatewayV2::Route": apigatewayv2.load_route,
    "AWS::ApiGatewayV2::Api": apigatewayv2.load_quick_create,
    "AWS::ElasticLoadBalancingV2::ListenerRule": network.load_listener_rule,
}

HANDLERS: dict[Phase, dict[str, Handler]] = {
    Phase.PRIMARY: _PRIMARY,
    Phase.ALIAS: {"AWS::Lambda::Alias": lambda_extras.load_alias},
    Phase.ATTACH: _ATTACH,
    Phase.ROUTES: _ROUTES,
    Phase.LATE: {
        "AWS::WAFv2::WebACLAssociation": network.load_waf_association,
        "AWS::Serverless::Api": openapi.load_document_routes,
        "AWS::Serverless::HttpApi": openapi.load_document_routes,
        "AWS::ApiGateway::RestApi": openapi.load_document_routes,
        "AWS::ApiGatewayV2::Api": openapi.load_document_routes,
    },
}

# Read by other resources' loaders, not model objects of their own.
INTERNAL_TYPES = frozenset(
    {
        "AWS::ApiGateway::Resource",
        "AWS::ApiGatewayV2::Integration",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::Lambda::Version",
        "AWS::CDK::Metadata",
    }
)


def known(type_: str) -> bool:
    return type_ in INTERNAL_TYPES or any(type_ in table for table in HANDLERS.values())


__all__ = ["HANDLERS", "INTERNAL_TYPES", "Handler", "Phase", "known"]
