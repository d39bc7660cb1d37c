import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** How an error body is shaped: Snyk uses three different formats depending on the call. */
export type ErrorFlavor = 'v1' | 'org-create' | 'rest';

/** A refusal from the emulated API, raised by the model and the routes and turned into Snyk's error body by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);
export const unprocessable = (message: string): ApiError => new ApiError(422, message);

/** An error response ready to send: status, body and the `x-error-reference` header Snyk sets on every error. */
export interface ErrorReply {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const NOT_AUTHORISED = 'Not authorised';

/** Builds Snyk's error body for the given flavor; each one carries a fresh error reference (a UUID). */
export function errorReply(status: number, message: string, flavor: ErrorFlavor): ErrorReply {
  const errorRef = randomUUID();
  const headers = { 'x-error-reference': errorRef };
  switch (flavor) {
    case 'org-create':
      return { status, headers, body: { message, errorRef } };
    case 'rest':
      return {
        status,
        headers,
        body: { jsonapi: { version: '1.0' }, errors: [{ id: errorRef, status: String(status), title: reasonPhrase(status), detail: message }] },
      };
    case 'v1':
      return { status, headers, body: { code: status, message, error: status === 401 ? NOT_AUTHORISED : reasonPhrase(status) } };
  }
}

/** The documented 401 answer to a missing or wrong API key. */
export function unauthorisedReply(flavor: ErrorFlavor): ErrorReply {
  if (flavor === 'rest') {
    return errorReply(401, NOT_AUTHORISED, 'rest');
  }
  return { status: 401, headers: { 'x-error-reference': randomUUID() }, body: { code: 401, error: NOT_AUTHORISED, message: NOT_AUTHORISED } };
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
