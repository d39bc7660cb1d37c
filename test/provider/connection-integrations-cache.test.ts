import { ConnectionIntegrationCalls, ConnectionIntegrationsCache, ConnectionKey } from '../../src/provider/connection-integrations-cache';
import { BrokerConnectionConfiguration } from '../../src/snyk/universal-broker';
import { installAndDeploy, UbHarness, useUbHarness } from '../snyk/universal-broker/harness';

const INTEGRATIONS_PER_CONNECTION = 5;

const GHE = (tokenCredentialId: string): BrokerConnectionConfiguration => ({
  type: 'github-enterprise',
  required: { broker_client_url: 'https://broker.example:8000', github: 'ghe.example', github_token: tokenCredentialId },
});

/** Two GHE connections of one deployment, the first serving the GHE integrations of `INTEGRATIONS_PER_CONNECTION` orgs. */
async function connectionsWithIntegrations(h: UbHarness): Promise<{ busy: ConnectionKey; idle: ConnectionKey; integrationIds: string[] }> {
  const { ref } = await installAndDeploy(h);
  const [credential] = await h.ub.createCredentials(ref, [{ environmentVariableName: 'GHE_TOKEN', type: 'github-enterprise' }]);
  const [busy, idle] = await Promise.all(['busy', 'idle'].map((name) => h.ub.createConnection(ref, { name, configuration: GHE(String(credential?.id)) })));
  const integrationIds: string[] = [];
  for (let index = 0; index < INTEGRATIONS_PER_CONNECTION; index++) {
    const org = h.emulator.createOrg(h.emulator.defaultGroupId, `team-${index}`);
    integrationIds.push((await h.ub.createConnectionIntegration(h.tenantId, String(busy?.id), org.id, { type: 'github-enterprise' })).id);
  }
  return { busy: { tenantId: h.tenantId, connectionId: String(busy?.id) }, idle: { tenantId: h.tenantId, connectionId: String(idle?.id) }, integrationIds };
}

/** The real client's calls, listing `pageSize` integrations a page. */
function pagedCalls(h: UbHarness, pageSize: number): ConnectionIntegrationCalls {
  return {
    listConnectionIntegrations: (tenantId, connectionId) => h.ub.listConnectionIntegrations(tenantId, connectionId, { pageSize }),
    createConnectionIntegration: (...args) => h.ub.createConnectionIntegration(...args),
    deleteConnectionIntegration: (...args) => h.ub.deleteConnectionIntegration(...args),
  };
}

