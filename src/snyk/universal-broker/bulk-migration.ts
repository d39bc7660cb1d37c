import { UbContext } from './context';
import { connectionPath } from './connections';
import { dataResource, dataResources, jsonApiRequest, listAllPages, NOT_REPEATABLE, optionalStringAttribute } from './json-api';
import { BulkMigration, BulkMigrationOrg, ConnectionRef, ListOptions } from './types';

/** GET .../connections/{connection_id}/bulk_migration, every page: the orgs a bulk migration would move onto the connection. */
export function listBulkMigrationOrgs(ctx: UbContext, ref: ConnectionRef, options: ListOptions = {}): Promise<BulkMigrationOrg[]> {
  const first = jsonApiRequest('GET', `${connectionPath(ref)}/bulk_migration`, ctx.versions.brokers);
  return listAllPages(ctx.http, first, (result) => dataResources(result).map((resource) => ({ orgId: resource.id })), options.pageSize);
}

/**
 * POST .../connections/{connection_id}/bulk_migration: starts moving every listed org onto the connection. It runs
 * asynchronously; follow it by listing the connection's integrations. Not repeated after an ambiguous failure.
 */
export function startBulkMigration(ctx: UbContext, ref: ConnectionRef): Promise<BulkMigration> {
  return ctx.http.request(
    jsonApiRequest('POST', `${connectionPath(ref)}/bulk_migration`, ctx.versions.brokers, { data: { type: 'broker_migration' } }),
    (result) => {
      const resource = dataResource(result);
      return { id: resource.id, status: optionalStringAttribute(resource, 'status') ?? 'unknown' };
    },
    NOT_REPEATABLE,
  );
}
