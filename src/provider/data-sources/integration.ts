import { attr, DiagnosticError, defineDataSource, noSurroundingWhitespace, notBlank, uuid } from '../framework';
import { integrationsOfOrg } from '../resources/org-integrations';
import { SnykProviderContext } from '../snyk-context';

export interface IntegrationDataModel {
  organization_id: string;
  type: string;
  id: string | null;
}

/** `data "snyk_integration"`: the integration of one type in an organization. */
export const integrationDataSource = defineDataSource<IntegrationDataModel, SnykProviderContext>({
  typeName: 'snyk_integration',
  description: 'Looks up the integration of a type in an organization (Snyk allows one per type). Its Broker token cannot be read.',
  attributes: {
    organization_id: attr.string({ required: true, description: 'The organization ID (a UUID).', validators: [uuid()] }),
    type: attr.string({
      required: true,
      description: 'The integration type, e.g. `github-enterprise`; any type Snyk reports is accepted.',
      validators: [notBlank(), noSurroundingWhitespace()],
    }),
    id: attr.string({ computed: true, description: 'The integration ID.' }),
  },

  async read({ config, provider }) {
    // The type map, not GET .../integrations/{type}: the status Snyk gives a missing type is not documented.
    const typeMap = await integrationsOfOrg(provider, config.organization_id);
    if (!typeMap) {
      throw new DiagnosticError('Organization not found', `Snyk has no organization ${config.organization_id} (or the API key cannot see it).`, ['organization_id']);
    }
    const id = typeMap[config.type];
    if (!id) {
      throw new DiagnosticError('Integration not found', `Organization ${config.organization_id} has no ${config.type} integration.`, ['type']);
    }
    return { ...config, id };
  },
});
