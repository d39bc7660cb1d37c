import { startEmulator } from '../../src/emulator';
import { Diagnostics } from '../../src/provider/framework';
import { integrationResource, IntegrationModel } from '../../src/provider/resources/integration';
import { createSnykContext } from '../../src/provider/snyk-context';

/**
 * A new brokered integration whose token Snyk does not answer (POST `{id}` only) and will not give again (re-enable
 * refused) gets one by provision and switch. Where Snyk counts one provisional token per group, a rotation outstanding
 * elsewhere in the group refuses that: the apply stops saying what to do, and once done, the next apply takes the
 * integration over (no second one) and captures its token.
 */
test('a new brokered integration while another rotation of the group is outstanding: stops saying what to do, then converges', async () => {
  const emulator = await startEmulator({
    behaviors: { 'broker-reenable': 'refuse', 'provision-conflict-scope': 'group', 'provision-conflict-status': '400' },
  });
  try {
    const provider = createSnykContext({ apiUrl: emulator.url, credential: { scheme: 'token', value: emulator.apiKey }, region: 'SNYK-US-01' });
    const rotating = emulator.createOrg(emulator.defaultGroupId, 'rotating').id;
    const { id: rotatingIntegration } = await provider.client.addIntegration(rotating, { type: 'github-enterprise', broker: true });
    await provider.client.provisionBrokerToken(rotating, rotatingIntegration);

    const orgId = emulator.createOrg(emulator.defaultGroupId, 'new').id;
    const plan: IntegrationModel = { id: null, organization_id: orgId, type: 'gitlab', broker: true, credentials: null, settings: null, broker_token: null };
    let partial: IntegrationModel | undefined;
    const create = () =>
      integrationResource.definition.create({ plan, provider, diagnostics: new Diagnostics(), setPartialState: (state: IntegrationModel) => (partial = state) } as never);

    const refused = await create().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String(refused)).toContain('Broker token of the new integration not captured');
    expect(String(refused)).toContain('activate = true');
    // Kept without an id: Snyk made it, nobody has its token, and the replacement takes it over.
    expect(partial).toMatchObject({ id: null, broker: true, broker_token: null });

    await provider.client.switchBrokerToken(rotating, rotatingIntegration);
    await integrationResource.definition.delete({ state: partial, provider, diagnostics: new Diagnostics() } as never);
    const created = (await create()) as unknown as IntegrationModel;

    const integrations = emulator.state().integrations.filter((integration) => integration.orgId === orgId);
    expect(integrations).toHaveLength(1);
    const family = emulator.state().tokenFamilies.find((candidate) => candidate.id === integrations[0]?.tokenFamilyId);
    expect(created).toMatchObject({ id: integrations[0]?.id, broker_token: family?.token });
  } finally {
    await emulator.close();
  }
});

/**
 * The same capture, with the provision's answer lost: the repeat is refused because of that very token, not another
 * rotation. The apply stops saying so (the lost-token error, with the switch to make), and after it converges.
 */
test('a new brokered integration whose provisional token answer is lost: stops with the lost-token error, then converges', async () => {
  const emulator = await startEmulator({ behaviors: { 'broker-reenable': 'refuse' } });
  try {
    const provider = createSnykContext({ apiUrl: emulator.url, credential: { scheme: 'token', value: emulator.apiKey }, region: 'SNYK-US-01' });
    const orgId = emulator.createOrg(emulator.defaultGroupId, 'new').id;
    const plan: IntegrationModel = { id: null, organization_id: orgId, type: 'gitlab', broker: true, credentials: null, settings: null, broker_token: null };
    let partial: IntegrationModel | undefined;
    const create = () =>
      integrationResource.definition.create({ plan, provider, diagnostics: new Diagnostics(), setPartialState: (state: IntegrationModel) => (partial = state) } as never);
    emulator.addFault({ method: 'POST', path: '/v1/org/*/integrations/*/authentication/provision-token', respond: { status: 500 }, when: 'after', times: 1 });

    const lost = String(await create().then(() => undefined, (error: unknown) => error));
    expect(lost).toContain('Broker token provisioned, but its answer was lost');
    expect(lost).not.toContain('not captured');
    expect(partial).toMatchObject({ id: null, broker: true, broker_token: null });

    const id = emulator.state().integrations.find((integration) => integration.orgId === orgId)?.id as string;
    await provider.client.switchBrokerToken(orgId, id);
    await integrationResource.definition.delete({ state: partial, provider, diagnostics: new Diagnostics() } as never);
    const created = (await create()) as unknown as IntegrationModel;

    const integrations = emulator.state().integrations.filter((integration) => integration.orgId === orgId);
    expect(integrations).toHaveLength(1);
    const family = emulator.state().tokenFamilies.find((candidate) => candidate.id === integrations[0]?.tokenFamilyId);
    expect(created).toMatchObject({ id, broker_token: family?.token });
  } finally {
    await emulator.close();
  }
});
