/**
 * Virtual time for code that sleeps: `sleep` parks the caller until the clock reaches its wake-up time, and `run`
 * moves the clock from one wake-up to the next once nothing else can run. No real time passes.
 */
export class VirtualClock {
  private current: number;
  private readonly timers: Array<{ at: number; wake: () => void }> = [];

  constructor(start = 0) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.current + Math.max(0, ms), wake: resolve });
    });

  /** Runs `work` to its end, advancing the clock whenever every task is asleep. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => (settled = true));
    for (;;) {
      await drainMicrotasks();
      if (settled) return done;
      const next = this.timers.sort((a, b) => a.at - b.at).shift();
      if (!next) return done;
      this.current = Math.max(this.current, next.at);
      next.wake();
    }
  }
}

async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
