import { ApiError } from '../errors';

/**
 * What a key may do in a tenant. Snyk's spec asks `tenant.read` for broker reads and `tenant.edit` for broker writes
 * (org integrations and bulk migration only `tenant.read`); its docs say setting up Universal Broker needs a Tenant
 * Admin's personal key. `tenant-admin` has both permissions, `tenant-member` only `tenant.read`.
 */
export type UniversalBrokerRole = 'tenant-admin' | 'tenant-member';

const UNIVERSAL_BROKER_ROLES: readonly UniversalBrokerRole[] = ['tenant-admin', 'tenant-member'];

/** A key's role, in the default tenant unless `tenantId` says otherwise. */
export type ApiKeyGrantOption = UniversalBrokerRole | { readonly role: UniversalBrokerRole; readonly tenantId?: string };

/** The permission a call needs. */
export type TenantPermission = 'tenant.read' | 'tenant.edit';

interface Grant {
  readonly role: UniversalBrokerRole;
  readonly tenantId: string;
}

/** Who may do what in which tenant; kept in memory only (keys are never written to the state file). */
export class TenantAccess {
  private readonly grants = new Map<string, Grant>();

  constructor(defaultTenantId: string, defaultKey: string, apiKeys: Readonly<Record<string, ApiKeyGrantOption>> = {}) {
    this.grants.set(defaultKey, { role: 'tenant-admin', tenantId: defaultTenantId });
    for (const [key, option] of Object.entries(apiKeys)) {
      const grant = typeof option === 'string' ? { role: option } : option;
      if (!UNIVERSAL_BROKER_ROLES.includes(grant.role)) {
        throw new Error(`apiKeys: role "${String(grant.role)}" is not one of ${UNIVERSAL_BROKER_ROLES.join(', ')}`);
      }
      this.grants.set(key, { role: grant.role, tenantId: grant.tenantId ?? defaultTenantId });
    }
  }

  /** Every key that may call the API at all. */
  keys(): string[] {
    return [...this.grants.keys()];
  }

  /** Throws 403 unless the caller's key has the permission in the tenant. The message never quotes the key. */
  require(caller: string | undefined, tenantId: string, permission: TenantPermission, forbiddenStatus: number): void {
    const grant = caller === undefined ? undefined : this.grants.get(caller);
    if (grant === undefined || grant.tenantId !== tenantId) {
      throw new ApiError(forbiddenStatus, `The API key has no role in tenant ${tenantId}`);
    }
    if (permission === 'tenant.edit' && grant.role !== 'tenant-admin') {
      throw new ApiError(
        forbiddenStatus,
        `The API key is a ${grant.role} of tenant ${tenantId}; this call needs ${permission}: use the personal API key of a Tenant Admin`,
      );
    }
  }
}
