import { RATE_LIMIT_WINDOW_MS, SnykThrottle, sharedThrottle } from '../../src/snyk';
import { VirtualClock } from './virtual-clock';

/** Starts `count` calls of `area` at once and returns the virtual time each one was let through. */
async function startTimes(clock: VirtualClock, throttle: SnykThrottle, count: number, area: 'v1' | 'rest' = 'v1'): Promise<number[]> {
  return clock.run(Promise.all(Array.from({ length: count }, () => throttle.acquire(area).then(() => clock.now()))));
}

describe('SnykThrottle', () => {
  it('paces calls: never more than the pace in any 60-second span', async () => {
    const clock = new VirtualClock();
    const throttle = new SnykThrottle({ clock, perMinute: { v1: 3 } });
    expect(await startTimes(clock, throttle, 7)).toEqual([0, 0, 0, 60_000, 60_000, 60_000, 120_000]);
  });

  it('paces v1 and REST separately', async () => {
    const clock = new VirtualClock();
    const throttle = new SnykThrottle({ clock, perMinute: { v1: 1, rest: 1 } });
    const times = await clock.run(Promise.all([throttle.acquire('v1'), throttle.acquire('rest')].map((p) => p.then(() => clock.now()))));
    expect(times).toEqual([0, 0]);
  });

  it('paces at 90% of the documented limits by default (v1 2,000/min, REST 1,620/min)', () => {
    expect(new SnykThrottle().stats().perMinute).toEqual({ v1: 1800, rest: 1458 });
  });

  it('pauses every call for a full window after a 429 without Retry-After, counted from the last 429', async () => {
    const clock = new VirtualClock(1_000);
    const throttle = new SnykThrottle({ clock });
    throttle.rateLimited('v1', undefined);
    const waiting = Promise.all([throttle.acquire('v1'), throttle.acquire('rest')].map((p) => p.then(() => clock.now())));
    const later429 = clock.sleep(4_000).then(() => throttle.rateLimited('rest', undefined));
    const [times] = await clock.run(Promise.all([waiting, later429]));
    expect(times).toEqual([5_000 + RATE_LIMIT_WINDOW_MS, 5_000 + RATE_LIMIT_WINDOW_MS]);
    expect(throttle.stats().pauses).toBe(1);
  });

  it('pauses for Retry-After when Snyk sends it', async () => {
    const clock = new VirtualClock();
    const throttle = new SnykThrottle({ clock });
    throttle.rateLimited('rest', 7_000);
    expect(await startTimes(clock, throttle, 2, 'rest')).toEqual([7_000, 7_000]);
    expect(throttle.pauseLeftMs()).toBe(0);
  });

  it('after a 429 that follows a busy window, paces below what Snyk let through, so the next window passes', async () => {
    const clock = new VirtualClock();
    const throttle = new SnykThrottle({ clock });
    await startTimes(clock, throttle, 128);
    Array.from({ length: 120 }, () => throttle.answered('v1', 200));
    Array.from({ length: 8 }, () => throttle.answered('v1', 429));
    throttle.rateLimited('v1', undefined);
    expect(throttle.stats().perMinute.v1).toBe(108);
    const times = await startTimes(clock, throttle, 110);
    expect(times.filter((time) => time === RATE_LIMIT_WINDOW_MS)).toHaveLength(108);
    expect(times.slice(108)).toEqual([2 * RATE_LIMIT_WINDOW_MS, 2 * RATE_LIMIT_WINDOW_MS]);
  });

  it('learns nothing from a 429 after a handful of calls (an injected fault, another client)', async () => {
    const clock = new VirtualClock();
    const throttle = new SnykThrottle({ clock });
    await startTimes(clock, throttle, 3);
    Array.from({ length: 3 }, () => throttle.answered('v1', 200));
    throttle.rateLimited('v1', 1_000);
    expect(throttle.stats().perMinute.v1).toBe(1800);
  });

  it('measures how long the API has been unreachable, until any answer (whatever its status) arrives', async () => {
    const clock = new VirtualClock(50);
    const throttle = new SnykThrottle({ clock });
    expect(throttle.unreachable()).toBe(0);
    await clock.run(clock.sleep(3_000));
    expect(throttle.unreachable()).toBe(3_000);
    throttle.answered('rest', 503);
    expect(throttle.unreachable()).toBe(0);
  });

  it('is shared by every client of the process with the same API root and credential', () => {
    const a = sharedThrottle('https://api.eu.snyk.io', { scheme: 'token', value: 'key-1' });
    expect(sharedThrottle('https://api.eu.snyk.io', { scheme: 'token', value: 'key-1' })).toBe(a);
    expect(sharedThrottle('https://api.eu.snyk.io', { scheme: 'token', value: 'key-2' })).not.toBe(a);
    expect(sharedThrottle('https://api.snyk.io', { scheme: 'token', value: 'key-1' })).not.toBe(a);
    expect(sharedThrottle('https://api.eu.snyk.io', { scheme: 'bearer', value: 'key-1' })).not.toBe(a);
  });

  it('rejects a pace below one call a minute', () => {
    expect(() => new SnykThrottle({ perMinute: { rest: 0 } })).toThrow(/rest pace must be a whole number/);
  });
});
