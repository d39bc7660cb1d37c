import { UbContext } from './context';
import { connectionPath } from './connections';
import { listResources, optionalStringAttribute, writeResource } from './json-api';
import { BulkMigration, BulkMigrationOrg, ConnectionRef, ListOptions } from './types';

/** GET .../connections/{connection_id}/bulk_migration, every page: the orgs a bulk migration would move onto the connection. */
export function listBulkMigrationOrgs(ctx: UbContext, ref: ConnectionRef, options: ListOptions = {}): Promise<BulkMigrationOrg[]> {
  return listResources(ctx, `${connectionPath(ref)}/bulk_migration`, (_, resource) => ({ orgId: resource.id }), options);
}

/**
 * POST .../connections/{connection_id}/bulk_migration: starts moving every listed org onto the connection. It runs
 * asynchronously; follow it by listing the connection's integrations. Not repeated after an ambiguous failure.
 */
export function startBulkMigration(ctx: UbContext, ref: ConnectionRef): Promise<BulkMigration> {
  return writeResource(ctx, 'POST', `${connectionPath(ref)}/bulk_migration`, { data: { type: 'broker_migration' } }, (_, resource) => ({
    id: resource.id,
    status: optionalStringAttribute(resource, 'status') ?? 'unknown',
  }));
}
