import { badRequest, unprocessable } from '../errors';
import { objectBody, optionalString } from '../body';
import { EmulatorModel } from '../model';
import { Route, RouteContext } from '../router';
import { OrgRecord } from '../state';
import { groupSummary, groupUrl, orgUrl } from './views';

const MAX_PER_PAGE = 100;
const NAME_REQUIRED = 'Please provide a new organization name in the body of the request';

/** The v1 organization calls: list, create, delete, and a group's orgs. */
export const orgRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/v1/orgs', handle: listOrgs },
  { method: 'POST', pattern: '/v1/org', errorFlavor: 'org-create', handle: createOrg },
  { method: 'DELETE', pattern: '/v1/org/:orgId', handle: deleteOrg },
  { method: 'GET', pattern: '/v1/group/:groupId/orgs', handle: listGroupOrgs },
];

function listOrgs({ services: { model } }: RouteContext) {
  return { status: 200, body: { orgs: model.orgs().map((org) => orgWithGroup(model, org)) } };
}

function createOrg({ body, services: { model } }: RouteContext) {
  const request = objectBody(body, unprocessable(NAME_REQUIRED));
  const name = optionalString(request, 'name', unprocessable(NAME_REQUIRED));
  if (name === undefined || name.trim() === '') {
    throw unprocessable(NAME_REQUIRED);
  }
  const groupId = optionalString(request, 'groupId', unprocessable('"groupId" must be a non-empty string'));
  const sourceOrgId = optionalString(request, 'sourceOrgId', unprocessable('"sourceOrgId" must be a non-empty string'));
  const org = model.createOrg({ name, groupId, sourceOrgId });
  return { status: 201, body: { ...orgWithGroup(model, org), created: org.created } };
}

function deleteOrg({ params, services: { model } }: RouteContext) {
  model.deleteOrg(params.orgId as string);
  return { status: 204 };
}

function listGroupOrgs({ params, query, services: { model } }: RouteContext) {
  const group = model.group(params.groupId as string);
  const perPage = positiveInteger(query.get('perPage'), MAX_PER_PAGE, 'perPage');
  if (perPage > MAX_PER_PAGE) {
    throw badRequest(`perPage must be at most ${MAX_PER_PAGE}`);
  }
  const page = positiveInteger(query.get('page'), 1, 'page');
  const namePrefix = query.get('name') ?? undefined;
  const orgs = model.groupOrgs(group.id, { perPage, page, namePrefix });
  return {
    status: 200,
    body: {
      id: group.id,
      name: group.name,
      url: groupUrl(group),
      created: group.created,
      orgs: orgs.map((org) => ({ id: org.id, name: org.name, slug: org.slug, url: orgUrl(org), created: org.created })),
    },
  };
}

function orgWithGroup(model: EmulatorModel, org: OrgRecord) {
  return { id: org.id, name: org.name, slug: org.slug, url: orgUrl(org), group: groupSummary(model, org) };
}

function positiveInteger(raw: string | null, fallback: number, name: string): number {
  if (raw === null || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw badRequest(`${name} must be a positive integer`);
  }
  return value;
}
