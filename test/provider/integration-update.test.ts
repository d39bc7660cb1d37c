import { startEmulator } from '../../src/emulator';
import { Diagnostics } from '../../src/provider/framework';
import { integrationResource } from '../../src/provider/resources/integration';
import { createSnykContext } from '../../src/provider/snyk-context';

/**
 * After an import, Terraform does not know whether an integration is brokered (`broker` is null). Setting
 * broker = false with credentials must work on a brokered one too: Snyk refuses a credentials-only update there
 * (`credentials-on-brokered-status`), so the provider disables the broker with the credentials instead.
 */
test.each(['400', '409', '422'] as const)('broker = false with credentials on an imported brokered integration (Snyk refuses a credentials update with %s)', async (status) => {
  const emulator = await startEmulator({ behaviors: { 'credentials-on-brokered-status': status } });
  try {
    const orgId = emulator.createOrg(emulator.defaultGroupId, 'imported').id;
    const provider = createSnykContext({ apiUrl: emulator.url, credential: { scheme: 'token', value: emulator.apiKey }, region: 'SNYK-US-01' });
    const { id } = await provider.client.addIntegration(orgId, { type: 'github-enterprise', broker: true });
    const credentials = { token: 'ghe-token', url: 'https://ghe.example.com' };
    const imported = { id, organization_id: orgId, type: 'github-enterprise', broker: null, credentials: null, settings: null, broker_token: null };

    const updated = await integrationResource.definition.update({
      plan: { ...imported, broker: false, credentials },
      prior: imported,
      provider,
      diagnostics: new Diagnostics(),
      setPartialState: () => undefined,
    } as never);

    expect(updated).toMatchObject({ id, broker: false, credentials, broker_token: null });
    const integration = emulator.state().integrations.find((candidate) => candidate.id === id);
    expect(integration).toMatchObject({ tokenFamilyId: null, credentials });
    expect(emulator.requests().filter((request) => request.method === 'PUT' && request.status !== 200)).toEqual([]);
  } finally {
    await emulator.close();
  }
});

/** Known not brokered: new credentials are one credentials update; the same credentials are no call at all. */
test('broker = false on an integration known not to be brokered: credentials updated only when they change', async () => {
  const emulator = await startEmulator();
  try {
    const orgId = emulator.createOrg(emulator.defaultGroupId, 'direct').id;
    const provider = createSnykContext({ apiUrl: emulator.url, credential: { scheme: 'token', value: emulator.apiKey }, region: 'SNYK-US-01' });
    const first = { token: 'glpat-first' };
    const { id } = await provider.client.addIntegration(orgId, { type: 'gitlab', credentials: first });
    const prior = { id, organization_id: orgId, type: 'gitlab', broker: false, credentials: first, settings: null, broker_token: null };
    const update = (credentials: Record<string, string>) =>
      integrationResource.definition.update({ plan: { ...prior, credentials }, prior, provider, diagnostics: new Diagnostics(), setPartialState: () => undefined } as never);
    const puts = () => emulator.requests().filter((request) => request.method === 'PUT');

    await update(first);
    expect(puts()).toEqual([]);

    const second = { token: 'glpat-second' };
    await expect(update(second)).resolves.toMatchObject({ broker: false, credentials: second, broker_token: null });
    expect(puts().map((request) => request.status)).toEqual([200]);
    expect(emulator.state().integrations.find((candidate) => candidate.id === id)?.credentials).toEqual(second);
  } finally {
    await emulator.close();
  }
});
