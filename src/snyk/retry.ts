import { SnykApiError } from './errors';
import { areaOf, RATE_LIMIT_WINDOW_MS, SnykThrottle } from './throttle';

/** Retry settings a caller may tune; every field has a default. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 6 */
  readonly maxAttempts?: number;
  /** Ceiling of the first backoff; it doubles per attempt. @default 500 */
  readonly baseDelayMs?: number;
  /** Largest backoff between two attempts (a `Retry-After` from Snyk may ask for more). @default 20000 */
  readonly maxDelayMs?: number;
  /** Time budget for all attempts and waits of one call; no wait starts that would end past it. @default 90000 */
  readonly maxTotalMs?: number;
  /**
   * How long one call keeps waiting out 429s (each pause lasts `Retry-After`, else Snyk's full one-minute window),
   * from its first 429. Rate-limited attempts do not count against `maxAttempts`. @default 200000 (three windows)
   */
  readonly rateLimitBudgetMs?: number;
  /**
   * How long the API may be unreachable (connection refused, unknown host) before calls fail; counted from the first
   * such failure of any call sharing the throttle, so a wrong URL fails fast however many calls are waiting.
   * @default 6000
   */
  readonly unreachableBudgetMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxTotalMs: 90_000,
  rateLimitBudgetMs: 3 * RATE_LIMIT_WINDOW_MS + 20_000,
  unreachableBudgetMs: 6_000,
};

/** Time and chance, injectable so tests neither wait nor depend on luck. */
export interface RetryClock {
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
  now(): number;
}

