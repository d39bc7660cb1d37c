import { credentialOf, SnykCredential } from './auth';
import * as brokerTokens from './broker-tokens';
import { Credentials } from './broker-tokens';
import { RequestEvent, SnykHttp } from './http';
import { IntegrationSettings } from './integration-settings';
import * as integrations from './integrations';
import { AddIntegrationInput } from './integrations';
import * as orgs from './orgs';
import { CreateOrgInput, Organization } from './orgs';
import { resolveApiUrl } from './regions';
import { RetryClock, RetryOptions } from './retry';
import { sharedThrottle, SnykThrottle } from './throttle';
import { UniversalBrokerClient } from './universal-broker/client';

/** How to reach Snyk and how patiently. */
export interface SnykClientOptions {
  /** Snyk API key or service-account token (sent as `Authorization: token ...`). Exclusive with `oauthToken`. */
  token?: string;
  /**
   * An OAuth 2.0 access token of a service account (sent as `Authorization: bearer ...`); the only kind SNYK-GOV-01
   * accepts. Exclusive with `token`.
   */
  oauthToken?: string;
  /** `SNYK-US-01` (default), `SNYK-US-02`, `SNYK-EU-01`, `SNYK-AU-01` or `SNYK-GOV-01`. */
  region?: string;
  /** API root serving `/v1` and `/rest` (e.g. the emulator's URL); overrides `region`. HTTPS unless loopback. */
  apiUrl?: string;
  /** Per request. @default 30000 */
  timeoutMs?: number;
  /** Backoff on 429, 5xx and network errors; see `RetryOptions` for defaults. */
  retry?: RetryOptions;
  /** Appended to the User-Agent `cdktf-snyk/<version>`, e.g. 'terraform-provider-snyk'. */
  userAgentSuffix?: string;
  /** Called after every attempt, for logging: method, path (no query), status (0: no response), attempt. No secrets. */
  onRequest?: (e: RequestEvent) => void;
  /** Test seam: replaces sleep, random and the clock used by retries (and by the throttle, which is then the client's own). */
  clock?: Partial<RetryClock>;
  /**
   * Paces calls under Snyk's per-minute limits and pauses them all on a 429. By default one throttle is shared by
   * every client of the process with the same API root and credential (Snyk's limits are per key); with a `clock`,
   * the client gets its own throttle on that clock.
   */
  throttle?: SnykThrottle;
}

/**
 * The Snyk API calls this project needs: organizations (v1 and REST), integrations and classic Broker tokens.
 * Every method throws `SnykApiError` on failure; which calls are repeated after which failures is described on
 * `FailureKind` in retry.ts and on each non-idempotent call.
 */
export class SnykClient {
  private readonly http: SnykHttp;
  /** The Universal Broker REST calls (app installs, deployments, credentials, connections...), over the same transport. */
  readonly universalBroker: UniversalBrokerClient;
  /** Which kind of credential this client sends (never the secret itself). */
  readonly authScheme: SnykCredential['scheme'];

  constructor(options: SnykClientOptions) {
    const credential = credentialOf(options);
    const apiUrl = resolveApiUrl(options);
    const throttle = options.throttle ?? (options.clock ? new SnykThrottle({ clock: options.clock }) : sharedThrottle(apiUrl, credential));
    this.http = new SnykHttp({ ...options, credential, apiUrl, throttle });
    this.universalBroker = new UniversalBrokerClient(this.http);
    this.authScheme = credential.scheme;
  }

  /** The API root this client talks to. */
  get apiUrl(): string {
    return this.http.apiUrl;
  }

  /** GET /rest/self: who the key belongs to; the cheapest way to check a key and region. */
  getSelf(): Promise<{ id: string; name?: string; username?: string }> {
    return orgs.getSelf(this.http);
  }

  listOrgs(): Promise<Organization[]> {
    return orgs.listOrgs(this.http);
  }

  createOrg(input: CreateOrgInput): Promise<Organization> {
    return orgs.createOrg(this.http, input);
  }

  deleteOrg(orgId: string): Promise<void> {
    return orgs.deleteOrg(this.http, orgId);
  }

  listGroupOrgs(groupId: string, opts?: { namePrefix?: string }): Promise<Organization[]> {
    return orgs.listGroupOrgs(this.http, groupId, opts);
  }

  getOrg(orgId: string): Promise<Organization | undefined> {
    return orgs.getOrg(this.http, orgId);
  }

  renameOrg(orgId: string, name: string): Promise<Organization> {
    return orgs.renameOrg(this.http, orgId, name);
  }

  getIntegrationTypeMap(orgId: string): Promise<Record<string, string>> {
    return integrations.getIntegrationTypeMap(this.http, orgId);
  }

  getIntegrationByType(orgId: string, type: string): Promise<string | undefined> {
    return integrations.getIntegrationByType(this.http, orgId, type);
  }

  addIntegration(orgId: string, input: AddIntegrationInput): Promise<{ id: string; brokerToken?: string }> {
    return integrations.addIntegration(this.http, orgId, input);
  }

  enableBroker(orgId: string, integrationId: string, type: string): Promise<{ id: string; brokerToken: string }> {
    return brokerTokens.enableBroker(this.http, orgId, integrationId, type);
  }

  updateCredentials(orgId: string, integrationId: string, type: string, credentials: Credentials): Promise<void> {
    return integrations.updateCredentials(this.http, orgId, integrationId, type, credentials);
  }

  disableBroker(orgId: string, integrationId: string, type: string, credentials: Credentials): Promise<void> {
    return brokerTokens.disableBroker(this.http, orgId, integrationId, type, credentials);
  }

  deleteCredentials(orgId: string, integrationId: string): Promise<void> {
    return integrations.deleteCredentials(this.http, orgId, integrationId);
  }

  provisionBrokerToken(orgId: string, integrationId: string): Promise<{ provisionalBrokerToken: string }> {
    return brokerTokens.provisionBrokerToken(this.http, orgId, integrationId);
  }

  switchBrokerToken(orgId: string, integrationId: string): Promise<void> {
    return brokerTokens.switchBrokerToken(this.http, orgId, integrationId);
  }

  cloneIntegration(orgId: string, integrationId: string, destinationOrgId: string): Promise<{ newIntegrationId: string }> {
    return integrations.cloneIntegration(this.http, orgId, integrationId, destinationOrgId);
  }

  getIntegrationSettings(orgId: string, integrationId: string): Promise<IntegrationSettings> {
    return integrations.getIntegrationSettings(this.http, orgId, integrationId);
  }

  updateIntegrationSettings(orgId: string, integrationId: string, settings: IntegrationSettings): Promise<IntegrationSettings> {
    return integrations.updateIntegrationSettings(this.http, orgId, integrationId, settings);
  }
}
