import { SnykApiError } from './errors';
import { HttpResult } from './http';

/** An error for a 2xx answer that does not have the documented shape; it never quotes the body (it may hold a token). */
export function unexpectedResponse(result: HttpResult, expected: string): SnykApiError {
  return new SnykApiError({
    method: result.method,
    path: result.path,
    status: result.status,
    requestId: result.requestId,
    retryable: false,
    note: `Unexpected response: expected ${expected}.`,
  });
}

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** The body as a JSON object, or an "unexpected response" error. */
export function objectBody(result: HttpResult): JsonRecord {
  const record = asRecord(result.body);
  if (!record) {
    throw unexpectedResponse(result, 'a JSON object');
  }
  return record;
}

/** A non-empty string field, or an "unexpected response" error naming the field. */
export function requiredString(result: HttpResult, record: JsonRecord, key: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') {
    throw unexpectedResponse(result, `a string "${key}"`);
  }
  return value;
}

export function optionalString(record: JsonRecord | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** An array field, or an "unexpected response" error naming the field. */
export function requiredArray(result: HttpResult, record: JsonRecord, key: string): unknown[] {
  const value = record[key];
  if (!Array.isArray(value)) {
    throw unexpectedResponse(result, `an array "${key}"`);
  }
  return value;
}
