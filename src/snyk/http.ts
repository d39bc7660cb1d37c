import type { AxiosInstance, AxiosResponse, CreateAxiosDefaults } from 'axios';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import { authorizationHeader, SnykCredential } from './auth';
import { errorFromResponse, SnykApiError } from './errors';
import { redact } from './redact';
import {
  IDEMPOTENT,
  isNotSentCode,
  isRetryableFailure,
  parseRetryAfter,
  RetryClock,
  RetryOptions,
  RetryPolicy,
  RetrySafety,
  resolveRetryPolicy,
  runWithRetry,
  SYSTEM_CLOCK,
} from './retry';
import { areaOf, SnykThrottle } from './throttle';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One attempt's outcome, as reported to `onRequest`: no headers, no bodies, no query string. */
export interface RequestEvent {
  readonly method: string;
  readonly path: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly attempt: number;
}

export interface SnykHttpOptions {
  /** The API key (`Authorization: token`) or OAuth access token (`Authorization: bearer`). */
  readonly credential: SnykCredential;
  /** Resolved API root (see `resolveApiUrl`). */
  readonly apiUrl: string;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  readonly userAgentSuffix?: string;
  readonly onRequest?: (event: RequestEvent) => void;
  /** Test seam: sleep, random and now. */
  readonly clock?: Partial<RetryClock>;
  /** Paces and pauses the calls (shared by every client of the process for one key; see `sharedThrottle`). */
  readonly throttle: SnykThrottle;
}

/** One call to make. */
export interface RequestSpec {
  readonly method: HttpMethod;
  /** Path below the API root, already encoded (build it with {@link apiPath}). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** @default 'application/json' */
  readonly contentType?: string;
  readonly accept?: string;
  /** Values sent in the body that must never be echoed in an error (credentials). */
  readonly secrets?: readonly string[];
}

/** A 2xx answer: the call, its status and parsed JSON body (undefined when empty; the raw text when not JSON). */
export interface HttpResult {
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  /** Snyk's `snyk-request-id` answer header, when sent. */
  readonly requestId?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The User-Agent header: `cdktf-snyk/<version>`, then the caller's suffix. */
export function userAgent(suffix?: string): string {
  const base = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
  return suffix?.trim() ? `${base} ${suffix.trim()}` : base;
}

/** Builds a path from a template, percent-encoding every interpolated value: apiPath`/v1/org/${orgId}`. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((path, part, index) => path + part + (index < values.length ? encodeURIComponent(values[index]) : ''), '');
}

/**
 * The transport: one axios instance with the API key, User-Agent and timeout, plus retries and error mapping.
 * Every Snyk call goes through {@link SnykHttp.request}. axios (with node:http, https, zlib...) loads at the first
 * call: the provider's launches that only validate never make one.
 */
export class SnykHttp {
  private readonly axiosDefaults: CreateAxiosDefaults;
  private axios?: Promise<AxiosInstance>;
  private readonly policy: RetryPolicy;
  private readonly clock: RetryClock;
  private readonly timeoutMs: number;
  /** The API root requests go to. */
  readonly apiUrl: string;

  constructor(private readonly options: SnykHttpOptions) {
    if (!options.credential.value.trim()) {
      throw new Error('A Snyk API token is required (set SNYK_TOKEN, or SNYK_OAUTH_TOKEN for an OAuth access token)');
    }
    this.apiUrl = options.apiUrl;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.policy = resolveRetryPolicy(options.retry);
    this.clock = { ...SYSTEM_CLOCK, ...options.clock };
    this.axiosDefaults = {
      baseURL: options.apiUrl,
      timeout: this.timeoutMs,
      headers: { Authorization: authorizationHeader(options.credential), 'User-Agent': userAgent(options.userAgentSuffix) },
      // Never follow a redirect: it could carry the Authorization header to another host.
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    };
  }

  /** Sends the call (repeating it as `safety` allows) and decodes the 2xx answer. */
  request<T>(spec: RequestSpec, decode: (result: HttpResult) => T, safety: RetrySafety<T> = IDEMPOTENT): Promise<T> {
    return runWithRetry((attempt) => this.attempt(spec, attempt).then(decode), safety, this.policy, this.clock, this.options.throttle);
  }

