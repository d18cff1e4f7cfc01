# faasguard example shop for Terraform: input variables.
# INSECURE ON PURPOSE: every deliberate problem carries a "# VULN: <category>: <what>" comment.

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "stage" {
  type    = string
  default = "prod"
}

variable "db_host" {
  type    = string
  default = "shop-reporting.cluster-ro-c9akfsl1x0ab.eu-west-1.rds.amazonaws.com"
}

# VULN: hardcoded-secret: secret-looking variable with a default value and without sensitive = true
variable "db_password" {
  type    = string
  default = "Sh0p-Reporting-2024!"
}

variable "cognito_user_pool_id" {
  type = string
}

variable "cognito_client_id" {
  type = string
}
