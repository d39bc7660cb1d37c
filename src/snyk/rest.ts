import { asRecord, JsonRecord, objectBody, unexpectedResponse } from './decode';
import { HttpMethod, HttpResult, RequestSpec } from './http';

/** The REST API version this client speaks (sent as `?version=`). */
export const REST_API_VERSION = '2024-10-15';

/** REST requests with a body must declare this media type, or Snyk answers 400. */
export const JSON_API_CONTENT_TYPE = 'application/vnd.api+json';

/** A REST call: the version parameter and JSON:API media types added to the request. */
export function restRequest(method: HttpMethod, path: string, body?: unknown): RequestSpec {
  return {
    method,
    path,
    query: { version: REST_API_VERSION },
    body,
    contentType: JSON_API_CONTENT_TYPE,
    accept: JSON_API_CONTENT_TYPE,
  };
}

/** A JSON:API resource object: `{id, type, attributes}`. */
export interface JsonApiResource {
  readonly id: string;
  readonly type: string;
  readonly attributes: JsonRecord;
}

/** The `data` resource of a JSON:API document, or an "unexpected response" error. */
export function jsonApiResource(result: HttpResult): JsonApiResource {
  const data = asRecord(objectBody(result).data);
  if (!data || typeof data.id !== 'string' || typeof data.type !== 'string') {
    throw unexpectedResponse(result, 'a JSON:API document with data.id and data.type');
  }
  return { id: data.id, type: data.type, attributes: asRecord(data.attributes) ?? {} };
}
