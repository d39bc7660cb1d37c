# Universal Broker in plain Terraform: the Broker App installed in an admin organization, one deployment with two
# credential references, GitHub Enterprise and GitLab connections, and three organizations integrated with them. The
# platform organization's classic brokered GitHub Enterprise integration moves onto the connection; the legacy
# organization, a clone, stays on the classic Broker token for now (the plan says so).
#
# The provider reads SNYK_TOKEN (a Tenant Admin's personal API key) and SNYK_REGION or SNYK_API_URL from the
# environment: no key in this file.
#   export SNYK_TOKEN=...  TF_VAR_snyk_group_id=...  TF_VAR_snyk_tenant_id=...
#   terraform init && terraform apply
# Then start the broker client (image snyk/broker:universal) with the runtime_environment output plus GHE_TOKEN and
# GITLAB_TOKEN holding the real tokens.

terraform {
  required_providers {
    snyk = {
      source  = "cdktf-snyk/snyk"
      version = "0.1.0"
    }
  }
}

provider "snyk" {}

variable "snyk_group_id" {
  type        = string
  description = "The Snyk group the organizations live in"
}

variable "snyk_tenant_id" {
  type        = string
  description = "The Snyk tenant of that group (web UI tenant settings, or GET /rest/tenants)"
}

variable "broker_server_url" {
  type        = string
  default     = "https://broker.snyk.io"
  description = "BROKER_SERVER_URL of the region: https://broker.snyk.io (SNYK-US-01) or https://broker.REGION.snyk.io"
}

locals {
  broker_client_url = "https://snyk-broker.internal.example.com:8000"
}

# ---- organizations, and the classic world being migrated

resource "snyk_organization" "broker_admin" {
  name     = "broker-admin"
  group_id = var.snyk_group_id
}

resource "snyk_organization" "platform" {
  name     = "platform"
  group_id = var.snyk_group_id
}

resource "snyk_organization" "legacy" {
  name     = "legacy"
  group_id = var.snyk_group_id
}

resource "snyk_organization" "team_a" {
  name     = "team-a"
  group_id = var.snyk_group_id
}

resource "snyk_organization" "team_b" {
  name     = "team-b"
  group_id = var.snyk_group_id
}

resource "snyk_integration" "platform_classic_ghe" {
  organization_id = snyk_organization.platform.id
  type            = "github-enterprise"
  broker          = true
}

resource "snyk_integration_clone" "legacy_classic_ghe" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.platform_classic_ghe.id
  destination_organization_id = snyk_organization.legacy.id
}

# ---- Universal Broker

resource "snyk_app_install" "broker" {
  organization_id          = snyk_organization.broker_admin.id
  secret_rotation_triggers = { rotated = "2026-12" }
}

resource "snyk_broker_deployment" "main" {
  tenant_id       = var.snyk_tenant_id
  app_install_id  = snyk_app_install.broker.id
  organization_id = snyk_app_install.broker.organization_id
  metadata        = { deployment_name = "main", cluster = "eu-1" }
}

resource "snyk_broker_deployment_credential" "ghe_token" {
  tenant_id                 = var.snyk_tenant_id
  app_install_id            = snyk_app_install.broker.id
  broker_deployment_id      = snyk_broker_deployment.main.id
  environment_variable_name = "GHE_TOKEN"
  broker_connection_type    = "github-enterprise"
}

resource "snyk_broker_deployment_credential" "gitlab_token" {
  tenant_id                 = var.snyk_tenant_id
  app_install_id            = snyk_app_install.broker.id
  broker_deployment_id      = snyk_broker_deployment.main.id
  environment_variable_name = "GITLAB_TOKEN"
  broker_connection_type    = "gitlab"
  comment                   = "GitLab group access token"
}

resource "snyk_broker_connection" "ghe" {
  tenant_id            = var.snyk_tenant_id
  app_install_id       = snyk_app_install.broker.id
  broker_deployment_id = snyk_broker_deployment.main.id
  name                 = "github-enterprise"
  type                 = "github-enterprise"
  configuration = {
    broker_client_url          = local.broker_client_url
    github_hostname            = "ghe.example.com"
    github_token_credential_id = snyk_broker_deployment_credential.ghe_token.id
  }
}

resource "snyk_broker_connection" "gitlab" {
  tenant_id            = var.snyk_tenant_id
  app_install_id       = snyk_app_install.broker.id
  broker_deployment_id = snyk_broker_deployment.main.id
  name                 = "gitlab"
  type                 = "gitlab"
  configuration = {
    broker_client_url          = local.broker_client_url
    gitlab_hostname            = "gitlab.example.com"
    gitlab_token_credential_id = snyk_broker_deployment_credential.gitlab_token.id
  }
}

# The platform organization's classic integration moves onto the connection; it leaves the classic token family it
# shares with the legacy organization, which stays on the classic broker client until it moves too.
resource "snyk_broker_integration" "platform_ghe" {
  tenant_id                       = var.snyk_tenant_id
  broker_connection_id            = snyk_broker_connection.ghe.id
  organization_id                 = snyk_organization.platform.id
  type                            = snyk_broker_connection.ghe.type
  integration_id                  = snyk_integration.platform_classic_ghe.id
  classic_family_organization_ids = [snyk_organization.platform.id, snyk_organization.legacy.id]
}

resource "snyk_broker_integration" "team_a_ghe" {
  tenant_id            = var.snyk_tenant_id
  broker_connection_id = snyk_broker_connection.ghe.id
  organization_id      = snyk_organization.team_a.id
  type                 = snyk_broker_connection.ghe.type
}

resource "snyk_broker_integration" "team_b_gitlab" {
  tenant_id            = var.snyk_tenant_id
  broker_connection_id = snyk_broker_connection.gitlab.id
  organization_id      = snyk_organization.team_b.id
  type                 = snyk_broker_connection.gitlab.type
}

# ---- what the broker client needs

output "runtime_environment" {
  description = "Environment of the Universal Broker client, besides one variable per credential reference"
  sensitive   = true
  value = {
    DEPLOYMENT_ID            = snyk_broker_deployment.main.id
    CLIENT_ID                = snyk_app_install.broker.client_id
    CLIENT_SECRET            = snyk_app_install.broker.client_secret
    BROKER_SERVER_URL        = var.broker_server_url
    UNIVERSAL_BROKER_ENABLED = "true"
  }
}

output "credential_variables" {
  description = "The environment variables the broker client must hold the secrets in"
  value = [
    snyk_broker_deployment_credential.ghe_token.environment_variable_name,
    snyk_broker_deployment_credential.gitlab_token.environment_variable_name,
  ]
}
