/**
 * Caps how many Snyk API calls one provider process makes at once. Terraform refreshes and applies many resources
 * concurrently in one process; a small cap overlaps network round trips without flooding Snyk. How many calls start
 * per minute is the client's throttle's business (`SnykThrottle`: under Snyk's per-minute limits, and a shared pause
 * on a 429).
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly maxConcurrent: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new Error('maxConcurrent must be a positive integer');
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxConcurrent) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/**
 * Wraps every method of `target` that returns a promise so that it runs through `limiter`; so are the methods of the
 * objects held in its `nested` properties (a client's sub-clients), which would otherwise escape the cap.
 */
export function limitMethods<T extends object>(target: T, limiter: ConcurrencyLimiter, nested: readonly (keyof T & string)[] = []): T {
  const limitedNested = new Map<string | symbol, unknown>(nested.map((key) => [key, limitMethods(target[key] as object, limiter)]));
  return new Proxy(target, {
    get(object, property, receiver) {
      if (limitedNested.has(property)) return limitedNested.get(property);
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => limiter.run(async () => (value as (...a: unknown[]) => unknown).apply(object, args));
    },
  });
}