export const SYSTEM_CLOCK: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options) };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new Error(`retry.maxAttempts must be a whole number of at least 1, got ${policy.maxAttempts}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxTotalMs', 'rateLimitBudgetMs', 'unreachableBudgetMs'] as const) {
    if (!Number.isFinite(policy[key]) || policy[key] < 0) {
      throw new Error(`retry.${key} must be a number of milliseconds >= 0, got ${policy[key]}`);
    }
  }
  return policy;
}

/**
 * Reads a `Retry-After` header: delay-seconds (`120`) or an HTTP date. Returns milliseconds to wait from `nowMs`
 * (0 for a date in the past), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) {
    return undefined;
  }
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date) || !/[a-z]/i.test(text)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter: a uniform pick in [0, min(maxDelay, base * 2^(attempt-1))). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * How a failed attempt is treated. This is THE retry rule of the client, in one place:
 *
 * | failure                                              | kind          | idempotent call | non-idempotent call            |
 * |------------------------------------------------------|---------------|-----------------|--------------------------------|
 * | 429 Too Many Requests                                | `rate-limited`| retry           | retry: Snyk did nothing         |
 * | connection refused, DNS failure: never reached Snyk  | `not-sent`    | retry, briefly  | retry, briefly                  |
 * | 5xx, connection reset, timeout: may have reached Snyk| `ambiguous`   | retry           | `reconcile` first (see below)   |
 * | any other status, or an unreadable success           | `final`       | fail            | fail                            |
 *
 * A non-idempotent call (create org, add integration, provision-token, clone) that meets an ambiguous failure is
 * retried only after its `reconcile` looked at Snyk and found the operation did not happen (or returned the result
 * if it did); a call without `reconcile` is not retried, and the error says so. After an ambiguous failure, a
 * `final` answer to the repeat may mean the first attempt succeeded: `afterAmbiguousRetry` decides (e.g. 404 on a
 * repeated delete is success; 409 on a repeated provision-token is a token lost in transit and must be reported).
 *
 * A 429 is not the call's own problem: it pauses every call sharing the throttle (see {@link SnykThrottle}), and the
 * call tries again after the pause, for up to `rateLimitBudgetMs`. A `not-sent` failure is retried with backoff only
 * while the API has been unreachable for less than `unreachableBudgetMs`.
 */
export type FailureKind = 'rate-limited' | 'not-sent' | 'ambiguous' | 'final';

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True for network codes that mean the request never left (connection refused, unknown host...). */
export function isNotSentCode(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export function classifyFailure(error: SnykApiError): FailureKind {
  if (error.status === 429) {
    return 'rate-limited';
  }
  if (error.status !== undefined) {
    return error.status >= 500 ? 'ambiguous' : 'final';
  }
  if (error.code === undefined) {
    return 'final';
  }
  return NOT_SENT_CODES.has(error.code) ? 'not-sent' : 'ambiguous';
}

/** True for failures that may pass on a later attempt. */
export function isRetryableFailure(status: number | undefined, code: string | undefined): boolean {
  return status === undefined ? code !== undefined : status === 429 || status >= 500;
}

/**
 * What a reconcile step found out: the operation happened (here is its result), it did not (safe to repeat), or it
 * may have and repeating could duplicate it (`note` says what was found; the call fails with it).
 */
export type Reconciliation<T> =
  | { readonly happened: true; readonly value: T }
  | { readonly happened: false }
  | { readonly happened: 'maybe'; readonly note: string };

/** How safe it is to repeat a call; see {@link FailureKind} for the rule. */
export interface RetrySafety<T> {
  readonly idempotent: boolean;
  /** For non-idempotent calls: find out whether an ambiguous attempt took effect before repeating it. */
  readonly reconcile?: (failure: SnykApiError) => Promise<Reconciliation<T>>;
  /** Turns a final answer to a repeat (after an ambiguous failure) into a result, or a clearer error by throwing. */
  readonly afterAmbiguousRetry?: (error: SnykApiError) => Reconciliation<T>;
}

export const IDEMPOTENT: RetrySafety<never> = { idempotent: true };

/** Deletes are repeated; a 404 to a repeat means the first attempt did it. */
export const DELETE_SAFETY: RetrySafety<void> = {
  idempotent: true,
  afterAmbiguousRetry: (error) => (error.status === 404 ? { happened: true, value: undefined } : { happened: false }),
};

/** Runs `attempt` until it succeeds or the rule above says stop. */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  safety: RetrySafety<T>,
  policy: RetryPolicy,
  clock: RetryClock,
  throttle: SnykThrottle = new SnykThrottle({ clock }),
): Promise<T> {
  const startedAt = clock.now();
  let firstRateLimitAt: number | undefined;
  // Rate-limit pauses have their own budget; they do not eat into maxTotalMs.
  let pausedMs = 0;
  let failures = 0;
  let sawAmbiguous = false;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (caught) {
      if (!(caught instanceof SnykApiError)) {
        throw caught;
      }
      const kind = classifyFailure(caught);
      if (kind === 'rate-limited') {
        const pauseStart = clock.now();
        firstRateLimitAt ??= pauseStart;
        await waitOutRateLimit(caught, throttle, policy, pauseStart - firstRateLimitAt, attemptNumber);
        pausedMs += clock.now() - pauseStart;
        continue;
      }
      failures += 1;
      if (kind === 'final') {
        return finishFinal(caught, sawAmbiguous, safety, attemptNumber);
      }
      if (kind === 'ambiguous' && !safety.idempotent && !safety.reconcile) {
        throw caught.withNote(NOT_REPEATABLE);
      }
      const delay = kind === 'not-sent' ? notSentDelay(caught, attemptNumber, policy, clock, throttle) : nextDelay(caught, attemptNumber, policy, clock);
      const stop = stopReason(failures, attemptNumber, delay, clock.now() - startedAt - pausedMs, policy, caught.retryAfterMs);
      if (stop !== undefined) {
        const note = [stop, kind === 'ambiguous' && !safety.idempotent ? MAY_HAVE_HAPPENED : ''].filter(Boolean).join(' ');
        throw note ? caught.withNote(note) : caught;
      }
      await clock.sleep(delay);
      // Checked after the wait, which also gives an attempt still in flight at Snyk time to land.
      if (kind === 'ambiguous' && !safety.idempotent) {
        const reconciled = await reconcileBeforeRepeat(caught, safety);
        if (reconciled.happened === true) {
          return reconciled.value;
        }
      }
      sawAmbiguous ||= kind === 'ambiguous';
    }
  }
}

/** Tells the throttle (which pauses every call), then waits out the pause, or gives up past the rate-limit budget. */
async function waitOutRateLimit(error: SnykApiError, throttle: SnykThrottle, policy: RetryPolicy, rateLimitedForMs: number, attempts: number): Promise<void> {
  throttle.rateLimited(areaOf(error.path), error.retryAfterMs);
  if (rateLimitedForMs + throttle.pauseLeftMs() > policy.rateLimitBudgetMs) {
    const asked = error.retryAfterMs !== undefined ? ` Snyk asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s.` : '';
    throw error.withNote(
      `Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: Snyk's rate limit would hold this call past its budget of ${policy.rateLimitBudgetMs} ms ` +
        `(rateLimitBudgetMs).${asked} Another process may be spending the same key's allowance.`,
    );
  }
  await throttle.waitOutPause();
}

