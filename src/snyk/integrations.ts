import { Credentials } from './broker-tokens';
import { asRecord, objectBody, optionalString, requiredString } from './decode';
import { undefinedOn404 } from './errors';
import { apiPath, SnykHttp } from './http';
import { IntegrationSettings } from './integration-settings';
import { Reconciliation } from './retry';

/** What `addIntegration` takes: direct credentials, or a brokered integration (Snyk then issues a Broker token). */
export type AddIntegrationInput = { readonly type: string; readonly credentials: Credentials } | { readonly type: string; readonly broker: true };

const integrationsPath = (orgId: string): string => apiPath`/v1/org/${orgId}/integrations`;

/** GET /v1/org/{orgId}/integrations: type -> integration id. Types this client does not know are kept. */
export function getIntegrationTypeMap(http: SnykHttp, orgId: string): Promise<Record<string, string>> {
  return http.request({ method: 'GET', path: integrationsPath(orgId) }, (result) =>
    Object.fromEntries(Object.entries(objectBody(result)).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  );
}

/** GET /v1/org/{orgId}/integrations/{type}: the id, or undefined when the org has none of that type (404). */
export function getIntegrationByType(http: SnykHttp, orgId: string, type: string): Promise<string | undefined> {
  return undefinedOn404(
    http.request({ method: 'GET', path: apiPath`/v1/org/${orgId}/integrations/${type}` }, (result) => requiredString(result, objectBody(result), 'id')),
  );
}

/**
 * POST /v1/org/{orgId}/integrations. Not idempotent (a second POST of the type is a 409). After an ambiguous failure
 * the type map is read again: if the type is now there, the first attempt worked and its id is returned (without a
 * token: Snyk's spec has none in the POST answer either, so the caller gets it). If it is not there, the POST is
 * repeated. (Had the org held that type before the call, Snyk would have refused it; the check
 * cannot tell those apart, so it reports the integration that is there.)
 */
export function addIntegration(http: SnykHttp, orgId: string, input: AddIntegrationInput): Promise<{ id: string; brokerToken?: string }> {
  const brokered = 'broker' in input;
  const body = brokered ? { type: input.type, broker: { enabled: true } } : { type: input.type, credentials: input.credentials };
  return http.request(
    { method: 'POST', path: integrationsPath(orgId), body, secrets: brokered ? [] : Object.values(input.credentials) },
    (result) => {
      const response = objectBody(result);
      const brokerToken = optionalString(response, 'brokerToken');
      return { id: requiredString(result, response, 'id'), ...(brokerToken ? { brokerToken } : {}) };
    },
    { idempotent: false, reconcile: () => findAddedIntegration(http, orgId, input.type) },
  );
}

async function findAddedIntegration(http: SnykHttp, orgId: string, type: string): Promise<Reconciliation<{ id: string; brokerToken?: string }>> {
  const id = (await getIntegrationTypeMap(http, orgId))[type];
  if (id === undefined) {
    return { happened: false };
  }
  // No token: the caller gets it for the new integration (Snyk's POST answer carries none anyway).
  return { happened: true, value: { id } };
}

/** PUT {type, credentials}: new credentials for a non-brokered integration. Idempotent. */
export async function updateCredentials(http: SnykHttp, orgId: string, integrationId: string, type: string, credentials: Credentials): Promise<void> {
  await http.request(
    { method: 'PUT', path: apiPath`/v1/org/${orgId}/integrations/${integrationId}`, body: { type, credentials }, secrets: Object.values(credentials) },
    () => undefined,
  );
}

/** DELETE .../authentication: removes the credentials (no effect on a brokered integration). Idempotent. */
export async function deleteCredentials(http: SnykHttp, orgId: string, integrationId: string): Promise<void> {
  await http.request({ method: 'DELETE', path: apiPath`/v1/org/${orgId}/integrations/${integrationId}/authentication` }, () => undefined);
}

/**
 * POST .../clone {destinationOrgPublicId}: copies the integration, settings, credentials and Broker token to another
 * org of the same group. Not idempotent. After an ambiguous failure the source's type is looked up and the
 * destination's type map read: if the destination has that type now, its id is the clone; if not, the clone is
 * repeated; if the source's type cannot be found, it is not repeated.
 */
export function cloneIntegration(http: SnykHttp, orgId: string, integrationId: string, destinationOrgId: string): Promise<{ newIntegrationId: string }> {
  return http.request(
    { method: 'POST', path: apiPath`/v1/org/${orgId}/integrations/${integrationId}/clone`, body: { destinationOrgPublicId: destinationOrgId } },
    (result) => ({ newIntegrationId: requiredString(result, objectBody(result), 'newIntegrationId') }),
    { idempotent: false, reconcile: () => findClone(http, orgId, integrationId, destinationOrgId) },
  );
}

async function findClone(
  http: SnykHttp,
  orgId: string,
  integrationId: string,
  destinationOrgId: string,
): Promise<Reconciliation<{ newIntegrationId: string }>> {
  const sourceType = Object.entries(await getIntegrationTypeMap(http, orgId)).find(([, id]) => id === integrationId)?.[0];
  if (sourceType === undefined) {
    return { happened: 'maybe', note: `integration ${integrationId} is not in org ${orgId}'s integrations, so the clone cannot be checked.` };
  }
  const cloneId = (await getIntegrationTypeMap(http, destinationOrgId))[sourceType];
  return cloneId === undefined ? { happened: false } : { happened: true, value: { newIntegrationId: cloneId } };
}

/** GET .../settings. */
export function getIntegrationSettings(http: SnykHttp, orgId: string, integrationId: string): Promise<IntegrationSettings> {
  return http.request({ method: 'GET', path: settingsPath(orgId, integrationId) }, (result) => objectBody(result) as IntegrationSettings);
}

/** PUT .../settings with the fields to change; returns the settings now in force. Idempotent. */
export function updateIntegrationSettings(http: SnykHttp, orgId: string, integrationId: string, settings: IntegrationSettings): Promise<IntegrationSettings> {
  return http.request({ method: 'PUT', path: settingsPath(orgId, integrationId), body: settings }, (result) =>
    asRecord(result.body) === undefined ? settings : (objectBody(result) as IntegrationSettings),
  );
}

const settingsPath = (orgId: string, integrationId: string): string => apiPath`/v1/org/${orgId}/integrations/${integrationId}/settings`;
