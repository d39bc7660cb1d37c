/**
 * The HCL of the scenario, one function of the step's choices so that each plan differs from the last by exactly the
 * changes under test.
 */

/** Values planted in credentials: each must never appear in a summary. */
export const PLANTED = {
  gitlabToken: 'PLANTED-gitlab-token-7f3a91',
  dockerPasswordBefore: 'PLANTED-docker-password-before-2c8e',
  dockerPasswordAfter: 'PLANTED-docker-password-after-94d1',
  bitbucketPassword: 'PLANTED-bitbucket-password-51b7',
} as const;

export interface ScenarioStep {
  readonly groupId: string;
  /** Writes the API key into the provider block (it is otherwise read from SNYK_TOKEN). */
  readonly providerToken?: string;
  /** Adds an `import` block for `snyk_organization.legacy` with this org id. */
  readonly importLegacyOrgId?: string;
  /** An org made outside Terraform, read by a data source and given a clone. */
  readonly securityOrgId: string;
  readonly teamName: string;
  readonly sandboxGroupId: string;
  /** Step 1 onwards: gitlab brokered, bitbucket-server un-brokered, new docker-hub password, token activated. */
  readonly updated: boolean;
  readonly rotationGeneration: string;
  /** Drops the docker-hub integration and the clone into team-eu while their orgs stay. */
  readonly pruned?: boolean;
}

export function scenarioHcl(step: ScenarioStep): string {
  return [
    step.providerToken === undefined ? '' : `provider "snyk" {\n  token = "${step.providerToken}"\n}\n`,
    organizations(step),
    integrations(step),
    clonesAndToken(step),
    'resource "terraform_data" "broker_rollout" {\n  input = "broker-clients"\n}\n',
  ].join('\n');
}

function organization(resourceName: string, name: string, groupId: string, extra = ''): string {
  return `resource "snyk_organization" "${resourceName}" {\n  name     = "${name}"\n  group_id = "${groupId}"\n${extra}}\n`;
}

function organizations(step: ScenarioStep): string {
  const importBlock = step.importLegacyOrgId === undefined ? '' : `import {\n  to = snyk_organization.legacy\n  id = "${step.importLegacyOrgId}"\n}\n`;
  return [
    organization('platform', 'platform', step.groupId),
    organization('team', step.teamName, step.groupId),
    organization('team_eu', 'team-eu', step.groupId),
    organization('sandbox', 'sandbox', step.sandboxGroupId),
    // Created from platform once its brokered integration exists: it copies the integration and its token.
    organization('copy', 'platform-copy', step.groupId, '  source_organization_id = snyk_organization.platform.id\n  depends_on = [snyk_integration.ghe]\n'),
    importBlock,
    organization('legacy', 'legacy', step.groupId),
  ].join('');
}

function integration(resourceName: string, type: string, body: string): string {
  return `resource "snyk_integration" "${resourceName}" {\n  organization_id = snyk_organization.platform.id\n  type            = "${type}"\n${body}}\n`;
}

function integrations(step: ScenarioStep): string {
  const gitlab = step.updated ? '  broker = true\n' : `  credentials = { token = "${PLANTED.gitlabToken}" }\n`;
  const bitbucket = step.updated
    ? `  broker      = false\n  credentials = { username = "ci", password = "${PLANTED.bitbucketPassword}", url = "https://bitbucket.example.com" }\n`
    : '  broker = true\n';
  const dockerPassword = step.updated ? PLANTED.dockerPasswordAfter : PLANTED.dockerPasswordBefore;
  return [
    integration('ghe', 'github-enterprise', '  broker = true\n'),
    integration('gitlab', 'gitlab', gitlab),
    integration('bitbucket', 'bitbucket-server', bitbucket),
    step.pruned ? '' : integration('docker', 'docker-hub', `  credentials = { username = "ci", password = "${dockerPassword}" }\n`),
  ].join('');
}

function clone(resourceName: string, destination: string): string {
  return `resource "snyk_integration_clone" "${resourceName}" {
  source_organization_id      = snyk_organization.platform.id
  source_integration_id       = snyk_integration.ghe.id
  destination_organization_id = ${destination}.id
}
`;
}

function clonesAndToken(step: ScenarioStep): string {
  const teamEuClone = step.pruned ? '' : clone('team_eu', 'snyk_organization.team_eu');
  return `${clone('team', 'snyk_organization.team')}${teamEuClone}data "snyk_organization" "security" {
  id = "${step.securityOrgId}"
}
${clone('security', 'data.snyk_organization.security')}resource "snyk_broker_token" "ghe" {
  organization_id   = snyk_organization.platform.id
  integration_id    = snyk_integration.ghe.id
  rotation_triggers = { generation = "${step.rotationGeneration}" }
  activate          = ${step.updated}
}
output "ghe_broker_token" {
  value     = snyk_broker_token.ghe.token
  sensitive = true
}
`;
}
