/** HCL of the provider's classic resources, shared by the tests that run terraform against the emulator. */

/** An organization in `groupId`; `extra` is more lines of its body. */
export function orgHcl(name: string, resourceName: string, groupId: string, extra = ''): string {
  return `resource "snyk_organization" "${resourceName}" {\n  name     = "${name}"\n  group_id = "${groupId}"\n${extra}}\n`;
}

/** A brokered integration (its Broker token captured in `broker_token`) of `snyk_organization.<org>`. */
export function brokeredIntegrationHcl(resourceName: string, org: string, type = 'github-enterprise'): string {
  return `resource "snyk_integration" "${resourceName}" {
  organization_id = snyk_organization.${org}.id
  type            = "${type}"
  broker          = true
}
`;
}

/** A clone of `snyk_integration.<integration>` of `snyk_organization.<from>` into `snyk_organization.<to>`: the same token family. */
export function integrationCloneHcl(resourceName: string, from: { org: string; integration: string }, to: string): string {
  return `resource "snyk_integration_clone" "${resourceName}" {
  source_organization_id      = snyk_organization.${from.org}.id
  source_integration_id       = snyk_integration.${from.integration}.id
  destination_organization_id = snyk_organization.${to}.id
}
`;
}
