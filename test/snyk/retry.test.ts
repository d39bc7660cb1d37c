import fc from 'fast-check';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfter, SnykApiError } from '../../src/snyk';
import { rejection } from './harness';
import { classifyFailure, resolveRetryPolicy, RetryClock, RetrySafety, runWithRetry } from '../../src/snyk/retry';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    fc.assert(fc.property(fc.nat({ max: 10_000_000 }), (seconds) => parseRetryAfter(String(seconds), NOW) === seconds * 1000));
  });

  it('reads an HTTP date as the time left until it, never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 86_400 }), (offsetSeconds) => {
        const header = new Date(NOW + offsetSeconds * 1000).toUTCString();
        return parseRetryAfter(header, NOW) === Math.max(0, offsetSeconds * 1000);
      }),
    );
  });

  it('ignores absent, empty and unreadable values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('  ', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseRetryAfter(text, NOW);
        return parsed === undefined || (Number.isFinite(parsed) && parsed >= 0);
      }),
    );
  });
});

describe('backoffDelayMs', () => {
  it('stays within [0, min(maxDelay, base * 2^(attempt-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, random) => {
          const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs, maxDelayMs };
          const delay = backoffDelayMs(attempt, policy, () => random);
          const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
          return delay >= 0 && (ceiling === 0 ? delay === 0 : delay < ceiling);
        },
      ),
    );
  });
});

describe('resolveRetryPolicy', () => {
  it('fills defaults and rejects nonsense', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2, baseDelayMs: undefined })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => resolveRetryPolicy({ maxTotalMs: -1 })).toThrow(/maxTotalMs/);
  });
});

const failure = (fields: { status?: number; code?: string; retryAfterMs?: number }): SnykApiError =>
  new SnykApiError({ method: 'POST', path: '/v1/org', retryable: true, ...fields });

describe('classifyFailure', () => {
  it('sorts failures by what a repeat risks', () => {
    expect(classifyFailure(failure({ status: 429 }))).toBe('rate-limited');
    expect(classifyFailure(failure({ status: 500 }))).toBe('ambiguous');
    expect(classifyFailure(failure({ status: 503 }))).toBe('ambiguous');
    expect(classifyFailure(failure({ code: 'ECONNRESET' }))).toBe('ambiguous');
    expect(classifyFailure(failure({ code: 'ETIMEDOUT' }))).toBe('ambiguous');
    expect(classifyFailure(failure({ code: 'ECONNREFUSED' }))).toBe('not-sent');
    expect(classifyFailure(failure({ status: 404 }))).toBe('final');
    expect(classifyFailure(failure({ status: 409 }))).toBe('final');
  });
});

/** A clock that never waits: it records the waits and advances its own time by them. */
function fakeClock(random = 0.5): RetryClock & { waits: number[] } {
  let now = NOW;
  const waits: number[] = [];
  return {
    waits,
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
  };
}

/** An attempt function that fails with the given errors in turn, then succeeds with 'ok'. */
function scripted(...failures: SnykApiError[]): { attempt: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    attempt: async () => {
      const next = failures[calls];
      calls += 1;
      if (next) {
        throw next;
      }
      return 'ok';
    },
  };
}

const policy = resolveRetryPolicy({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 60_000 });
const idempotent: RetrySafety<string> = { idempotent: true };
const notIdempotent: RetrySafety<string> = { idempotent: false };

