"""Data, messaging, identity and network resources, their policies and source-side triggers."""

from __future__ import annotations

from faasguard.model import AuthKind, Ref, ResourceKind, TriggerKind
from tests.loaders.cloudformation.helpers import load, texts, where

DATA = """
Parameters:
  Stage: {Type: String, Default: prod}
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub "orders-${Stage}"
  Other:
    Type: AWS::Lambda::Function
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: uploads
      AccessControl: PublicRead
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !Ref Key}
      PublicAccessBlockConfiguration: {BlockPublicAcls: false, RestrictPublicBuckets: "true"}
      VersioningConfiguration: {Status: Suspended}
      LoggingConfiguration: {}
      WebsiteConfiguration: {IndexDocument: index.html}
      NotificationConfiguration:
        LambdaConfigurations:
          - {Event: "s3:ObjectCreated:*", Function: !GetAtt Fn.Arn}
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: uploads
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: arn:aws:s3:::uploads/*}
  ExternalPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: somebody-elses-bucket
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: s3:*, Resource: "*"}]
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
      KeyPolicy:
        Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: kms:*, Resource: "*"}]
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key}
      PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: false}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamEncryption: {EncryptionType: KMS, KeyId: alias/aws/kinesis}
      RetentionPeriodHours: 48
  FnLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/${Fn}
      RetentionInDays: 7
  OtherLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /aws/lambda/Other
  Secret:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: db
      SecretString: '{"password": "hunter2"}'
  SecretPolicy:
    Type: AWS::SecretsManager::ResourcePolicy
    Properties:
      SecretId: !Ref Secret
      ResourcePolicy:
        Statement:
          - {Effect: Allow, Principal: {AWS: "*"}, Action: secretsmanager:*, Resource: "*"}
  Rotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Secret
  Param:
    Type: AWS::SSM::Parameter
    Properties: {Name: /db/password, Type: String, Value: hunter2}
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineType: EXPRESS
      LoggingConfiguration: {Level: "OFF"}
      RoleArn: arn:aws:iam::1:role/sfn
"""


def test_bucket_settings_policy_and_notifications() -> None:
    loaded = load(DATA)
    assert loaded.problems == [], loaded.messages()
    bucket = loaded.app.resources["Bucket"]
    assert bucket.kind is ResourceKind.BUCKET
    assert bucket.encryption is not None and bucket.encryption.value == "aws:kms"
    assert bucket.kms_key is not None and bucket.kms_key.value == Ref("Key")
    assert bucket.public_access_block is not None
    assert {k: v.value for k, v in bucket.public_access_block.items()} == {
        "BlockPublicAcls": False,
        "RestrictPublicBuckets": True,
    }
    assert where(bucket.public_access_block["BlockPublicAcls"]) == loaded.at("false")
    assert bucket.acl is not None and bucket.acl.value == "PublicRead"
    assert bucket.versioning is not None and bucket.versioning.value == "Suspended"
    assert bucket.access_logging is not None and bucket.access_logging.value == Ref("Bucket")
    website = bucket.extra["website"]
    assert website.value is True and where(website) == loaded.at("WebsiteConfiguration")
    [statement] = bucket.policy  # attached by the literal bucket name
    assert statement.principals is not None and statement.principals[0].kind == "*"
    external = loaded.app.resources["ExternalPolicy"]
    assert external.kind is ResourceKind.BUCKET and len(external.policy) == 1
    [trigger] = loaded.app.functions["Fn"].triggers
    assert trigger.kind is TriggerKind.S3 and trigger.public is False
    assert trigger.source is not None and trigger.source.value == Ref("Bucket")