describe('ConnectionIntegrationsCache against the emulator', () => {
  const h = useUbHarness();
  const listingsOf = (connection: ConnectionKey): number =>
    h()
      .emulator.requests()
      .filter((request) => request.method === 'GET' && request.path === `/rest/tenants/${connection.tenantId}/brokers/connections/${connection.connectionId}/integrations`).length;

  test('concurrent reads of every integration on a connection share one listing, later reads reuse it, and each connection has its own', async () => {
    const { busy, idle, integrationIds } = await connectionsWithIntegrations(h());
    const cache = new ConnectionIntegrationsCache(h().ub);
    h().emulator.clearRequests();

    const found = await Promise.all(integrationIds.map((id) => cache.find(busy, id)));
    expect(found.map((integration) => integration?.id)).toEqual(integrationIds);
    expect(listingsOf(busy)).toBe(1);
    expect(await cache.find(busy, integrationIds[0] as string)).toBeDefined();
    expect(await cache.find(busy, '3fa85f64-5717-4562-b3fc-2c963f66afa6')).toBeUndefined();
    expect(listingsOf(busy)).toBe(1);

    expect(await Promise.all([cache.list(idle), cache.list(idle)])).toEqual([[], []]);
    expect(listingsOf(idle)).toBe(1);
  });

  test('a listing of several pages is one paged sequence, shared by concurrent reads', async () => {
    const { busy, integrationIds } = await connectionsWithIntegrations(h());
    const cache = new ConnectionIntegrationsCache(pagedCalls(h(), 2));
    h().emulator.clearRequests();

    const found = await Promise.all(integrationIds.map((id) => cache.find(busy, id)));
    expect(found.every((integration) => integration !== undefined)).toBe(true);
    expect(listingsOf(busy)).toBe(Math.ceil(INTEGRATIONS_PER_CONNECTION / 2));
  });

  test('connecting and disconnecting an org through the cache forgets that connection\'s listing, and only that one', async () => {
    const { busy, idle, integrationIds } = await connectionsWithIntegrations(h());
    const cache = new ConnectionIntegrationsCache(h().ub);
    await Promise.all([cache.list(busy), cache.list(idle)]);
    h().emulator.clearRequests();

    const newcomer = h().emulator.createOrg(h().emulator.defaultGroupId, 'newcomer');
    const connected = await cache.connect(idle, newcomer.id, { type: 'github-enterprise' });
    expect((await cache.list(idle))?.map((integration) => integration.id)).toEqual([connected.id]);
    expect(listingsOf(idle)).toBe(1);

    const leaving = (await cache.find(busy, integrationIds[0] as string))?.orgId as string;
    expect(listingsOf(busy)).toBe(0);
    await cache.disconnect(busy, leaving, integrationIds[0] as string);
    expect(await cache.find(busy, integrationIds[0] as string)).toBeUndefined();
    expect((await cache.list(busy))?.length).toBe(INTEGRATIONS_PER_CONNECTION - 1);
    expect(listingsOf(busy)).toBe(1);
  });

  test('a write whose answer was lost still forgets the listing: Snyk may have carried it out', async () => {
    const { idle } = await connectionsWithIntegrations(h());
    const cache = new ConnectionIntegrationsCache(h().ub);
    expect(await cache.list(idle)).toEqual([]);

    const org = h().emulator.createOrg(h().emulator.defaultGroupId, 'lost-answer');
    h().emulator.addFault({ method: 'POST', path: '/rest/tenants/*/brokers/connections/*/orgs/*/integration', respond: { status: 500 }, when: 'after' });
    await expect(cache.connect(idle, org.id, { type: 'github-enterprise' })).rejects.toThrow();
    expect((await cache.list(idle))?.map((integration) => integration.orgId)).toEqual([org.id]);
  });

  test('moving an existing integration onto a connection (migration) forgets the listing too', async () => {
    const { busy } = await connectionsWithIntegrations(h());
    const cache = new ConnectionIntegrationsCache(h().ub);
    await cache.list(busy);
    const classic = await h().client.addIntegration(h().orgId, { type: 'github-enterprise', broker: true });

    const moved = await cache.connect(busy, h().orgId, { type: 'github-enterprise', integrationId: classic.id });
    expect(moved.id).toBe(classic.id);
    expect((await cache.find(busy, classic.id))?.orgId).toBe(h().orgId);
  });

  test('a connection that is gone reads as undefined, once for all its readers; a failed listing is not kept', async () => {
    const { busy, integrationIds } = await connectionsWithIntegrations(h());
    const gone = { tenantId: busy.tenantId, connectionId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' };
    const cache = new ConnectionIntegrationsCache(h().ub);
    h().emulator.clearRequests();
    expect(await Promise.all([cache.find(gone, 'a'), cache.find(gone, 'b'), cache.list(gone)])).toEqual([undefined, undefined, undefined]);
    expect(listingsOf(gone)).toBe(1);

    // More failures than the client's attempts: the listing fails, and the next read lists again instead of failing too.
    h().emulator.addFault({ method: 'GET', path: '/rest/tenants/*/brokers/connections/*/integrations', respond: { status: 500 }, times: 10 });
    await expect(cache.find(busy, integrationIds[0] as string)).rejects.toThrow();
    h().emulator.clearFaults();
    expect((await cache.find(busy, integrationIds[0] as string))?.id).toBe(integrationIds[0]);
  });
});
