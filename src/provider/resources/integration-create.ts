import { Credentials, SnykApiError } from '../../snyk';
import { PROVISION_CONFLICT_STATUSES, provisionalTokenLost } from '../../snyk/broker-tokens';
import { DiagnosticError, Diagnostics } from '../framework';
import { SnykProviderContext } from '../snyk-context';
import { provisionalTokenLostError } from './broker-token';
import type { IntegrationModel } from './integration';
import { handOverIntegration, IntegrationHandover, takeOverIntegration } from './integration-handover';
import { hasManagedSettings, settingsToApi } from './integration-settings';
import { integrationsOfOrg } from './org-integrations';
import { hasStatusIn } from './snyk-errors';

/** The warning for a brokered integration whose token Terraform cannot learn without cutting off its broker clients. */
export const TOKEN_NOT_READ_TITLE = 'Broker token not known';
export const TOKEN_NOT_READ_DETAIL =
  'Snyk returns a Broker token only when the broker is enabled, and enabling it again on an integration that is already ' +
  'brokered may issue a new token to its whole token family, cutting off every broker client that runs with the old one. ' +
  'Terraform therefore does not do it, and broker_token stays null. To get a token Terraform knows, without downtime: add a ' +
  'snyk_broker_token for this integration with activate = false, start broker clients with its token, then set activate = true.';

interface CreateInput {
  readonly state: IntegrationModel;
  readonly provider: SnykProviderContext;
  readonly diagnostics: Diagnostics;
  setPartialState(state: IntegrationModel): void;
}

/**
 * Creates a `snyk_integration`, or takes over the one a destroy in this apply handed over (a replacement). Partial
 * states keep `id` null until the Broker token is in hand: such a state is "created by Terraform, token never seen",
 * and the next apply may enable the broker again to capture it, because no broker client can be using it.
 */
export async function createIntegration({ state: planned, provider, diagnostics, setPartialState }: CreateInput): Promise<IntegrationModel> {
  const { organization_id: orgId, type } = planned;
  const pending: IntegrationModel = { ...planned, id: null, broker_token: null, settings: null };
  const existing = (await provider.typeMaps.get(orgId))[type];
  const handover = existing ? (takeOverIntegration(provider, orgId, type, existing) ?? alreadyExists(orgId, type, existing)) : undefined;
  const tokenNeverHandedOut = handover?.tokenNeverHandedOut ?? true;
  const recorded = (id: string, token: string | null): IntegrationModel =>
    planned.broker && token === null && tokenNeverHandedOut ? pending : { ...planned, id, broker_token: token, settings: null };

  let id: string;
  let token: string | null;
  if (existing && handover) {
    id = existing;
    token = planned.broker ? handover.brokerToken : null;
    setPartialState(recorded(id, token));
    await reconnect(provider, planned, id, handover);
  } else {
    setPartialState(pending);
    const added = await provider.client.addIntegration(orgId, planned.broker ? { type, broker: true } : { type, credentials: planned.credentials ?? {} });
    provider.typeMaps.invalidate(orgId);
    id = added.id;
    token = planned.broker ? (added.brokerToken ?? null) : null;
    setPartialState(recorded(id, token));
  }
  if (planned.broker && token === null) {
    if (tokenNeverHandedOut) token = await captureNewToken(provider, orgId, id, type);
    else diagnostics.addWarning(['broker_token'], TOKEN_NOT_READ_TITLE, TOKEN_NOT_READ_DETAIL);
  }
  const created: IntegrationModel = { ...planned, id, broker_token: token };
  if (hasManagedSettings(planned.settings)) {
    setPartialState({ ...created, settings: null });
    await provider.client.updateIntegrationSettings(orgId, id, settingsToApi(planned.settings));
  }
  return created;
}

/**
 * The token of a brokered integration that Terraform has just made, whose token no broker client can hold yet. Snyk's
 * answer to the POST carries none (its spec says `{id}`), so the broker is enabled again, which answers the token (the
 * same one, or a new one for the family: either is fine here). Should Snyk refuse to enable an already brokered
 * integration, a token is provisioned and switched to instead.
 */
