import { startEmulator, RunningEmulator } from '../../src/emulator';
import { JSON_API_CONTENT_TYPE, REST_API_VERSION, SnykClient } from '../../src/snyk';
import { PACKAGE_VERSION } from '../../src/version';
import { startProxy, TestProxy } from '../snyk/proxy';
import { templateOf as specTemplateOf, validateRequest, validateRequestBody } from './openapi';

/** The spec's path templates for the v1 calls the client makes, with the method that tells the look-alikes apart. */
const V1_TEMPLATES: Array<{ method: string; template: string }> = [
  { method: 'GET', template: '/v1/orgs' },
  { method: 'POST', template: '/v1/org' },
  { method: 'DELETE', template: '/v1/org/{orgId}' },
  { method: 'GET', template: '/v1/group/{groupId}/orgs' },
  { method: 'GET', template: '/v1/org/{orgId}/integrations' },
  { method: 'POST', template: '/v1/org/{orgId}/integrations' },
  { method: 'GET', template: '/v1/org/{orgId}/integrations/{type}' },
  { method: 'PUT', template: '/v1/org/{orgId}/integrations/{integrationId}' },
  { method: 'DELETE', template: '/v1/org/{orgId}/integrations/{integrationId}/authentication' },
  { method: 'POST', template: '/v1/org/{orgId}/integrations/{integrationId}/authentication/provision-token' },
  { method: 'POST', template: '/v1/org/{orgId}/integrations/{integrationId}/authentication/switch-token' },
  { method: 'POST', template: '/v1/org/{orgId}/integrations/{integrationId}/clone' },
  { method: 'GET', template: '/v1/org/{orgId}/integrations/{integrationId}/settings' },
  { method: 'PUT', template: '/v1/org/{orgId}/integrations/{integrationId}/settings' },
];

function templateOf(method: string, path: string): string {
  const template = specTemplateOf('v1', method, path);
  if (template === undefined) {
    throw new Error(`no spec template for ${method} ${path}`);
  }
  return `/v1${template}`;
}

describe('requests the client sends', () => {
  let emulator: RunningEmulator;
  let proxy: TestProxy;
  let client: SnykClient;

  beforeAll(async () => {
    emulator = await startEmulator();
    proxy = await startProxy(emulator.url);
    client = new SnykClient({ token: emulator.apiKey, apiUrl: proxy.url, userAgentSuffix: 'terraform-provider-snyk' });
    await exerciseEveryCall(client, emulator);
  });

  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('made every v1 call of the spec subset it uses', () => {
    const made = new Set(proxy.seen.filter((request) => request.path.startsWith('/v1/')).map((request) => `${request.method} ${templateOf(request.method, request.path)}`));
    expect([...made].sort()).toEqual(V1_TEMPLATES.map((entry) => `${entry.method} ${entry.template}`).sort());
  });

  it('sends v1 bodies that validate against the OpenAPI subset', () => {
    const v1 = proxy.seen.filter((request) => request.path.startsWith('/v1/'));
    const problems = v1.flatMap((request) => validateRequestBody(request.method, templateOf(request.method, request.path), request.body));
    expect(problems).toEqual([]);
    // The check bites: a body without the required name is refused.
    expect(validateRequestBody('POST', '/v1/org', { groupId: emulator.defaultGroupId })).not.toEqual([]);
    expect(v1.filter((request) => request.body !== undefined).every((request) => request.headers['content-type'] === 'application/json')).toBe(true);
  });

  it('sends REST bodies that validate against the REST subset', () => {
    const rest = proxy.seen.filter((request) => request.path.startsWith('/rest/') && request.body !== undefined);
    expect(rest.map((request) => `${request.method} ${specTemplateOf('rest', request.method, request.path)}`)).toContain('PATCH /orgs/{org_id}');
    const problems = rest.flatMap((request) => validateRequest('rest', request.method, specTemplateOf('rest', request.method, request.path) ?? request.path, request.body));
    expect(problems).toEqual([]);
    // The check bites: a rename without the resource type is refused.
    expect(validateRequest('rest', 'PATCH', '/orgs/{org_id}', { data: { id: emulator.defaultGroupId, attributes: { name: 'n' } } })).not.toEqual([]);
  });

  it('authenticates with "Authorization: token" and names itself in the User-Agent', () => {
    for (const request of proxy.seen) {
      expect(request.headers.authorization).toBe(`token ${emulator.apiKey}`);
      expect(request.headers['user-agent']).toBe(`cdktf-snyk/${PACKAGE_VERSION} terraform-provider-snyk`);
    }
  });

  it('sends the REST version and the JSON:API media type on REST calls', () => {
    const rest = proxy.seen.filter((request) => request.path.startsWith('/rest/'));
    expect(rest.length).toBeGreaterThanOrEqual(3);
    for (const request of rest) {
      expect(new URLSearchParams(request.query).get('version')).toBe(REST_API_VERSION);
      if (request.body !== undefined) {
        expect(request.headers['content-type']).toBe(JSON_API_CONTENT_TYPE);
      }
    }
  });
});

async function exerciseEveryCall(client: SnykClient, emulator: RunningEmulator): Promise<void> {
  await client.getSelf();
  await client.listOrgs();
  const [home] = await client.listGroupOrgs(emulator.defaultGroupId, { namePrefix: 'E' });
  const team = await client.createOrg({ name: 'Team', groupId: emulator.defaultGroupId });
  await client.getOrg(team.id);
  await client.renameOrg(team.id, 'Team renamed');

  const github = await client.addIntegration(home.id, { type: 'github', credentials: { token: 'ghp_contract' } });
  const gitlab = await client.addIntegration(home.id, { type: 'gitlab', broker: true });
  await client.getIntegrationTypeMap(home.id);
  await client.getIntegrationByType(home.id, 'github');
  await client.updateCredentials(home.id, github.id, 'github', { token: 'ghp_contract_2' });
  await client.enableBroker(home.id, github.id, 'github');
  await client.disableBroker(home.id, github.id, 'github', { token: 'ghp_contract_3' });
  await client.deleteCredentials(home.id, github.id);
  await client.provisionBrokerToken(home.id, gitlab.id);
  await client.switchBrokerToken(home.id, gitlab.id);
  await client.cloneIntegration(home.id, gitlab.id, team.id);
  await client.getIntegrationSettings(home.id, github.id);
  await client.updateIntegrationSettings(home.id, github.id, {
    autoDepUpgradeEnabled: true,
    autoDepUpgradeLimit: 2,
    autoDepUpgradeIgnoredDependencies: ['lodash'],
    pullRequestTestCodeSeverity: 'high',
    autoRemediationPrs: { freshPrsEnabled: true, backlogPrsEnabled: false, usePatchRemediation: false },
    manualRemediationPrs: { usePatchRemediation: false },
  });

  const doomed = await client.createOrg({ name: 'Doomed', groupId: emulator.defaultGroupId, sourceOrgId: home.id });
  await client.deleteOrg(doomed.id);
}
