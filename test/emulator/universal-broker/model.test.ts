import { startEmulator } from '../../../src/emulator';
import { call, useEmulator, useTempDir } from '../helpers';
import { addCredentials, addGheConnection, BROKER_APP_ID, dataOf, errorDetail, rest, setUpDeployment } from './helpers';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

describe('Universal Broker emulator: app installs and client secrets', () => {
  const emulator = useEmulator();

  it('returns the client secret once, on install; the list has the client id only', async () => {
    const d = await setUpDeployment(emulator());
    expect(d.clientSecret).toMatch(/^snyk_ub_[0-9a-f]{48}$/);
    const list = await rest(emulator(), 'GET', `/orgs/${d.orgId}/apps/installs`);
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(d.clientSecret);
    expect(dataOf<Array<{ id: string; attributes: Record<string, unknown> }>>(list)).toEqual([
      expect.objectContaining({ id: d.installId, attributes: { client_id: expect.any(String), installed_at: expect.any(String) } }),
    ]);
  });

  it('refuses a second install of the same app in the org (409) and an install body without relationships (400)', async () => {
    const d = await setUpDeployment(emulator());
    const again = await rest(emulator(), 'POST', `/orgs/${d.orgId}/apps/installs`, {
      data: { type: 'app_install' },
      relationships: { app: { data: { id: BROKER_APP_ID, type: 'app' } } },
    });
    expect(again.status).toBe(409);
    const bad = await rest(emulator(), 'POST', `/orgs/${d.orgId}/apps/installs`, { data: { type: 'app_install' } });
    expect(bad.status).toBe(400);
    expect(errorDetail(bad)).toContain('relationships');
  });

  it('rotates: create keeps the old secret, delete removes one by value, replace leaves only the new one', async () => {
    const d = await setUpDeployment(emulator());
    const secretsPath = `/orgs/${d.orgId}/apps/installs/${d.installId}/secrets`;
    const secrets = () => emulator().state().universalBroker?.installs[0]?.clientSecrets;
    const created = await rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'create' } } });
    expect(created.status).toBe(200);
    const second = dataOf<{ attributes: { client_secret: string } }>(created).attributes.client_secret;
    expect(secrets()).toEqual([d.clientSecret, second]);
    const deleted = await rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'delete', secret: d.clientSecret } } });
    expect(deleted.status).toBe(200);
    expect(secrets()).toEqual([second]);
    const lastOne = await rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'delete', secret: second } } });
    expect(lastOne.status).toBe(400);
    expect(lastOne.text).not.toContain(second);
    const replaced = await rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'replace' } } });
    expect(secrets()).toEqual([dataOf<{ attributes: { client_secret: string } }>(replaced).attributes.client_secret]);
    const unknown = await rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'delete', secret: 'not-a-secret-of-it' } } });
    expect(unknown.status).toBe(404);
  });
});

describe('Universal Broker emulator: ub-max-client-secrets', () => {
  const emulator = useEmulator();

  it('holds two secrets at most by default (409 for a third), any number when unlimited', async () => {
    const d = await setUpDeployment(emulator());
    const secretsPath = `/orgs/${d.orgId}/apps/installs/${d.installId}/secrets`;
    const create = () => rest(emulator(), 'POST', secretsPath, { data: { type: 'app', attributes: { mode: 'create' } } });
    expect((await create()).status).toBe(200);
    const third = await create();
    expect(third.status).toBe(409);
    expect(errorDetail(third)).toContain('delete one (mode "delete") before creating another');
    emulator().setBehaviors({ 'ub-max-client-secrets': 'unlimited' });
    expect((await create()).status).toBe(200);
    expect(emulator().state().universalBroker?.installs[0]?.clientSecrets).toHaveLength(3);
  });
});

