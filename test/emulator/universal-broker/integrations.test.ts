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
