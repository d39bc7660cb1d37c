import { BROKER_CONNECTION_TYPE_NAMES, BrokerConnectionIntegration } from '../../../snyk/universal-broker';
import { attr, DiagnosticError, defineResource, Diagnostics, eachElement, isUnknown, oneOf, Planned, requiresReplace, types, useStateForUnknown, uuid } from '../../framework';
import { ConnectionKey } from '../../connection-integrations-cache';
import { SnykProviderContext } from '../../snyk-context';
import { ORGANIZATION_ID } from '../descriptions';
import { known } from '../known';
import { ClassicTakeover, warnClassicFamilyLeft } from './classic-family';
import { CONNECTION_TYPES_MARKDOWN } from './connection-configuration';
import { CONNECTION_ID, REPLACE_ON_CHANGE, TENANT_ADMIN_NOTE, TENANT_ID } from './descriptions';
import { parseImportId } from './import-id';
import { isNotFound } from '../snyk-errors';

export interface BrokerIntegrationModel {
  id: string | null;
  tenant_id: string;
  broker_connection_id: string;
  organization_id: string;
  type: string;
  integration_id: string | null;
  classic_family_organization_ids: string[] | null;
}

function connectionOf(state: BrokerIntegrationModel): ConnectionKey {
  return { tenantId: state.tenant_id, connectionId: state.broker_connection_id };
}

function toModel(integration: BrokerConnectionIntegration, prior: BrokerIntegrationModel): BrokerIntegrationModel {
  return { ...prior, id: integration.id, organization_id: integration.orgId, type: integration.integrationType };
}

/**
 * The classic integration a new org integration takes over, checked against the org's integrations: the one named
 * in `integration_id`, else the org's integration of the type (Snyk moves it onto the connection).
 */
async function classicTakeover(provider: SnykProviderContext, plan: Readonly<Planned<BrokerIntegrationModel>>, diagnostics: Diagnostics): Promise<ClassicTakeover | undefined> {
  const { organization_id: orgId, type, integration_id: integrationId, classic_family_organization_ids: family } = plan;
  if (typeof orgId !== 'string' || typeof type !== 'string' || isUnknown(integrationId) || isUnknown(family)) return undefined;
  if (family?.some((member) => isUnknown(member))) return undefined; // organizations created in this plan: nothing to leave yet
  const typeMap = await provider.typeMaps.get(orgId).catch(() => undefined);
  if (!typeMap) return undefined; // the org is new in this plan
  let takenOver = typeMap[type];
  if (typeof integrationId === 'string') {
    const actualType = Object.entries(typeMap).find(([, id]) => id === integrationId)?.[0];
    if (actualType !== type) {
      const found = actualType ? `it is a ${actualType} integration` : 'the organization has no such integration';
      diagnostics.addError(['integration_id'], 'Integration to move not found', `Organization ${orgId} cannot move integration ${integrationId} onto a ${type} connection: ${found}.`);
      return undefined;
    }
    takenOver = integrationId;
  } else if (takenOver) {
    diagnostics.addWarning(
      ['integration_id'],
      'An existing integration moves onto the connection',
      `Organization ${orgId} already has a ${type} integration (${takenOver}); Snyk moves it onto the connection. Set integration_id = "${takenOver}" to say so.`,
    );
  }
  if (!takenOver) return undefined;
  return { orgId, type, integrationId: takenOver, familyOrgIds: family };
}

