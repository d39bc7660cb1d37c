/** One call the emulator answered: no headers, no query, no body, so nothing secret. */
export interface RequestLogEntry {
  method: string;
  /** The path without its query string. */
  path: string;
  /** The status sent, or 0 when the connection was dropped. */
  status: number;
  /** The `snyk-request-id` sent with the answer (a UUID), to match a client's error report to the call. */
  requestId: string;
}

/** The calls made to the Snyk paths, in the order they were answered. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.entries.push({ ...entry });
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
