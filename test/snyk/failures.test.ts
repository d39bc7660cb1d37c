import { SnykApiError, SnykThrottle } from '../../src/snyk';
import { defaultOrg, rejection, useHarness } from './harness';

const harness = useHarness();

describe('failures against the emulator', () => {
  it('turns a wrong key into a 401 that says what to check and never shows the key', async () => {
    const { clientWith, emulator } = harness();
    const wrongKey = 'f0e1d2c3-wrong-key-b4a5-968778695a4b';
    const client = clientWith({ token: wrongKey });
    for (const call of [client.listOrgs(), client.getSelf(), client.getOrg('x')]) {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(SnykApiError);
      expect(error).toMatchObject({ status: 401, retryable: false });
      expect(error.message).toMatch(/failed: 401 .*Check SNYK_TOKEN .*SNYK_REGION\/api_url/);
      expect(`${error.message} ${JSON.stringify(error)} ${error.stack}`).not.toContain(wrongKey);
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(emulator.apiKey);
    }
  });

  it('rides out a 429 storm without Retry-After by pausing a full minute each time, as Snyk\'s window asks', async () => {
    const { client, emulator, waits } = harness();
    emulator.addFault({ method: 'GET', path: '/v1/orgs', respond: { status: 429 }, times: 3 });
    await expect(client.listOrgs()).resolves.toHaveLength(1);
    expect(emulator.requests().map((request) => request.status)).toEqual([429, 429, 429, 200]);
    expect(waits).toEqual([60_000, 60_000, 60_000]);
  });

  it('after a 429, paces below the calls Snyk let through in the window: its 429s are not counted as let through', async () => {
    const { clientWith, emulator } = harness();
    let now = Date.UTC(2026, 0, 1);
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const throttle = new SnykThrottle({ clock });
    const client = clientWith({ clock, throttle });
    for (let call = 0; call < 45; call++) await client.listOrgs();
    emulator.addFault({ method: 'GET', path: '/v1/orgs', respond: { status: 429, retryAfterSeconds: 1 }, times: 8 });
    await client.listOrgs().catch(() => undefined);
    await client.listOrgs().catch(() => undefined);
    const through = () => emulator.requests().filter((request) => request.status !== 429).length;
    // Fewer calls through than a limit is learnt from (50), though more with the 8 refused ones: the pace stays.
    expect(through()).toBeLessThan(50);
    expect(through() + 8).toBeGreaterThanOrEqual(50);
    expect(throttle.stats().perMinute.v1).toBe(1800);
    for (let call = 0; call < 10; call++) await client.listOrgs();
    const learnt = Math.floor(through() * 0.9);
    emulator.addFault({ method: 'GET', path: '/v1/orgs', respond: { status: 429, retryAfterSeconds: 1 }, times: 1 });
    await client.listOrgs();
    expect(throttle.stats().perMinute.v1).toBe(learnt);
  });

  it('waits as long as Retry-After says', async () => {
    const { client, emulator, waits } = harness();
    emulator.addFault({ path: '/rest/**', respond: { status: 429, retryAfterSeconds: 2 }, times: 2 });
    await expect(client.getSelf()).resolves.toMatchObject({ id: expect.any(String) });
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up on an endless 429 storm once the rate-limit budget (three windows and a bit) is spent, naming the attempts', async () => {
    const { client, emulator, events, waits } = harness();
    emulator.addFault({ path: '/v1/**', respond: { status: 429 }, times: 100 });
    const org = await rejection(client.listOrgs());
    expect(org).toMatchObject({ status: 429, retryable: true });
    expect(org.message).toMatch(/failed: 429 .*Gave up after 4 attempts: Snyk's rate limit would hold this call past its budget of 200000 ms/);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3, 4]);
    expect(waits).toEqual([60_000, 60_000, 60_000]);
  });

  it('stops at once when Retry-After goes beyond the rate-limit budget', async () => {
    const { clientWith, emulator, waits } = harness();
    const client = clientWith({ retry: { rateLimitBudgetMs: 10_000 } });
    emulator.addFault({ respond: { status: 429, retryAfterSeconds: 60 }, times: 5 });
    const error = await rejection(client.listOrgs());
    expect(error.message).toMatch(/Gave up after 1 attempt: .*budget of 10000 ms \(rateLimitBudgetMs\)\. Snyk asked to wait 60 s/);
    expect(waits).toEqual([]);
  });

  it('retries 500 and 503 on a read, then succeeds', async () => {
    const { client, emulator } = harness();
    const org = await defaultOrg(harness());
    emulator.addFault({ path: '/v1/org/*/integrations', respond: { status: 500 }, times: 1 });
    emulator.addFault({ path: '/v1/org/*/integrations', respond: { status: 503 }, times: 1 });
    await expect(client.getIntegrationTypeMap(org.id)).resolves.toEqual({});
  });

  it('retries a dropped connection on a read', async () => {
    const { client, emulator, events } = harness();
    emulator.addFault({ path: '/v1/orgs', respond: { drop: true }, times: 1 });
    await expect(client.listOrgs()).resolves.toHaveLength(1);
    expect(events.map((event) => event.status)).toEqual([0, 200]);
  });

  it('names the network code of a dropped connection when retries run out', async () => {
    const { clientWith, emulator } = harness();
    emulator.addFault({ path: '/v1/orgs', respond: { drop: true }, times: 10 });
    const error = await rejection(clientWith({ retry: { maxAttempts: 2 } }).listOrgs());
    expect(error).toMatchObject({ code: 'ECONNRESET', status: undefined, retryable: true });
    expect(error.message).toMatch(/^Snyk API GET \/v1\/orgs failed: network error ECONNRESET\b.*Gave up after 2 attempts/);
  });

  it('times out a call that gets no answer, and retries it', async () => {
    const { clientWith, emulator } = harness();
    emulator.addFault({ path: '/v1/orgs', respond: { delayMs: 5_000 }, times: 1 });
    await expect(clientWith({ timeoutMs: 150 }).listOrgs()).resolves.toHaveLength(1);

    emulator.addFault({ path: '/v1/orgs', respond: { delayMs: 5_000 }, times: 1 });
    const error = await rejection(clientWith({ timeoutMs: 150, retry: { maxAttempts: 1 } }).listOrgs());
    expect(error).toMatchObject({ code: 'ETIMEDOUT', retryable: true });
    expect(error.message).toBe('Snyk API GET /v1/orgs failed: network error ETIMEDOUT. No response within 150 ms (timeoutMs).');
  });

  it('reports each attempt to onRequest without secrets or query strings', async () => {
    const { client, emulator, events } = harness();
    emulator.addFault({ path: '/v1/group/*/orgs', respond: { status: 503 }, times: 1 });
    await client.listGroupOrgs(emulator.defaultGroupId, { namePrefix: 'Emu' });
    const org = await defaultOrg(harness());
    await client.addIntegration(org.id, { type: 'github', credentials: { token: 'ghp_event_secret' } });
    expect(events.slice(0, 2)).toEqual([
      { method: 'GET', path: `/v1/group/${emulator.defaultGroupId}/orgs`, status: 503, attempt: 1 },
      { method: 'GET', path: `/v1/group/${emulator.defaultGroupId}/orgs`, status: 200, attempt: 2 },
    ]);
    const logged = JSON.stringify(events);
    expect(logged).not.toContain('?');
    expect(logged).not.toContain(emulator.apiKey);
    expect(logged).not.toContain('ghp_event_secret');
  });
});
