import { apiPath, HttpResult } from '../http';
import { UbContext } from './context';
import { deleteResource, listResources, optionalStringAttribute, ReadResource, stringAttribute, writeResource } from './json-api';
import { BrokerConnectionIntegration, BrokerConnectionIntegrationInput, ListOptions, OrgBrokerConnection } from './types';

function tenantConnectionPath(tenantId: string, connectionId: string): string {
  return apiPath`/rest/tenants/${tenantId}/brokers/connections/${connectionId}`;
}

/**
 * POST /tenants/{tenant_id}/brokers/connections/{connection_id}/orgs/{org_id}/integration: the org's integration of
 * `type` is served by the connection from now on; with `integrationId`, that existing integration is moved onto it.
 * The body has no `attributes` wrapper (as published). Not repeated after an ambiguous failure.
 */
export function createConnectionIntegration(
  ctx: UbContext,
  tenantId: string,
  connectionId: string,
  orgId: string,
  input: BrokerConnectionIntegrationInput,
): Promise<BrokerConnectionIntegration> {
  const data = { type: input.type, ...(input.integrationId !== undefined ? { integration_id: input.integrationId } : {}) };
  const path = `${tenantConnectionPath(tenantId, connectionId)}${apiPath`/orgs/${orgId}/integration`}`;
  return writeResource(ctx, 'POST', path, { data }, (_, resource) => integration(resource, orgId));
}

/** GET .../connections/{connection_id}/integrations, every page: the org integrations a connection serves. */
export function listConnectionIntegrations(ctx: UbContext, tenantId: string, connectionId: string, options: ListOptions = {}): Promise<BrokerConnectionIntegration[]> {
  return listResources(ctx, `${tenantConnectionPath(tenantId, connectionId)}/integrations`, (_, resource) => integration(resource), options);
}

/** DELETE .../connections/{connection_id}/orgs/{org_id}/integrations/{integration_id}: disconnects the org's integration. */
export function deleteConnectionIntegration(ctx: UbContext, tenantId: string, connectionId: string, orgId: string, integrationId: string): Promise<void> {
  return deleteResource(ctx, `${tenantConnectionPath(tenantId, connectionId)}${apiPath`/orgs/${orgId}/integrations/${integrationId}`}`);
}

/** GET /orgs/{org_id}/brokers/connections, every page: the connections the org can use. */
export function listOrgConnections(ctx: UbContext, orgId: string, options: ListOptions = {}): Promise<OrgBrokerConnection[]> {
  return listResources(ctx, apiPath`/rest/orgs/${orgId}/brokers/connections`, orgConnection, options);
}

/** Org integrations carry their fields beside `id` (no `attributes`); attributes are read too, in case Snyk nests them. */
function integration(resource: ReadResource, knownOrgId?: string): BrokerConnectionIntegration {
  const field = (name: string): string | undefined => {
    const value = resource.raw[name] ?? resource.attributes[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    id: resource.id,
    orgId: field('org_id') ?? knownOrgId ?? '',
    integrationType: field('integration_type') ?? field('type') ?? '',
  };
}

function orgConnection(result: HttpResult, resource: ReadResource): OrgBrokerConnection {
  const contextId = optionalStringAttribute(resource, 'context');
  return {
    id: resource.id,
    name: stringAttribute(result, resource, 'name'),
    connectionType: stringAttribute(result, resource, 'connection_type'),
    deploymentId: stringAttribute(result, resource, 'deployment_id'),
    ...(contextId !== undefined ? { contextId } : {}),
  };
}

