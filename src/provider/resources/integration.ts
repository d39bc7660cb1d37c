import { Credentials, INTEGRATION_TYPES, IntegrationType } from '../../snyk';
import { attr, DiagnosticError, defineResource, Diagnostics, mapValues, notBlank, oneOf, requiresReplace, types, useStateForUnknown, uuid } from '../framework';
import { isUnknown, Unknown } from '../plugin/unknown';
import { SnykProviderContext } from '../snyk-context';
import { ORGANIZATION_ID, TOKEN_FAMILY_NOTE } from './descriptions';
import { checkIntegrationCredentials } from './integration-credentials';
import { connectDirectly, createIntegration, handOverDestroyedIntegration, TOKEN_NOT_READ_DETAIL, TOKEN_NOT_READ_TITLE } from './integration-create';
import { releaseIntegration } from './integration-removal';
import { hasManagedSettings, IntegrationSettingsModel, integrationSettingsAttribute, settingsFromApi, settingsToApi } from './integration-settings';
import { known } from './known';
import { integrationsOfOrg } from './org-integrations';

export interface IntegrationModel {
  id: string | null;
  organization_id: string;
  type: string;
  broker: boolean | null;
  credentials: Credentials | null;
  settings: IntegrationSettingsModel | null;
  broker_token: string | null;
}

const TYPES = Object.keys(INTEGRATION_TYPES) as IntegrationType[];

function credentialsEqual(a: Credentials | null, b: Credentials | null): boolean {
  return JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
}

function parseImportId(id: string): { orgId: string; type: string } {
  const [orgId, type, ...rest] = id.split('/');
  const problem = uuid().validate(orgId ?? '');
  if (rest.length > 0 || !type || problem || !(TYPES as string[]).includes(type)) {
    throw new DiagnosticError(
      'Invalid import ID',
      `Import a snyk_integration as ORGANIZATION_ID/TYPE, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6/github-enterprise; got "${id}". ` +
        `TYPE is one of ${TYPES.join(', ')}.`,
    );
  }
  return { orgId, type };
}

/**
 * Snyk's type map names another integration than the state: the integration was replaced outside Terraform. Its
 * token, broker use and credentials are unknown, so they read as unknown (null) and the plan shows what it changes.
 */
function replacedOutsideTerraform(state: IntegrationModel, id: string, diagnostics: Diagnostics): IntegrationModel {
  diagnostics.addWarning(
    [],
    'Integration replaced outside Terraform',
    `Organization ${state.organization_id} now has ${state.type} integration ${id} instead of ${state.id}. The Broker token and ` +
      'credentials in state belonged to the old one and were dropped; the plan shows what Terraform will set on the new one.',
  );
  return { ...state, id, broker: state.broker === true ? null : state.broker, credentials: null, broker_token: null };
}

