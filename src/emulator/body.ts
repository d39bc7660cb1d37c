import { ApiError, badRequest } from './errors';

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as a JSON object, or the given error. */
export function objectBody(body: unknown, error: ApiError = badRequest('The request body must be a JSON object')): Record<string, unknown> {
  if (!isRecord(body)) {
    throw error;
  }
  return body;
}

/** An optional string field: undefined when absent, the error when present but not a non-empty string. */
export function optionalString(record: Record<string, unknown>, field: string, error: ApiError): string | undefined {
  const value = record[field];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw error;
  }
  return value;
}

/** A required non-empty string field, or the error. */
export function requiredString(record: Record<string, unknown>, field: string, error: ApiError): string {
  const value = optionalString(record, field, error);
  if (value === undefined) {
    throw error;
  }
  return value;
}
