import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EmulatorState, initialState, parseState } from './state';

/** Reads the state file when it exists, else starts a fresh world. */
export function loadState(stateFile: string | undefined): EmulatorState {
  if (stateFile === undefined || !existsSync(stateFile)) {
    return initialState();
  }
  return parseState(readFileSync(stateFile, 'utf8'), stateFile);
}

/**
 * Writes snapshots of the state to a file, one write at a time, each atomically (temp file + rename).
 * Saves asked for while a write runs are folded into one more write of the newest snapshot, so a burst of
 * concurrent changes costs at most two writes and the file always ends with the latest state.
 */
export class StatePersister {
  private writing: Promise<void> | undefined;
  private pending: Promise<void> | undefined;
  private tempCounter = 0;

  constructor(
    private readonly stateFile: string | undefined,
    private readonly snapshot: () => EmulatorState,
  ) {}

  /** Resolves once a snapshot taken after this call is on disk. */
  save(): Promise<void> {
    if (this.stateFile === undefined) {
      return Promise.resolve();
    }
    if (this.writing === undefined) {
      this.writing = this.writeNow().finally(() => (this.writing = undefined));
      return this.writing;
    }
    // A write is running with an older snapshot: queue exactly one follow-up that all later callers share.
    this.pending ??= this.writing
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        return this.save();
      });
    return this.pending;
  }

  /** Resolves when nothing is left to write. */
  async idle(): Promise<void> {
    while (this.writing !== undefined || this.pending !== undefined) {
      await Promise.allSettled([this.writing, this.pending]);
    }
  }

  private async writeNow(): Promise<void> {
    const file = this.stateFile as string;
    const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`;
    this.tempCounter += 1;
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${this.tempCounter}.tmp`);
    await mkdir(dirname(file), { recursive: true });
    try {
      // 0600: the file holds Broker tokens and credentials.
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
