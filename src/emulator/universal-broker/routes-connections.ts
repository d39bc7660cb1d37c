import { isRecord } from '../body';
import { badRequest } from '../errors';
import { Route, RouteContext } from '../router';
import { connectionResource, connectionSummaryResource, migrationOrgResource, migrationResource, orgIntegrationResource } from './documents';
import { ConnectionWrite, UniversalBrokerModel } from './model';
import { bulkMigrationCandidates, connectionIntegrations, disconnect, integrate, orgConnections, startBulkMigration } from './org-integrations';
import { listReply, NO_CONTENT, resourceReply } from './replies';
import { authorizedDeployment, authorizedOrg, authorizedTenant, objectField, optionalStringField, requestAttributes, requestData, restPathOf, stringField, uuidField, writeData } from './request';

const CONNECTIONS = '/rest/tenants/:tenantId/brokers/installs/:installId/deployments/:deploymentId/connections';
const CONNECTION = `${CONNECTIONS}/:connectionId`;
const BULK_MIGRATION = `${CONNECTION}/bulk_migration`;
const TENANT_CONNECTION = '/rest/tenants/:tenantId/brokers/connections/:connectionId';
const CONNECTION_INTEGRATIONS = `${TENANT_CONNECTION}/integrations`;
const INTEGRATE = `${TENANT_CONNECTION}/orgs/:orgId/integration`;
const ORG_INTEGRATION = `${TENANT_CONNECTION}/orgs/:orgId/integrations/:integrationId`;
const ORG_CONNECTIONS = '/rest/orgs/:orgId/brokers/connections';

/** Connections of a deployment, the org integrations they serve, bulk migration, and an org's view of its connections. */
export const connectionRoutes: readonly Route[] = [
  { method: 'GET', pattern: CONNECTIONS, handle: listConnections },
  { method: 'POST', pattern: CONNECTIONS, handle: createConnection },
  { method: 'DELETE', pattern: CONNECTIONS, handle: deleteAllConnections },
  { method: 'GET', pattern: CONNECTION, handle: getConnection },
  { method: 'PATCH', pattern: CONNECTION, handle: updateConnection },
  { method: 'DELETE', pattern: CONNECTION, handle: deleteConnection },
  { method: 'GET', pattern: BULK_MIGRATION, handle: listBulkMigrationOrgs },
  { method: 'POST', pattern: BULK_MIGRATION, handle: createBulkMigration },
  { method: 'GET', pattern: CONNECTION_INTEGRATIONS, handle: listIntegrations },
  { method: 'POST', pattern: INTEGRATE, handle: createIntegration },
  { method: 'DELETE', pattern: ORG_INTEGRATION, handle: deleteIntegration },
  { method: 'GET', pattern: ORG_CONNECTIONS, handle: listOrgConnections },
];

function listConnections(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.read');
  return listReply(context, CONNECTIONS, model.connections(address), (connection) => connectionResource(model, connection));
}

function createConnection(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  const data = writeData(context.body, 'broker_connection');
  const connection = model.createConnection(address, connectionWrite(requestAttributes(data), address.deploymentId));
  const self = restPathOf(CONNECTION, { ...context.params, connectionId: connection.id });
  return resourceReply(context, CONNECTIONS, 201, connectionResource(model, connection), self);
}

function getConnection(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.read');
  return resourceReply(context, CONNECTION, 200, connectionResource(model, model.connection(address, context.params.connectionId as string)));
}

/** PATCH carries `data.id` and the whole configuration. */
function updateConnection(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  const connectionId = context.params.connectionId as string;
  const data = writeData(context.body, 'broker_connection', connectionId);
  if (data.id === undefined) {
    throw badRequest('"data.id" is required: the id of the connection in the path');
  }
  const updated = model.updateConnection(address, connectionId, connectionWrite(requestAttributes(data), address.deploymentId));
  return resourceReply(context, CONNECTION, 200, connectionResource(model, updated));
}

