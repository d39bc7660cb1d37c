/**
 * The Universal Broker part of the emulated world, persisted inside the emulator's state file (`universalBroker`).
 * Secrets (client secrets) are kept here in clear, like the classic Broker tokens: the file is written 0600.
 */

/** A tenant: the groups it holds. The default tenant also holds every group no other tenant claims. */
export interface TenantRecord {
  id: string;
  name: string;
  groupIds: string[];
}

/** A Snyk App install in an org. `clientSecrets` are the secrets in force, oldest first. */
export interface AppInstallRecord {
  id: string;
  orgId: string;
  appId: string;
  clientId: string;
  clientSecrets: string[];
  installedAt: string;
}

export interface DeploymentRecord {
  id: string;
  tenantId: string;
  installId: string;
  /** `broker_app_installed_in_org_id`. */
  orgId: string;
  metadata: Record<string, unknown>;
}

export interface CredentialRecord {
  id: string;
  deploymentId: string;
  environmentVariableName: string;
  type: string;
  comment: string | null;
}

export interface ConnectionRecord {
  id: string;
  deploymentId: string;
  name: string;
  type: string;
  /** `configuration.required` as written: credential fields hold credential ids. */
  required: Record<string, string>;
  identifier: string;
}

/** An org's integration served by a connection; `id` is the integration's id in the org. */
export interface OrgIntegrationRecord {
  id: string;
  connectionId: string;
  orgId: string;
  type: string;
}

export interface MigrationRecord {
  id: string;
  connectionId: string;
  status: string;
  orgIds: string[];
}

export interface UniversalBrokerState {
  defaultTenantId: string;
  tenants: TenantRecord[];
  installs: AppInstallRecord[];
  deployments: DeploymentRecord[];
  credentials: CredentialRecord[];
  connections: ConnectionRecord[];
  integrations: OrgIntegrationRecord[];
  migrations: MigrationRecord[];
}

/** A world with one tenant (the default) and nothing installed. */
export function initialUniversalBrokerState(defaultTenantId: string): UniversalBrokerState {
  return {
    defaultTenantId,
    tenants: [{ id: defaultTenantId, name: 'Emulated Tenant', groupIds: [] }],
    installs: [],
    deployments: [],
    credentials: [],
    connections: [],
    integrations: [],
    migrations: [],
  };
}

/** True when a value read from a state file has the shape of this state. */
export function isUniversalBrokerState(value: unknown): value is UniversalBrokerState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Partial<Record<keyof UniversalBrokerState, unknown>>;
  return (
    typeof candidate.defaultTenantId === 'string' &&
    [candidate.tenants, candidate.installs, candidate.deployments, candidate.credentials, candidate.connections, candidate.integrations, candidate.migrations].every(Array.isArray)
  );
}