/** The backoff before repeating a call that never reached Snyk; throws once the API has been unreachable too long. */
function notSentDelay(error: SnykApiError, attemptNumber: number, policy: RetryPolicy, clock: RetryClock, throttle: SnykThrottle): number {
  const outageMs = throttle.unreachable();
  const left = policy.unreachableBudgetMs - outageMs;
  if (left <= 0) {
    throw error.withNote(
      `Gave up: the API has been unreachable for ${Math.round(outageMs / 1000)} s (unreachableBudgetMs ${policy.unreachableBudgetMs} ms). ` +
        'Check the API URL (api_url / SNYK_API_URL) or region, and the network or proxy between here and Snyk.',
    );
  }
  return Math.min(left, backoffDelayMs(attemptNumber, policy, clock.random));
}

const MAY_HAVE_HAPPENED = 'The last attempt may have reached Snyk: check the result before trying again.';

const NOT_REPEATABLE = 'Not retried: the call is not idempotent and the request may have reached Snyk; check the result before trying again.';

function finishFinal<T>(error: SnykApiError, sawAmbiguous: boolean, safety: RetrySafety<T>, attempts: number): T {
  if (sawAmbiguous && safety.afterAmbiguousRetry) {
    const outcome = safety.afterAmbiguousRetry(error);
    if (outcome.happened === true) {
      return outcome.value;
    }
  }
  throw attempts > 1 ? error.withNote(`Gave up after ${attempts} attempts.`) : error;
}

async function reconcileBeforeRepeat<T>(failure: SnykApiError, safety: RetrySafety<T>): Promise<{ happened: true; value: T } | { happened: false }> {
  if (!safety.reconcile) {
    throw failure.withNote(NOT_REPEATABLE);
  }
  let found: Reconciliation<T>;
  try {
    found = await safety.reconcile(failure);
  } catch (checkError) {
    const reason = checkError instanceof Error ? checkError.message : String(checkError);
    throw failure.withNote(`Not retried: the call is not idempotent and checking whether it took effect failed too (${reason}).`);
  }
  if (found.happened === 'maybe') {
    throw failure.withNote(`Not retried: ${found.note}`);
  }
  return found;
}

function nextDelay(error: SnykApiError, attemptNumber: number, policy: RetryPolicy, clock: RetryClock): number {
  return error.retryAfterMs ?? backoffDelayMs(attemptNumber, policy, clock.random);
}

/** Why to stop repeating (possibly '' when there is nothing to add), or undefined to go on. */
function stopReason(failures: number, attemptNumber: number, delay: number, elapsed: number, policy: RetryPolicy, retryAfterMs: number | undefined): string | undefined {
  if (failures >= policy.maxAttempts) {
    return attemptNumber > 1 ? `Gave up after ${attemptNumber} attempts.` : '';
  }
  if (elapsed + delay > policy.maxTotalMs) {
    const asked = retryAfterMs !== undefined ? ` Snyk asked to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
    return `Gave up after ${attemptNumber} attempts: waiting again would exceed the retry budget of ${policy.maxTotalMs} ms.${asked}`;
  }
  return undefined;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
