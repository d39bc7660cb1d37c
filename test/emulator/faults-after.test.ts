import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { BROKERED_GITHUB, addIntegration, authPath, bodyOf, call, defaultOrgId, familyOf, useTempDir } from './helpers';

/** Waits until `condition` holds, checking between event-loop turns (no fixed sleeps). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('emulator faults with when: "after" (the call happens, its answer is lost)', () => {
  const tempDir = useTempDir();
  let emulator: RunningEmulator;
  const stateFile = () => join(tempDir(), 'state.json');
  const onDisk = () => JSON.parse(readFileSync(stateFile(), 'utf8')) as ReturnType<RunningEmulator['state']>;

  beforeEach(async () => {
    emulator = await startEmulator({ stateFile: stateFile() });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it.each([500, 502, 503, 504, 429] as const)('answers %i but has created the org, and persisted it', async (status) => {
    emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status }, when: 'after' });
    const response = await call(emulator, 'POST', '/v1/org', { body: { name: 'Made anyway' } });
    expect(response.status).toBe(status);
    expect(emulator.state().orgs.map((org) => org.name)).toContain('Made anyway');
    expect(onDisk().orgs.map((org) => org.name)).toContain('Made anyway');
    expect(emulator.requests().map((entry) => entry.status)).toEqual([status]);
  });

  it('drops the connection after provisioning a token: the provisional token exists, the client never saw it', async () => {
    const orgId = defaultOrgId(emulator);
    const { id } = await addIntegration(emulator, orgId, BROKERED_GITHUB);
    emulator.clearRequests();
    emulator.addFault({ path: '/v1/org/*/integrations/*/authentication/provision-token', respond: { drop: true }, when: 'after' });
    await expect(call(emulator, 'POST', authPath({ orgId, integrationId: id }, 'provision-token'))).rejects.toThrow();
    expect(familyOf(emulator, id)?.provisionalToken).not.toBeNull();
    expect(onDisk().tokenFamilies[0]?.provisionalToken).toBe(familyOf(emulator, id)?.provisionalToken);
    expect(emulator.requests()).toEqual([{ method: 'POST', path: authPath({ orgId, integrationId: id }, 'provision-token'), status: 0, requestId: expect.any(String) }]);
  });

  it('delays the answer past the client timeout after the switch already happened', async () => {
    const orgId = defaultOrgId(emulator);
    const { id, brokerToken } = await addIntegration(emulator, orgId, BROKERED_GITHUB);
    const member = { orgId, integrationId: id };
    const provisioned = bodyOf<{ provisionalBrokerToken: string }>(await call(emulator, 'POST', authPath(member, 'provision-token')));
    emulator.addFault({ path: '/v1/org/*/integrations/*/authentication/switch-token', respond: { delayMs: 600_000 }, when: 'after' });
    const client = new AbortController();
    const pending = fetch(`${emulator.url}${authPath(member, 'switch-token')}`, {
      method: 'POST',
      headers: { authorization: `token ${emulator.apiKey}` },
      signal: client.signal,
    });
    await until(() => familyOf(emulator, id)?.token === provisioned.provisionalBrokerToken);
    client.abort();
    await expect(pending).rejects.toThrow();
    expect(familyOf(emulator, id)).toMatchObject({ token: provisioned.provisionalBrokerToken, provisionalToken: null });
    expect(familyOf(emulator, id)?.token).not.toBe(brokerToken);
  });

  it('counts "after" faults with times like the others, and leaves "before" as the default', async () => {
    emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 500 }, when: 'after', times: 2 });
    emulator.addFault({ method: 'POST', path: '/v1/org', respond: { status: 503 } });
    const statuses = [];
    for (const name of ['one', 'two', 'three', 'four']) {
      statuses.push((await call(emulator, 'POST', '/v1/org', { body: { name } })).status);
    }
    expect(statuses).toEqual([500, 500, 503, 201]);
    expect(emulator.state().orgs.map((org) => org.name)).toEqual(expect.arrayContaining(['one', 'two', 'four']));
    expect(emulator.state().orgs.map((org) => org.name)).not.toContain('three');
  });

  it('takes "when" over the admin API and refuses anything but before/after', async () => {
    const accepted = await call(emulator, 'POST', '/_emulator/faults', { body: { method: 'POST', path: '/v1/org', respond: { status: 502 }, when: 'after' } });
    expect(accepted.status).toBe(204);
    expect((await call(emulator, 'POST', '/v1/org', { body: { name: 'via admin' } })).status).toBe(502);
    expect(emulator.state().orgs.map((org) => org.name)).toContain('via admin');
    const refused = await call(emulator, 'POST', '/_emulator/faults', { body: { respond: { status: 502 }, when: 'later' } });
    expect(refused.status).toBe(400);
    expect(bodyOf<{ message: string }>(refused).message).toBe('"when" must be "before" or "after"');
  });
});