def test_tables_streams_keys_logs_secrets_parameters_machines() -> None:
    loaded = load(DATA)
    resources = loaded.app.resources
    table = resources["Table"]
    assert table.encrypted is not None and table.encrypted.value is True
    assert table.kms_key is not None and table.kms_key.value == Ref("Key")
    assert table.extra["point_in_time_recovery"].value is False
    assert table.extra["stream_view_type"].value == "NEW_IMAGE"
    assert where(table.extra["stream_enabled"]) == loaded.at("StreamSpecification")
    stream = resources["Stream"]
    assert stream.encryption is not None and stream.encryption.value == "KMS"
    assert stream.extra["retention_hours"].value == 48
    key = resources["Key"]
    assert key.extra["key_rotation"].value is False and len(key.policy) == 1
    logs = resources["FnLogs"]
    assert logs.retention_days is not None and logs.retention_days.value == 7
    assert loaded.app.functions["Fn"].log_group == "FnLogs"
    assert loaded.app.functions["Other"].log_group == "OtherLogs"
    assert resources["OtherLogs"].retention_days is None
    secret = resources["Secret"]
    assert where(secret.extra["secret_string"]) == loaded.at('\'{"password"')
    assert secret.extra["rotation"].value is True and len(secret.policy) == 1
    assert where(secret.extra["rotation"]) == loaded.at("Rotation:\n")
    assert "generated" not in secret.extra  # no GenerateSecretString
    param = resources["Param"]
    assert param.extra["value"].value == "hunter2" and param.extra["type"].value == "String"
    assert param.encrypted is not None and param.encrypted.value is False
    machine = resources["Machine"]
    assert machine.kind is ResourceKind.STATE_MACHINE
    assert machine.extra["type"].value == "EXPRESS"
    assert machine.extra["logging_level"].value == "OFF"


MESSAGING = """
Resources:
  Fn:
    Type: AWS::Lambda::Function
  Dlq:
    Type: AWS::SQS::Queue
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs
      VisibilityTimeout: 30
      RedrivePolicy: '{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:1:dlq", "maxReceiveCount": 3}'
  Queue2:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
      RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 5}
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue, !Ref Queue2]
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: sqs:SendMessage, Resource: "*"}]
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      Subscription:
        - {Protocol: lambda, Endpoint: !GetAtt Fn.Arn}
        - {Protocol: email, Endpoint: ops@example.com}
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: lambda
      Endpoint: !GetAtt Fn.Arn
  TopicPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: sns:Publish, Resource: "*"}]
  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 1 * * ? *)
      Targets: [{Id: t, Arn: !GetAtt Fn.Arn}]
  OnOrder:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: orders
      EventPattern: {source: [shop]}
      Targets: [{Id: t, Arn: !GetAtt Fn.Arn}]
  Scheduled:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(1 hour)
      FlexibleTimeWindow: {Mode: "OFF"}
      Target: {Arn: !GetAtt Fn.Arn, RoleArn: arn:aws:iam::1:role/s}
"""


def test_queues_topics_and_their_policies() -> None:
    loaded = load(MESSAGING)
    assert loaded.problems == [], loaded.messages()
    queue = loaded.app.resources["Queue"]
    assert queue.kms_key is not None and queue.kms_key.value == "alias/aws/sqs"
    assert (
        queue.dead_letter is not None and queue.dead_letter.value == "arn:aws:sqs:eu-west-1:1:dlq"
    )
    assert queue.extra["visibility_timeout"].value == 30
    queue2 = loaded.app.resources["Queue2"]
    assert queue2.encrypted is not None and queue2.encrypted.value is False
    assert queue2.dead_letter is not None and queue2.dead_letter.value == Ref("Dlq", "Arn")
    assert len(queue.policy) == 1 and len(queue2.policy) == 1
    assert len(loaded.app.resources["Topic"].policy) == 1


def test_source_side_triggers() -> None:
    loaded = load(MESSAGING)
    triggers = [(t.kind, t.name) for t in loaded.app.functions["Fn"].triggers]
    assert triggers == [
        (TriggerKind.SNS, "Topic"),
        (TriggerKind.SNS, "Sub"),
        (TriggerKind.SCHEDULE, "Nightly"),
        (TriggerKind.EVENTBRIDGE, "OnOrder"),
        (TriggerKind.SCHEDULE, "Scheduled"),
    ]
    assert all(t.public is False for t in loaded.app.functions["Fn"].triggers)
    sub = loaded.app.functions["Fn"].triggers[1]
    assert sub.source is not None and sub.source.value == Ref("Topic")