describe('Universal Broker emulator: the documented delete order', () => {
  const emulator = useEmulator();

  it('refuses (409) to delete an integrated connection, a credential in use, a deployment with children, an install with deployments', async () => {
    const d = await setUpDeployment(emulator());
    const [credentialId] = await addCredentials(emulator(), d, [{ env: 'GITHUB_TOKEN', type: 'github-enterprise' }]);
    const connectionId = await addGheConnection(emulator(), d, credentialId as string);
    const integrated = await rest(emulator(), 'POST', `/tenants/${d.tenantId}/brokers/connections/${connectionId}/orgs/${d.orgId}/integration`, {
      data: { type: 'github-enterprise' },
    });
    expect(integrated.status).toBe(201);
    const integrationId = dataOf<{ id: string }>(integrated).id;

    const refusals = [
      await rest(emulator(), 'DELETE', `${d.base}/connections/${connectionId}`),
      await rest(emulator(), 'DELETE', `${d.base}/connections`),
      await rest(emulator(), 'DELETE', `${d.base}/credentials/${credentialId}`),
      await rest(emulator(), 'DELETE', d.base),
      await rest(emulator(), 'DELETE', `/orgs/${d.orgId}/apps/installs/${d.installId}`),
    ];
    expect(refusals.map((response) => response.status)).toEqual([409, 409, 409, 409, 409]);
    expect(errorDetail(refusals[0] as never)).toContain('disconnect every integration first');

    const inOrder = [
      await rest(emulator(), 'DELETE', `/tenants/${d.tenantId}/brokers/connections/${connectionId}/orgs/${d.orgId}/integrations/${integrationId}`),
      await rest(emulator(), 'DELETE', `${d.base}/connections/${connectionId}`),
      await rest(emulator(), 'DELETE', `${d.base}/credentials/${credentialId}`),
      await rest(emulator(), 'DELETE', d.base),
      await rest(emulator(), 'DELETE', `/orgs/${d.orgId}/apps/installs/${d.installId}`),
    ];
    expect(inOrder.map((response) => response.status)).toEqual([204, 204, 204, 204, 204]);
  });

  it('answers 400 instead under ub-delete-in-use-status=400', async () => {
    emulator().setBehaviors({ 'ub-delete-in-use-status': '400' });
    const d = await setUpDeployment(emulator());
    await addCredentials(emulator(), d, [{ env: 'T', type: 'gitlab' }]);
    expect((await rest(emulator(), 'DELETE', d.base)).status).toBe(400);
  });
});

