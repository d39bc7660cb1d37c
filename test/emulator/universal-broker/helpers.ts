import { RunningEmulator } from '../../../src/emulator';
import { ApiResponse, call, defaultOrgId } from '../helpers';

export const BROKER_VERSION = '2024-10-15';
export const APPS_VERSION = '2024-05-23';
export const BROKER_APP_ID = 'cb43d761-bd17-4b44-9b6c-e5b8ad077d33';

/** A REST call with `version` added (unless the path has one) and the emulator's key unless `key` says otherwise. */
export function rest(emulator: RunningEmulator, method: string, path: string, body?: unknown, key?: string): Promise<ApiResponse> {
  const version = path.includes('/apps/') ? APPS_VERSION : BROKER_VERSION;
  const withVersion = path.includes('version=') ? path : `${path}${path.includes('?') ? '&' : '?'}version=${version}`;
  return call(emulator, method, `/rest${withVersion}`, { body, ...(key === undefined ? {} : { authorization: `token ${key}` }) });
}

export interface Deployment {
  tenantId: string;
  orgId: string;
  installId: string;
  clientSecret: string;
  deploymentId: string;
  /** `/tenants/{t}/brokers/installs/{i}/deployments/{d}` */
  base: string;
}

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${response.text}`);
  }
}

/** Installs the Broker App in the default org and creates a deployment, over HTTP. */
export async function setUpDeployment(emulator: RunningEmulator): Promise<Deployment> {
  const orgId = defaultOrgId(emulator);
  const installed = await rest(emulator, 'POST', `/orgs/${orgId}/apps/installs`, {
    data: { type: 'app_install' },
    relationships: { app: { data: { id: BROKER_APP_ID, type: 'app' } } },
  });
  expectStatus(installed, 201, 'install');
  const install = installed.body as { data: { id: string; attributes: { client_secret: string } } };
  const tenantId = emulator.defaultTenantId;
  const deployment = await rest(emulator, 'POST', `/tenants/${tenantId}/brokers/installs/${install.data.id}/deployments`, {
    data: { type: 'broker_deployment', attributes: { broker_app_installed_in_org_id: orgId, metadata: { deployment_name: 'ci' } } },
  });
  expectStatus(deployment, 201, 'deployment');
  const deploymentId = (deployment.body as { data: { id: string } }).data.id;
  return {
    tenantId,
    orgId,
    installId: install.data.id,
    clientSecret: install.data.attributes.client_secret,
    deploymentId,
    base: `/tenants/${tenantId}/brokers/installs/${install.data.id}/deployments/${deploymentId}`,
  };
}

/** Creates credential references and returns their ids in order. */
export async function addCredentials(emulator: RunningEmulator, d: Deployment, items: Array<{ env: string; type: string }>): Promise<string[]> {
  const response = await rest(emulator, 'POST', `${d.base}/credentials`, {
    data: { type: 'deployment_credential', attributes: items.map((item) => ({ environment_variable_name: item.env, type: item.type })) },
  });
  expectStatus(response, 201, 'credentials');
  return (response.body as { data: Array<{ id: string }> }).data.map((credential) => credential.id);
}

/** Creates a GitHub Enterprise connection using the credential and returns its id. */
export async function addGheConnection(emulator: RunningEmulator, d: Deployment, credentialId: string, name = 'ghe'): Promise<string> {
  const response = await rest(emulator, 'POST', `${d.base}/connections`, {
    data: {
      type: 'broker_connection',
      attributes: {
        deployment_id: d.deploymentId,
        name,
        configuration: { type: 'github-enterprise', required: { broker_client_url: 'https://broker.example:8000', github: 'ghe.example', github_token: credentialId } },
      },
    },
  });
  expectStatus(response, 201, 'connection');
  return (response.body as { data: { id: string } }).data.id;
}

/** The body's `data` as a given shape. */
export function dataOf<T>(response: ApiResponse): T {
  return (response.body as { data: T }).data;
}

/** The detail of the first JSON:API error. */
export function errorDetail(response: ApiResponse): string {
  return (response.body as { errors: Array<{ detail: string }> }).errors[0]?.detail ?? '';
}
