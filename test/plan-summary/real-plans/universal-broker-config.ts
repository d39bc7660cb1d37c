import { brokeredIntegrationHcl, integrationCloneHcl, orgHcl } from '../../support/hcl';

/**
 * The HCL of the Universal Broker scenario: a classic GitHub Enterprise token family (platform and its clone in
 * legacy) moved org by org onto a Universal Broker connection, one function of the step's choices.
 */
export interface UniversalBrokerStep {
  readonly groupId: string;
  readonly tenantId: string;
  /** The orgs whose classic integration is taken over by the GHE connection. */
  readonly adopted: ReadonlyArray<'platform' | 'legacy'>;
  /** The app install's rotation trigger and mode. */
  readonly rotation?: { readonly trigger: string; readonly mode: 'create' | 'replace' };
  /** Whether the GitLab credential and connection exist. */
  readonly gitlab: boolean;
}

const ORGS = ['admin', 'platform', 'legacy', 'team_a'];

function organizations(step: UniversalBrokerStep): string {
  return ORGS.map((name) => orgHcl(name.replace('_', '-'), name, step.groupId)).join('\n');
}

const CLASSIC =
  brokeredIntegrationHcl('platform_ghe', 'platform') + '\n' + integrationCloneHcl('legacy_ghe', { org: 'platform', integration: 'platform_ghe' }, 'legacy');

function install(step: UniversalBrokerStep): string {
  const rotation = step.rotation ? `  secret_rotation_triggers = { rotated = "${step.rotation.trigger}" }\n  secret_rotation_mode     = "${step.rotation.mode}"\n` : '';
  return `resource "snyk_app_install" "broker" {
  organization_id = snyk_organization.admin.id
${rotation}}

resource "snyk_broker_deployment" "main" {
  tenant_id       = "${step.tenantId}"
  app_install_id  = snyk_app_install.broker.id
  organization_id = snyk_organization.admin.id
  metadata        = { deployment_name = "main" }
}
`;
}

function credentialAndConnection(step: UniversalBrokerStep, name: string, type: string, variable: string, host: [string, string]): string {
  return `resource "snyk_broker_deployment_credential" "${name}" {
  tenant_id                 = "${step.tenantId}"
  app_install_id            = snyk_app_install.broker.id
  broker_deployment_id      = snyk_broker_deployment.main.id
  environment_variable_name = "${variable}"
  broker_connection_type    = "${type}"
}

resource "snyk_broker_connection" "${name}" {
  tenant_id            = "${step.tenantId}"
  app_install_id       = snyk_app_install.broker.id
  broker_deployment_id = snyk_broker_deployment.main.id
  name                 = "${name}"
  type                 = "${type}"
  configuration = {
    broker_client_url                = "https://broker.internal.example.com:8000"
    ${host[0]}                  = "${host[1]}"
    ${name === 'ghe' ? 'github' : 'gitlab'}_token_credential_id = snyk_broker_deployment_credential.${name}.id
  }
}
`;
}

const SOURCE_OF: Readonly<Record<'platform' | 'legacy', string>> = {
  platform: 'snyk_integration.platform_ghe.id',
  legacy: 'snyk_integration_clone.legacy_ghe.id',
};

function integrations(step: UniversalBrokerStep): string {
  const integration = (name: string, org: string, extra = '') => `resource "snyk_broker_integration" "${name}" {
  tenant_id            = "${step.tenantId}"
  broker_connection_id = snyk_broker_connection.ghe.id
  organization_id      = snyk_organization.${org}.id
  type                 = "github-enterprise"
${extra}}
`;
  const family = '  classic_family_organization_ids = [snyk_organization.platform.id, snyk_organization.legacy.id]\n';
  return [
    integration('team_a', 'team_a'),
    ...step.adopted.map((org) => integration(org, org, `  integration_id       = ${SOURCE_OF[org]}\n${family}`)),
  ].join('\n');
}

export function universalBrokerHcl(step: UniversalBrokerStep): string {
  return [
    organizations(step),
    CLASSIC,
    install(step),
    credentialAndConnection(step, 'ghe', 'github-enterprise', 'GHE_TOKEN', ['github_hostname', 'ghe.example.com']),
    step.gitlab ? credentialAndConnection(step, 'gitlab', 'gitlab', 'GITLAB_TOKEN', ['gitlab_hostname', 'gitlab.example.com']) : '',
    integrations(step),
  ].join('\n');
}
