# Looking up what exists: the tenant's deployments and the connections serving an organization.

data "snyk_broker_deployments" "tenant" {
  tenant_id  = var.snyk_tenant_id
  depends_on = [snyk_broker_deployment.main]
}

data "snyk_broker_connections" "team_b" {
  organization_id = snyk_organization.team_b.id
  depends_on      = [snyk_broker_integration.team_b_gitlab]
}

output "deployment_ids" {
  value = [for deployment in data.snyk_broker_deployments.tenant.deployments : deployment.id]
}

output "team_b_connections" {
  value = { for connection in data.snyk_broker_connections.team_b.connections : connection.name => connection.type }
}
