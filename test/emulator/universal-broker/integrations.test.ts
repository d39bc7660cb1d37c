import { startEmulator } from '../../../src/emulator';
import { call, useEmulator } from '../helpers';
import { addCredentials, addGheConnection, dataOf, errorDetail, rest, setUpDeployment } from './helpers';

describe('Universal Broker emulator: org integrations', () => {
  const emulator = useEmulator();

  async function connected() {
    const d = await setUpDeployment(emulator());
    const [credentialId] = await addCredentials(emulator(), d, [{ env: 'GHE_TOKEN', type: 'github-enterprise' }]);
    const connectionId = await addGheConnection(emulator(), d, credentialId as string);
    return { d, connectionId, integrate: `/tenants/${d.tenantId}/brokers/connections/${connectionId}/orgs/${d.orgId}/integration` };
  }

  it('answers {id, org_id, type, integration_type} without attributes, and the integration is one of the org\'s', async () => {
    const { d, integrate } = await connected();
    const created = await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise' } });
    expect(created.status).toBe(201);
    const integration = dataOf<{ id: string }>(created);
    expect(integration).toEqual({ id: expect.any(String), org_id: d.orgId, type: 'broker_integration', integration_type: 'github-enterprise' });
    const v1 = await call(emulator(), 'GET', `/v1/org/${d.orgId}/integrations`);
    expect(v1.body).toEqual({ 'github-enterprise': integration.id });
  });

  it('refuses a type other than the connection\'s (400) and a second integration of the type in the org (409)', async () => {
    const { integrate } = await connected();
    const wrong = await rest(emulator(), 'POST', integrate, { data: { type: 'gitlab' } });
    expect(wrong.status).toBe(400);
    expect(errorDetail(wrong)).toContain('"data.type" must be "github-enterprise"');
    expect((await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise' } })).status).toBe(201);
    expect((await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise' } })).status).toBe(409);
  });

  it('adopts the org\'s classic integration of the type by default; asks for integration_id under ub-integrate-existing-type=refuse', async () => {
    const { d, integrate } = await connected();
    const classic = await call(emulator(), 'POST', `/v1/org/${d.orgId}/integrations`, { body: { type: 'github-enterprise', broker: { enabled: true } } });
    const classicId = (classic.body as { id: string }).id;
    emulator().setBehaviors({ 'ub-integrate-existing-type': 'refuse' });
    const refused = await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise' } });
    expect(refused.status).toBe(409);
    expect(errorDetail(refused)).toContain(classicId);
    emulator().resetBehaviors();
    const adopted = await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise' } });
    expect(dataOf<{ id: string }>(adopted).id).toBe(classicId);
    expect(emulator().state().integrations.find((integration) => integration.id === classicId)?.tokenFamilyId).toBeNull();
  });

  it('404s an integration_id the org does not have', async () => {
    const { integrate } = await connected();
    const missing = await rest(emulator(), 'POST', integrate, { data: { type: 'github-enterprise', integration_id: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.status).toBe(404);
  });
});

describe('Universal Broker emulator: bulk migration', () => {
  const emulator = useEmulator();

  async function classicFamilyOfTwo() {
    const d = await setUpDeployment(emulator());
    const [credentialId] = await addCredentials(emulator(), d, [{ env: 'GHE_TOKEN', type: 'github-enterprise' }]);
    const connectionId = await addGheConnection(emulator(), d, credentialId as string);
    const classic = await call(emulator(), 'POST', `/v1/org/${d.orgId}/integrations`, { body: { type: 'github-enterprise', broker: { enabled: true } } });
    const second = emulator().createOrg(emulator().defaultGroupId, 'Second');
    await call(emulator(), 'POST', `/v1/org/${d.orgId}/integrations/${(classic.body as { id: string }).id}/clone`, { body: { destinationOrgPublicId: second.id } });
    const migration = `${d.base}/connections/${connectionId}/bulk_migration`;
    const integrations = `/tenants/${d.tenantId}/brokers/connections/${connectionId}/integrations`;
    const brokered = () => emulator().state().integrations.filter((integration) => integration.tokenFamilyId !== null).length;
    return { d, second, migration, integrations, brokered };
  }

  it('lists the orgs still on a classic token, answers pending, and moves them when the integrations are next listed', async () => {
    const { d, second, migration, integrations, brokered } = await classicFamilyOfTwo();
    expect(dataOf<Array<{ id: string }>>(await rest(emulator(), 'GET', migration)).map((org) => org.id).sort()).toEqual([d.orgId, second.id].sort());
    const started = await rest(emulator(), 'POST', migration, { data: { type: 'broker_migration' } });
    expect(started.status).toBe(201);
    expect(dataOf<{ attributes: unknown }>(started).attributes).toEqual({ status: 'pending' });
    expect(brokered()).toBe(2);
    expect(dataOf<unknown[]>(await rest(emulator(), 'GET', integrations))).toHaveLength(2);
    expect(brokered()).toBe(0);
    expect(emulator().state().universalBroker?.migrations[0]?.status).toBe('completed');
    expect(dataOf<unknown[]>(await rest(emulator(), 'GET', migration))).toEqual([]);
  });

  it('moves them before answering under ub-bulk-migration=immediate', async () => {
    emulator().setBehaviors({ 'ub-bulk-migration': 'immediate' });
    const { migration, brokered } = await classicFamilyOfTwo();
    await rest(emulator(), 'POST', migration, { data: { type: 'broker_migration' } });
    expect(brokered()).toBe(0);
  });
});

describe('Universal Broker emulator: ub-forbidden-status', () => {
  it('answers the configured status to a key without the role', async () => {
    const emulator = await startEmulator({ apiKeys: { 'member-key-0009': 'tenant-member' }, behaviors: { 'ub-forbidden-status': '404' } });
    try {
      const d = await setUpDeployment(emulator);
      const write = await rest(emulator, 'DELETE', d.base, undefined, 'member-key-0009');
      expect(write.status).toBe(404);
      expect(emulator.state().universalBroker?.deployments).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});
