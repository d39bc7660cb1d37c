# The quickstart in plain Terraform: a platform organization whose GitHub Enterprise integration goes through a
# broker, two team organizations sharing its Broker token through clones, one organization created from the platform
# organization, and a Broker token with a rotation trigger.
#
# The provider reads SNYK_TOKEN (and SNYK_REGION or SNYK_API_URL) from the environment: no API key in this file.
#   export SNYK_TOKEN=...  TF_VAR_snyk_group_id=...
#   terraform init && terraform apply

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

variable "snyk_region" {
  type        = string
  default     = "SNYK-US-01"
  description = "The region, for the broker server URL output (the provider itself reads SNYK_REGION)"
}

locals {
  broker_server_urls = {
    "SNYK-US-01" = "https://broker.snyk.io"
    "SNYK-US-02" = "https://broker.us.snyk.io"
    "SNYK-EU-01" = "https://broker.eu.snyk.io"
    "SNYK-AU-01" = "https://broker.au.snyk.io"
  }
}

resource "snyk_organization" "platform" {
  name     = "platform"
  group_id = var.snyk_group_id
}

resource "snyk_integration" "github_enterprise" {
  organization_id = snyk_organization.platform.id
  type            = "github-enterprise"
  broker          = true
}

resource "snyk_organization" "team_payments" {
  name     = "team-payments"
  group_id = var.snyk_group_id
}

resource "snyk_organization" "team_search" {
  name     = "team-search"
  group_id = var.snyk_group_id
}

# Clones share the source integration's Broker token: one broker client serves all three organizations.
resource "snyk_integration_clone" "team_payments" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.github_enterprise.id
  destination_organization_id = snyk_organization.team_payments.id
}

resource "snyk_integration_clone" "team_search" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.github_enterprise.id
  destination_organization_id = snyk_organization.team_search.id
}

# Created as a copy of the platform organization: its integrations (and their Broker token) come along, so it
# waits for them.
resource "snyk_organization" "team_mobile" {
  name                   = "team-mobile"
  group_id               = var.snyk_group_id
  source_organization_id = snyk_organization.platform.id
  depends_on             = [snyk_integration.github_enterprise]
}

# Change the trigger to rotate the token of the whole family. For a zero-downtime rotation set activate = false,
# start broker clients with the provisional token, then set activate = true.
resource "snyk_broker_token" "github_enterprise" {
  organization_id   = snyk_organization.platform.id
  integration_id    = snyk_integration.github_enterprise.id
  rotation_triggers = { trigger = "initial" }
}

output "broker_token" {
  description = "BROKER_TOKEN for the platform broker clients"
  value       = snyk_broker_token.github_enterprise.token
  sensitive   = true
}

output "broker_server_url" {
  description = "BROKER_SERVER_URL for the region"
  value       = local.broker_server_urls[var.snyk_region]
  sensitive   = true
}

output "organization_ids" {
  value = {
    platform = snyk_organization.platform.id
    payments = snyk_organization.team_payments.id
    search   = snyk_organization.team_search.id
    mobile   = snyk_organization.team_mobile.id
  }
}

output "integration_ids" {
  value = {
    platform = snyk_integration.github_enterprise.id
    payments = snyk_integration_clone.team_payments.id
    search   = snyk_integration_clone.team_search.id
  }
}
