/** Where the emulator reads the time for rate-limit windows; tests pass a {@link ManualClock} so no one waits a minute. */
export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The real time. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements EmulatorClock {
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!(ms >= 0)) {
      throw new Error('a clock only moves forward');
    }
    this.current += ms;
  }
}
