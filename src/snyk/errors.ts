import { redact } from './redact';

/** What went wrong with one Snyk API call. */
export interface SnykApiErrorInit {
  readonly method: string;
  /** Request path without the query string. */
  readonly path: string;
  readonly status?: number;
  readonly snykMessage?: string;
  readonly errorRef?: string;
  /** Snyk's `snyk-request-id` answer header: what Snyk support asks for. */
  readonly requestId?: string;
  /** Network error code (ECONNRESET, ETIMEDOUT...) when no response arrived. */
  readonly code?: string;
  readonly retryable: boolean;
  /** Milliseconds Snyk asked to wait (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;
  /** Extra sentence appended to the message (why it was not retried, how many attempts...). */
  readonly note?: string;
}

/**
 * The one error the client throws. It names the call (method and path), the HTTP status or network code, Snyk's
 * own message and error reference; it never carries headers, the API key, credentials or Broker tokens.
 */
export class SnykApiError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly snykMessage?: string;
  readonly errorRef?: string;
  readonly requestId?: string;
  readonly code?: string;
  /** True when the failure is of a kind that can pass (429, 5xx, network); false for other 4xx and bad answers. */
  readonly retryable: boolean;
  /** Milliseconds Snyk asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfterMs?: number;
  /** The sentence(s) added after the failure itself (why it was not retried, how many attempts...). */
  readonly note?: string;

  constructor(init: SnykApiErrorInit) {
    super(composeMessage(init));
    this.name = 'SnykApiError';
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.snykMessage = init.snykMessage;
    this.errorRef = init.errorRef;
    this.requestId = init.requestId;
    this.code = init.code;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
    this.note = init.note;
  }

  /** A copy of this error with a sentence added to its message. */
  withNote(note: string): SnykApiError {
    const { method, path, status, snykMessage, errorRef, requestId, code, retryable, retryAfterMs } = this;
    const combined = this.note ? `${this.note} ${note}` : note;
    return new SnykApiError({ method, path, status, snykMessage, errorRef, requestId, code, retryable, retryAfterMs, note: combined });
  }
}

const NOTE_SEPARATOR = '. ';

function composeMessage(init: SnykApiErrorInit): string {
  const failure = init.status !== undefined ? `${init.status}${init.snykMessage ? ` ${init.snykMessage}` : ''}` : describeNetworkFailure(init);
  const references = [init.errorRef && `error reference ${init.errorRef}`, init.requestId && `snyk-request-id ${init.requestId}`].filter(Boolean);
  const reference = references.length > 0 ? ` (${references.join(', ')})` : '';
  const hint = init.status === 401 ? `${NOTE_SEPARATOR}${UNAUTHORISED_HINT}` : '';
  const note = init.note ? `${NOTE_SEPARATOR}${init.note}` : '';
  return `Snyk API ${init.method} ${init.path} failed: ${failure}${reference}${hint}${note}`;
}

function describeNetworkFailure(init: SnykApiErrorInit): string {
  return `network error ${init.code ?? 'UNKNOWN'}`;
}

const UNAUTHORISED_HINT =
  'Check SNYK_TOKEN (the provider\'s token) or SNYK_OAUTH_TOKEN (oauth_token; OAuth access tokens expire soon after they are issued) ' +
  'and SNYK_REGION/api_url: a credential from one region is refused in another';

/** True for Snyk's 404: the object is gone already (or what holds it is). */
export function isNotFound(error: unknown): error is SnykApiError {
  return error instanceof SnykApiError && error.status === 404;
}

/** The call's result, or undefined when Snyk answers 404 (the thing, or what holds it, is gone). */
export async function undefinedOn404<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Snyk's message and error reference, from whichever of its three error formats the body uses. */
export interface ParsedErrorBody {
  readonly snykMessage?: string;
  readonly errorRef?: string;
}

/**
 * Reads Snyk's error formats: v1 `{code, message, error}`, org creation `{message, errorRef}`, and JSON:API
 * `{errors: [{id, status, title, detail}]}`. The `x-error-reference` header wins for the reference. `secrets` are
 * removed from the message before it is shortened and its whitespace folded, so that no cut leaves part of one behind.
 */
export function parseErrorBody(body: unknown, errorRefHeader?: string, secrets: readonly string[] = []): ParsedErrorBody {
  const record = asRecord(body);
  const jsonApiError = asRecord(Array.isArray(record?.errors) ? record.errors[0] : undefined);
  const snykMessage = firstString(jsonApiError?.detail, jsonApiError?.title, record?.message, record?.error, typeof body === 'string' ? body : undefined);
  const errorRef = firstString(errorRefHeader, record?.errorRef, jsonApiError?.id);
  return { snykMessage: snykMessage ? shorten(redact(snykMessage, secrets)) : undefined, errorRef };
}

/** Builds the error for a non-2xx answer; `secrets` are removed from Snyk's message in case it echoes them. */
export function errorFromResponse(args: {
  method: string;
  path: string;
  status: number;
  body: unknown;
  errorRefHeader?: string;
  requestId?: string;
  retryable: boolean;
  retryAfterMs?: number;
  secrets: readonly string[];
}): SnykApiError {
  const parsed = parseErrorBody(args.body, args.errorRefHeader, args.secrets);
  return new SnykApiError({
    method: args.method,
    path: args.path,
    status: args.status,
    snykMessage: parsed.snykMessage,
    errorRef: parsed.errorRef,
    requestId: args.requestId,
    retryable: args.retryable,
    retryAfterMs: args.retryAfterMs,
  });
}

const MAX_MESSAGE_LENGTH = 500;

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE_LENGTH ? `${oneLine.slice(0, MAX_MESSAGE_LENGTH)}...` : oneLine;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}