IDENTITY = """
Resources:
  PreSignUp:
    Type: AWS::Lambda::Function
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      MfaConfiguration: "OFF"
      Schema:
        - {Name: email, Mutable: true}
        - {Name: role, Mutable: true}
      Policies:
        PasswordPolicy: {MinimumLength: 6, RequireSymbols: false}
      AdminCreateUserConfig: {AllowAdminCreateUserOnly: false}
      LambdaConfig:
        PreSignUp: !GetAtt PreSignUp.Arn
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      GenerateSecret: false
      ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH]
  Restricted:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      WriteAttributes: [email]
  Admins:
    Type: AWS::Cognito::UserPoolGroup
    Properties:
      UserPoolId: !Ref Pool
      RoleArn: arn:aws:iam::1:role/admin
      Precedence: 1
"""


def test_user_pools_clients_groups_and_triggers() -> None:
    loaded = load(IDENTITY)
    assert loaded.problems == [], loaded.messages()
    pool = loaded.app.resources["Pool"]
    assert pool.extra["mfa"].value == "OFF"
    attributes = [
        (a["name"].value, a["mutable"].value, a["custom"]) for a in pool.extra["schema_attributes"]
    ]
    assert attributes == [("email", True, False), ("role", True, True)]
    assert pool.extra["password_policy"]["MinimumLength"].value == 6
    assert pool.extra["admin_create_user_only"].value is False
    client = loaded.app.resources["Client"]
    assert client.kind is ResourceKind.USER_POOL_CLIENT
    assert client.extra["write_attributes"] is None  # absent: every attribute is writable
    assert client.extra["user_pool"].value == Ref("Pool")
    assert texts(loaded.app.resources["Restricted"].extra["write_attributes"]) == ["email"]
    assert loaded.app.resources["Admins"].extra["precedence"].value == 1
    [trigger] = loaded.app.functions["PreSignUp"].triggers
    assert trigger.kind is TriggerKind.COGNITO and trigger.name == "Pool.PreSignUp"
    assert where(trigger.loc) == loaded.at("PreSignUp: !GetAtt")


NETWORK = """
Resources:
  Fn:
    Type: AWS::Lambda::Function
  Internal:
    Type: AWS::Lambda::Function
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: fn
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
  Open:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: open
  OpenEgress:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !GetAtt Open.GroupId
      IpProtocol: "-1"
      CidrIp: 0.0.0.0/0
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [a, b]
  InternalAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Scheme: internal
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: lambda
      Targets: [{Id: !GetAtt Fn.Arn}]
  InternalTargets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: lambda
      Targets: [{Id: !GetAtt Internal.Arn}]
  Http:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Protocol: HTTP
      Port: 80
      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Targets}]
  Admin:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Http
      Priority: 1
      Conditions: [{Field: path-pattern, Values: [/admin/*]}]
      Actions:
        - Type: authenticate-cognito
          Order: 1
          AuthenticateCognitoConfig: {UserPoolArn: x, UserPoolClientId: y, UserPoolDomain: z}
        - {Type: forward, Order: 2, TargetGroupArn: !Ref Targets}
  InternalListener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref InternalAlb
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-2016-08
      DefaultActions:
        - Type: forward
          ForwardConfig: {TargetGroups: [{TargetGroupArn: !Ref InternalTargets}]}
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: {Allow: {}}
      Rules: [{Name: common}]
  AlbWaf:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Ref Alb
      WebACLArn: !GetAtt Acl.Arn
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior: {ViewerProtocolPolicy: allow-all}
        CacheBehaviors: [{PathPattern: /api/*, ViewerProtocolPolicy: https-only}]
        ViewerCertificate: {MinimumProtocolVersion: TLSv1}
        WebACLId: !GetAtt Acl.Arn
"""


def test_security_groups() -> None:
    loaded = load(NETWORK)
    group = loaded.app.resources["Group"]
    [rule] = group.extra["ingress"]
    assert rule["from_port"].value == 22
    assert rule["cidrs"][0].value == "0.0.0.0/0" and rule["source_groups"] == []
    assert where(rule["loc"]) == loaded.at("{IpProtocol: tcp")
    # Absent SecurityGroupEgress: AWS's allow-all rule, placed at the group.
    [default] = group.extra["egress"]
    assert default["default"] is True and default["protocol"].value == "-1"
    assert [c.value for c in default["cidrs"]] == ["0.0.0.0/0"]
    assert where(default["loc"]) == where(group.loc) == loaded.at("Group:")
    # A standalone egress resource adds to the default rule, it does not replace it.
    default, egress = loaded.app.resources["Open"].extra["egress"]
    assert default["default"] is True and egress["default"] is False
    assert egress["protocol"].value == "-1" and where(egress["loc"]) == loaded.at(
        "GroupId: !GetAtt Open"
    )


