import { isRecord, objectBody } from '../body';
import { badRequest } from '../errors';
import { RouteContext } from '../router';
import { TenantPermission } from './access';
import { DeploymentAddress, UniversalBrokerModel } from './model';

/** The emulator's Universal Broker model. */
export function ubModel(context: RouteContext): UniversalBrokerModel {
  return context.services.universalBroker;
}

/** The `data` member of a JSON:API request document. */
export function requestData(body: unknown): Record<string, unknown> {
  return objectBody(objectBody(body).data, badRequest('The body must be a JSON:API document with an object "data"'));
}

/** `data.type` must be the resource type of the call. */
function requireType(data: Record<string, unknown>, type: string): void {
  if (data.type !== type) {
    throw badRequest(`"data.type" must be "${type}"`);
  }
}

/** `data.attributes` as an object. */
export function requestAttributes(data: Record<string, unknown>): Record<string, unknown> {
  return objectBody(data.attributes, badRequest('"data.attributes" must be an object'));
}

export function stringField(record: Record<string, unknown>, field: string, where: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw badRequest(`"${where}.${field}" must be a non-empty string`);
  }
  return value;
}

export function optionalStringField(record: Record<string, unknown>, field: string, where: string): string | undefined {
  return record[field] === undefined ? undefined : stringField(record, field, where);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidField(record: Record<string, unknown>, field: string, where: string): string {
  const value = stringField(record, field, where);
  if (!UUID.test(value)) {
    throw badRequest(`"${where}.${field}" must be a UUID`);
  }
  return value;
}

export function objectField(record: Record<string, unknown>, field: string, where: string): Record<string, unknown> {
  const value = record[field];
  if (!isRecord(value)) {
    throw badRequest(`"${where}.${field}" must be an object`);
  }
  return value;
}

/** The deployment a path addresses. */
function deploymentAddress(params: Readonly<Record<string, string>>): DeploymentAddress {
  return { tenantId: params.tenantId as string, installId: params.installId as string, deploymentId: params.deploymentId as string };
}

/** The REST path (below `/rest`) of a request, for `links`. */
export function restPathOf(pattern: string, params: Readonly<Record<string, string>>): string {
  return pattern.replace(/^\/rest/, '').replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The model and the deployment the path addresses, once the caller holds the permission in its tenant. */
export function authorizedDeployment(context: RouteContext, permission: TenantPermission): { model: UniversalBrokerModel; address: DeploymentAddress } {
  const { model } = authorizedTenant(context, permission);
  return { model, address: deploymentAddress(context.params) };
}

/** The model and the path's `:tenantId`, once the caller holds the permission in that tenant. */
export function authorizedTenant(context: RouteContext, permission: TenantPermission): { model: UniversalBrokerModel; tenantId: string } {
  const model = ubModel(context);
  const tenantId = context.params.tenantId as string;
  model.authorize(context.caller, tenantId, permission);
  return { model, tenantId };
}

/** The model and the path's `:orgId`, once the caller holds the permission in the org's tenant. */
export function authorizedOrg(context: RouteContext, permission: TenantPermission): { model: UniversalBrokerModel; orgId: string } {
  const model = ubModel(context);
  const orgId = context.params.orgId as string;
  model.authorizeForOrg(context.caller, orgId, permission);
  return { model, orgId };
}

/** The `data` of a write: its `type` must be the resource's, and its `id`, when sent, the one in the path. */
export function writeData(body: unknown, type: string, pathId?: string): Record<string, unknown> {
  const data = requestData(body);
  requireType(data, type);
  if (pathId !== undefined && data.id !== undefined && data.id !== pathId) {
    throw badRequest('"data.id" must be the id in the path');
  }
  return data;
}
