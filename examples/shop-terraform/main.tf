# faasguard example shop for Terraform: orders (HTTP API), notifications (SQS), reports
# (Function URL) and images (S3 trigger).
# INSECURE ON PURPOSE: every deliberate problem carries a "# VULN: <category>: <what>" comment on
# the line above it. Never apply this configuration.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

locals {
  name      = "faasguard-shop-${var.stage}"
  functions = toset(["orders", "notifications", "reports", "images"])
}

data "archive_file" "code" {
  for_each    = local.functions
  type        = "zip"
  source_dir  = "${path.module}/src/${each.key}"
  output_path = "${path.module}/build/${each.key}.zip"
}

# ------------------------------------------------------------------ IAM

# VULN: over-privileged-iam: one role shared by the HTTP function and the queue consumer
resource "aws_iam_role" "lambda" {
  name = "${local.name}-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "logs" {
  role       = aws_iam_role.lambda.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_role_policy" "lambda" {
  name = "${local.name}-app"
  role = aws_iam_role.lambda.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        # VULN: over-privileged-iam: wildcard action dynamodb:*
        Action = "dynamodb:*"
        # VULN: over-privileged-iam: wildcard resource for write actions
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
        Resource = aws_sqs_queue.orders.arn
      },
      {
        Effect = "Allow"
        # VULN: over-privileged-iam: Action "*" on the uploads and media buckets
        Action = "*"
        Resource = [
          aws_s3_bucket.uploads.arn,
          "${aws_s3_bucket.uploads.arn}/*",
          aws_s3_bucket.media.arn,
          "${aws_s3_bucket.media.arn}/*",
        ]
      },
    ]
  })
}

# ------------------------------------------------------------------ functions

# VULN: missing-dos-limits: public function without reserved_concurrent_executions
# VULN: missing-logging: no tracing_config (X-Ray)
# VULN: misconfiguration: no code_signing_config_arn
resource "aws_lambda_function" "orders" {
  function_name    = "${local.name}-orders"
  role             = aws_iam_role.lambda.arn
  runtime          = "python3.12"
  handler          = "app.handler"
  filename         = data.archive_file.code["orders"].output_path
  source_code_hash = data.archive_file.code["orders"].output_base64sha256
  # VULN: missing-dos-limits: 300 s timeout behind API Gateway (integration limit is 30 s)
  timeout = 300
  environment {
    variables = {
      ORDERS_TABLE    = aws_dynamodb_table.orders.name
      ORDER_QUEUE_URL = aws_sqs_queue.orders.url
      # VULN: secret-in-env-plaintext: live Stripe secret key as a literal
      STRIPE_SECRET_KEY = "sk_live_51FaasguardTerraformExampleKey00000000000000000T"
    }
  }
}

resource "aws_lambda_function" "notifications" {
  function_name    = "${local.name}-notifications"
  role             = aws_iam_role.lambda.arn
  runtime          = "python3.12"
  handler          = "app.handler"
  filename         = data.archive_file.code["notifications"].output_path
  source_code_hash = data.archive_file.code["notifications"].output_base64sha256
  environment {
    variables = {
      ORDERS_TABLE = aws_dynamodb_table.orders.name
    }
  }
}

# VULN: missing-dos-limits: public function without reserved_concurrent_executions
resource "aws_lambda_function" "reports" {
  function_name    = "${local.name}-reports"
  role             = aws_iam_role.lambda.arn
  # VULN: misconfiguration: deprecated runtime python3.7
  runtime          = "python3.7"
  handler          = "app.handler"
  filename         = data.archive_file.code["reports"].output_path
  source_code_hash = data.archive_file.code["reports"].output_base64sha256
  timeout          = 300
  environment {
    variables = {
      DB_HOST = var.db_host
      # VULN: secret-in-env-plaintext: database password from a plain variable
      DB_PASSWORD = var.db_password
    }
  }
}

resource "aws_lambda_function" "images" {
  function_name    = "${local.name}-images"
  role             = aws_iam_role.lambda.arn
  runtime          = "python3.12"
  handler          = "app.handler"
  filename         = data.archive_file.code["images"].output_path
  source_code_hash = data.archive_file.code["images"].output_base64sha256
  timeout          = 60
  # VULN: misconfiguration: layer published by another AWS account
  layers = ["arn:aws:lambda:eu-west-1:210987654321:layer:imagemagick-tools:7"]
  environment {
    variables = {
      MEDIA_BUCKET = aws_s3_bucket.media.bucket
    }
  }
}

