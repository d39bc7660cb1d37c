import { objectBody } from '../body';
import { ApiError, badRequest } from '../errors';
import { Route, RouteContext } from '../router';
import { OrgRecord } from '../state';

/** The REST calls: an org read and rename (v1 has neither), and the key's own identity. */
export const restRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/rest/orgs/:orgId', handle: getOrg },
  { method: 'PATCH', pattern: '/rest/orgs/:orgId', handle: renameOrg },
  { method: 'GET', pattern: '/rest/self', handle: getSelf },
];

function getOrg({ params, query, services: { model } }: RouteContext) {
  return orgDocument(model.org(params.orgId as string), query);
}

function renameOrg({ params, query, body, services: { model } }: RouteContext) {
  const orgId = params.orgId as string;
  model.org(orgId);
  const data = objectBody(objectBody(body).data, badRequest('The body must be a JSON:API document with "data"'));
  if (data.type !== 'org') {
    throw new ApiError(409, '"data.type" must be "org"');
  }
  if (data.id !== orgId) {
    throw new ApiError(409, '"data.id" must be the id of the org in the path');
  }
  const attributes = objectBody(data.attributes, badRequest('"data.attributes" must be an object'));
  const unchangeable = Object.keys(attributes).filter((name) => name !== 'name');
  if (unchangeable.length > 0) {
    throw badRequest(`Only "name" can be changed, not ${unchangeable.join(', ')}`);
  }
  if (typeof attributes.name !== 'string' || attributes.name.trim() === '') {
    throw badRequest('"data.attributes.name" must be a non-empty string');
  }
  return orgDocument(model.renameOrg(orgId, attributes.name), query);
}

function getSelf({ query, services: { model } }: RouteContext) {
  const user = model.user;
  const defaultOrg = model.orgs()[0];
  // Snyk's REST spec requires email and avatar_url of a user principal (User20240422).
  const identity = { name: user.name, username: user.name, email: 'emulated-user@example.com', avatar_url: 'https://example.com/emulated-user.png' };
  const attributes = { ...identity, ...(defaultOrg === undefined ? {} : { default_org_context: defaultOrg.id }) };
  return { status: 200, body: { jsonapi: { version: '1.0' }, data: { type: 'user', id: user.id, attributes }, links: { self: selfLink('/self', query) } } };
}

function orgDocument(org: OrgRecord, query: URLSearchParams) {
  const attributes = {
    name: org.name,
    slug: org.slug,
    is_personal: org.groupId === null,
    ...(org.groupId === null ? {} : { group_id: org.groupId }),
  };
  return {
    status: 200,
    body: { jsonapi: { version: '1.0' }, data: { id: org.id, type: 'org', attributes }, links: { self: selfLink(`/orgs/${org.id}`, query) } },
  };
}

function selfLink(path: string, query: URLSearchParams): string {
  return `/rest${path}?version=${encodeURIComponent(query.get('version') ?? '')}`;
}

/** REST calls need a `version` date; problems are described for a 400. */
export function restVersionProblem(query: URLSearchParams): string | undefined {
  const version = query.get('version');
  if (version === null || version === '') {
    return 'The "version" query parameter is required';
  }
  return /^\d{4}-\d{2}-\d{2}(~(beta|experimental))?$/.test(version) ? undefined : `"${version}" is not a valid API version`;
}

/** REST bodies must be JSON:API documents. */
export function restContentTypeProblem(contentType: string | undefined): string | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/vnd.api+json' ? undefined : 'Requests with a body must have Content-Type: application/vnd.api+json';
}
