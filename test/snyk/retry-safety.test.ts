import { SnykApiError, SnykClient } from '../../src/snyk';
import { defaultOrg, liveTokenOf, rejection, useHarness } from './harness';
import { startProxy, TestProxy } from './proxy';

const harness = useHarness();

let proxy: TestProxy;
beforeEach(async () => {
  proxy = await startProxy(harness().emulator.url);
});
afterEach(() => proxy.close());

/** A client behind the proxy: "the request reached Snyk, the answer was lost" is `proxy.loseAnswers(...)`. */
const lossyClient = (): SnykClient => harness().clientWith({ apiUrl: proxy.url });

describe('non-idempotent calls after ambiguous failures', () => {
  describe('create org', () => {
    it('repeats after a 503 once it found no org of that name', async () => {
      const { client, emulator } = harness();
      emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 503 }, times: 1 });
      const created = await client.createOrg({ name: 'Retried', groupId: emulator.defaultGroupId });
      const named = (await client.listGroupOrgs(emulator.defaultGroupId)).filter((org) => org.name === 'Retried');
      expect(named.map((org) => org.id)).toEqual([created.id]);
    });

    it('refuses to repeat when an org of that name now exists, and names it', async () => {
      const h = harness();
      proxy.loseAnswers('POST', /^\/v1\/org$/);
      const error = await rejection(lossyClient().createOrg({ name: 'Landed', groupId: h.emulator.defaultGroupId }));
      const named = (await h.client.listGroupOrgs(h.emulator.defaultGroupId)).filter((org) => org.name === 'Landed');
      expect(named).toHaveLength(1);
      expect(error).toMatchObject({ code: 'ECONNRESET' });
      expect(error.message).not.toContain('checking whether it took effect failed');
      expect(error.message).toContain(`Not retried: the organization may have been created anyway; group ${h.emulator.defaultGroupId} now has 1 org(s) named "Landed" (${named[0].id})`);
    });

    it('does not repeat an org without a group after a 500', async () => {
      const { client, emulator } = harness();
      emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 500 }, times: 1 });
      const error = await rejection(client.createOrg({ name: 'Personal' }));
      expect(error.message).toMatch(/failed: 500 .*Not retried: the call is not idempotent/);
      expect(emulator.requests().filter((request) => request.method === 'POST')).toHaveLength(1);
    });

    it('does repeat it after a 429, which Snyk never acted on', async () => {
      const { client, emulator } = harness();
      emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 429 }, times: 2 });
      await expect(client.createOrg({ name: 'Personal' })).resolves.toMatchObject({ name: 'Personal' });
    });
  });

  describe('add integration', () => {
    it('repeats after a 502 when the type is still missing', async () => {
      const { client, emulator } = harness();
      const org = await defaultOrg(harness());
      emulator.addFault({ method: 'POST', path: '/v1/org/*/integrations', respond: { status: 502 }, times: 1 });
      const added = await client.addIntegration(org.id, { type: 'github', credentials: { token: 'ghp_x' } });
      await expect(client.getIntegrationTypeMap(org.id)).resolves.toEqual({ github: added.id });
    });

    it('returns the brokered integration whose answer was lost, without touching its broker (the caller gets the token)', async () => {
      const h = harness();
      const org = await defaultOrg(h);
      proxy.loseAnswers('POST', /\/integrations$/);
      const added = await lossyClient().addIntegration(org.id, { type: 'gitlab', broker: true });
      expect(added).toEqual({ id: expect.any(String) });
      await expect(h.client.getIntegrationTypeMap(org.id)).resolves.toEqual({ gitlab: added.id });
      expect(h.emulator.requests().filter((request) => request.method !== 'GET')).toHaveLength(1);
    });
  });

  describe('clone', () => {
    it('returns the clone that landed instead of cloning again', async () => {
      const h = harness();
      const org = await defaultOrg(h);
      const source = await h.client.addIntegration(org.id, { type: 'github', broker: true });
      const sibling = h.emulator.createOrg(org.groupId, 'Sibling');
      proxy.loseAnswers('POST', /\/clone$/);
      const { newIntegrationId } = await lossyClient().cloneIntegration(org.id, source.id, sibling.id);
      await expect(h.client.getIntegrationTypeMap(sibling.id)).resolves.toEqual({ github: newIntegrationId });
      expect(h.emulator.requests().filter((request) => request.path.endsWith('/clone'))).toHaveLength(1);
    });
  });

  describe('provision-token', () => {
    it('repeats after a 503 that did nothing', async () => {
      const { client, emulator } = harness();
      const org = await defaultOrg(harness());
      const added = await client.addIntegration(org.id, { type: 'github', broker: true });
      emulator.addFault({ path: '/v1/org/*/integrations/*/authentication/provision-token', respond: { status: 503 }, times: 1 });
      await expect(client.provisionBrokerToken(org.id, added.id)).resolves.toMatchObject({ provisionalBrokerToken: expect.any(String) });
    });

    it('reports a provisional token lost in transit instead of hiding the 409', async () => {
      const h = harness();
      const org = await defaultOrg(h);
      const added = await h.client.addIntegration(org.id, { type: 'github', broker: true });
      proxy.loseAnswers('POST', /\/provision-token$/);
      const error = await rejection(lossyClient().provisionBrokerToken(org.id, added.id));
      expect(error).toMatchObject({ status: 409 });
      expect(error.message).toMatch(/failed: 409 .*probably provisioned this token, which the API cannot return again/);
      const uuids = error.message.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
      expect(uuids.filter((uuid) => ![org.id, added.id, (error as SnykApiError).errorRef, (error as SnykApiError).requestId].includes(uuid))).toEqual([]);
    });
  });

  describe('switch-token and delete org', () => {
    it('treats a 409 on a repeated switch as the first attempt having switched', async () => {
      const h = harness();
      const org = await defaultOrg(h);
      const added = await h.client.addIntegration(org.id, { type: 'github', broker: true });
      const { provisionalBrokerToken } = await h.client.provisionBrokerToken(org.id, added.id);
      proxy.loseAnswers('POST', /\/switch-token$/);
      await lossyClient().switchBrokerToken(org.id, added.id);
      expect(liveTokenOf(h, added.id)).toBe(provisionalBrokerToken);
    });

    it('treats a 404 on a repeated delete as done', async () => {
      const h = harness();
      const org = h.emulator.createOrg(h.emulator.defaultGroupId, 'Doomed');
      proxy.loseAnswers('DELETE', /^\/v1\/org\/[^/]+$/);
      await lossyClient().deleteOrg(org.id);
      await expect(h.client.getOrg(org.id)).resolves.toBeUndefined();
      expect(h.emulator.requests().filter((request) => request.method === 'DELETE').map((request) => request.status)).toEqual([204, 404]);
    });
  });
});
