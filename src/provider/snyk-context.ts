import { ConnectionSettings, SnykClient } from '../snyk';
import { ConcurrencyLimiter, limitMethods } from './concurrency';
import { IntegrationTypeMapCache } from './type-map-cache';

/** At most this many Snyk calls at once per provider process (Snyk allows about 2,000 v1 calls a minute). */
export const MAX_CONCURRENT_SNYK_CALLS = 8;

/**
 * A deploy should ride out Snyk's rate limiting, which answers 429 for about a minute: more attempts and a longer
 * budget than the client's defaults.
 */
export const PROVIDER_RETRY = { maxAttempts: 10, maxTotalMs: 150_000 } as const;

/** What every resource and data source receives as `ctx.provider` once the provider is configured. */
export interface SnykProviderContext {
  readonly client: SnykClient;
  readonly typeMaps: IntegrationTypeMapCache;
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
  const raw = new SnykClient({ token: config.token, apiUrl: config.apiUrl, userAgentSuffix: 'terraform-provider-snyk', onRequest, retry: PROVIDER_RETRY });
  const client = limitMethods(raw, new ConcurrencyLimiter(MAX_CONCURRENT_SNYK_CALLS));
  return {
    client,
    typeMaps: new IntegrationTypeMapCache((orgId) => client.getIntegrationTypeMap(orgId)),
    region: config.region,
    apiUrl: config.apiUrl,
    releasedProvisionalTokens: new Map(),
  };
}
