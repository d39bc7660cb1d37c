import { SnykClient } from '../../../src/snyk';
import { UniversalBrokerClient } from '../../../src/snyk/universal-broker';
import { brokeredIntegrationHcl, integrationCloneHcl, orgHcl, SnykStack } from './support';

/** The Universal Broker part of the emulator's state. */
export function ubState(stack: SnykStack): {
  installs: Array<{ id: string; clientId: string; clientSecrets: string[] }>;
  deployments: Array<{ id: string }>;
  credentials: Array<{ id: string }>;
  connections: Array<{ id: string; name: string; deploymentId: string; type: string }>;
  integrations: Array<{ id: string; orgId: string; connectionId: string }>;
} {
  return (stack.emulator.state() as unknown as { universalBroker: ReturnType<typeof ubState> }).universalBroker;
}

/** A client on the emulator, for changes made "outside Terraform". */
export function outsideClient(stack: SnykStack): UniversalBrokerClient {
  return new SnykClient({ token: stack.emulator.apiKey, apiUrl: stack.emulator.url }).universalBroker;
}

interface ShownResource {
  address: string;
  values: Record<string, unknown>;
  sensitive_values: Record<string, unknown>;
}

/** Every resource of the state as `terraform show -json` gives it, values and sensitivity. */
export async function shownResources(stack: SnykStack): Promise<Map<string, ShownResource>> {
  const shown = JSON.parse((await stack.workspace.mustTerraform(['show', '-json'])).stdout) as { values?: { root_module?: { resources?: ShownResource[] } } };
  return new Map((shown.values?.root_module?.resources ?? []).map((resource) => [resource.address, resource]));
}

/** Where a connection of the state lives, for the client. */
export function connectionRef(values: Record<string, unknown>): { tenantId: string; installId: string; deploymentId: string; connectionId: string } {
  return {
    tenantId: String(values.tenant_id),
    installId: String(values.app_install_id),
    deploymentId: String(values.broker_deployment_id),
    connectionId: String(values.id),
  };
}

/** The Broker App install in `snyk_organization.admin` and one deployment `main`; expects `local.tenant_id`. */
export function installAndDeploymentHcl(deploymentExtra = ''): string {
  return `resource "snyk_app_install" "broker" {
  organization_id = snyk_organization.admin.id
}
resource "snyk_broker_deployment" "main" {
  tenant_id      = local.tenant_id
  app_install_id = snyk_app_install.broker.id
${deploymentExtra}}
`;
}

/** A credential reference of deployment `main`. */
export function credentialHcl(name: string, environmentVariable: string, type: string, extra = ''): string {
  return `resource "snyk_broker_deployment_credential" "${name}" {
  tenant_id                 = local.tenant_id
  app_install_id            = snyk_app_install.broker.id
  broker_deployment_id      = snyk_broker_deployment.main.id
  environment_variable_name = "${environmentVariable}"
  broker_connection_type    = "${type}"
${extra}}
`;
}

/** A GitHub Enterprise or GitLab connection of deployment `main` using credential `credential`. */
export function scmConnectionHcl(name: string, type: 'github-enterprise' | 'gitlab', credential: string, displayName = name): string {
  const [hostAttribute, tokenAttribute, host] =
    type === 'gitlab' ? ['gitlab_hostname', 'gitlab_token_credential_id', 'gitlab.example.com'] : ['github_hostname', 'github_token_credential_id', 'ghe.example.com'];
  return `resource "snyk_broker_connection" "${name}" {
  tenant_id            = local.tenant_id
  app_install_id       = snyk_app_install.broker.id
  broker_deployment_id = snyk_broker_deployment.main.id
  name                 = "${displayName}"
  type                 = "${type}"
  configuration = {
    broker_client_url = "https://broker.internal.example.com:8000"
    ${hostAttribute} = "${host}"
    ${tokenAttribute} = snyk_broker_deployment_credential.${credential}.id
  }
}
`;
}

/** An org integration of `connection` for `snyk_organization.<org>`. */
export function brokerIntegrationHcl(name: string, connection: string, org: string, extra = ''): string {
  return `resource "snyk_broker_integration" "${name}" {
  tenant_id            = local.tenant_id
  broker_connection_id = snyk_broker_connection.${connection}.id
  organization_id      = snyk_organization.${org}.id
  type                 = snyk_broker_connection.${connection}.type
${extra}}
`;
}

/**
 * The classic world being migrated: orgs `admin`, `platform` and `legacy` (plus `extraOrgs`), a brokered GitHub
 * Enterprise integration `classic_ghe` in platform, and its clone `legacy_ghe` in legacy: one classic token family.
 */
export function classicFamilyHcl(group: string, extraOrgs: readonly string[] = []): string {
  const orgs = ['admin', 'platform', 'legacy', ...extraOrgs].map((name) => orgHcl(name === 'admin' ? 'broker-admin' : name.replace(/_/g, '-'), name, group));
  return orgs.join('') + brokeredIntegrationHcl('classic_ghe', 'platform') + integrationCloneHcl('legacy_ghe', { org: 'platform', integration: 'classic_ghe' }, 'legacy');
}