# VULN: misconfiguration: log group without retention_in_days
resource "aws_cloudwatch_log_group" "orders" {
  name = "/aws/lambda/${aws_lambda_function.orders.function_name}"
}

resource "aws_lambda_function_url" "reports" {
  function_name = aws_lambda_function.reports.function_name
  # VULN: missing-auth: Function URL with authorization_type NONE
  authorization_type = "NONE"
  cors {
    # VULN: misconfiguration: CORS allow_origins "*" together with allow_credentials true
    allow_origins     = ["*"]
    allow_credentials = true
    allow_methods     = ["GET"]
  }
}

resource "aws_lambda_permission" "partner" {
  statement_id  = "PartnerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.reports.function_name
  # VULN: public-resource-policy: principal "*" without source_arn or source_account
  principal = "*"
}

# ------------------------------------------------------------------ HTTP API

# VULN: missing-dos-limits: no WAF can attach to an HTTP API and none fronts it
resource "aws_apigatewayv2_api" "http" {
  name          = "${local.name}-http"
  protocol_type = "HTTP"
  cors_configuration {
    # VULN: misconfiguration: CORS allows every origin on an authenticated API
    allow_origins = ["*"]
    allow_methods = ["GET", "POST", "OPTIONS"]
    allow_headers = ["authorization", "content-type"]
  }
}

resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.${var.region}.amazonaws.com/${var.cognito_user_pool_id}"
    audience = [var.cognito_client_id]
  }
}

resource "aws_apigatewayv2_integration" "orders" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.orders.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "create_order" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "POST /orders"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

resource "aws_apigatewayv2_route" "get_order" {
  api_id = aws_apigatewayv2_api.http.id
  # VULN: missing-auth: GET /orders/{id} has no authorization (authorization_type defaults to NONE)
  route_key = "GET /orders/{id}"
  target    = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# VULN: missing-logging: stage without access_log_settings
# VULN: missing-dos-limits: stage without default_route_settings throttling
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = var.stage
  auto_deploy = true
}

resource "aws_lambda_permission" "apigw" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}

# ------------------------------------------------------------------ storage and messaging

resource "aws_dynamodb_table" "orders" {
  name         = "${local.name}-orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "order_id"
  attribute {
    name = "order_id"
    type = "S"
  }
}

# VULN: missing-encryption: queue without kms_master_key_id
# VULN: misconfiguration: queue without redrive_policy (no dead-letter queue)
resource "aws_sqs_queue" "orders" {
  name                       = "${local.name}-orders"
  visibility_timeout_seconds = 60
}

resource "aws_sqs_queue_policy" "orders" {
  queue_url = aws_sqs_queue.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      # VULN: public-resource-policy: queue policy for Principal "*" without a Condition
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.orders.arn
    }]
  })
}

resource "aws_lambda_event_source_mapping" "orders_queue" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.notifications.arn
  batch_size       = 10
}

# VULN: insecure-transport: no bucket policy denies aws:SecureTransport false
resource "aws_s3_bucket" "uploads" {
  bucket = "${local.name}-uploads-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_notification" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  lambda_function {
    lambda_function_arn = aws_lambda_function.images.arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = "incoming/"
  }
  depends_on = [aws_lambda_permission.uploads]
}

resource "aws_lambda_permission" "uploads" {
  statement_id  = "AllowUploadsBucket"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.images.function_name
  principal     = "s3.amazonaws.com"
  # VULN: public-resource-policy: S3 invoke permission without source_account
  source_arn = aws_s3_bucket.uploads.arn
}

# VULN: insecure-transport: the bucket policy has no statement denying aws:SecureTransport false
resource "aws_s3_bucket" "media" {
  bucket = "${local.name}-media-${data.aws_caller_identity.current.account_id}"
}

# VULN: public-resource-policy: public access block disabled on the media bucket
resource "aws_s3_bucket_public_access_block" "media" {
  bucket                  = aws_s3_bucket.media.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "media" {
  bucket = aws_s3_bucket.media.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "PublicRead"
      Effect = "Allow"
      # VULN: public-resource-policy: public-read bucket policy (Principal "*", s3:GetObject)
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.media.arn}/*"
    }]
  })
  depends_on = [aws_s3_bucket_public_access_block.media]
}

output "api_url" {
  value = aws_apigatewayv2_stage.default.invoke_url
}

output "reports_url" {
  value = aws_lambda_function_url.reports.function_url
}
