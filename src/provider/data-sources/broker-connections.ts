import { BrokerConnection, BrokerDeployment } from '../../snyk/universal-broker';
import { attr, defineDataSource, DiagnosticError, ElementType, isUnknown, uuid } from '../framework';
import { ubClient } from '../resources/universal-broker/ub-client';
import { SnykProviderContext } from '../snyk-context';

export interface BrokerConnectionSummary {
  id: string;
  name: string;
  type: string;
  broker_deployment_id: string;
  app_install_id: string | null;
}

export interface BrokerConnectionsDataModel {
  tenant_id: string | null;
  organization_id: string | null;
  broker_deployment_id: string | null;
  connections: BrokerConnectionSummary[] | null;
}

const connectionElement = {
  ctyType: ['object', { id: 'string', name: 'string', type: 'string', broker_deployment_id: 'string', app_install_id: 'string' }],
} as ElementType<BrokerConnectionSummary>;

async function tenantConnections(provider: SnykProviderContext, tenantId: string, deploymentId: string | null): Promise<BrokerConnectionSummary[]> {
  const client = ubClient(provider);
  const deployments = (await client.listTenantDeployments(tenantId)).filter((deployment) => !deploymentId || deployment.id === deploymentId);
  const perDeployment = await Promise.all(
    deployments.map(async (deployment: BrokerDeployment) => {
      const connections = await client.listConnections({ tenantId, installId: deployment.installId, deploymentId: deployment.id });
      return connections.map((connection: BrokerConnection) => ({
        id: connection.id,
        name: connection.name,
        type: connection.configuration.type,
        broker_deployment_id: deployment.id,
        app_install_id: deployment.installId,
      }));
    }),
  );
  return perDeployment.flat();
}

async function orgConnections(provider: SnykProviderContext, orgId: string): Promise<BrokerConnectionSummary[]> {
  const connections = await ubClient(provider).listOrgConnections(orgId);
  return connections.map((connection) => ({
    id: connection.id,
    name: connection.name,
    type: connection.connectionType,
    broker_deployment_id: connection.deploymentId,
    app_install_id: null,
  }));
}

/** `data "snyk_broker_connections"`: Universal Broker connections of a tenant, or those serving an organization. */
export const brokerConnectionsDataSource = defineDataSource<BrokerConnectionsDataModel, SnykProviderContext>({
  typeName: 'snyk_broker_connections',
  description:
    'Lists Universal Broker connections: every connection of a tenant (`tenant_id`, optionally of one `broker_deployment_id`), or the ' +
    'connections serving an organization\'s integrations (`organization_id`). With both, the tenant\'s connections that serve the organization.',
  attributes: {
    tenant_id: attr.string({ optional: true, description: 'The Snyk tenant ID (a UUID).', validators: [uuid()] }),
    organization_id: attr.string({ optional: true, description: 'Only connections serving an integration of this organization.', validators: [uuid()] }),
    broker_deployment_id: attr.string({ optional: true, description: 'Only connections of this deployment (needs `tenant_id`).', validators: [uuid()] }),
    connections: attr.list(connectionElement, {
      computed: true,
      description: 'The connections: `id`, `name`, `type`, `broker_deployment_id`, and `app_install_id` (null when looked up by organization only).',
    }),
  },

  validateConfig({ config, diagnostics }) {
    if (isUnknown(config.tenant_id) || isUnknown(config.organization_id)) return;
    if (config.tenant_id === null && config.organization_id === null) {
      diagnostics.addError([], 'Set tenant_id or organization_id', 'List the connections of a tenant (`tenant_id`) or those serving an organization (`organization_id`).');
    }
    if (config.broker_deployment_id !== null && config.tenant_id === null) {
      diagnostics.addError(['broker_deployment_id'], 'broker_deployment_id needs tenant_id', 'Deployments are listed per tenant: set tenant_id too.');
    }
  },

  async read({ config, provider }) {
    let connections: BrokerConnectionSummary[];
    if (config.tenant_id) {
      connections = await tenantConnections(provider, config.tenant_id, config.broker_deployment_id);
      if (config.organization_id) {
        const serving = new Set((await orgConnections(provider, config.organization_id)).map((connection) => connection.id));
        connections = connections.filter((connection) => serving.has(connection.id));
      }
    } else if (config.organization_id) {
      connections = await orgConnections(provider, config.organization_id);
    } else {
      throw new DiagnosticError('Set tenant_id or organization_id', 'Nothing to list by.');
    }
    return { ...config, connections: connections.sort((a, b) => a.id.localeCompare(b.id)) };
  },
});
