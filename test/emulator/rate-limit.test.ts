import { ManualClock, RunningEmulator, startEmulator } from '../../src/emulator';
import { BehaviorSet } from '../../src/emulator/behaviors';
import { RateLimiter, SNYK_LIMITS } from '../../src/emulator/rate-limit';
import { REST_VERSION, call } from './helpers';

const OAUTH_TOKEN = 'second-key';

describe('emulator rate limit (behaviour rate-limit), on a manual clock', () => {
  let emulator: RunningEmulator;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock(1_000_000);
    emulator = await startEmulator({ clock, oauthTokens: [OAUTH_TOKEN], behaviors: { 'rate-limit': '3/min' } });
  });
  afterEach(async () => {
    await emulator.close();
  });

  const orgs = (authorization?: string) => call(emulator, 'GET', '/v1/orgs', authorization === undefined ? {} : { authorization });
  async function statuses(count: number, authorization?: string): Promise<number[]> {
    const seen = [];
    for (let index = 0; index < count; index += 1) {
      seen.push((await orgs(authorization)).status);
    }
    return seen;
  }

  it('answers 429 past N calls a minute, with Retry-After 60 and a v1 error body', async () => {
    expect(await statuses(3)).toEqual([200, 200, 200]);
    const limited = await orgs();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.body).toMatchObject({ code: 429 });
  });

  it('lets calls through again once their minute has passed (a sliding window)', async () => {
    expect(await statuses(2)).toEqual([200, 200]);
    clock.advance(30_000);
    expect(await statuses(1)).toEqual([200]);
    clock.advance(30_001);
    expect(await statuses(2)).toEqual([200, 200]);
  });

  it('stays blocked until a full minute passes with no calls: every call while blocked restarts the minute', async () => {
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    clock.advance(59_000);
    expect(await statuses(1)).toEqual([429]);
    clock.advance(59_000);
    expect(await statuses(1)).toEqual([429]);
    clock.advance(59_999);
    expect(await statuses(1)).toEqual([429]);
    clock.advance(60_000);
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
  });

  it('counts each key on its own, and v1 apart from REST', async () => {
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(1, `bearer ${OAUTH_TOKEN}`)).toEqual([200]);
    expect((await call(emulator, 'GET', `/rest/self?version=${REST_VERSION}`)).status).toBe(200);
  });

  it('answers REST with a JSON:API 429', async () => {
    for (let index = 0; index < 3; index += 1) {
      await call(emulator, 'GET', `/rest/self?version=${REST_VERSION}`);
    }
    const limited = await call(emulator, 'GET', `/rest/self?version=${REST_VERSION}`);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errors: [{ status: '429' }] });
  });

  it('leaves unauthorised calls and admin calls out of the count', async () => {
    await statuses(5, 'token wrong');
    for (let index = 0; index < 5; index += 1) {
      await call(emulator, 'GET', '/_emulator/state');
    }
    expect(await statuses(3)).toEqual([200, 200, 200]);
  });

  it('retry-after-header=omit: the 429 carries no Retry-After', async () => {
    emulator.setBehaviors({ 'retry-after-header': 'omit' });
    const limited = (await Promise.all([orgs(), orgs(), orgs(), orgs()])).find((response) => response.status === 429);
    expect(limited?.headers.get('retry-after')).toBeNull();
  });

  it('rate-limit=off: no limit at all', async () => {
    emulator.setBehaviors({ 'rate-limit': 'off' });
    expect(new Set(await statuses(10))).toEqual(new Set([200]));
  });

  it('rate-limit=snyk: switched on over HTTP, ordinary traffic passes', async () => {
    const response = await call(emulator, 'PUT', '/_emulator/behaviors', { body: { 'rate-limit': 'snyk' } });
    expect(response.status).toBe(200);
    expect(await statuses(10)).toEqual(Array.from({ length: 10 }, () => 200));
  });
});

describe('emulator rate limiter under rate-limit=snyk (its counts, without thousands of HTTP calls)', () => {
  it.each([
    ['v1', 2000],
    ['rest', 1620],
  ] as const)('%s allows %i calls a minute per key, then blocks that key only', (api, allowance) => {
    expect(SNYK_LIMITS[api]).toBe(allowance);
    const clock = new ManualClock();
    const limiter = new RateLimiter(new BehaviorSet({ 'rate-limit': 'snyk' }), clock);
    for (let index = 0; index < allowance; index += 1) {
      expect(limiter.check('key', api)).toEqual({ limited: false });
    }
    expect(limiter.check('key', api)).toEqual({ limited: true, retryAfterSeconds: 60 });
    expect(limiter.check('other-key', api)).toEqual({ limited: false });
    expect(limiter.check('key', api === 'v1' ? 'rest' : 'v1')).toEqual({ limited: false });
    clock.advance(60_000);
    expect(limiter.check('key', api)).toEqual({ limited: false });
  });
});

describe('emulator rate limiter with a shorter interval (rateLimitWindowMs, for tests that drive a real client into a 429)', () => {
  it('counts N calls per interval and asks to wait the interval, rounded up to whole seconds', () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(new BehaviorSet({ 'rate-limit': '2/min' }), clock, 1500);
    expect([limiter.check('key', 'v1'), limiter.check('key', 'v1')]).toEqual([{ limited: false }, { limited: false }]);
    expect(limiter.check('key', 'v1')).toEqual({ limited: true, retryAfterSeconds: 2 });
    clock.advance(1000);
    expect(limiter.check('key', 'v1')).toMatchObject({ limited: true });
    clock.advance(1500);
    expect(limiter.check('key', 'v1')).toEqual({ limited: false });
  });
});