  /** The host (and port) of the API root, for messages: the root carries no user-info (see `resolveApiUrl`). */
  get apiHost(): string {
    return new URL(this.apiUrl).host;
  }

  private async attempt(spec: RequestSpec, attempt: number): Promise<HttpResult> {
    await this.options.throttle.acquire(areaOf(spec.path));
    let response: AxiosResponse<string>;
    try {
      this.axios ??= import('axios').then(({ default: axios }) => axios.create(this.axiosDefaults));
      response = await (await this.axios).request<string>({
        method: spec.method,
        url: spec.path,
        params: definedParams(spec.query),
        data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        headers: { ...contentTypeHeader(spec), Accept: spec.accept ?? 'application/json' },
      });
    } catch (caught) {
      this.report(spec, 0, attempt);
      throw this.networkError(spec, caught);
    }
    this.options.throttle.answered(areaOf(spec.path), response.status);
    this.report(spec, response.status, attempt);
    const body = parseBody(response.data);
    const requestId = headerValue(response.headers['snyk-request-id']);
    if (response.status >= 200 && response.status < 300) {
      return { method: spec.method, path: spec.path, status: response.status, body, ...(requestId ? { requestId } : {}) };
    }
    throw errorFromResponse({
      method: spec.method,
      path: spec.path,
      status: response.status,
      body,
      errorRefHeader: headerValue(response.headers['x-error-reference']),
      requestId,
      retryable: isRetryableFailure(response.status, undefined),
      retryAfterMs: parseRetryAfter(headerValue(response.headers['retry-after']), this.clock.now()),
      secrets: this.secrets(spec),
    });
  }

  private report(spec: RequestSpec, status: number, attempt: number): void {
    this.options.onRequest?.({ method: spec.method, path: spec.path, status, attempt });
  }

  private networkError(spec: RequestSpec, caught: unknown): SnykApiError {
    const code = networkCode(caught);
    const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED';
    const detail = networkDetail(caught, this.secrets(spec));
    const note = timedOut
      ? `No response within ${this.timeoutMs} ms (timeoutMs).`
      : isNotSentCode(code)
        ? `Could not connect to the Snyk API at ${this.apiHost}${detail ? ` (${detail.replace(/\.$/, '')})` : ''}.`
        : detail;
    return new SnykApiError({
      method: spec.method,
      path: spec.path,
      code: timedOut ? 'ETIMEDOUT' : code,
      retryable: isRetryableFailure(undefined, code),
      note,
    });
  }

  private secrets(spec: RequestSpec): string[] {
    return [this.options.credential.value, ...(spec.secrets ?? [])];
  }
}

function networkCode(caught: unknown): string {
  if (isAxiosError(caught)) {
    const causeCode = (caught.cause as NodeJS.ErrnoException | undefined)?.code;
    return caught.code ?? causeCode ?? 'UNKNOWN';
  }
  return (caught as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
}

/** axios' own test (`axios.isAxiosError`), which needs no loaded axios: its errors carry `isAxiosError: true`. */
function isAxiosError(caught: unknown): caught is Error & { code?: string; cause?: unknown } {
  return typeof caught === 'object' && caught !== null && (caught as { isAxiosError?: unknown }).isAxiosError === true;
}

/** The low-level message (e.g. "socket hang up"), which carries no request data, with secrets removed anyway. */
function networkDetail(caught: unknown, secrets: readonly string[]): string | undefined {
  const message = caught instanceof Error ? caught.message : undefined;
  return message ? `${redact(message, secrets)}.` : undefined;
}

/**
 * v1 calls always declare `Content-Type: application/json`, body or not, as Snyk's own clients do; REST calls declare
 * their JSON:API type only with a body.
 */
function contentTypeHeader(spec: RequestSpec): Record<string, string> {
  if (spec.body !== undefined) {
    return { 'Content-Type': spec.contentType ?? 'application/json' };
  }
  return areaOf(spec.path) === 'v1' ? { 'Content-Type': 'application/json' } : {};
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headerValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

function definedParams(query: RequestSpec['query']): Record<string, string | number> | undefined {
  if (!query) {
    return undefined;
  }
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined));
}
