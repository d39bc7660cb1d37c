import { asRecord, JsonRecord, objectBody, unexpectedResponse } from './decode';
import { HttpMethod, HttpResult, RequestSpec } from './http';

/** The REST API version this client speaks (sent as `?version=`). */
export const REST_API_VERSION = '2024-10-15';

/** REST requests with a body must declare this media type, or Snyk answers 400. */
export const JSON_API_CONTENT_TYPE = 'application/vnd.api+json';

/** A REST call at `version`: the version query parameter and JSON:API media types added to the request. */
export function jsonApiRequest(method: HttpMethod, path: string, version: string, body?: unknown, secrets?: readonly string[]): RequestSpec {
  return {
    method,
    path,
    query: { version },
    body,
    contentType: JSON_API_CONTENT_TYPE,
    accept: JSON_API_CONTENT_TYPE,
    ...(secrets && secrets.length > 0 ? { secrets } : {}),
  };
}

/** A REST call at this client's {@link REST_API_VERSION}. */
export function restRequest(method: HttpMethod, path: string, body?: unknown): RequestSpec {
  return jsonApiRequest(method, path, REST_API_VERSION, body);
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
