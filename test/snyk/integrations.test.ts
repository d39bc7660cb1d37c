import { defaultOrg, liveTokenOf, rejection, useHarness } from './harness';

const harness = useHarness();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('integrations against the emulator', () => {
  it('adds an integration with credentials and finds it by type and in the type map', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    await expect(client.getIntegrationByType(org.id, 'github')).resolves.toBeUndefined();
    const added = await client.addIntegration(org.id, { type: 'github', credentials: { token: 'ghp_direct_token' } });
    expect(added).toEqual({ id: expect.any(String) });
    await expect(client.getIntegrationByType(org.id, 'github')).resolves.toBe(added.id);
    await expect(client.getIntegrationTypeMap(org.id)).resolves.toEqual({ github: added.id });
  });

  it('refuses a second integration of the same type with 409', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    await client.addIntegration(org.id, { type: 'gitlab', credentials: { token: 'glpat-1' } });
    const error = await rejection(client.addIntegration(org.id, { type: 'gitlab', credentials: { token: 'glpat-secret-2' } }));
    expect(error).toMatchObject({ status: 409, method: 'POST', path: `/v1/org/${org.id}/integrations`, errorRef: expect.any(String) });
    expect(error.message).toMatch(/failed: 409 .*\(error reference /);
    expect(error.message).not.toContain('glpat-secret-2');
  });

  it('adds a brokered integration; the Broker token it returns, if any, is the live one (Snyk\'s spec answers {id} only)', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    const added = await client.addIntegration(org.id, { type: 'bitbucket-server', broker: true });
    expect(added.brokerToken === undefined || added.brokerToken === liveTokenOf(harness(), added.id)).toBe(true);
    const enabled = await client.enableBroker(org.id, added.id, 'bitbucket-server');
    expect(enabled).toEqual({ id: added.id, brokerToken: expect.stringMatching(UUID_V4) });
    expect(enabled.brokerToken).toBe(liveTokenOf(harness(), added.id));
  });

  it('enables the broker, then disables it with credentials, then updates and deletes the credentials', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    const { id } = await client.addIntegration(org.id, { type: 'github', credentials: { token: 'ghp_one' } });
    const enabled = await client.enableBroker(org.id, id, 'github');
    expect(enabled).toEqual({ id, brokerToken: expect.stringMatching(UUID_V4) });

    const brokeredUpdate = await rejection(client.updateCredentials(org.id, id, 'github', { token: 'ghp_must_not_leak' }));
    expect(brokeredUpdate).toMatchObject({ status: 400 });
    expect(brokeredUpdate.message).not.toContain('ghp_must_not_leak');

    await client.disableBroker(org.id, id, 'github', { token: 'ghp_two' });
    await client.updateCredentials(org.id, id, 'github', { token: 'ghp_three' });
    await client.deleteCredentials(org.id, id);
    await expect(client.getIntegrationByType(org.id, 'github')).resolves.toBe(id);
  });

  it('rotates a Broker token: provision, then switch; refuses a second provisional token and a switch with none', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    const added = await client.addIntegration(org.id, { type: 'github', broker: true });
    const { provisionalBrokerToken } = await client.provisionBrokerToken(org.id, added.id);
    expect(provisionalBrokerToken).toMatch(UUID_V4);
    expect(provisionalBrokerToken).not.toBe(added.brokerToken);

    const second = await rejection(client.provisionBrokerToken(org.id, added.id));
    expect(second).toMatchObject({ status: 409 });
    expect(second.message).not.toContain(provisionalBrokerToken);

    await client.switchBrokerToken(org.id, added.id);
    expect(liveTokenOf(harness(), added.id)).toBe(provisionalBrokerToken);
    await expect(rejection(client.switchBrokerToken(org.id, added.id))).resolves.toMatchObject({ status: 409 });
  });

  it('clones an integration with its token within a group and refuses across groups', async () => {
    const { client, emulator } = harness();
    const org = await defaultOrg(harness());
    const added = await client.addIntegration(org.id, { type: 'github', broker: true });
    const sibling = emulator.createOrg(org.groupId, 'Sibling');
    const { newIntegrationId } = await client.cloneIntegration(org.id, added.id, sibling.id);
    await expect(client.getIntegrationTypeMap(sibling.id)).resolves.toEqual({ github: newIntegrationId });
    expect(liveTokenOf(harness(), newIntegrationId)).toBe(liveTokenOf(harness(), added.id));

    const stranger = emulator.createOrg(emulator.createGroup('Elsewhere').id, 'Stranger');
    await expect(rejection(client.cloneIntegration(org.id, added.id, stranger.id))).resolves.toMatchObject({ status: 400 });
  });

  it('reads and updates settings', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    const { id } = await client.addIntegration(org.id, { type: 'github', credentials: { token: 't0k3n' } });
    const before = await client.getIntegrationSettings(org.id, id);
    expect(typeof before).toBe('object');
    const after = await client.updateIntegrationSettings(org.id, id, { pullRequestTestEnabled: false, autoDepUpgradeLimit: 3, autoRemediationPrs: { freshPrsEnabled: true } });
    expect(after).toMatchObject({ pullRequestTestEnabled: false, autoDepUpgradeLimit: 3, autoRemediationPrs: { freshPrsEnabled: true } });
    await expect(client.getIntegrationSettings(org.id, id)).resolves.toMatchObject({ pullRequestTestEnabled: false, autoDepUpgradeLimit: 3 });
  });

  it('reports 404 for an integration that does not exist', async () => {
    const { client } = harness();
    const org = await defaultOrg(harness());
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(rejection(client.getIntegrationSettings(org.id, missing))).resolves.toMatchObject({ status: 404 });
    await expect(rejection(client.provisionBrokerToken(org.id, missing))).resolves.toMatchObject({ status: 404 });
  });
});