def test_alb_triggers_exposure_and_auth() -> None:
    loaded = load(NETWORK)
    assert loaded.problems == [], loaded.messages()
    fn_triggers = {(t.name, t.path): t for t in loaded.app.functions["Fn"].triggers}
    default = fn_triggers[("Http", None)]
    assert (
        default.kind is TriggerKind.ALB and default.public is True
    )  # scheme defaults to internet-facing
    assert default.auth is not None and default.auth.kind is AuthKind.NONE
    admin = fn_triggers[("Admin", "/admin/*")]
    assert admin.auth is not None and admin.auth.kind is AuthKind.COGNITO
    [internal] = loaded.app.functions["Internal"].triggers
    assert internal.public is False
    listener = loaded.app.resources["InternalListener"]
    assert (
        listener.tls_policy is not None and listener.tls_policy.value == "ELBSecurityPolicy-2016-08"
    )
    http = loaded.app.resources["Http"]
    assert http.extra["protocol"].value == "HTTP" and http.extra["port"].value == 80
    assert http.extra["load_balancer"].value == Ref("Alb")
    assert loaded.app.resources["Alb"].extra["internal"] is None  # absent: internet-facing
    internal = loaded.app.resources["InternalAlb"].extra["internal"]
    assert internal.value is True and where(internal) == loaded.at("internal")


def test_waf_and_cloudfront() -> None:
    loaded = load(NETWORK)
    assert loaded.app.resources["Alb"].waf == ["AlbWaf"]
    acl = loaded.app.resources["Acl"]
    assert acl.extra["default_action"].value == "Allow"
    assert where(acl.extra["default_action"]) == loaded.at("Allow: {}")
    assert texts(acl.extra["rules"]) == ["common"] and acl.extra["scope"].value == "REGIONAL"
    cdn = loaded.app.resources["Cdn"]
    assert texts(cdn.extra["viewer_protocol_policies"]) == ["allow-all", "https-only"]
    assert cdn.tls_policy is not None and cdn.tls_policy.value == "TLSv1"
    assert cdn.waf == ["Acl"]


def test_waf_on_api_stages_including_sams_implicit_stage() -> None:
    loaded = load(
        """
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Events:
                Get: {Type: Api, Properties: {Path: /, Method: GET}}
          Acl:
            Type: AWS::WAFv2::WebACL
          ImplicitWaf:
            Type: AWS::WAFv2::WebACLAssociation
            Properties:
              ResourceArn: !Sub "arn:aws:apigateway:${AWS::Region}::/restapis/\
                ${ServerlessRestApi}/stages/Prod"
              WebACLArn: !GetAtt Acl.Arn
          Http:
            Type: AWS::ApiGateway::RestApi
          HttpStage:
            Type: AWS::ApiGateway::Stage
            Properties: {RestApiId: !Ref Http, StageName: live}
          StageWaf:
            Type: AWS::WAFv2::WebACLAssociation
            Properties:
              ResourceArn: !Sub "arn:aws:apigateway:${AWS::Region}::/restapis/\
                ${Http}/stages/${HttpStage}"
              WebACLArn: !GetAtt Acl.Arn
        """
    )
    assert loaded.problems == [], loaded.messages()
    [implicit] = loaded.app.apis["ServerlessRestApi"].stages
    assert implicit.waf == ["ImplicitWaf"]
    [stage] = loaded.app.apis["Http"].stages
    assert stage.waf == ["StageWaf"]
    assert loaded.app.apis["Http"].waf == []


def test_unknown_resource_types_stay_in_the_model() -> None:
    loaded = load(
        """
        Resources:
          Thing:
            Type: Custom::Whatever
            Properties: {ServiceToken: x}
        """
    )
    thing = loaded.app.resources["Thing"]
    assert (thing.type, thing.kind, thing.extra["unknown_type"]) == (
        "Custom::Whatever",
        ResourceKind.OTHER,
        True,
    )
