import { asRecord, JsonRecord, objectBody, unexpectedResponse } from '../decode';
import { SnykApiError, undefinedOn404 } from '../errors';
import { HttpResult, RequestSpec, SnykHttp } from '../http';
import { jsonApiRequest } from '../rest';
import { DELETE_SAFETY, IDEMPOTENT, RetrySafety } from '../retry';
import { UbContext } from './context';
import { ListOptions } from './types';

/** A JSON:API resource object as read: id, type, attributes and relationships (empty objects when absent). */
export interface ReadResource {
  readonly id: string;
  readonly type: string;
  readonly attributes: JsonRecord;
  readonly relationships: unknown;
  /** The resource object itself, for the few fields that sit beside `attributes` (org integrations). */
  readonly raw: JsonRecord;
}

/** Creates are not repeated after an ambiguous failure: Snyk offers no way to tell whether the first one landed. */
export const NOT_REPEATABLE: RetrySafety<never> = { idempotent: false };

/** The `data` object of a document. */
export function dataResource(result: HttpResult): ReadResource {
  return readResource(result, objectBody(result).data);
}

/** The `data` array of a document. */
export function dataResources(result: HttpResult): ReadResource[] {
  const data = objectBody(result).data;
  if (!Array.isArray(data)) {
    throw unexpectedResponse(result, 'a JSON:API document whose "data" is an array');
  }
  return data.map((item) => readResource(result, item));
}

function readResource(result: HttpResult, value: unknown): ReadResource {
  const record = asRecord(value);
  if (!record || typeof record.id !== 'string' || record.id === '') {
    throw unexpectedResponse(result, 'JSON:API resource objects with a string "id"');
  }
  return {
    id: record.id,
    type: typeof record.type === 'string' ? record.type : '',
    attributes: asRecord(record.attributes) ?? {},
    relationships: record.relationships,
    raw: record,
  };
}

/** A required string attribute, or an "unexpected response" error naming it. */
export function stringAttribute(result: HttpResult, resource: ReadResource, name: string): string {
  const value = resource.attributes[name];
  if (typeof value !== 'string') {
    throw unexpectedResponse(result, `a string attribute "${name}"`);
  }
  return value;
}

export function optionalStringAttribute(resource: ReadResource, name: string): string | undefined {
  const value = resource.attributes[name];
  return typeof value === 'string' ? value : undefined;
}

/** A bound on pages, so a server that keeps sending `links.next` cannot keep the client busy forever. */
const MAX_PAGES = 10_000;

/**
 * GETs a list and every following page by its `links.next` (cursor pagination), decoding each page's items.
 * `links.next` may be a full URL on the API's own host, a path under `/rest`, or a path relative to `/rest` (as
 * Snyk writes them); a link to any other host is refused, so the API key never leaves for it.
 */
export async function listAllPages<T>(http: SnykHttp, first: RequestSpec, decode: (result: HttpResult) => T[], pageSize?: number): Promise<T[]> {
  const items: T[] = [];
  let spec: RequestSpec = pageSize === undefined ? first : { ...first, query: { ...first.query, limit: pageSize } };
  const followed = new Set<string>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { batch, next } = await http.request(spec, (result) => ({ batch: decode(result), next: nextLink(result) }));
    items.push(...batch);
    if (next === undefined) {
      return items;
    }
    if (followed.has(next)) {
      throw new SnykApiError({ method: spec.method, path: spec.path, retryable: false, note: 'Unexpected response: "links.next" points at a page already read.' });
    }
    followed.add(next);
    spec = followLink(http.apiUrl, first, next);
  }
  throw new SnykApiError({ method: first.method, path: first.path, retryable: false, note: `Gave up paging after ${MAX_PAGES} pages.` });
}

function nextLink(result: HttpResult): string | undefined {
  const links = asRecord(objectBody(result).links);
  const next = links?.next;
  const href = typeof next === 'string' ? next : asRecord(next)?.href;
  return typeof href === 'string' && href.trim() !== '' ? href : undefined;
}

/** The request for a `links.next` value: the first request's headers and version, the link's path and query. */
export function followLink(apiUrl: string, first: RequestSpec, link: string): RequestSpec {
  const root = new URL(apiUrl);
  const rootPath = root.pathname.replace(/\/+$/, '');
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(link)) {
    url = new URL(link);
    if (url.origin !== root.origin) {
      throw new SnykApiError({
        method: first.method,
        path: first.path,
        retryable: false,
        note: `Unexpected response: "links.next" points at another host (${url.origin}); it was not followed.`,
      });
    }
  } else {
    const absolutePath = link.startsWith('/') ? link : `/${link}`;
    const underRest = absolutePath.startsWith('/rest/') || absolutePath.startsWith(`${rootPath}/rest/`) ? absolutePath : `/rest${absolutePath}`;
    url = new URL(underRest, root.origin);
  }
  const path = rootPath !== '' && url.pathname.startsWith(`${rootPath}/`) ? url.pathname.slice(rootPath.length) : url.pathname;
  const query: Record<string, string> = Object.fromEntries(url.searchParams.entries());
  query.version ??= String(first.query?.version ?? '');
  return { ...first, path, query };
}

/** Turns one resource of an answer into the client's type. */
export type DecodeResource<T> = (result: HttpResult, resource: ReadResource) => T;

/** GET a collection, following every page. */
export function listResources<T>(ctx: UbContext, path: string, decode: DecodeResource<T>, options: ListOptions = {}, version = ctx.versions.brokers): Promise<T[]> {
  const first = jsonApiRequest('GET', path, version);
  return listAllPages(ctx.http, first, (result) => dataResources(result).map((resource) => decode(result, resource)), options.pageSize);
}

/** GET one resource; undefined when Snyk answers 404. */
export function getResource<T>(ctx: UbContext, path: string, decode: DecodeResource<T>): Promise<T | undefined> {
  return undefinedOn404(ctx.http.request(jsonApiRequest('GET', path, ctx.versions.brokers), (result) => decode(result, dataResource(result))));
}

/** POST (not repeated after an ambiguous failure) or PATCH (idempotent) a document whose answer is one resource. */
export function writeResource<T>(ctx: UbContext, method: 'POST' | 'PATCH', path: string, body: unknown, decode: DecodeResource<T>): Promise<T> {
  return ctx.http.request(jsonApiRequest(method, path, ctx.versions.brokers, body), (result) => decode(result, dataResource(result)), method === 'POST' ? NOT_REPEATABLE : IDEMPOTENT);
}

/** DELETE; repeated after an ambiguous failure, a 404 to the repeat counting as done. */
export async function deleteResource(ctx: UbContext, path: string, version = ctx.versions.brokers): Promise<void> {
  await ctx.http.request(jsonApiRequest('DELETE', path, version), () => undefined, DELETE_SAFETY);
}
