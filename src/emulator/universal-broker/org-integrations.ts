import { randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound } from '../errors';
import { UniversalBrokerModel } from './model';
import { ConnectionRecord, MigrationRecord, OrgIntegrationRecord } from './state';

/**
 * Org integrations served by a connection, and bulk migration. An org integration IS one of the org's integrations
 * (same id): with `integration_id` that one is moved onto the connection; without, the org's integration of that type
 * is adopted (behaviour `ub-integrate-existing-type`) or a new one is made. A brokered classic integration that moves
 * leaves its classic token family, so the family's other orgs are what remains on the classic token.
 */
export function integrate(
  model: UniversalBrokerModel,
  tenantId: string,
  connectionId: string,
  orgId: string,
  request: { type: string; integrationId?: string },
): OrgIntegrationRecord {
  const connection = model.connectionInTenant(tenantId, connectionId);
  model.requireOrgInTenant(orgId, tenantId);
  if (request.type !== connection.type) {
    throw badRequest(`Connection ${connectionId} is a ${connection.type} connection; "data.type" must be "${connection.type}", not "${request.type}"`);
  }
  const existing = model.data.integrations.find((integration) => integration.orgId === orgId && integration.type === request.type);
  if (existing !== undefined) {
    throw conflict(`Organization ${orgId} already has its ${request.type} integration ${existing.id} on connection ${existing.connectionId}`);
  }
  const integrationId = classicIntegrationFor(model, orgId, request);
  leaveClassicFamily(model, orgId, integrationId, request.type);
  const record: OrgIntegrationRecord = { id: integrationId, connectionId, orgId, type: request.type };
  model.data.integrations.push(record);
  model.changed();
  return { ...record };
}

export function connectionIntegrations(model: UniversalBrokerModel, tenantId: string, connectionId: string): OrgIntegrationRecord[] {
  completePendingMigrations(model, tenantId, model.connectionInTenant(tenantId, connectionId));
  return model.integrationsOf(connectionId).map((integration) => ({ ...integration }));
}

/** Disconnects the org's integration from the connection; the integration stays in the org, unbrokered. */
export function disconnect(model: UniversalBrokerModel, tenantId: string, connectionId: string, orgId: string, integrationId: string): void {
  model.connectionInTenant(tenantId, connectionId);
  const record = model.data.integrations.find(
    (integration) => integration.connectionId === connectionId && integration.orgId === orgId && integration.id === integrationId,
  );
  if (record === undefined) {
    throw notFound(`Integration ${integrationId} of organization ${orgId} is not on connection ${connectionId}`);
  }
  model.data.integrations = model.data.integrations.filter((integration) => integration !== record);
  model.changed();
}

/** The connections serving at least one integration of the org. */
export function orgConnections(model: UniversalBrokerModel, orgId: string): ConnectionRecord[] {
  model.classic.org(orgId);
  const connectionIds = new Set(model.data.integrations.filter((integration) => integration.orgId === orgId).map((integration) => integration.connectionId));
  return model.data.connections.filter((connection) => connectionIds.has(connection.id)).map((connection) => structuredClone(connection));
}

/** Orgs of the tenant whose integration of the connection's type is still on a classic Broker token. */
export function bulkMigrationCandidates(model: UniversalBrokerModel, tenantId: string, connection: ConnectionRecord): string[] {
  return model.classic
    .orgs()
    .filter((org) => model.tenantOfOrg(org.id) === tenantId)
    .filter((org) => {
      const integrationId = model.classic.integrationTypeMap(org.id)[connection.type];
      return integrationId !== undefined && model.classic.integration(org.id, integrationId).tokenFamilyId !== null;
    })
    .map((org) => org.id);
}

/** Starts moving every candidate org onto the connection: now, or when its integrations are next listed (`ub-bulk-migration`). */
export function startBulkMigration(model: UniversalBrokerModel, tenantId: string, connection: ConnectionRecord): MigrationRecord {
  const migration: MigrationRecord = { id: randomUUID(), connectionId: connection.id, status: 'pending', orgIds: bulkMigrationCandidates(model, tenantId, connection) };
  model.data.migrations.push(migration);
  model.changed();
  const answer = { ...migration, orgIds: [...migration.orgIds] };
  if (model.behaviors.get('ub-bulk-migration') === 'immediate') {
    completePendingMigrations(model, tenantId, connection);
  }
  return answer;
}

/** Moves the orgs of the connection's pending migrations that still qualify, and marks the migrations completed. */
function completePendingMigrations(model: UniversalBrokerModel, tenantId: string, connection: ConnectionRecord): void {
  const pending = model.data.migrations.filter((migration) => migration.connectionId === connection.id && migration.status === 'pending');
  if (pending.length === 0) {
    return;
  }
  const stillCandidates = new Set(bulkMigrationCandidates(model, tenantId, connection));
  for (const migration of pending) {
    migration.orgIds
      .filter((orgId) => stillCandidates.delete(orgId))
      .forEach((orgId) => integrate(model, tenantId, connection.id, orgId, { type: connection.type, integrationId: model.classic.integrationTypeMap(orgId)[connection.type] }));
    migration.status = 'completed';
  }
  model.changed();
}

function classicIntegrationFor(model: UniversalBrokerModel, orgId: string, request: { type: string; integrationId?: string }): string {
  if (request.integrationId !== undefined) {
    const integration = model.classic.integration(orgId, request.integrationId);
    if (integration.type !== request.type) {
      throw badRequest(`Integration ${request.integrationId} is a ${integration.type} integration, not ${request.type}`);
    }
    return integration.id;
  }
  const sameType = model.classic.integrationTypeMap(orgId)[request.type];
  if (sameType === undefined) {
    return model.classic.addIntegration(orgId, { type: request.type, brokered: false }).id;
  }
  if (model.behaviors.get('ub-integrate-existing-type') === 'refuse') {
    throw conflict(`Organization ${orgId} already has a ${request.type} integration (${sameType}); pass its id as "data.integration_id" to move it`);
  }
  return sameType;
}

function leaveClassicFamily(model: UniversalBrokerModel, orgId: string, integrationId: string, type: string): void {
  if (model.classic.integration(orgId, integrationId).tokenFamilyId !== null) {
    model.classic.updateIntegration(orgId, integrationId, type, { kind: 'disable-broker', credentials: {} });
  }
}
