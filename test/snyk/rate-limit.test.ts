import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SnykClient } from '../../src/snyk';

/** One fake time for the emulator's rate-limit windows and the client's throttle: it moves only when the client sleeps. */
function sharedClock(): { now: () => number; sleep: (ms: number) => Promise<void>; waits: number[] } {
  let now = Date.UTC(2026, 0, 1);
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

async function sequentially(count: number, call: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < count; index += 1) await call();
}

describe('the client under the emulator\'s rate limit', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  const statuses = (): number[] => (emulator as RunningEmulator).requests().map((request) => request.status);

  test.each(['omit', 'send'] as const)(
    'at 60 calls/min (Retry-After: %s), 200 calls meet one 429, pause once for the window, and then stay under the limit',
    async (retryAfter) => {
      const clock = sharedClock();
      emulator = await startEmulator({ clock, behaviors: { 'rate-limit': '60/min', 'retry-after-header': retryAfter } });
      const client = new SnykClient({ token: emulator.apiKey, apiUrl: emulator.url, clock });
      await sequentially(200, () => client.listOrgs());
      expect(statuses().filter((status) => status === 429)).toHaveLength(1);
      expect(statuses().filter((status) => status === 200)).toHaveLength(200);
      expect(clock.waits[0]).toBe(60_000);
      // After the pause the client paces at 90% of what Snyk let through in the window.
      expect(clock.waits.slice(1).every((wait) => wait <= 60_000)).toBe(true);
    },
  );

  test("at Snyk's documented limits, 2,100 v1 calls never meet a 429: the client paces itself at 1,800 a minute", async () => {
    const clock = sharedClock();
    emulator = await startEmulator({ clock, behaviors: { 'rate-limit': 'snyk' } });
    const client = new SnykClient({ token: emulator.apiKey, apiUrl: emulator.url, clock });
    await sequentially(2100, () => client.listOrgs());
    expect(statuses().filter((status) => status === 429)).toEqual([]);
    expect(statuses()).toHaveLength(2100);
    expect(clock.waits).toEqual([60_000]);
  });
});
