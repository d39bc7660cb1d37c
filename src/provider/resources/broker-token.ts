import { randomUUID } from 'node:crypto';
import { SnykApiError } from '../../snyk';
import { NOTHING_PROVISIONAL_STATUSES, PROVISION_CONFLICT_STATUSES, provisionalTokenLost } from '../../snyk/broker-tokens';
import { attr, Attribute, DiagnosticError, defineResource, Diagnostics, mapKeys, notBlank, PartialResultError, Planned, requiresReplace, types, useStateForUnknown, uuid } from '../framework';
import { isUnknown, Unknown, UnknownValue } from '../plugin/unknown';
import { SnykProviderContext } from '../snyk-context';
import { INTEGRATION_ID, ORGANIZATION_ID, TOKEN_FAMILY_NOTE } from './descriptions';
import { known } from './known';
import { integrationsOfOrg } from './org-integrations';
import { hasStatusIn } from './snyk-errors';

export type BrokerTokenStatus = 'provisional' | 'active';

export interface BrokerTokenModel {
  id: string | null;
  organization_id: string;
  integration_id: string;
  rotation_triggers: Record<string, string> | null;
  activate: boolean | null;
  token: string | null;
  status: BrokerTokenStatus | null;
}

function switchFailed(state: BrokerTokenModel, error: unknown): PartialResultError<BrokerTokenModel> {
  const reason = error instanceof Error ? error.message : String(error);
  return new PartialResultError(
    state,
    new DiagnosticError(
      'Broker token provisioned but not activated',
      `${reason}\nThe new token was provisioned and is kept in state as a provisional token (status = "provisional"); ` +
        'the token in use has not changed. Run apply again: Terraform shows the token as tainted and replaces it, and the ' +
        'replacement switches to the kept token instead of provisioning another.',
    ),
  );
}

function provisionalAlreadyExists(error: SnykApiError, integrationId: string): DiagnosticError {
  return new DiagnosticError(
    'A provisional Broker token already exists',
    `${error.message}\nSnyk refused a new provisional token: integration ${integrationId}, or another in its token family (or, as Snyk ` +
      'may count it, in its group), already has a provisional token that Terraform does not hold (provisioned outside Terraform, or by ' +
      'a snyk_broker_token removed from state). Snyk cannot read it back or cancel it: switch to it first (POST ' +
      '.../authentication/switch-token, once broker clients run with it), then apply again. If the integration is not brokered, ' +
      'set broker = true on it first.',
  );
}

/** A provision whose answer was lost (Snyk now refuses another): what happened and how to go on. */
export function provisionalTokenLostError(error: SnykApiError, provider: SnykProviderContext, orgId: string, integrationId: string): DiagnosticError {
  const switchUrl = `${provider.apiUrl.replace(/\/+$/, '')}/v1/org/${orgId}/integrations/${integrationId}/authentication/switch-token`;
  return new DiagnosticError(
    'Broker token provisioned, but its answer was lost',
    `${error.message}\nSnyk provisioned a new token for the token family of integration ${integrationId}, but the answer carrying it ` +
      'never arrived, and Snyk can neither return nor cancel a provisional token. Nothing changed for the broker clients (the token in ' +
      'use is the same), but Snyk refuses to provision another token until this one is switched to. To continue: (1) switch to the ' +
      `lost token, POST ${switchUrl} with your API key (this cuts off the family's broker clients, which run with the old token); ` +
      '(2) run terraform apply again, which provisions a new token; (3) start the broker clients with its `token` and, if ' +
      '`activate = false`, set it to true. If Snyk support can give you the lost token instead, start the clients with it before step 1.',
  );
}

async function provision(provider: SnykProviderContext, orgId: string, integrationId: string): Promise<string> {
  const released = provider.releasedProvisionalTokens.get(integrationId);
  if (released) {
    provider.releasedProvisionalTokens.delete(integrationId);
    return released;
  }
  try {
    return (await provider.client.provisionBrokerToken(orgId, integrationId)).provisionalBrokerToken;
  } catch (error) {
    if (provisionalTokenLost(error)) throw provisionalTokenLostError(error as SnykApiError, provider, orgId, integrationId);
    if (hasStatusIn(error, PROVISION_CONFLICT_STATUSES)) {
      throw provisionalAlreadyExists(error, integrationId);
    }
    throw error;
  }
}

/**
 * Snyk says nothing is provisional although this token was: it has been switched to already, by an earlier attempt
 * whose answer was lost (or outside Terraform). Taken as active, with a warning, once the integration is seen to exist.
 */
async function alreadySwitched(provider: SnykProviderContext, state: BrokerTokenModel, error: unknown, diagnostics: Diagnostics): Promise<boolean> {
  if (!hasStatusIn(error, NOTHING_PROVISIONAL_STATUSES)) return false;
  const typeMap = await integrationsOfOrg(provider, state.organization_id);
  if (!typeMap || !Object.values(typeMap).includes(state.integration_id)) return false;
  diagnostics.addWarning(
    ['status'],
    'Broker token was switched to already',
    `Snyk answered the switch with ${error.status} (no provisional token): the token held here was switched to before, by an earlier ` +
      'attempt whose answer was lost or outside Terraform, and is the one in use. It is recorded as active.',
  );
  return true;
}

async function activate(provider: SnykProviderContext, state: BrokerTokenModel, diagnostics: Diagnostics): Promise<BrokerTokenModel> {
  try {
    await provider.client.switchBrokerToken(state.organization_id, state.integration_id);
  } catch (error) {
    if (!(await alreadySwitched(provider, state, error, diagnostics).catch(() => false))) throw switchFailed(state, error);
  }
  return { ...state, status: 'active' };
}