/** `snyk_broker_integration`: an organization's integration served by a Universal Broker connection. */
export const brokerIntegrationResource = defineResource<BrokerIntegrationModel, SnykProviderContext>({
  typeName: 'snyk_broker_integration',
  description:
    'Connects an organization to a Universal Broker connection: its integration of the connection\'s type is then served by the deployment\'s ' +
    'broker clients. With `integration_id`, an existing integration of the organization (e.g. one on a classic Broker token) moves onto the ' +
    'connection; the plan says which classic token family the organization leaves and, with `classic_family_organization_ids`, which ' +
    `organizations remain on it and when the last one leaves. ${TENANT_ADMIN_NOTE} Destroying disconnects the integration; it stays in the ` +
    'organization without a broker. Import with `terraform import snyk_broker_integration.NAME TENANT_ID/CONNECTION_ID/INTEGRATION_ID`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The organization\'s integration ID now served by the connection.', planModifiers: [useStateForUnknown()] }),
    tenant_id: attr.string({ required: true, description: `${TENANT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    broker_connection_id: attr.string({ required: true, description: `${CONNECTION_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    organization_id: attr.string({ required: true, description: `${ORGANIZATION_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    type: attr.string({
      required: true,
      description: `The connection's type, e.g. \`snyk_broker_connection.ghe.type\`; one of ${CONNECTION_TYPES_MARKDOWN}. ${REPLACE_ON_CHANGE}`,
      validators: [oneOf(...BROKER_CONNECTION_TYPE_NAMES)],
      planModifiers: [requiresReplace()],
    }),
    integration_id: attr.string({
      optional: true,
      description:
        'An existing integration of the organization, of the same type, to move onto the connection, e.g. a classic brokered ' +
        `\`snyk_integration.github.id\`. ${REPLACE_ON_CHANGE} (Setting it after an import to the integration's own \`id\` changes nothing.)`,
      validators: [uuid()],
    }),
    classic_family_organization_ids: attr.set(types.string, {
      optional: true,
      description:
        'For plan-time warnings only: the organizations (this one included) whose integrations share the classic Broker token of ' +
        '`integration_id` (its token family: the source and its clones). The plan then names those still on the classic token and warns ' +
        'when the last one leaves, so the classic broker client can be retired.',
      validators: [eachElement(uuid())],
    }),
  },

  async modifyPlan({ plan, prior, provider, diagnostics, requiresReplace: replace }) {
    if (prior !== null) {
      // An import cannot tell which integration was moved: naming the integration's own id then is no change.
      const recordsImported = prior.integration_id === null && plan.integration_id === prior.id;
      if (plan.integration_id !== prior.integration_id && !recordsImported) replace(['integration_id']);
      return;
    }
    if (!provider) return;
    const takeover = await classicTakeover(provider, plan, diagnostics);
    if (takeover) await warnClassicFamilyLeft(provider, takeover, diagnostics);
  },

  async create({ plan, provider }) {
    const state: BrokerIntegrationModel = {
      id: null,
      tenant_id: known(plan.tenant_id, 'tenant_id'),
      broker_connection_id: known(plan.broker_connection_id, 'broker_connection_id'),
      organization_id: known(plan.organization_id, 'organization_id'),
      type: known(plan.type, 'type'),
      integration_id: known(plan.integration_id, 'integration_id'),
      classic_family_organization_ids: known(plan.classic_family_organization_ids, 'classic_family_organization_ids'),
    };
    // Snyk allows one integration per type in an org, so an existing one can only move onto the connection: name it,
    // since what Snyk does when it is not named is undocumented (it may adopt it or refuse).
    const existing = state.integration_id ?? (await provider.typeMaps.get(state.organization_id))[state.type];
    const created = await provider.connectionIntegrations.connect(connectionOf(state), state.organization_id, { type: state.type, integrationId: existing });
    provider.typeMaps.invalidate(state.organization_id);
    return { ...state, id: created.id };
  },

  async read({ state, provider }) {
    // One listing per connection serves every integration on it (and the 404 of a connection that is gone).
    const integration = await provider.connectionIntegrations.find(connectionOf(state), state.id as string);
    return integration ? toModel(integration, state) : null;
  },

  async update({ plan, prior }) {
    // Only what changes nothing in Snyk is updated in place: the warning-only family list, integration_id after an import.
    return {
      ...prior,
      integration_id: known(plan.integration_id, 'integration_id'),
      classic_family_organization_ids: known(plan.classic_family_organization_ids, 'classic_family_organization_ids'),
    };
  },

  async delete({ state, provider, diagnostics }) {
    try {
      await provider.connectionIntegrations.disconnect(connectionOf(state), state.organization_id, state.id as string);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    diagnostics.addWarning(
      [],
      'Integration disconnected from Universal Broker',
      `The ${state.type} integration ${state.id} stays in organization ${state.organization_id} without a broker. To put it back on a classic ` +
        'Broker token, clone the integration from an organization still on that token (snyk_integration_clone), or enable the broker on it ' +
        'again (a new classic token, which classic broker clients must be restarted with).',
    );
  },

  async importState({ id, provider }) {
    const parts = parseImportId('snyk_broker_integration', id, ['tenant_id', 'broker_connection_id', 'id']);
    const connection = { tenantId: parts.tenant_id as string, connectionId: parts.broker_connection_id as string };
    const integration = await provider.connectionIntegrations.find(connection, parts.id as string);
    if (!integration) throw new DiagnosticError('Cannot import broker integration', `Connection ${parts.broker_connection_id} serves no integration ${parts.id}.`);
    return {
      id: integration.id,
      tenant_id: parts.tenant_id as string,
      broker_connection_id: parts.broker_connection_id as string,
      organization_id: integration.orgId,
      type: integration.integrationType,
    };
  },
});