describe('Universal Broker emulator: credentials and connections', () => {
  const emulator = useEmulator();

  it('takes 1 to 10 credential references per POST', async () => {
    const d = await setUpDeployment(emulator());
    const eleven = Array.from({ length: 11 }, (_, index) => ({ environment_variable_name: `T${index}`, type: 'github' }));
    const tooMany = await rest(emulator(), 'POST', `${d.base}/credentials`, { data: { type: 'deployment_credential', attributes: eleven } });
    expect(tooMany.status).toBe(400);
    const ten = await rest(emulator(), 'POST', `${d.base}/credentials`, { data: { type: 'deployment_credential', attributes: eleven.slice(0, 10) } });
    expect(ten.status).toBe(201);
    expect(dataOf<unknown[]>(ten)).toHaveLength(10);
    const none = await rest(emulator(), 'POST', `${d.base}/credentials`, { data: { type: 'deployment_credential', attributes: [] } });
    expect(none.status).toBe(400);
  });

  it('checks connection configurations per type and reads credential fields back as ${ENV_VAR}', async () => {
    const d = await setUpDeployment(emulator());
    const [ghe, gitlab] = await addCredentials(emulator(), d, [
      { env: 'GHE_TOKEN', type: 'github-enterprise' },
      { env: 'GITLAB_TOKEN', type: 'gitlab' },
    ]);
    const missing = await rest(emulator(), 'POST', `${d.base}/connections`, {
      data: { type: 'broker_connection', attributes: { deployment_id: d.deploymentId, name: 'x', configuration: { type: 'github-enterprise', required: { github: 'g' } } } },
    });
    expect(missing.status).toBe(400);
    expect(errorDetail(missing)).toContain('broker_client_url, github_token');
    const wrongType = await rest(emulator(), 'POST', `${d.base}/connections`, {
      data: {
        type: 'broker_connection',
        attributes: { deployment_id: d.deploymentId, name: 'x', configuration: { type: 'github-enterprise', required: { broker_client_url: 'u', github: 'g', github_token: gitlab } } },
      },
    });
    expect(wrongType.status).toBe(400);
    expect(errorDetail(wrongType)).toContain('is for gitlab connections');
    const connectionId = await addGheConnection(emulator(), d, ghe as string);
    const read = await rest(emulator(), 'GET', `${d.base}/connections/${connectionId}`);
    expect(dataOf<{ attributes: { configuration: unknown } }>(read).attributes.configuration).toEqual({
      type: 'github-enterprise',
      required: { broker_client_url: 'https://broker.example:8000', github: 'ghe.example', github_token: '${GHE_TOKEN}' },
    });
    const credential = await rest(emulator(), 'GET', `${d.base}/credentials/${ghe}`);
    expect(dataOf<{ relationships: unknown }>(credential).relationships).toEqual({ broker_connections: [{ data: { id: connectionId, type: 'broker_connection' } }] });
    emulator().setBehaviors({ 'ub-credential-readback': 'id' });
    const asIds = await rest(emulator(), 'GET', `${d.base}/connections/${connectionId}`);
    expect(asIds.text).toContain(ghe as string);
  });

  it('pages lists by cursor and links.next (relative to the REST root by default)', async () => {
    const d = await setUpDeployment(emulator());
    await addCredentials(emulator(), d, Array.from({ length: 5 }, (_, index) => ({ env: `T${index}`, type: 'gitlab' })));
    const first = await rest(emulator(), 'GET', `${d.base}/credentials?limit=2`);
    const links = (first.body as { links: { next: string } }).links;
    expect(links.next).toMatch(new RegExp(`^${d.base}/credentials\\?version=2024-10-15&limit=2&starting_after=`));
    const names: string[] = [];
    let next: string | undefined = `${d.base}/credentials?limit=2`;
    while (next !== undefined) {
      const page = await rest(emulator(), 'GET', next);
      names.push(...dataOf<Array<{ attributes: { environment_variable_name: string } }>>(page).map((item) => item.attributes.environment_variable_name));
      next = (page.body as { links: { next?: string } }).links.next;
    }
    expect(names).toEqual(['T0', 'T1', 'T2', 'T3', 'T4']);
    expect((await rest(emulator(), 'GET', `${d.base}/credentials?limit=0`)).status).toBe(400);
    expect((await rest(emulator(), 'GET', `/orgs/${d.orgId}/apps/installs?limit=15`)).status).toBe(400);
  });

  it('requires the version parameter and the JSON:API media type', async () => {
    const d = await setUpDeployment(emulator());
    const noVersion = await call(emulator(), 'GET', `/rest${d.base}/credentials`);
    expect(noVersion.status).toBe(400);
    expect(noVersion.headers.get('content-type')).toBe('application/vnd.api+json');
    const plainJson = await call(emulator(), 'POST', `/rest${d.base}/credentials?version=2024-10-15`, {
      body: { data: { type: 'deployment_credential', attributes: [{ environment_variable_name: 'A', type: 'github' }] } },
      contentType: 'application/json',
    });
    expect(plainJson.status).toBe(400);
  });
});

