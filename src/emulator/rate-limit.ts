import { BehaviorSet } from './behaviors';
import { EmulatorClock } from './clock';

/** Snyk's documented limits per key and minute. */
export const SNYK_LIMITS = { v1: 2000, rest: 1620 } as const;

const WINDOW_MS = 60_000;

/** The API a call counts against: v1 and REST have separate allowances. */
export type RateLimitedApi = keyof typeof SNYK_LIMITS;

/** Calls of one key to one API: when they were made, and until when the key is blocked. */
interface Bucket {
  calls: number[];
  blockedUntil?: number;
}

/** The verdict on one call. */
export type RateLimitVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

/**
 * Snyk's rate limit as its REST docs describe it: past the per-minute allowance every call gets 429 "until requests
 * stop for the duration of the rate-limiting interval (one minute)", so each call made while blocked restarts the
 * minute. The limit comes from the `rate-limit` behaviour, read on every call.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly behaviors: BehaviorSet,
    private readonly clock: EmulatorClock,
    private readonly windowMs: number = WINDOW_MS,
  ) {}

  /** Counts a call of `key` to `api` and says whether it is over the limit. */
  check(key: string, api: RateLimitedApi): RateLimitVerdict {
    const limit = this.limit(api);
    if (limit === undefined) {
      return { limited: false };
    }
    const now = this.clock.now();
    const bucket = this.bucket(`${api}\u0000${key}`);
    if (bucket.blockedUntil !== undefined && now < bucket.blockedUntil) {
      return this.block(bucket, now);
    }
    if (bucket.blockedUntil !== undefined) {
      bucket.blockedUntil = undefined;
      bucket.calls = [];
    }
    bucket.calls = bucket.calls.filter((time) => time > now - this.windowMs);
    if (bucket.calls.length >= limit) {
      return this.block(bucket, now);
    }
    bucket.calls.push(now);
    return { limited: false };
  }

  private block(bucket: Bucket, now: number): RateLimitVerdict {
    bucket.blockedUntil = now + this.windowMs;
    return { limited: true, retryAfterSeconds: Math.ceil(this.windowMs / 1000) };
  }

  private bucket(id: string): Bucket {
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = { calls: [] };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private limit(api: RateLimitedApi): number | undefined {
    const setting = this.behaviors.get('rate-limit');
    if (setting === 'off') {
      return undefined;
    }
    return setting === 'snyk' ? SNYK_LIMITS[api] : Number.parseInt(setting, 10);
  }
}
