import { isRecord, objectBody, requiredString } from '../body';
import { BehaviorSet } from '../behaviors';
import { ApiError, badRequest } from '../errors';
import { SETTING_NAMES, credentialsProblem, isIntegrationType, settingsProblem, unknownSettings } from '../integration-types';
import { IntegrationUpdate } from '../model';
import { Route, RouteContext } from '../router';

const BASE = '/v1/org/:orgId/integrations';
const ONE = `${BASE}/:integrationId`;

/** The v1 integration calls, Broker token calls included. */
export const integrationRoutes: readonly Route[] = [
  { method: 'GET', pattern: BASE, handle: typeMap },
  { method: 'POST', pattern: BASE, handle: addIntegration },
  { method: 'GET', pattern: `${BASE}/:type`, handle: integrationByType },
  { method: 'PUT', pattern: ONE, handle: updateIntegration },
  { method: 'DELETE', pattern: `${ONE}/authentication`, handle: deleteCredentials },
  { method: 'POST', pattern: `${ONE}/authentication/provision-token`, handle: provisionToken },
  { method: 'POST', pattern: `${ONE}/authentication/switch-token`, handle: switchToken },
  { method: 'POST', pattern: `${ONE}/clone`, handle: cloneIntegration },
  { method: 'GET', pattern: `${ONE}/settings`, handle: getSettings },
  { method: 'PUT', pattern: `${ONE}/settings`, handle: putSettings },
];

function typeMap({ params, services: { model } }: RouteContext) {
  return { status: 200, body: model.integrationTypeMap(orgIdOf(params)) };
}

function integrationByType({ params, services: { model } }: RouteContext) {
  return { status: 200, body: { id: model.integrationByType(orgIdOf(params), params.type as string).id } };
}

function addIntegration({ params, body, services: { model } }: RouteContext) {
  const orgId = orgIdOf(params);
  model.org(orgId);
  const request = objectBody(body);
  const type = integrationType(request);
  const brokered = brokerEnabled(request) === true;
  const credentials = request.credentials === undefined && brokered ? undefined : validCredentials(type, request.credentials);
  return { status: 200, body: model.addIntegration(orgId, { type, credentials, brokered }) };
}

function updateIntegration({ params, body, services: { model, behaviors } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  model.integration(orgId, integrationId);
  const request = objectBody(body);
  const type = integrationType(request);
  return { status: 200, body: model.updateIntegration(orgId, integrationId, type, integrationUpdate(type, request, behaviors)) };
}

function integrationUpdate(type: string, request: Record<string, unknown>, behaviors: BehaviorSet): IntegrationUpdate {
  const enabled = brokerEnabled(request);
  if (enabled === true) {
    return { kind: 'enable-broker' };
  }
  if (enabled === false && request.credentials === undefined) {
    throw new ApiError(behaviors.status('disable-without-credentials-status'), 'Credentials are required to disable the broker');
  }
  if (enabled === undefined && request.credentials === undefined) {
    throw badRequest('The request needs "broker" or "credentials"');
  }
  if (enabled === false) {
    return { kind: 'disable-broker', credentials: validCredentials(type, request.credentials, behaviors.get('credentials-empty-string')) };
  }
  return { kind: 'update-credentials', credentials: validCredentials(type, request.credentials) };
}

function deleteCredentials({ params, services: { model } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  model.deleteCredentials(orgId, integrationId);
  return { status: 200 };
}

function provisionToken({ params, services: { model } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  return { status: 200, body: model.provisionToken(orgId, integrationId) };
}

function switchToken({ params, services: { model } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  model.switchToken(orgId, integrationId);
  return { status: 200 };
}

function cloneIntegration({ params, body, services: { model } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  model.integration(orgId, integrationId);
  const destination = requiredString(objectBody(body), 'destinationOrgPublicId', badRequest('"destinationOrgPublicId" is required'));
  return { status: 200, body: model.cloneIntegration(orgId, integrationId, destination) };
}

function getSettings({ params, services: { model } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  return { status: 200, body: model.settings(orgId, integrationId) };
}

function putSettings({ params, body, services: { model, behaviors } }: RouteContext) {
  const { orgId, integrationId } = integrationIdsOf(params);
  model.integration(orgId, integrationId);
  const settings = { ...objectBody(body) };
  const unknown = unknownSettings(settings);
  if (unknown.length > 0 && behaviors.get('settings-unknown-key') === 'reject') {
    throw badRequest(`Unknown setting ${unknown.map((name) => `"${name}"`).join(', ')}; known settings: ${SETTING_NAMES.join(', ')}`);
  }
  unknown.forEach((name) => delete settings[name]);
  const problem = settingsProblem(settings);
  if (problem !== undefined) {
    throw badRequest(problem);
  }
  return { status: 200, body: model.updateSettings(orgId, integrationId, settings) };
}

function orgIdOf(params: Readonly<Record<string, string>>): string {
  return params.orgId as string;
}

function integrationIdsOf(params: Readonly<Record<string, string>>): { orgId: string; integrationId: string } {
  return { orgId: params.orgId as string, integrationId: params.integrationId as string };
}

function integrationType(request: Record<string, unknown>): string {
  const type = requiredString(request, 'type', badRequest('"type" is required'));
  if (!isIntegrationType(type)) {
    throw badRequest(`Unknown integration type "${type}"`);
  }
  return type;
}

/** `broker.enabled` when the body has a broker object; undefined when it has none. */
function brokerEnabled(request: Record<string, unknown>): boolean | undefined {
  if (request.broker === undefined) {
    return undefined;
  }
  if (!isRecord(request.broker) || typeof request.broker.enabled !== 'boolean') {
    throw badRequest('"broker" must be an object with a boolean "enabled"');
  }
  return request.broker.enabled;
}

function validCredentials(type: string, credentials: unknown, emptyStrings: 'accept' | 'reject' = 'reject'): Record<string, string> {
  if (!isRecord(credentials)) {
    throw badRequest('"credentials" must be an object');
  }
  const problem = credentialsProblem(type, credentials, emptyStrings);
  if (problem !== undefined) {
    throw badRequest(problem);
  }
  return credentials as Record<string, string>;
}
