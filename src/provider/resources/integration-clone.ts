import { attr, DiagnosticError, defineResource, requiresReplace, useStateForUnknown, uuid } from '../framework';
import { SnykProviderContext } from '../snyk-context';
import { INTEGRATION_ID, ORGANIZATION_ID, TOKEN_FAMILY_NOTE } from './descriptions';
import { releaseIntegration } from './integration-removal';
import { known } from './known';
import { integrationsOfOrg, typeOf } from './org-integrations';

export interface IntegrationCloneModel {
  id: string | null;
  source_organization_id: string;
  source_integration_id: string;
  destination_organization_id: string;
  type: string | null;
}

/** A clone whose answer was lost, given up by a destroy in this apply: the replacement takes over what Snyk made. */
const pendingClones = new WeakMap<SnykProviderContext, Set<string>>();

function pendingClonesOf(provider: SnykProviderContext): Set<string> {
  let pending = pendingClones.get(provider);
  if (!pending) pendingClones.set(provider, (pending = new Set()));
  return pending;
}

const cloneKey = (model: IntegrationCloneModel, type: string): string => `${model.source_integration_id}>${model.destination_organization_id}/${type}`;

/** `snyk_integration_clone`: a copy of an integration in another organization of the same group, sharing its Broker token. */
export const integrationCloneResource = defineResource<IntegrationCloneModel, SnykProviderContext>({
  typeName: 'snyk_integration_clone',
  description:
    'Clones an integration into another organization of the same Snyk group, with its settings and credentials and, for a ' +
    `brokered integration, its Broker token: one broker client then serves both organizations. ${TOKEN_FAMILY_NOTE} ` +
    'Snyk has no API that deletes an integration: destroying clears the clone\'s credentials and leaves it in Snyk.',
  attributes: {
    id: attr.string({ computed: true, description: 'The new integration in the destination organization.', planModifiers: [useStateForUnknown()] }),
    source_organization_id: attr.string({ required: true, description: ORGANIZATION_ID, validators: [uuid()], planModifiers: [requiresReplace()] }),
    source_integration_id: attr.string({ required: true, description: INTEGRATION_ID, validators: [uuid()], planModifiers: [requiresReplace()] }),
    destination_organization_id: attr.string({
      required: true,
      description: 'The organization to clone into: same group as the source, and without an integration of that type.',
      validators: [uuid()],
      planModifiers: [requiresReplace()],
    }),
    type: attr.string({ computed: true, description: 'The integration type, read from the source.', planModifiers: [useStateForUnknown()] }),
  },

  validateConfig({ config, diagnostics }) {
    const { source_organization_id: source, destination_organization_id: destination } = config;
    if (typeof source === 'string' && source === destination) {
      diagnostics.addError(['destination_organization_id'], 'Clone into the same organization', 'The destination must be another organization than the source.');
    }
  },

  async create({ plan, provider, setPartialState }) {
    const sourceOrg = known(plan.source_organization_id, 'source_organization_id');
    const sourceIntegration = known(plan.source_integration_id, 'source_integration_id');
    const destination = known(plan.destination_organization_id, 'destination_organization_id');
    const type = typeOf(await provider.typeMaps.get(sourceOrg), sourceIntegration);
    if (!type) {
      throw new DiagnosticError('Source integration not found', `Organization ${sourceOrg} has no integration ${sourceIntegration}.`, ['source_integration_id']);
    }
    const state = { id: null, source_organization_id: sourceOrg, source_integration_id: sourceIntegration, destination_organization_id: destination, type };
    const existing = (await provider.typeMaps.get(destination))[type];
    if (existing && pendingClonesOf(provider).delete(cloneKey(state, type))) return { ...state, id: existing };
    if (existing) {
      throw new DiagnosticError(
        `Destination already has a ${type} integration`,
        `Organization ${destination} has ${type} integration ${existing}; Snyk allows one per type per organization. If it is a clone ` +
          'Terraform made and it was replaced outside Terraform, Terraform cannot tell whose Broker token it carries: remove it in the ' +
          'Snyk web UI and apply again, or remove this resource from the configuration.',
        ['destination_organization_id'],
      );
    }
    // No id yet: if the answer is lost, the next apply finds the clone by its type and takes it over.
    setPartialState(state);
    const { newIntegrationId } = await provider.client.cloneIntegration(sourceOrg, sourceIntegration, destination);
    provider.typeMaps.invalidate(destination);
    return { ...state, id: newIntegrationId };
  },

  async read({ state, provider }) {
    const typeMap = await integrationsOfOrg(provider, state.destination_organization_id);
    if (!typeMap) return null;
    if (state.id === null) return state.type && typeMap[state.type] ? { ...state } : null;
    const type = typeOf(typeMap, state.id);
    return type ? { ...state, type } : null;
  },

  async update({ prior }) {
    // Every argument forces replacement; nothing changes in place.
    return { ...prior };
  },

  async delete({ state, provider, diagnostics }) {
    if (state.id === null) {
      // A clone whose answer was lost: left as it is for the replacement in this apply to take over.
      if (state.type) pendingClonesOf(provider).add(cloneKey(state, state.type));
      return;
    }
    await releaseIntegration(provider, diagnostics, {
      orgId: state.destination_organization_id,
      integrationId: state.id,
      type: state.type ?? 'cloned',
      // A clone of a brokered integration stays brokered; clearing credentials does nothing to it, so try either way.
      brokered: null,
    });
  },
});