/** True when the plan replaces the token (a rotation), rather than changing it in place. */
function replaces(plan: Planned<BrokerTokenModel>, prior: BrokerTokenModel): boolean {
  const differs = (planned: unknown, current: unknown) => isUnknown(planned) || JSON.stringify(planned ?? null) !== JSON.stringify(current ?? null);
  return (
    differs(plan.organization_id, prior.organization_id) ||
    differs(plan.integration_id, prior.integration_id) ||
    differs(sortedEntries(plan.rotation_triggers), sortedEntries(prior.rotation_triggers))
  );
}

function sortedEntries(map: Record<string, string> | null | UnknownValue): unknown {
  return isUnknown(map) ? map : Object.entries(map ?? {}).sort();
}

/** `snyk_broker_token`: a classic Broker token provisioned for an integration's token family, and its rotation. */
export const brokerTokenResource = defineResource<BrokerTokenModel, SnykProviderContext>({
  typeName: 'snyk_broker_token',
  description:
    'A classic Snyk Broker token provisioned through the API for a brokered integration, for rotation without downtime: ' +
    'create it with `activate = false`, start broker clients with `token`, then set `activate = true` to switch. ' +
    `${TOKEN_FAMILY_NOTE} Change a value in \`rotation_triggers\` to rotate again.`,
  attributes: {
    id: attr.string({ computed: true, description: 'An identifier of this token in Terraform (not a Snyk ID).', planModifiers: [useStateForUnknown()] }),
    organization_id: attr.string({ required: true, description: ORGANIZATION_ID, validators: [uuid()], planModifiers: [requiresReplace()] }),
    integration_id: attr.string({
      required: true,
      description: `${INTEGRATION_ID} It must be brokered. Changing it provisions a token for the other integration.`,
      validators: [uuid()],
      planModifiers: [requiresReplace()],
    }),
    rotation_triggers: attr.map(types.string, {
      optional: true,
      description: 'Arbitrary values; changing any of them provisions a new token (a rotation), e.g. `{ rotated = "2026-11" }`.',
      validators: [mapKeys(notBlank())],
      planModifiers: [requiresReplace()],
    }),
    activate: attr.bool({
      optional: true,
      default: true,
      description:
        'Switch the integration, and **every integration in its token family**, to this token. With `false` the token stays ' +
        'provisional (the old one keeps working) until a later apply sets `true`: start the new broker clients in between. ' +
        'An active token cannot become provisional again.',
    }),
    token: attr.string({
      computed: true,
      sensitive: true,
      description: 'The Broker token (a UUID): give it to broker clients as `BROKER_TOKEN`. Snyk never returns it again.',
      planModifiers: [useStateForUnknown()],
    }),
    status: attr.string({ computed: true, description: '`provisional` until switched to, then `active`.' }) as Attribute<BrokerTokenStatus | null>,
  },

  modifyPlan({ plan, prior, diagnostics }) {
    if (isUnknown(plan.activate)) {
      plan.status = Unknown;
      return;
    }
    if (prior === null) {
      plan.status = plan.activate ? 'active' : 'provisional';
      return;
    }
    if (prior.status === 'active' && !replaces(plan, prior)) {
      plan.status = 'active';
      if (plan.activate === false) {
        diagnostics.addWarning(['activate'], 'An active Broker token cannot be made provisional', 'Change rotation_triggers to provision a new token instead.');
      }
      return;
    }
    plan.status = plan.activate ? 'active' : 'provisional';
  },

  async create({ plan, provider, diagnostics, setPartialState }) {
    const orgId = known(plan.organization_id, 'organization_id');
    const integrationId = known(plan.integration_id, 'integration_id');
    const state: BrokerTokenModel = {
      id: randomUUID(),
      organization_id: orgId,
      integration_id: integrationId,
      rotation_triggers: known(plan.rotation_triggers, 'rotation_triggers'),
      activate: known(plan.activate, 'activate'),
      token: await provision(provider, orgId, integrationId),
      status: 'provisional',
    };
    setPartialState(state);
    return state.activate ? activate(provider, state, diagnostics) : state;
  },

  async read({ state, provider }) {
    const typeMap = await integrationsOfOrg(provider, state.organization_id);
    return typeMap && Object.values(typeMap).includes(state.integration_id) ? { ...state } : null;
  },

  async update({ plan, prior, provider, diagnostics }) {
    const state: BrokerTokenModel = { ...prior, activate: known(plan.activate, 'activate') };
    return state.activate && prior.status === 'provisional' ? activate(provider, state, diagnostics) : state;
  },

  async delete({ state, provider, diagnostics }) {
    if (state.status === 'provisional' && state.token) {
      // Snyk cannot cancel a provisional token; a replacement in this apply takes it over instead of failing with 409.
      provider.releasedProvisionalTokens.set(state.integration_id, state.token);
      diagnostics.addWarning(
        [],
        'Provisional Broker token handed over',
        `The provisional token of integration ${state.integration_id} was never switched to, and Snyk cannot cancel it. ` +
          'A snyk_broker_token created for the same integration in this apply takes it over; otherwise it stays provisional in Snyk ' +
          'and blocks provisioning another until it is switched to.',
      );
      return;
    }
    diagnostics.addWarning(
      [],
      'Broker token left in Snyk',
      `Snyk has no API that revokes a Broker token: the token of integration ${state.integration_id} stays valid ` +
        'for its token family until another token is switched to.',
    );
  },
});
