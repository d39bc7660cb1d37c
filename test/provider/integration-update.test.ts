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
