import { createHash } from 'node:crypto';
import { SnykCredential } from './auth';

/** The two APIs Snyk rate-limits separately. */
export type ApiArea = 'v1' | 'rest';

/** Snyk's documented limits, in calls per minute: v1 2,000 per user, REST 1,620 per API key. */
export const SNYK_DOCUMENTED_LIMITS: Readonly<Record<ApiArea, number>> = { v1: 2000, rest: 1620 };

/** Calls are paced at this share of the documented limits, leaving room for other users of the same key. */
export const PACE_SHARE = 0.9;

/**
 * Snyk's rate-limiting interval. Over the limit, Snyk answers 429 "until requests stop for the duration of the
 * rate-limiting interval (currently one minute)": the window restarts while calls continue.
 */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** Below this many calls in the last window, a 429 says nothing about the limit (an injected fault, another client). */
const MIN_CALLS_TO_LEARN_A_LIMIT = 50;

/** Time, injectable so that tests wait for nothing. */
export interface ThrottleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_THROTTLE_CLOCK: ThrottleClock = { now: Date.now, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface SnykThrottleOptions {
  readonly clock?: Partial<ThrottleClock>;
  /** Calls per minute to stay under, per API. @default 90% of {@link SNYK_DOCUMENTED_LIMITS} */
  readonly perMinute?: Partial<Record<ApiArea, number>>;
}

/** The area a request path belongs to. */
export function areaOf(path: string): ApiArea {
  return path.startsWith('/rest/') || path === '/rest' ? 'rest' : 'v1';
}

/**
 * Paces the calls of everything that shares it, and stops all of them when Snyk says "too many".
 *
 * - Pacing: in any 60-second span, at most `perMinute` calls of an API start (a sliding window, which also keeps
 *   any fixed window Snyk may count in under the limit).
 * - A 429 pauses every call, not just the one that met it: for `Retry-After` when Snyk sends it, else a full window
 *   from the last 429 (retrying inside Snyk's window would keep it open). When Snyk let enough calls through in the
 *   last window to say something, the pace drops to 90% of that, so the pause is not followed by another.
 * - Reachability: how long the API has been unreachable (no answer at all), so that a wrong URL or a network outage
 *   fails within seconds instead of each call backing off on its own.
 */
export class SnykThrottle {
  private readonly clock: ThrottleClock;
  private readonly limits: Record<ApiArea, number>;
  /** Start times reserved for calls, oldest first, per API; entries older than one window are dropped. */
  private readonly starts: Record<ApiArea, number[]> = { v1: [], rest: [] };
  /** When Snyk answered calls other than with 429, per API: what it let through. */
  private readonly passed: Record<ApiArea, number[]> = { v1: [], rest: [] };
  private pausedUntil = 0;
  private pauseGeneration = 0;
  private pauses = 0;
  private unreachableSince: number | undefined;

  constructor(options: SnykThrottleOptions = {}) {
    this.clock = { ...SYSTEM_THROTTLE_CLOCK, ...options.clock };
    this.limits = {
      v1: positiveLimit(options.perMinute?.v1 ?? Math.floor(SNYK_DOCUMENTED_LIMITS.v1 * PACE_SHARE), 'v1'),
      rest: positiveLimit(options.perMinute?.rest ?? Math.floor(SNYK_DOCUMENTED_LIMITS.rest * PACE_SHARE), 'rest'),
    };
  }

  /** Waits until a call of `area` may start: after any pause, and within the pace. */
  async acquire(area: ApiArea): Promise<void> {
    const wait = this.reserve(area) - this.clock.now();
    if (wait > 0) {
      await this.clock.sleep(wait);
    }
    await this.waitOutPause();
  }

  /** Waits until no pause is in force (returns at once when none is). */
  async waitOutPause(): Promise<void> {
    let seen = -1;
    while (seen !== this.pauseGeneration && this.pausedUntil > this.clock.now()) {
      seen = this.pauseGeneration;
      await this.clock.sleep(this.pausedUntil - this.clock.now());
    }
  }

  /** Snyk answered 429 to a call of `area`: pause everyone, and slow down when the window says how. */
  rateLimited(area: ApiArea, retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    if (this.pausedUntil <= now) {
      this.pauses += 1;
      this.learnLimit(area, now);
    }
    const until = now + (retryAfterMs ?? RATE_LIMIT_WINDOW_MS);
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.pauseGeneration += 1;
    }
  }

  /** Milliseconds until the current pause ends (0 when none). */
  pauseLeftMs(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  /** An answer arrived: the API is reachable, and unless it is a 429, Snyk let the call through. */
  answered(area: ApiArea, status: number): void {
    this.unreachableSince = undefined;
    if (status !== 429) {
      const now = this.clock.now();
      const passed = this.passed[area];
      passed.push(now);
      dropOlderThan(passed, now - RATE_LIMIT_WINDOW_MS);
    }
  }

  /** A call could not reach the API; returns for how long it has been unreachable (0 for the first failure). */
  unreachable(): number {
    const now = this.clock.now();
    this.unreachableSince ??= now;
    return now - this.unreachableSince;
  }

  /** For reports and tests: the pace now in force, and how many pauses were started. */
  stats(): { perMinute: Readonly<Record<ApiArea, number>>; pauses: number } {
    return { perMinute: { ...this.limits }, pauses: this.pauses };
  }

  private reserve(area: ApiArea): number {
    const now = this.clock.now();
    const starts = this.starts[area];
    dropOlderThan(starts, now - RATE_LIMIT_WINDOW_MS);
    const limit = this.limits[area];
    const paced = starts.length >= limit ? (starts[starts.length - limit] as number) + RATE_LIMIT_WINDOW_MS : now;
    const slot = Math.max(now, this.pausedUntil, paced, starts[starts.length - 1] ?? now);
    starts.push(slot);
    return slot;
  }

  /** Snyk let `recent` calls through in the last window before saying no: pace at 90% of that from now on. */
  private learnLimit(area: ApiArea, now: number): void {
    const recent = this.passed[area].filter((time) => time > now - RATE_LIMIT_WINDOW_MS).length;
    if (recent >= MIN_CALLS_TO_LEARN_A_LIMIT) {
      this.limits[area] = Math.min(this.limits[area], Math.max(1, Math.floor(recent * PACE_SHARE)));
    }
  }
}

/** Drops the leading entries of an ascending list that are at or before `cutoff`. */
function dropOlderThan(times: number[], cutoff: number): void {
  let stale = 0;
  while (stale < times.length && (times[stale] as number) <= cutoff) stale += 1;
  if (stale > 0) times.splice(0, stale);
}

function positiveLimit(value: number, area: ApiArea): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`The ${area} pace must be a whole number of calls per minute of at least 1, got ${value}`);
  }
  return value;
}

const processThrottles = new Map<string, SnykThrottle>();

/**
 * The throttle every client of this process shares for one API root and credential: Snyk's limits are per key, so
 * all calls made with it, from however many clients, are paced and paused together.
 */
export function sharedThrottle(apiUrl: string, credential: SnykCredential): SnykThrottle {
  const key = `${apiUrl} ${createHash('sha256').update(`${credential.scheme} ${credential.value}`).digest('hex')}`;
  let throttle = processThrottles.get(key);
  if (!throttle) {
    throttle = new SnykThrottle();
    processThrottles.set(key, throttle);
  }
  return throttle;
}