describe('runWithRetry', () => {
  it('repeats 429, 5xx and network failures, then returns the result', async () => {
    const clock = fakeClock();
    const script = scripted(failure({ status: 429 }), failure({ status: 502 }), failure({ code: 'ECONNRESET' }));
    await expect(runWithRetry(script.attempt, idempotent, policy, clock)).resolves.toBe('ok');
    expect(script.calls()).toBe(4);
    // A 429 without Retry-After pauses for Snyk's whole window; the others back off with jitter.
    expect(clock.waits).toEqual([60_000, 100, 200]);
  });

  it('waits what Retry-After asks, even beyond maxDelayMs', async () => {
    const clock = fakeClock();
    const script = scripted(failure({ status: 429, retryAfterMs: 7000 }));
    await expect(runWithRetry(script.attempt, idempotent, policy, clock)).resolves.toBe('ok');
    expect(clock.waits).toEqual([7000]);
  });

  it('gives up after maxAttempts and says so', async () => {
    const clock = fakeClock();
    const script = scripted(...Array.from({ length: 10 }, () => failure({ status: 502 })));
    await expect(runWithRetry(script.attempt, idempotent, policy, clock)).rejects.toThrow(/502.*Gave up after 5 attempts/);
    expect(script.calls()).toBe(5);
  });

  it('does not count rate-limited attempts against maxAttempts: the rate-limit budget bounds them', async () => {
    const clock = fakeClock();
    const script = scripted(...Array.from({ length: 8 }, () => failure({ status: 429, retryAfterMs: 1000 })));
    await expect(runWithRetry(script.attempt, idempotent, policy, clock)).resolves.toBe('ok');
    expect(script.calls()).toBe(9);
  });

  it('never plans rate-limit waits beyond the rate-limit budget, and other waits beyond the total budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 300_000 }),
        async (retryAfterSeconds, rateLimitBudgetMs) => {
          const clock = fakeClock(0.99);
          const budget = resolveRetryPolicy({ maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 8000, rateLimitBudgetMs });
          const script = scripted(...retryAfterSeconds.map((s) => failure({ status: 429, retryAfterMs: s === undefined ? undefined : s * 1000 })));
          await runWithRetry(script.attempt, idempotent, budget, clock).catch(() => undefined);
          return clock.waits.reduce((sum, wait) => sum + wait, 0) <= rateLimitBudgetMs;
        },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 500, max: 504 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 30_000 }), async (statuses, maxTotalMs) => {
        const clock = fakeClock(0.99);
        const budget = resolveRetryPolicy({ maxAttempts: 20, baseDelayMs: 1000, maxDelayMs: 8000, maxTotalMs });
        const script = scripted(...statuses.map((status) => failure({ status })));
        await runWithRetry(script.attempt, idempotent, budget, clock).catch(() => undefined);
        return clock.waits.reduce((sum, wait) => sum + wait, 0) <= maxTotalMs;
      }),
    );
  });

  it('does not repeat a non-idempotent call after an ambiguous failure without a way to check', async () => {
    const script = scripted(failure({ status: 500 }));
    await expect(runWithRetry(script.attempt, notIdempotent, policy, fakeClock())).rejects.toThrow(/500.*Not retried: the call is not idempotent/);
    expect(script.calls()).toBe(1);
  });

  it('repeats a non-idempotent call after 429 and after a connection that was refused', async () => {
    const script = scripted(failure({ status: 429 }), failure({ code: 'ECONNREFUSED' }));
    await expect(runWithRetry(script.attempt, notIdempotent, policy, fakeClock())).resolves.toBe('ok');
    expect(script.calls()).toBe(3);
  });

  it('returns what reconcile found instead of repeating, or repeats when it found nothing', async () => {
    const found = scripted(failure({ code: 'ETIMEDOUT' }));
    const safetyFound: RetrySafety<string> = { idempotent: false, reconcile: async () => ({ happened: true, value: 'found' }) };
    await expect(runWithRetry(found.attempt, safetyFound, policy, fakeClock())).resolves.toBe('found');
    expect(found.calls()).toBe(1);

    const missing = scripted(failure({ code: 'ETIMEDOUT' }));
    const safetyMissing: RetrySafety<string> = { idempotent: false, reconcile: async () => ({ happened: false }) };
    await expect(runWithRetry(missing.attempt, safetyMissing, policy, fakeClock())).resolves.toBe('ok');
    expect(missing.calls()).toBe(2);
  });

  it('refuses to repeat when reconcile finds the operation may have happened, with its finding', async () => {
    const script = scripted(failure({ code: 'ECONNRESET' }));
    const safety: RetrySafety<string> = { idempotent: false, reconcile: async () => ({ happened: 'maybe', note: 'an org named X exists.' }) };
    const error = await rejection(runWithRetry(script.attempt, safety, policy, fakeClock()));
    expect(error.message).toBe('Snyk API POST /v1/org failed: network error ECONNRESET. Not retried: an org named X exists.');
    expect(script.calls()).toBe(1);
  });

  it('reports the original failure when reconcile itself fails', async () => {
    const script = scripted(failure({ status: 503 }));
    const safety: RetrySafety<string> = {
      idempotent: false,
      reconcile: async () => {
        throw new Error('lookup broke');
      },
    };
    await expect(runWithRetry(script.attempt, safety, policy, fakeClock())).rejects.toThrow(/503.*checking whether it took effect failed too \(lookup broke\)/);
  });

  it('lets afterAmbiguousRetry read a final answer to a repeat, and only after an ambiguous failure', async () => {
    const safety: RetrySafety<string> = {
      idempotent: true,
      afterAmbiguousRetry: (error) => (error.status === 404 ? { happened: true, value: 'gone' } : { happened: false }),
    };
    const repeated = scripted(failure({ code: 'ECONNRESET' }), failure({ status: 404 }));
    await expect(runWithRetry(repeated.attempt, safety, policy, fakeClock())).resolves.toBe('gone');

    const direct = scripted(failure({ status: 404 }));
    await expect(runWithRetry(direct.attempt, safety, policy, fakeClock())).rejects.toThrow(/failed: 404/);

    const rateLimitedOnly = scripted(failure({ status: 429 }), failure({ status: 404 }));
    await expect(runWithRetry(rateLimitedOnly.attempt, safety, policy, fakeClock())).rejects.toThrow(/404.*Gave up after 2 attempts/);
  });
});
