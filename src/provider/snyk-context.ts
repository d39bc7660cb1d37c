import { ConnectionSettings, credentialOption, SnykClient } from '../snyk';
import { ConcurrencyLimiter, limitMethods } from './concurrency';
import { ConnectionIntegrationsCache } from './connection-integrations-cache';
import { LoadCache } from './load-cache';
import { OrganizationListingCache } from './org-listing-cache';
import { VisibleOrganizationsCache } from './visible-orgs-cache';

/** At most this many Snyk calls at once per provider process (Snyk allows about 2,000 v1 calls a minute). */
export const MAX_CONCURRENT_SNYK_CALLS = 8;

/**
 * A deploy should ride out 5xx storms with more attempts and a longer budget than the client's defaults. Snyk's rate
 * limit is not handled here: the client's throttle, one per process and key, paces every call under the documented
 * limits and pauses them all for Snyk's full window on a 429, for up to three windows (`rateLimitBudgetMs`).
 */
export const PROVIDER_RETRY = { maxAttempts: 10, maxTotalMs: 150_000 } as const;

/** What every resource and data source receives as `ctx.provider` once the provider is configured. */
export interface SnykProviderContext {
  readonly client: SnykClient;
  /** Each organization's integration type map (type -> integration id), read once per org: Snyk cannot read one integration by id. */
  readonly typeMaps: LoadCache<Record<string, string>>;
  /** Organizations read through their group's listing, shared by every read of the process. */
  readonly orgs: OrganizationListingCache;
  /** The organizations the key sees (`GET /v1/orgs`), listed once per process: lookups by slug share it. */
  readonly visibleOrgs: VisibleOrganizationsCache;
  /** Each Universal Broker connection's org integrations, listed once per connection; writes to them go through it. */
  readonly connectionIntegrations: ConnectionIntegrationsCache;
  readonly region: string;
  readonly apiUrl: string;
  /**
   * Provisional Broker tokens released by a destroyed `snyk_broker_token` in this apply, by integration id. Snyk
   * refuses a second provisional token and cannot read one back, so a replacement reuses the one it already holds.
   */
  readonly releasedProvisionalTokens: Map<string, string>;
}

export function createSnykContext(
  config: ConnectionSettings,
  onRequest?: (event: { method: string; path: string; status: number; attempt: number }) => void,
): SnykProviderContext {
  const credential = credentialOption(config.credential);
  const raw = new SnykClient({ ...credential, apiUrl: config.apiUrl, userAgentSuffix: 'terraform-provider-snyk', onRequest, retry: PROVIDER_RETRY });
  const client = limitMethods(raw, new ConcurrencyLimiter(MAX_CONCURRENT_SNYK_CALLS), ['universalBroker']);
  return {
    client,
    typeMaps: new LoadCache((orgId) => client.getIntegrationTypeMap(orgId)),
    orgs: new OrganizationListingCache({ listGroupOrgs: (groupId) => client.listGroupOrgs(groupId), getOrg: (orgId) => client.getOrg(orgId) }),
    visibleOrgs: new VisibleOrganizationsCache(() => client.listOrgs()),
    connectionIntegrations: new ConnectionIntegrationsCache(client.universalBroker),
    region: config.region,
    apiUrl: config.apiUrl,
    releasedProvisionalTokens: new Map(),
  };
}