describe('Universal Broker emulator: tenants, roles and persistence', () => {
  const temp = useTempDir();

  it('gives 403 to a key that is not a Tenant Admin, and to a key of another tenant; reads need tenant.read only', async () => {
    const emulator = await startEmulator({
      tenants: [{ id: '7d4e5f8a-0000-4000-8000-000000000002', name: 'Other' }],
      apiKeys: { 'member-key': 'tenant-member', 'other-admin': { role: 'tenant-admin', tenantId: '7d4e5f8a-0000-4000-8000-000000000002' } },
    });
    try {
      const d = await setUpDeployment(emulator);
      const write = { data: { type: 'deployment_credential', attributes: [{ environment_variable_name: 'A', type: 'github' }] } };
      expect((await rest(emulator, 'POST', `${d.base}/credentials`, write, 'member-key')).status).toBe(403);
      expect((await rest(emulator, 'GET', `${d.base}/credentials`, undefined, 'member-key')).status).toBe(200);
      const foreign = await rest(emulator, 'GET', `${d.base}/credentials`, undefined, 'other-admin');
      expect(foreign.status).toBe(403);
      expect(foreign.text).not.toContain('other-admin');
      expect((await rest(emulator, 'GET', `${d.base}/credentials`, undefined, 'unknown-key')).status).toBe(401);
      expect((await rest(emulator, 'GET', '/tenants/7d4e5f8a-0000-4000-8000-000000000002/brokers/deployments', undefined, 'other-admin')).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('checks the role on tenant-level and org-level calls too: deployment create and app install calls need tenant.edit', async () => {
    const emulator = await startEmulator({
      tenants: [{ id: '7d4e5f8a-0000-4000-8000-000000000002', name: 'Other' }],
      apiKeys: { 'member-key': 'tenant-member', 'other-admin': { role: 'tenant-admin', tenantId: '7d4e5f8a-0000-4000-8000-000000000002' } },
    });
    try {
      const d = await setUpDeployment(emulator);
      const deployment = { data: { type: 'broker_deployment', attributes: { broker_app_installed_in_org_id: d.orgId, metadata: {} } } };
      expect((await rest(emulator, 'POST', `/tenants/${d.tenantId}/brokers/installs/${d.installId}/deployments`, deployment, 'member-key')).status).toBe(403);
      expect((await rest(emulator, 'GET', `/tenants/${d.tenantId}/brokers/installs/${d.installId}/deployments`, undefined, 'member-key')).status).toBe(200);
      const rotate = { data: { type: 'app', attributes: { mode: 'replace' } } };
      expect((await rest(emulator, 'POST', `/orgs/${d.orgId}/apps/installs/${d.installId}/secrets`, rotate, 'member-key')).status).toBe(403);
      expect((await rest(emulator, 'DELETE', `/orgs/${d.orgId}/apps/installs/${d.installId}`, undefined, 'member-key')).status).toBe(403);
      expect((await rest(emulator, 'GET', `/orgs/${d.orgId}/apps/installs`, undefined, 'member-key')).status).toBe(200);
      expect((await rest(emulator, 'GET', `/orgs/${d.orgId}/apps/installs`, undefined, 'other-admin')).status).toBe(403);
      expect(emulator.state().universalBroker?.deployments).toHaveLength(1);
      expect(emulator.state().universalBroker?.installs[0]?.clientSecrets).toEqual([d.clientSecret]);
    } finally {
      await emulator.close();
    }
  });

  it('persists the Universal Broker state with the rest, client secrets included', async () => {
    const stateFile = join(temp(), 'state.json');
    const first = await startEmulator({ stateFile });
    const d = await setUpDeployment(first);
    await first.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).universalBroker.installs[0].clientSecrets).toEqual([d.clientSecret]);
    const second = await startEmulator({ stateFile, apiKey: first.apiKey });
    try {
      expect(second.defaultTenantId).toBe(d.tenantId);
      const list = await rest(second, 'GET', `/tenants/${d.tenantId}/brokers/installs/${d.installId}/deployments`);
      expect(dataOf<Array<{ id: string }>>(list).map((item) => item.id)).toEqual([d.deploymentId]);
      const admin = await call(second, 'GET', '/_emulator/universal-broker');
      expect((admin.body as { installs: Array<{ clientSecrets: string[] }> }).installs[0]?.clientSecrets).toEqual([d.clientSecret]);
    } finally {
      await second.close();
    }
  });
});
