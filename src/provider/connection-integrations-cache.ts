import { BrokerConnectionIntegration, BrokerConnectionIntegrationInput, UniversalBrokerClient } from '../snyk/universal-broker';
import { LoadCache } from './load-cache';
import { isNotFound } from './resources/snyk-errors';

/** The Universal Broker calls on a connection's org integrations. */
export type ConnectionIntegrationCalls = Pick<UniversalBrokerClient, 'listConnectionIntegrations' | 'createConnectionIntegration' | 'deleteConnectionIntegration'>;

/** Where a connection lives: its tenant and its id. */
export interface ConnectionKey {
  readonly tenantId: string;
  readonly connectionId: string;
}

/**
 * The org integrations each Universal Broker connection serves, listed once per connection for the life of the
 * provider process (like the type-map and group-listing caches): a refresh of N `snyk_broker_integration`s on one
 * connection costs one listing (every page) instead of N. Concurrent reads of one connection share the listing in
 * flight. A connection Snyk answers 404 for is kept as gone (undefined); a failed listing is not kept.
 *
 * Writes go through here, so they cannot forget the listing: connecting or disconnecting an org (moving an existing
 * integration onto the connection included) forgets that connection's listing once the call ends, whether it
 * succeeded or not (a lost answer may have changed Snyk anyway).
 */
export class ConnectionIntegrationsCache {
  private readonly listings: LoadCache<readonly BrokerConnectionIntegration[] | undefined>;

  constructor(private readonly calls: ConnectionIntegrationCalls) {
    this.listings = new LoadCache((key) => this.load(parseKey(key)));
  }

  /** The integrations the connection serves, or undefined when the connection is gone. */
  list(connection: ConnectionKey): Promise<readonly BrokerConnectionIntegration[] | undefined> {
    return this.listings.get(keyOf(connection));
  }

  /** The connection's integration with this id, or undefined when the connection does not serve it (or is gone). */
  async find(connection: ConnectionKey, integrationId: string): Promise<BrokerConnectionIntegration | undefined> {
    return (await this.list(connection))?.find((integration) => integration.id === integrationId);
  }

  /** The integrations as Snyk has them now, not as listed earlier: for explaining a refusal, where a stale list misleads. */
  listAfresh(connection: ConnectionKey): Promise<readonly BrokerConnectionIntegration[] | undefined> {
    this.invalidate(connection);
    return this.list(connection);
  }

  /** Serves the org's integration of `input.type` through the connection (moving `input.integrationId` onto it when set). */
  connect(connection: ConnectionKey, orgId: string, input: BrokerConnectionIntegrationInput): Promise<BrokerConnectionIntegration> {
    return this.writing(connection, () => this.calls.createConnectionIntegration(connection.tenantId, connection.connectionId, orgId, input));
  }

  /** Disconnects the org's integration from the connection. */
  disconnect(connection: ConnectionKey, orgId: string, integrationId: string): Promise<void> {
    return this.writing(connection, () => this.calls.deleteConnectionIntegration(connection.tenantId, connection.connectionId, orgId, integrationId));
  }

  /** Forgets the connection's listing, after a change to its integrations (or to the connection itself). */
  invalidate(connection: ConnectionKey): void {
    this.listings.invalidate(keyOf(connection));
  }

  private async writing<T>(connection: ConnectionKey, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.invalidate(connection);
    }
  }

  private async load(connection: ConnectionKey): Promise<readonly BrokerConnectionIntegration[] | undefined> {
    try {
      return await this.calls.listConnectionIntegrations(connection.tenantId, connection.connectionId);
    } catch (error) {
      if (isNotFound(error)) return undefined; // the connection is gone, and its integrations with it
      throw error;
    }
  }
}

function keyOf(connection: ConnectionKey): string {
  return JSON.stringify([connection.tenantId, connection.connectionId]);
}

function parseKey(key: string): ConnectionKey {
  const [tenantId, connectionId] = JSON.parse(key) as [string, string];
  return { tenantId, connectionId };
}
