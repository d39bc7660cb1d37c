import { objectBody, requiredString } from './decode';
import { SnykApiError } from './errors';
import { apiPath, SnykHttp } from './http';
import { Reconciliation } from './retry';

/** A flat credentials object (`token`, `username`/`password`, `url`... see `INTEGRATION_TYPES`). Every value is secret. */
export type Credentials = Record<string, string>;

const integrationPath = (orgId: string, integrationId: string): string => apiPath`/v1/org/${orgId}/integrations/${integrationId}`;

/**
 * PUT {type, broker: {enabled: true}}: makes the integration brokered and returns its Broker token. Idempotent:
 * enabling an already brokered integration returns its current token unchanged, which is also how
 * `addIntegration` recovers a token whose first answer was lost.
 */
export function enableBroker(http: SnykHttp, orgId: string, integrationId: string, type: string): Promise<{ id: string; brokerToken: string }> {
  return http.request({ method: 'PUT', path: integrationPath(orgId, integrationId), body: { type, broker: { enabled: true } } }, (result) => {
    const body = objectBody(result);
    return { id: requiredString(result, body, 'id'), brokerToken: requiredString(result, body, 'brokerToken') };
  });
}

/** PUT {type, broker: {enabled: false}, credentials}: back to direct access; Snyk requires the credentials. Idempotent. */
export async function disableBroker(http: SnykHttp, orgId: string, integrationId: string, type: string, credentials: Credentials): Promise<void> {
  await http.request(
    {
      method: 'PUT',
      path: integrationPath(orgId, integrationId),
      body: { type, broker: { enabled: false }, credentials },
      secrets: Object.values(credentials),
    },
    () => undefined,
  );
}

/**
 * POST .../authentication/provision-token: a provisional token for zero-downtime rotation. Not idempotent, and the
 * token cannot be read back. Snyk refuses a second provisional token (409), so after an ambiguous failure the repeat
 * is its own check: 200 means the first attempt did nothing; a conflict (409, 400 or 422) means it probably issued a
 * token whose answer was lost, and the call fails saying so instead of pretending nothing happened.
 */
export function provisionBrokerToken(http: SnykHttp, orgId: string, integrationId: string): Promise<{ provisionalBrokerToken: string }> {
  return http.request(
    { method: 'POST', path: `${integrationPath(orgId, integrationId)}/authentication/provision-token` },
    (result) => ({ provisionalBrokerToken: requiredString(result, objectBody(result), 'provisionalBrokerToken') }),
    {
      idempotent: false,
      reconcile: async () => ({ happened: false }),
      afterAmbiguousRetry: (error) => {
        if (error.status !== undefined && PROVISION_CONFLICT_STATUSES.has(error.status)) {
          throw error.withNote(LOST_PROVISIONAL_TOKEN);
        }
        return { happened: false };
      },
    },
  );
}

/**
 * How Snyk may refuse a provisional token while another is outstanding: its docs say it fails, not with which status
 * (409 is this project's guess; 400 and 422 are as likely).
 */
export const PROVISION_CONFLICT_STATUSES: ReadonlySet<number> = new Set([400, 409, 422]);

/** True when provision-token failed because an earlier attempt probably provisioned a token whose answer was lost. */
export function provisionalTokenLost(error: unknown): boolean {
  return error instanceof SnykApiError && (error.note ?? '').includes(LOST_PROVISIONAL_TOKEN);
}

/** How Snyk may answer a switch with no provisional token: undocumented; 409 is this project's guess. */
export const NOTHING_PROVISIONAL_STATUSES: ReadonlySet<number> = new Set([400, 404, 409]);

const LOST_PROVISIONAL_TOKEN =
  'An earlier attempt of this call failed without an answer and probably provisioned this token, which the API cannot ' +
  'return again. Find it in the Snyk web UI (integration settings, Broker credentials) or ask Snyk support; do not ' +
  'switch to it until a broker client runs with it.';

/**
 * POST .../authentication/switch-token: the provisional token becomes the one in use, for the whole token family.
 * Repeating is harmless: when a repeat after an ambiguous failure meets "nothing provisioned" (409, 400 or 404), the
 * first attempt switched.
 */
export async function switchBrokerToken(http: SnykHttp, orgId: string, integrationId: string): Promise<void> {
  await http.request({ method: 'POST', path: `${integrationPath(orgId, integrationId)}/authentication/switch-token` }, () => undefined, {
    idempotent: true,
    afterAmbiguousRetry: (error: SnykApiError): Reconciliation<void> =>
      error.status !== undefined && NOTHING_PROVISIONAL_STATUSES.has(error.status) ? { happened: true, value: undefined } : { happened: false },
  });
}
