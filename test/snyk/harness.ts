import { RunningEmulator, startEmulator } from '../../src/emulator';
import { SnykClient, SnykClientOptions } from '../../src/snyk';
import { RequestEvent } from '../../src/snyk/http';

/**
 * A client on a fresh emulator, with fast retries and a fake clock that moves only when the client sleeps; `waits`
 * records every wait the client asked for (backoff, Retry-After, rate-limit pauses).
 */
export interface Harness {
  emulator: RunningEmulator;
  client: SnykClient;
  waits: number[];
  events: RequestEvent[];
  /** Another client on the same emulator, with other options. */
  clientWith(options: Partial<SnykClientOptions>): SnykClient;
}

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxTotalMs: 60_000 };

/** Starts an emulator before each test and closes it after; use the returned getter inside tests. */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  beforeEach(async () => {
    const emulator = await startEmulator();
    const waits: number[] = [];
    const events: RequestEvent[] = [];
    // Honour the waits in the record and on a clock of the test's own, not in real time: Retry-After asks for whole
    // seconds and a 429 without it pauses for Snyk's full minute.
    let now = Date.UTC(2026, 0, 1);
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    };
    const clientWith = (options: Partial<SnykClientOptions>): SnykClient =>
      new SnykClient({
        token: emulator.apiKey,
        apiUrl: emulator.url,
        retry: FAST_RETRY,
        onRequest: (event) => events.push(event),
        clock,
        ...options,
      });
    harness = { emulator, client: clientWith({}), waits, events, clientWith };
  });
  afterEach(async () => {
    await harness?.emulator.close();
    harness = undefined;
  });
  return () => {
    if (!harness) {
      throw new Error('harness used outside a test');
    }
    return harness;
  };
}

/** The org a fresh emulator starts with. */
export async function defaultOrg(harness: Harness): Promise<{ id: string; groupId: string }> {
  const orgs = await harness.client.listGroupOrgs(harness.emulator.defaultGroupId);
  return { id: orgs[0].id, groupId: harness.emulator.defaultGroupId };
}

/** The live token of the Broker token family an emulator integration belongs to (read from the emulator's state). */
export function liveTokenOf(harness: Harness, integrationId: string): string | undefined {
  const state = harness.emulator.state();
  const familyId = state.integrations.find((integration) => integration.id === integrationId)?.tokenFamilyId;
  return state.tokenFamilies.find((family) => family.id === familyId)?.token;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
