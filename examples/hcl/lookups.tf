# Data sources: look up what exists already, e.g. organizations and integrations made in the Snyk web UI.

data "snyk_organization" "platform" {
  slug = snyk_organization.platform.slug
}

data "snyk_integration" "platform_github_enterprise" {
  organization_id = data.snyk_organization.platform.id
  type            = "github-enterprise"
  depends_on      = [snyk_integration.github_enterprise]
}

output "looked_up" {
  value = {
    platform_org_url           = data.snyk_organization.platform.url
    platform_integration_by_id = data.snyk_integration.platform_github_enterprise.id
  }
}
