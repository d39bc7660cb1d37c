import { asRecord, JsonRecord, objectBody, optionalString, requiredArray, requiredString } from './decode';
import { undefinedOn404 } from './errors';
import { apiPath, HttpResult, SnykHttp } from './http';
import { SNYK_REGIONS } from './regions';
import { jsonApiResource, restRequest } from './rest';
import { DELETE_SAFETY, Reconciliation, RetrySafety } from './retry';

/** A Snyk organization. */
export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  /** The org's web UI URL as v1 reports it; composed from the region's app URL and the slug when read through REST. */
  readonly url: string;
  readonly groupId?: string;
  readonly isPersonal?: boolean;
}

/** What `createOrg` takes: `sourceOrgId` copies that org's integrations (Broker tokens included) and settings. */
export interface CreateOrgInput {
  readonly name: string;
  readonly groupId?: string;
  readonly sourceOrgId?: string;
}

/** The largest page `GET /v1/group/{groupId}/orgs` serves. */
const GROUP_ORGS_PAGE_SIZE = 100;
/** A bound on paging, so a server that keeps answering full pages cannot keep the client busy forever. */
const MAX_GROUP_ORG_PAGES = 10_000;

/** GET /v1/orgs: the orgs the key can see. */
export function listOrgs(http: SnykHttp): Promise<Organization[]> {
  return http.request({ method: 'GET', path: '/v1/orgs' }, (result) =>
    requiredArray(result, objectBody(result), 'orgs').map((org) => v1Organization(result, org)),
  );
}

/**
 * POST /v1/org. Not idempotent: names are not unique, so a blind repeat could create a second org. After an
 * ambiguous failure the client looks for an org of that exact name in the group: none means the request did not take
 * effect and it is repeated; one or more means it may have, and the call fails naming them, so nothing is duplicated
 * and nothing is lost. Without a group there is nowhere to look, so it is not repeated at all.
 */
export function createOrg(http: SnykHttp, input: CreateOrgInput): Promise<Organization> {
  const body = { name: input.name, groupId: input.groupId, sourceOrgId: input.sourceOrgId };
  const safety: RetrySafety<Organization> = {
    idempotent: false,
    reconcile: input.groupId ? () => findCreatedOrg(http, input.name, input.groupId as string) : undefined,
  };
  return http.request({ method: 'POST', path: '/v1/org', body }, (result) => v1Organization(result, result.body), safety);
}

async function findCreatedOrg(http: SnykHttp, name: string, groupId: string): Promise<Reconciliation<Organization>> {
  const sameName = (await listGroupOrgs(http, groupId, { namePrefix: name })).filter((org) => org.name === name);
  if (sameName.length === 0) {
    return { happened: false };
  }
  return {
    happened: 'maybe',
    note:
      `the organization may have been created anyway; group ${groupId} now has ${sameName.length} org(s) named "${name}" ` +
      `(${sameName.map((org) => org.id).join(', ')}). Import the right one or delete it before trying again.`,
  };
}

/**
 * DELETE /v1/org/{orgId}. Idempotent in effect: when a repeat after an ambiguous failure meets 404, the first
 * attempt deleted the org.
 */
export async function deleteOrg(http: SnykHttp, orgId: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v1/org/${orgId}` }, () => undefined, DELETE_SAFETY);
}

/** GET /v1/group/{groupId}/orgs, following every page; `namePrefix` filters case-insensitively on the name's start. */
export async function listGroupOrgs(http: SnykHttp, groupId: string, opts: { namePrefix?: string } = {}): Promise<Organization[]> {
  const orgs: Organization[] = [];
  for (let page = 1; page <= MAX_GROUP_ORG_PAGES; page += 1) {
    const batch = await http.request(
      { method: 'GET', path: apiPath`/v1/group/${groupId}/orgs`, query: { perPage: GROUP_ORGS_PAGE_SIZE, page, name: opts.namePrefix } },
      (result) => requiredArray(result, objectBody(result), 'orgs').map((org) => v1Organization(result, org, groupId)),
    );
    orgs.push(...batch);
    if (batch.length < GROUP_ORGS_PAGE_SIZE) {
      break;
    }
  }
  return orgs;
}

/** GET /rest/orgs/{orgId}: v1 has no read by id. Undefined when Snyk answers 404. */
export function getOrg(http: SnykHttp, orgId: string): Promise<Organization | undefined> {
  return undefinedOn404(http.request(restRequest('GET', apiPath`/rest/orgs/${orgId}`), (result) => restOrganization(http, result)));
}

/** PATCH /rest/orgs/{orgId}: only the name can change. Idempotent: repeating sets the same name. */
export function renameOrg(http: SnykHttp, orgId: string, name: string): Promise<Organization> {
  const body = { data: { id: orgId, type: 'org', attributes: { name } } };
  return http.request(restRequest('PATCH', apiPath`/rest/orgs/${orgId}`, body), (result) => restOrganization(http, result));
}

function v1Organization(result: HttpResult, value: unknown, knownGroupId?: string): Organization {
  const org: JsonRecord = asRecord(value) ?? objectBody({ ...result, body: value });
  return {
    id: requiredString(result, org, 'id'),
    name: requiredString(result, org, 'name'),
    slug: optionalString(org, 'slug') ?? '',
    url: optionalString(org, 'url') ?? '',
    groupId: optionalString(asRecord(org.group), 'id') ?? knownGroupId,
  };
}

function restOrganization(http: SnykHttp, result: HttpResult): Organization {
  const resource = jsonApiResource(result);
  const slug = optionalString(resource.attributes, 'slug') ?? '';
  const isPersonal = resource.attributes.is_personal;
  return {
    id: resource.id,
    name: requiredString(result, resource.attributes, 'name'),
    slug,
    url: `${appUrlFor(http.apiUrl)}/org/${encodeURIComponent(slug)}`,
    groupId: optionalString(resource.attributes, 'group_id'),
    isPersonal: typeof isPersonal === 'boolean' ? isPersonal : undefined,
  };
}

/** GET /rest/self: the user or service account the key belongs to. */
export function getSelf(http: SnykHttp): Promise<{ id: string; name?: string; username?: string }> {
  return http.request(restRequest('GET', '/rest/self'), (result) => {
    const resource = jsonApiResource(result);
    const name = optionalString(resource.attributes, 'name');
    const username = optionalString(resource.attributes, 'username');
    return { id: resource.id, ...(name !== undefined ? { name } : {}), ...(username !== undefined ? { username } : {}) };
  });
}

/** The web UI of the region whose API root this is; SNYK-US-01's for any other root (the emulator, a proxy). */
function appUrlFor(apiUrl: string): string {
  return (Object.values(SNYK_REGIONS).find((region) => region.apiUrl === apiUrl) ?? SNYK_REGIONS['SNYK-US-01']).appUrl;
}