function deleteConnection(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  model.deleteConnection(address, context.params.connectionId as string);
  return NO_CONTENT;
}

function deleteAllConnections(context: RouteContext) {
  const { model, address } = authorizedDeployment(context, 'tenant.edit');
  model.deleteAllConnections(address);
  return NO_CONTENT;
}

function listBulkMigrationOrgs(context: RouteContext) {
  const { model, connection, tenantId } = migrationTarget(context);
  const orgs = bulkMigrationCandidates(model, tenantId, connection).map((id) => ({ id }));
  return listReply(context, BULK_MIGRATION, orgs, (org) => migrationOrgResource(org.id));
}

function createBulkMigration(context: RouteContext) {
  const { model, connection, tenantId } = migrationTarget(context);
  writeData(context.body, 'broker_migration');
  return resourceReply(context, BULK_MIGRATION, 201, migrationResource(startBulkMigration(model, tenantId, connection)));
}

/** Bulk migration needs only `tenant.read` in Snyk's spec. */
function migrationTarget(context: RouteContext): { model: UniversalBrokerModel; tenantId: string; connection: ReturnType<UniversalBrokerModel['connection']> } {
  const { model, address } = authorizedDeployment(context, 'tenant.read');
  return { model, tenantId: address.tenantId, connection: model.connection(address, context.params.connectionId as string) };
}

function listIntegrations(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.read');
  return listReply(context, CONNECTION_INTEGRATIONS, connectionIntegrations(model, tenantId, context.params.connectionId as string), orgIntegrationResource);
}

/** The body is `{data: {type, integration_id?}}`, without `attributes` (as published). Needs `tenant.read` only. */
function createIntegration(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.read');
  const { connectionId, orgId } = context.params as Record<string, string>;
  const data = requestData(context.body);
  const type = stringField(data, 'type', 'data');
  const integrationId = data.integration_id === undefined ? undefined : uuidField(data, 'integration_id', 'data');
  const created = integrate(model, tenantId, connectionId as string, orgId as string, { type, ...(integrationId ? { integrationId } : {}) });
  return resourceReply(context, INTEGRATE, 201, orgIntegrationResource(created), `/tenants/${tenantId}/brokers/connections/${connectionId}/integrations`);
}

function deleteIntegration(context: RouteContext) {
  const { model, tenantId } = authorizedTenant(context, 'tenant.read');
  const { connectionId, orgId, integrationId } = context.params as Record<string, string>;
  disconnect(model, tenantId, connectionId as string, orgId as string, integrationId as string);
  return NO_CONTENT;
}

function listOrgConnections(context: RouteContext) {
  const { model, orgId } = authorizedOrg(context, 'tenant.read');
  return listReply(context, ORG_CONNECTIONS, orgConnections(model, orgId), connectionSummaryResource);
}

/** `{deployment_id, name, configuration: {type, required}}`; `deployment_id`, when sent, must be the path's. */
function connectionWrite(attributes: Record<string, unknown>, deploymentId: string): ConnectionWrite {
  const sentDeployment = optionalStringField(attributes, 'deployment_id', 'data.attributes');
  if (sentDeployment !== undefined && sentDeployment !== deploymentId) {
    throw badRequest('"data.attributes.deployment_id" must be the deployment in the path');
  }
  const configuration = objectField(attributes, 'configuration', 'data.attributes');
  const required = objectField(configuration, 'required', 'data.attributes.configuration');
  const notStrings = Object.keys(required).filter((field) => typeof required[field] !== 'string');
  if (notStrings.length > 0 || !isRecord(required)) {
    throw badRequest(`"data.attributes.configuration.required" fields must be strings: ${notStrings.join(', ')}`);
  }
  return {
    name: stringField(attributes, 'name', 'data.attributes'),
    type: stringField(configuration, 'type', 'data.attributes.configuration'),
    required: required as Record<string, string>,
  };
}
