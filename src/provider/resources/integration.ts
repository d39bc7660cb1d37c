import { Credentials, INTEGRATION_TYPES, IntegrationType } from '../../snyk';
import { attr, DiagnosticError, defineResource, oneOf, requiresReplace, types, useStateForUnknown, uuid } from '../framework';
import { isUnknown, Unknown } from '../plugin/unknown';
import { SnykProviderContext } from '../snyk-context';
import { ORGANIZATION_ID, TOKEN_FAMILY_NOTE } from './descriptions';
import { checkIntegrationCredentials } from './integration-credentials';
import { releaseIntegration } from './integration-removal';
import { hasManagedSettings, IntegrationSettingsModel, integrationSettingsAttribute, settingsFromApi, settingsToApi } from './integration-settings';
import { known } from './known';

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
    }),
    settings: integrationSettingsAttribute,
    broker_token: attr.string({
      computed: true,
      sensitive: true,
      description:
        'The Broker token Snyk returned when the broker was enabled by Terraform (start broker clients with it as `BROKER_TOKEN`). ' +
        'Snyk never returns a token again, so it is null for an imported integration until an apply re-enables the broker. ' +
        `${TOKEN_FAMILY_NOTE} After a rotation with \`snyk_broker_token\`, use that resource's \`token\`.`,
    }),
  },

  validateConfig({ config, diagnostics }) {
    checkIntegrationCredentials(diagnostics, config);
  },

  modifyPlan({ plan, prior }) {
    const broker = plan.broker;
    if (isUnknown(broker)) {
      plan.broker_token = Unknown;
    } else if (broker !== true) {
      plan.broker_token = null;
    } else {
      // Brokered before: the token stays. Becoming brokered (or imported, broker unknown): captured at apply.
      plan.broker_token = prior?.broker === true ? prior.broker_token : Unknown;
    }
  },

  async create({ plan, provider, setPartialState }) {
    const orgId = known(plan.organization_id, 'organization_id');
    const type = known(plan.type, 'type');
    const existing = (await provider.typeMaps.get(orgId))[type];
    if (existing) {
      throw new DiagnosticError(
        `Organization already has a ${type} integration`,
        `Snyk allows one ${type} integration per organization, and organization ${orgId} has one (${existing}). ` +
          `Manage it with Terraform by importing it: terraform import <resource address> ${orgId}/${type}`,
      );
    }
    const broker = known(plan.broker, 'broker') === true;
    const credentials = known(plan.credentials, 'credentials');
    const added = await provider.client.addIntegration(orgId, broker ? { type, broker: true } : { type, credentials: credentials ?? {} });
    provider.typeMaps.invalidate(orgId);
    const state: IntegrationModel = {
      id: added.id,
      organization_id: orgId,
      type,
      broker,
      credentials,
      settings: known(plan.settings, 'settings'),
      broker_token: broker ? (added.brokerToken ?? null) : null,
    };
    if (hasManagedSettings(state.settings)) {
      setPartialState({ ...state, settings: null });
      await provider.client.updateIntegrationSettings(orgId, added.id, settingsToApi(state.settings));
    }
    return state;
  },

  async read({ state, provider, diagnostics }) {
    const id = (await provider.typeMaps.get(state.organization_id))[state.type];
    if (!id) return null;
    if (state.id && id !== state.id) {
      diagnostics.addWarning(
        [],
        'Integration replaced outside Terraform',
        `Organization ${state.organization_id} now has ${state.type} integration ${id} instead of ${state.id}; the broker_token in state may not be its token.`,
      );
    }
    const settings = hasManagedSettings(state.settings)
      ? settingsFromApi(state.settings, await provider.client.getIntegrationSettings(state.organization_id, id))
      : state.settings;
    return { ...state, id, settings };
  },

  async update({ plan, prior, provider, setPartialState }) {
    const orgId = prior.organization_id;
    const id = prior.id as string;
    const broker = known(plan.broker, 'broker') === true;
    const credentials = known(plan.credentials, 'credentials');
    const settings = known(plan.settings, 'settings');
    let state: IntegrationModel = { ...prior, broker, credentials, settings: prior.settings };

    if (broker && prior.broker !== true) {
      const enabled = await provider.client.enableBroker(orgId, id, prior.type);
      state = { ...state, broker_token: enabled.brokerToken };
    } else if (!broker && prior.broker === true) {
      await provider.client.disableBroker(orgId, id, prior.type, credentials ?? {});
      state = { ...state, broker_token: null };
    } else if (!broker && !credentialsEqual(credentials, prior.credentials)) {
      await provider.client.updateCredentials(orgId, id, prior.type, credentials ?? {});
    }
    setPartialState(state);
    if (hasManagedSettings(settings) && JSON.stringify(settings) !== JSON.stringify(prior.settings)) {
      await provider.client.updateIntegrationSettings(orgId, id, settingsToApi(settings));
    }
    return { ...state, settings };
  },

  async delete({ state, provider, diagnostics }) {
    await releaseIntegration(provider, diagnostics, {
      orgId: state.organization_id,
      integrationId: state.id as string,
      type: state.type,
      brokered: state.broker,
    });
  },

  async importState({ id, provider, diagnostics }) {
    const { orgId, type } = parseImportId(id);
    const integrationId = await provider.client.getIntegrationByType(orgId, type);
    if (!integrationId) {
      throw new DiagnosticError('Cannot import integration', `Organization ${orgId} has no ${type} integration.`);
    }
    diagnostics.addWarning(
      [],
      'Broker token unknown after import',
      'Snyk never returns an existing Broker token, nor says whether an integration is brokered or what its credentials are. ' +
        'The next plan shows `broker`/`credentials` as changes: applying it re-enables the broker (Snyk then returns the token in use, ' +
        'which is captured in broker_token) or sets the credentials you declared.',
    );
    return { id: integrationId, organization_id: orgId, type, broker: null, credentials: null, settings: null, broker_token: null };
  },
});