/** `snyk_integration`: an SCM or container-registry integration of one organization, with credentials or the broker. */
export const integrationResource = defineResource<IntegrationModel, SnykProviderContext>({
  typeName: 'snyk_integration',
  description:
    'An SCM or container-registry integration of a Snyk organization (at most one per type per organization), connected ' +
    'with credentials or through Snyk Broker. Enabling the broker returns a Broker token, captured in `broker_token`. ' +
    'Snyk has no API that deletes an integration: destroying clears its credentials and leaves it in Snyk. ' +
    'Import with `terraform import snyk_integration.NAME ORGANIZATION_ID/TYPE`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The integration ID (a UUID).', planModifiers: [useStateForUnknown()] }),
    organization_id: attr.string({ required: true, description: ORGANIZATION_ID, validators: [uuid()], planModifiers: [requiresReplace()] }),
    type: attr.string({
      required: true,
      description: `The integration type; changing it creates a new integration. One of: ${TYPES.map((t) => `\`${t}\``).join(', ')}.`,
      validators: [oneOf(...TYPES)],
      planModifiers: [requiresReplace()],
    }),
    broker: attr.bool({
      optional: true,
      default: false,
      description:
        'Connect through Snyk Broker. Turning it on is an in-place update that captures the Broker token in `broker_token`; ' +
        'turning it off needs `credentials`.',
    }),
    credentials: attr.map(types.string, {
      optional: true,
      sensitive: true,
      description:
        'The credentials Snyk uses when the broker is off, as the flat object the Snyk API takes, e.g. `{ token = ..., url = ... }` ' +
        'for `github-enterprise`. Required fields depend on the type and are checked at plan time. Not allowed with the broker.',
      validators: [mapValues(notBlank())],
    }),
    settings: integrationSettingsAttribute,
    broker_token: attr.string({
      computed: true,
      sensitive: true,
      description:
        'The Broker token Snyk issued when Terraform enabled the broker (start broker clients with it as `BROKER_TOKEN`). ' +
        'Snyk never returns a token again, and Terraform never enables the broker again on an integration that may have broker ' +
        'clients (that may issue a new token and cut them off): after an import, or for an integration replaced outside Terraform, ' +
        'it is null, with a warning; provision a known token with `snyk_broker_token` then. ' +
        `${TOKEN_FAMILY_NOTE} After a rotation with \`snyk_broker_token\`, use that resource's \`token\`.`,
    }),
  },

  validateConfig({ config, diagnostics }) {
    checkIntegrationCredentials(diagnostics, config);
  },

  modifyPlan({ plan, prior, diagnostics }) {
    const broker = plan.broker;
    if (isUnknown(broker)) {
      plan.broker_token = Unknown;
    } else if (broker !== true) {
      plan.broker_token = null;
    } else if (prior?.broker === true) {
      plan.broker_token = prior.broker_token;
    } else {
      // Becoming brokered: captured at apply. Brokered or not unknown (imported, replaced outside Terraform): stays null.
      plan.broker_token = Unknown;
      if (prior && prior.broker === null) diagnostics.addWarning(['broker_token'], TOKEN_NOT_READ_TITLE, TOKEN_NOT_READ_DETAIL);
    }
  },

  async create({ plan, provider, diagnostics, setPartialState }) {
    const state: IntegrationModel = {
      id: null,
      organization_id: known(plan.organization_id, 'organization_id'),
      type: known(plan.type, 'type'),
      broker: known(plan.broker, 'broker') === true,
      credentials: known(plan.credentials, 'credentials'),
      settings: known(plan.settings, 'settings'),
      broker_token: null,
    };
    return createIntegration({ state, provider, diagnostics, setPartialState });
  },

  async read({ state, provider, diagnostics }) {
    const id = (await integrationsOfOrg(provider, state.organization_id))?.[state.type];
    if (!id) return null;
    // No id: a create whose answer was lost. Kept (Terraform has it tainted) so that its replacement takes it over.
    if (state.id === null) return { ...state };
    const current = id === state.id ? state : replacedOutsideTerraform(state, id, diagnostics);
    const settings = hasManagedSettings(current.settings)
      ? settingsFromApi(current.settings, await provider.client.getIntegrationSettings(state.organization_id, id))
      : current.settings;
    return { ...current, settings };
  },

  async update({ plan, prior, provider, diagnostics, setPartialState }) {
    const orgId = prior.organization_id;
    const id = prior.id as string;
    const broker = known(plan.broker, 'broker') === true;
    const credentials = known(plan.credentials, 'credentials');
    const settings = known(plan.settings, 'settings');
    let state: IntegrationModel = { ...prior, broker, credentials, settings: prior.settings };

    if (broker && prior.broker === false) {
      // Not brokered until now, so no broker client can hold a token of it yet.
      const enabled = await provider.client.enableBroker(orgId, id, prior.type);
      state = { ...state, broker_token: enabled.brokerToken };
    } else if (broker && prior.broker !== true) {
      diagnostics.addWarning(['broker_token'], TOKEN_NOT_READ_TITLE, TOKEN_NOT_READ_DETAIL);
      state = { ...state, broker_token: null };
    } else if (!broker && (prior.broker !== false || !credentialsEqual(credentials, prior.credentials))) {
      await connectDirectly(provider, { orgId, id, type: prior.type, brokered: prior.broker }, credentials);
      state = { ...state, broker_token: null };
    }
    setPartialState(state);
    if (hasManagedSettings(settings) && JSON.stringify(settings) !== JSON.stringify(prior.settings)) {
      await provider.client.updateIntegrationSettings(orgId, id, settingsToApi(settings));
    }
    return { ...state, settings };
  },

  async delete({ state, provider, diagnostics }) {
    const integrationId = await handOverDestroyedIntegration(provider, state);
    if (!integrationId) return;
    await releaseIntegration(provider, diagnostics, { orgId: state.organization_id, integrationId, type: state.type, brokered: state.broker });
  },

  async importState({ id, provider, diagnostics }) {
    const { orgId, type } = parseImportId(id);
    const typeMap = await integrationsOfOrg(provider, orgId);
    if (!typeMap) throw new DiagnosticError('Cannot import integration', `Organization ${orgId} does not exist (Snyk answered 404).`);
    const integrationId = typeMap[type];
    if (!integrationId) {
      throw new DiagnosticError('Cannot import integration', `Organization ${orgId} has no ${type} integration.`);
    }
    diagnostics.addWarning(
      [],
      'Broker token unknown after import',
      'Snyk never returns an existing Broker token, nor says whether an integration is brokered or what its credentials are. ' +
        'The next plan shows `broker`/`credentials` as changes: applying it sets the credentials you declared, or, with broker = true, ' +
        `records the integration as brokered without touching it. ${TOKEN_NOT_READ_DETAIL}`,
    );
    return { id: integrationId, organization_id: orgId, type, broker: null, credentials: null, settings: null, broker_token: null };
  },
});
