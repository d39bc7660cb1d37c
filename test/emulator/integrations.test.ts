import { BROKERED_GITHUB, GITHUB_WITH_TOKEN, UUID_V4, addIntegration, bodyOf, call, defaultOrgId, useEmulator } from './helpers';

describe('emulator v1 integrations', () => {
  const emulator = useEmulator();
  const orgId = () => defaultOrgId(emulator());
  const integrations = () => `/v1/org/${orgId()}/integrations`;

  describe('add and look up', () => {
    it('adds an integration with credentials, without a token, and maps its type to its id', async () => {
      const response = await call(emulator(), 'POST', integrations(), { body: GITHUB_WITH_TOKEN });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V4) });
      const { id } = bodyOf<{ id: string }>(response);
      expect((await call(emulator(), 'GET', integrations())).body).toEqual({ github: id });
      expect((await call(emulator(), 'GET', `${integrations()}/github`)).body).toEqual({ id });
    });

    it("adds a brokered integration answering {id} only, as Snyk's spec says; PUT enable-broker hands out a UUIDv4 token", async () => {
      const response = await call(emulator(), 'POST', integrations(), { body: BROKERED_GITHUB });
      expect(response.body).toEqual({ id: expect.stringMatching(UUID_V4) });
      const { id } = bodyOf<{ id: string }>(response);
      expect(emulator().state().integrations[0]?.tokenFamilyId).not.toBeNull();
      const enabled = await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: BROKERED_GITHUB });
      const { brokerToken } = bodyOf<{ brokerToken: string }>(enabled);
      expect(brokerToken).toMatch(UUID_V4);
      expect(emulator().state().tokenFamilies[0]?.token).toBe(brokerToken);
      expect((await call(emulator(), 'GET', `${integrations()}/github`)).text).not.toContain(brokerToken);
    });

    it('answers 404 for a type the org does not have, and for an unknown org', async () => {
      expect((await call(emulator(), 'GET', `${integrations()}/gitlab`)).status).toBe(404);
      expect((await call(emulator(), 'GET', '/v1/org/no-such-org/integrations')).status).toBe(404);
      expect((await call(emulator(), 'POST', '/v1/org/no-such-org/integrations', { body: GITHUB_WITH_TOKEN })).status).toBe(404);
    });

    it('refuses a second integration of the same type with 409', async () => {
      await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      const response = await call(emulator(), 'POST', integrations(), { body: BROKERED_GITHUB });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ code: 409, error: 'Conflict' });
    });

    it.each([
      ['an unknown type', { type: 'svn', credentials: { token: 'x' } }],
      ['no type', { credentials: { token: 'x' } }],
      ['neither credentials nor broker', { type: 'github' }],
      ['missing credential fields', { type: 'bitbucket-server', credentials: { username: 'u', password: 'p' } }],
      ['unexpected credential fields', { type: 'github', credentials: { token: 'x', password: 'p' } }],
      ['a malformed broker', { type: 'github', broker: { enabled: 'yes' } }],
    ])('refuses %s with 400', async (_, body) => {
      const response = await call(emulator(), 'POST', integrations(), { body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 400, error: 'Bad Request' });
    });

    it('never echoes credentials in an error', async () => {
      const response = await call(emulator(), 'POST', integrations(), { body: { type: 'github-enterprise', credentials: { token: 'ghe-secret' } } });
      expect(response.status).toBe(400);
      expect(response.text).not.toContain('ghe-secret');
      expect(response.text).toContain('url');
    });

    it('accepts gitlab with and without its optional url', async () => {
      await addIntegration(emulator(), orgId(), { type: 'gitlab', credentials: { token: 't' } });
      const other = emulator().createOrg(emulator().defaultGroupId, 'Other');
      await addIntegration(emulator(), other.id, { type: 'gitlab', credentials: { token: 't', url: 'https://gitlab.example' } });
    });
  });

  describe('update', () => {
    it('enables the broker on an unbrokered integration with a fresh token, and re-enabling mints another (default broker-reenable)', async () => {
      const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      const enabled = await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: BROKERED_GITHUB });
      expect(enabled.status).toBe(200);
      const { brokerToken } = bodyOf<{ id: string; brokerToken: string }>(enabled);
      expect(enabled.body).toEqual({ id, brokerToken: expect.stringMatching(UUID_V4) });
      const again = bodyOf<{ id: string; brokerToken: string }>(await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: BROKERED_GITHUB }));
      expect(again).toEqual({ id, brokerToken: expect.stringMatching(UUID_V4) });
      expect(again.brokerToken).not.toBe(brokerToken);
      expect(emulator().state().tokenFamilies).toEqual([expect.objectContaining({ token: again.brokerToken })]);
    });

    it('updates credentials of an unbrokered integration', async () => {
      const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      const response = await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: { type: 'github', credentials: { token: 'new' } } });
      expect(response.status).toBe(200);
      // Snyk's spec requires brokerToken in every PUT answer (integration-put-answer); it belongs to nothing here.
      expect(response.body).toEqual({ id, brokerToken: expect.stringMatching(UUID_V4) });
      expect(emulator().state().tokenFamilies).toEqual([]);
      expect(emulator().state().integrations[0]?.credentials).toEqual({ token: 'new' });
    });

    it('refuses credentials on a brokered integration, and disabling without credentials, with 400', async () => {
      const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
      const path = `${integrations()}/${id}`;
      expect((await call(emulator(), 'PUT', path, { body: GITHUB_WITH_TOKEN })).status).toBe(400);
      expect((await call(emulator(), 'PUT', path, { body: { type: 'github', broker: { enabled: false } } })).status).toBe(400);
      expect((await call(emulator(), 'PUT', path, { body: { type: 'gitlab', broker: { enabled: true } } })).status).toBe(400);
      expect((await call(emulator(), 'PUT', path, { body: { type: 'github' } })).status).toBe(400);
    });

    it('disables the broker with credentials: the integration leaves its family, and enabling again starts a new one', async () => {
      const { id, brokerToken } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
      const path = `${integrations()}/${id}`;
      const disabled = await call(emulator(), 'PUT', path, { body: { type: 'github', broker: { enabled: false }, credentials: { token: 't' } } });
      expect(disabled.body).toEqual({ id, brokerToken: expect.stringMatching(UUID_V4) });
      expect(bodyOf<{ brokerToken: string }>(disabled).brokerToken).not.toBe(brokerToken);
      expect(emulator().state().integrations[0]).toMatchObject({ tokenFamilyId: null, credentials: { token: 't' } });
      const enabled = bodyOf<{ brokerToken: string }>(await call(emulator(), 'PUT', path, { body: BROKERED_GITHUB }));
      expect(enabled.brokerToken).toMatch(UUID_V4);
      expect(enabled.brokerToken).not.toBe(brokerToken);
    });

    it('answers 404 for an integration of another org', async () => {
      const other = emulator().createOrg(emulator().defaultGroupId, 'Other');
      const { id } = await addIntegration(emulator(), other.id, GITHUB_WITH_TOKEN);
      expect((await call(emulator(), 'PUT', `${integrations()}/${id}`, { body: BROKERED_GITHUB })).status).toBe(404);
    });
  });

  describe('credentials and settings', () => {
    it('deletes the credentials of an unbrokered integration, and leaves a brokered one alone', async () => {
      const plain = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      const brokered = await addIntegration(emulator(), orgId(), { type: 'gitlab', broker: { enabled: true } });
      const first = await call(emulator(), 'DELETE', `${integrations()}/${plain.id}/authentication`);
      const second = await call(emulator(), 'DELETE', `${integrations()}/${brokered.id}/authentication`);
      expect([first.status, first.text, second.status]).toEqual([200, '', 200]);
      const byId = new Map(emulator().state().integrations.map((integration) => [integration.id, integration]));
      expect(byId.get(plain.id)?.credentials).toBeNull();
      expect(byId.get(brokered.id)?.tokenFamilyId).not.toBeNull();
      expect((await call(emulator(), 'DELETE', `${integrations()}/no-such/authentication`)).status).toBe(404);
    });

    it('reads settings and merges a partial update', async () => {
      const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      const path = `${integrations()}/${id}/settings`;
      const before = bodyOf<Record<string, unknown>>(await call(emulator(), 'GET', path));
      expect(before).toMatchObject({ pullRequestTestEnabled: true });
      const updated = await call(emulator(), 'PUT', path, { body: { autoDepUpgradeLimit: 3, pullRequestTestEnabled: false } });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ ...before, autoDepUpgradeLimit: 3, pullRequestTestEnabled: false });
      expect((await call(emulator(), 'GET', path)).body).toEqual(updated.body);
    });

    it.each([{ unknownSetting: true }, { autoDepUpgradeLimit: 'three' }, { autoDepUpgradeIgnoredDependencies: [1] }])(
      'refuses settings %p with 400',
      async (settings) => {
        const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
        expect((await call(emulator(), 'PUT', `${integrations()}/${id}/settings`, { body: settings })).status).toBe(400);
      },
    );

    it('answers 404 for the settings of an unknown integration', async () => {
      expect((await call(emulator(), 'GET', `${integrations()}/no-such/settings`)).status).toBe(404);
    });
  });

  describe('clone', () => {
    it('copies an unbrokered integration with its credentials and settings', async () => {
      const { id } = await addIntegration(emulator(), orgId(), GITHUB_WITH_TOKEN);
      await call(emulator(), 'PUT', `${integrations()}/${id}/settings`, { body: { autoDepUpgradeLimit: 7 } });
      const destination = emulator().createOrg(emulator().defaultGroupId, 'Destination');
      const response = await call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: { destinationOrgPublicId: destination.id } });
      expect(response.status).toBe(200);
      const { newIntegrationId } = bodyOf<{ newIntegrationId: string }>(response);
      expect(newIntegrationId).toMatch(UUID_V4);
      const copy = emulator().state().integrations.find((integration) => integration.id === newIntegrationId);
      expect(copy).toMatchObject({ orgId: destination.id, type: 'github', tokenFamilyId: null, credentials: GITHUB_WITH_TOKEN.credentials });
      expect(copy?.settings).toMatchObject({ autoDepUpgradeLimit: 7 });
    });

    it('refuses a destination in another group (400), one that has the type (409), and an unknown one (404)', async () => {
      const { id } = await addIntegration(emulator(), orgId(), BROKERED_GITHUB);
      const clone = (destinationOrgPublicId: string) => call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: { destinationOrgPublicId } });
      const elsewhere = emulator().createOrg(emulator().createGroup('Elsewhere').id, 'Far');
      const crowded = emulator().createOrg(emulator().defaultGroupId, 'Crowded');
      await addIntegration(emulator(), crowded.id, GITHUB_WITH_TOKEN);
      expect((await clone(elsewhere.id)).status).toBe(400);
      expect((await clone(crowded.id)).status).toBe(409);
      expect((await clone('no-such-org')).status).toBe(404);
      expect((await call(emulator(), 'POST', `${integrations()}/${id}/clone`, { body: {} })).status).toBe(400);
    });
  });
});
