import { FaultRule, RunningEmulator, startEmulator } from '../../src/emulator';
import { pathMatcher } from '../../src/emulator/faults';
import { bodyOf, call, defaultOrgId, useEmulator } from './helpers';

describe('emulator fault injection', () => {
  const emulator = useEmulator();

  it('answers 429 with Retry-After, once by default, then normally', async () => {
    emulator().addFault({ method: 'GET', path: '/v1/orgs', respond: { status: 429, retryAfterSeconds: 7 } });
    const limited = await call(emulator(), 'GET', '/v1/orgs');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toMatchObject({ code: 429 });
    expect(limited.headers.get('x-error-reference')).not.toBeNull();
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(200);
  });

  it('answers 429 without Retry-After when none is given', async () => {
    emulator().addFault({ respond: { status: 429 } });
    const limited = await call(emulator(), 'GET', '/v1/orgs');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
  });

  it.each([500, 502, 503, 504] as const)('answers %i for the next N matching calls', async (status) => {
    emulator().addFault({ path: '/v1/orgs', respond: { status }, times: 2 });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      statuses.push((await call(emulator(), 'GET', '/v1/orgs')).status);
    }
    expect(statuses).toEqual([status, status, 200]);
  });

  it('answers a REST path with a JSON:API error', async () => {
    emulator().addFault({ path: '/rest/**', respond: { status: 503 } });
    const response = await call(emulator(), 'GET', '/rest/self?version=2024-10-15');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ errors: [{ status: '503' }] });
  });

  it('delays a call and then answers it normally', async () => {
    emulator().addFault({ respond: { delayMs: 50 } });
    const response = await call(emulator(), 'GET', '/v1/orgs');
    expect(response.status).toBe(200);
    expect(emulator().requests()).toEqual([{ method: 'GET', path: '/v1/orgs', status: 200, requestId: expect.any(String) }]);
  });

  it('drops the connection without an answer, logged with status 0', async () => {
    emulator().addFault({ method: 'POST', path: '/v1/org', respond: { drop: true } });
    await expect(call(emulator(), 'POST', '/v1/org', { body: { name: 'lost' } })).rejects.toThrow();
    expect(emulator().requests()).toEqual([{ method: 'POST', path: '/v1/org', status: 0, requestId: expect.any(String) }]);
    expect(emulator().state().orgs.map((org) => org.name)).not.toContain('lost');
    expect((await call(emulator(), 'POST', '/v1/org', { body: { name: 'kept' } })).status).toBe(201);
  });

  it('matches method and path patterns, leaving other calls alone', async () => {
    const orgId = defaultOrgId(emulator());
    emulator().addFault({ method: 'POST', path: '/v1/org/*/integrations/*/authentication/switch-token', respond: { status: 500 }, times: 5 });
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(200);
    expect((await call(emulator(), 'POST', `/v1/org/${orgId}/integrations/abc/authentication/provision-token`)).status).toBe(404);
    expect((await call(emulator(), 'POST', `/v1/org/${orgId}/integrations/abc/authentication/switch-token`)).status).toBe(500);
  });

  it('takes faults from the admin endpoint and clears them there', async () => {
    const added = await call(emulator(), 'POST', '/_emulator/faults', { body: { path: '/v1/orgs', respond: { status: 503 }, times: 3 } });
    expect(added.status).toBe(204);
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(503);
    expect((await call(emulator(), 'DELETE', '/_emulator/faults')).status).toBe(204);
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(200);
  });

  it.each([
    { respond: { status: 404 } },
    { respond: {} },
    { respond: { status: 429, retryAfterSeconds: -1 } },
    { respond: { drop: true }, times: 0 },
    { respond: { drop: true }, fraction: 2 },
    { respond: { drop: true }, path: 'no-slash' },
  ])('refuses the invalid fault rule %p with 400', async (rule) => {
    expect((await call(emulator(), 'POST', '/_emulator/faults', { body: rule })).status).toBe(400);
  });

  it('clears faults added in code', async () => {
    emulator().addFault({ respond: { status: 500 }, times: 10 });
    emulator().clearFaults();
    expect((await call(emulator(), 'GET', '/v1/orgs')).status).toBe(200);
  });
});

describe('emulator fraction faults', () => {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });

  async function statusesUnder(rule: FaultRule, seed: number, calls = 40): Promise<number[]> {
    const emulator = await startEmulator({ faults: [rule], seed });
    running.push(emulator);
    const statuses: number[] = [];
    for (let index = 0; index < calls; index += 1) {
      statuses.push((await call(emulator, 'GET', '/v1/orgs')).status);
    }
    return statuses;
  }

  it('fails about the given fraction of calls, the same ones under the same seed', async () => {
    const rule: FaultRule = { path: '/v1/orgs', respond: { status: 503 }, fraction: 0.5 };
    const first = await statusesUnder(rule, 42);
    const second = await statusesUnder(rule, 42);
    expect(second).toEqual(first);
    const failed = first.filter((status) => status === 503).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
    expect(new Set(first)).toEqual(new Set([200, 503]));
  });

  it('never fires at fraction 0 and always at fraction 1, and caps a fraction with times', async () => {
    expect(new Set(await statusesUnder({ respond: { status: 500 }, fraction: 0 }, 1, 10))).toEqual(new Set([200]));
    expect(new Set(await statusesUnder({ respond: { status: 500 }, fraction: 1 }, 1, 10))).toEqual(new Set([500]));
    const capped = await statusesUnder({ respond: { status: 500 }, fraction: 1, times: 3 }, 1, 10);
    expect(capped).toEqual([500, 500, 500, ...Array(7).fill(200)]);
  });

  it('reads the fault rules given at start', async () => {
    const emulator = await startEmulator({ faults: [{ respond: { status: 429, retryAfterSeconds: 1 } }] });
    running.push(emulator);
    expect((await call(emulator, 'GET', '/v1/orgs')).status).toBe(429);
    expect(bodyOf<{ orgs: unknown[] }>(await call(emulator, 'GET', '/v1/orgs')).orgs).toHaveLength(1);
  });
});

describe('fault path patterns', () => {
  it.each([
    ['/v1/orgs', '/v1/orgs', true],
    ['/v1/orgs', '/v1/org', false],
    ['/v1/org/*', '/v1/org/abc', true],
    ['/v1/org/*', '/v1/org/abc/integrations', false],
    ['/v1/org/**', '/v1/org/abc/integrations/x/clone', true],
    ['/v1/**/clone', '/v1/org/abc/integrations/x/clone', true],
    ['/v1/**/clone', '/v1/org/abc/integrations/x/settings', false],
    ['/**', '/rest/self', true],
  ])('%s against %s: %p', (pattern, path, expected) => {
    expect(pathMatcher(pattern)(path)).toBe(expected);
  });
});
