import { BrokerDeployment } from '../../snyk/universal-broker';
import { attr, defineDataSource, ElementType, uuid } from '../framework';
import { ubClient } from '../resources/universal-broker/ub-client';
import { SnykProviderContext } from '../snyk-context';

export interface BrokerDeploymentSummary {
  id: string;
  app_install_id: string;
  organization_id: string;
  metadata: Record<string, string>;
}

export interface BrokerDeploymentsDataModel {
  tenant_id: string;
  app_install_id: string | null;
  organization_id: string | null;
  deployments: BrokerDeploymentSummary[] | null;
}

const deploymentElement = {
  ctyType: ['object', { id: 'string', app_install_id: 'string', organization_id: 'string', metadata: ['map', 'string'] }],
} as ElementType<BrokerDeploymentSummary>;

function summary(deployment: BrokerDeployment): BrokerDeploymentSummary {
  return { id: deployment.id, app_install_id: deployment.installId, organization_id: deployment.appInstalledInOrgId, metadata: { ...deployment.metadata } };
}

/** `data "snyk_broker_deployments"`: the Universal Broker deployments of a tenant, optionally of one install or org. */
export const brokerDeploymentsDataSource = defineDataSource<BrokerDeploymentsDataModel, SnykProviderContext>({
  typeName: 'snyk_broker_deployments',
  description:
    'Lists the Universal Broker deployments of a tenant; narrow it to one Broker App install (`app_install_id`) or to the installs of one ' +
    'organization (`organization_id`).',
  attributes: {
    tenant_id: attr.string({ required: true, description: 'The Snyk tenant ID (a UUID).', validators: [uuid()] }),
    app_install_id: attr.string({ optional: true, description: 'Only deployments of this Broker App install.', validators: [uuid()] }),
    organization_id: attr.string({ optional: true, description: 'Only deployments of the Broker App installed in this organization.', validators: [uuid()] }),
    deployments: attr.list(deploymentElement, {
      computed: true,
      description: 'The deployments: `id`, `app_install_id`, `organization_id` (where the Broker App is installed) and `metadata`.',
    }),
  },

  async read({ config, provider }) {
    const client = ubClient(provider);
    const found = config.app_install_id ? await client.listDeployments(config.tenant_id, config.app_install_id) : await client.listTenantDeployments(config.tenant_id);
    const deployments = found
      .filter((deployment) => !config.organization_id || deployment.appInstalledInOrgId === config.organization_id)
      .map(summary)
      .sort((a, b) => a.id.localeCompare(b.id));
    return { ...config, deployments };
  },
});