async function captureNewToken(provider: SnykProviderContext, orgId: string, id: string, type: string): Promise<string> {
  try {
    return (await provider.client.enableBroker(orgId, id, type)).brokerToken;
  } catch (error) {
    if (!(error instanceof SnykApiError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 404)) throw error;
  }
  let provisionalBrokerToken: string;
  try {
    ({ provisionalBrokerToken } = await provider.client.provisionBrokerToken(orgId, id));
  } catch (error) {
    // Refused because this very call's first answer was lost, not because of another rotation.
    if (provisionalTokenLost(error)) throw provisionalTokenLostError(error as SnykApiError, provider, orgId, id);
    if (hasStatusIn(error, PROVISION_CONFLICT_STATUSES)) throw tokenNotCaptured(error, id);
    throw error;
  }
  await provider.client.switchBrokerToken(orgId, id);
  return provisionalBrokerToken;
}

/** The provisional token that would give a new integration its token is refused: another is outstanding (in its group). */
function tokenNotCaptured(error: SnykApiError, id: string): DiagnosticError {
  return new DiagnosticError(
    'Broker token of the new integration not captured',
    `${error.message}\nSnyk made integration ${id} but did not answer its Broker token, would not enable the broker again to give ` +
      'it, and refused the provisional token that would: another provisional token is outstanding in its token family or, as Snyk ' +
      'may count it, in its group. Finish that rotation first (activate = true on its snyk_broker_token, once its broker clients ' +
      'run with the new token), then apply again: Terraform takes this integration over, with no second one, and captures its token. ' +
      'No broker client can hold a token of it yet.',
  );
}

function alreadyExists(orgId: string, type: string, existing: string): never {
  throw new DiagnosticError(
    `Organization already has a ${type} integration`,
    `Snyk allows one ${type} integration per organization, and organization ${orgId} has one (${existing}). ` +
      `Manage it with Terraform by importing it: terraform import <resource address> ${orgId}/${type}`,
  );
}

/** A taken-over integration gets the connection the configuration asks for (a brokered one keeps its token). */
async function reconnect(provider: SnykProviderContext, planned: IntegrationModel, id: string, handover: IntegrationHandover): Promise<void> {
  if (planned.broker) return;
  await connectDirectly(provider, { orgId: planned.organization_id, id, type: planned.type, brokered: handover.brokered }, planned.credentials);
}

/**
 * Sets an integration to direct access with `credentials`. Snyk refuses a credentials-only update on a brokered
 * integration, so unless it is known not to be brokered (`brokered` false; null after an import or a takeover of an
 * unknown one), the broker is disabled with the credentials, which sets them either way.
 */
export async function connectDirectly(
  provider: SnykProviderContext,
  target: { readonly orgId: string; readonly id: string; readonly type: string; readonly brokered: boolean | null },
  credentials: Credentials | null,
): Promise<void> {
  const { orgId, id, type } = target;
  if (target.brokered === false) await provider.client.updateCredentials(orgId, id, type, credentials ?? {});
  else await provider.client.disableBroker(orgId, id, type, credentials ?? {});
}

/**
 * What a destroyed `snyk_integration` leaves for a create of the same organization and type in this apply. A state
 * without id is a create whose answer was lost: its integration (if Snyk made it) has a token nobody has seen.
 */
export async function handOverDestroyedIntegration(provider: SnykProviderContext, state: IntegrationModel): Promise<string | undefined> {
  const id = state.id ?? (await integrationsOfOrg(provider, state.organization_id))?.[state.type];
  handOverIntegration(provider, state.organization_id, state.type, {
    id: state.id,
    brokered: state.broker,
    brokerToken: state.broker_token,
    tokenNeverHandedOut: state.id === null || state.broker === false,
  });
  return id;
}
