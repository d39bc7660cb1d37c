import { BrokerDeployment, DeploymentRef } from '../../../snyk/universal-broker';
import { attr, DiagnosticError, defineResource, mapKeys, notBlank, requiresReplace, types, useStateForUnknown, uuid } from '../../framework';
import { SnykProviderContext } from '../../snyk-context';
import { configuredOrUndefined, known } from '../known';
import { APP_INSTALL_ID, REPLACE_ON_CHANGE, TENANT_ADMIN_NOTE, TENANT_ID } from './descriptions';
import { parseImportId } from './import-id';
import { isNotFound, isRefusedDelete } from '../snyk-errors';
import { ubClient } from './ub-client';

export interface DeploymentModel {
  id: string | null;
  tenant_id: string;
  app_install_id: string;
  organization_id: string | null;
  metadata: Record<string, string> | null;
}

function refOf(state: DeploymentModel): DeploymentRef {
  return { tenantId: state.tenant_id, installId: state.app_install_id, deploymentId: state.id as string };
}

function toModel(deployment: BrokerDeployment, tenantId: string, prior: { metadata: Record<string, string> | null }): DeploymentModel {
  const metadata = Object.keys(deployment.metadata).length === 0 && prior.metadata === null ? null : { ...deployment.metadata };
  return { id: deployment.id, tenant_id: tenantId, app_install_id: deployment.installId, organization_id: deployment.appInstalledInOrgId, metadata };
}

/** The org the install lives in, found among the orgs the key sees when the configuration does not say. */
async function installOrg(provider: SnykProviderContext, installId: string): Promise<string> {
  const client = ubClient(provider);
  for (const org of await provider.visibleOrgs.all()) {
    const installs = await client.listAppInstalls(org.id);
    if (installs.some((install) => install.id === installId)) return org.id;
  }
  throw new DiagnosticError(
    'Broker App install not found',
    `No organization visible to this API key has app install ${installId}. Set organization_id to the organization the Broker App is installed in.`,
    ['app_install_id'],
  );
}

async function blockersOf(provider: SnykProviderContext, ref: DeploymentRef): Promise<string> {
  const client = ubClient(provider);
  const [connections, credentials] = await Promise.all([client.listConnections(ref).catch(() => []), client.listCredentials(ref).catch(() => [])]);
  const parts = [
    connections.length ? `connections ${connections.map((c) => `"${c.name}" (${c.id})`).join(', ')}` : '',
    credentials.length ? `credential references ${credentials.map((c) => `${c.environmentVariableName} (${c.id})`).join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? `It still has ${parts.join(' and ')}.` : '';
}

/** `snyk_broker_deployment`: one Universal Broker client fleet of a Broker App install. */
export const deploymentResource = defineResource<DeploymentModel, SnykProviderContext>({
  typeName: 'snyk_broker_deployment',
  description:
    'A Universal Broker deployment: one fleet of broker clients, started with `DEPLOYMENT_ID` = `id` and the install\'s client ID and secret. ' +
    `Connections and credential references live in it. ${TENANT_ADMIN_NOTE} Snyk deletes a deployment only once its connections and credential ` +
    'references are gone. Import with `terraform import snyk_broker_deployment.NAME TENANT_ID/APP_INSTALL_ID/DEPLOYMENT_ID` (or ' +
    '`DEPLOYMENT_ID,TENANT_ID,APP_INSTALL_ID` as for pavel-snyk/snyk).',
  attributes: {
    id: attr.string({ computed: true, description: 'The deployment ID (a UUID): `DEPLOYMENT_ID` of the broker clients.', planModifiers: [useStateForUnknown()] }),
    tenant_id: attr.string({ required: true, description: `${TENANT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    app_install_id: attr.string({ required: true, description: `${APP_INSTALL_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    organization_id: attr.string({
      optional: true,
      computed: true,
      description:
        'The organization the Broker App is installed in, e.g. `snyk_app_install.broker.organization_id`. If omitted, the provider searches the ' +
        `organizations the API key sees (slower). ${REPLACE_ON_CHANGE}`,
      validators: [uuid()],
      planModifiers: [useStateForUnknown(), requiresReplace()],
    }),
    metadata: attr.map(types.string, {
      optional: true,
      description: 'Free-form labels of the deployment, e.g. `{ deployment_name = "eu-cluster", cluster = "eu-1" }`. Updated in place.',
      validators: [mapKeys(notBlank())],
    }),
  },

  async create({ plan, provider }) {
    const tenantId = known(plan.tenant_id, 'tenant_id');
    const installId = known(plan.app_install_id, 'app_install_id');
    const orgId = configuredOrUndefined(plan.organization_id) ?? (await installOrg(provider, installId));
    const metadata = known(plan.metadata, 'metadata');
    const created = await ubClient(provider).createDeployment(tenantId, installId, { appInstalledInOrgId: orgId, metadata: metadata ?? {} });
    return { ...toModel(created, tenantId, { metadata }), app_install_id: installId, organization_id: orgId, metadata };
  },

  async read({ state, provider }) {
    const deployment = await ubClient(provider).getDeployment(refOf(state));
    return deployment ? toModel(deployment, state.tenant_id, state) : null;
  },

  async update({ plan, prior, provider }) {
    const metadata = known(plan.metadata, 'metadata');
    const orgId = prior.organization_id ?? (await installOrg(provider, prior.app_install_id));
    await ubClient(provider).updateDeployment(refOf(prior), { appInstalledInOrgId: orgId, metadata: metadata ?? {} });
    return { ...prior, organization_id: orgId, metadata };
  },

  async delete({ state, provider }) {
    try {
      await ubClient(provider).deleteDeployment(refOf(state));
    } catch (error) {
      if (isNotFound(error)) return;
      if (isRefusedDelete(error)) {
        throw new DiagnosticError(
          'Snyk refused to delete the broker deployment',
          `${error.message}\nSnyk deletes a deployment only after its connections and credential references. ${await blockersOf(provider, refOf(state))} ` +
            'Delete those not managed by this configuration in Snyk (or import them), then apply again.',
        );
      }
      throw error;
    }
  },

  async importState({ id, provider }) {
    const parts = parseImportId('snyk_broker_deployment', id, ['tenant_id', 'app_install_id', 'id'], ['id', 'tenant_id', 'app_install_id']);
    const deployment = await ubClient(provider).getDeployment({ tenantId: parts.tenant_id as string, installId: parts.app_install_id as string, deploymentId: parts.id as string });
    if (!deployment) throw new DiagnosticError('Cannot import broker deployment', `Install ${parts.app_install_id} of tenant ${parts.tenant_id} has no deployment ${parts.id}.`);
    return toModel(deployment, parts.tenant_id as string, { metadata: null });
  },
});
