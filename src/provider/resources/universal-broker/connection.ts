import { BROKER_CONNECTION_TYPE_NAMES, BrokerConnection, BrokerConnectionConfiguration, ConnectionRef, DeploymentRef } from '../../../snyk/universal-broker';
import { attr, DiagnosticError, defineResource, Diagnostics, isUnknown, oneOf, Planned, notBlank, requiresReplace, useStateForUnknown, uuid } from '../../framework';
import { valuesEqual } from '../../framework/values';
import { SnykProviderContext } from '../../snyk-context';
import { known } from '../known';
import {
  checkConnectionConfiguration,
  CONNECTION_TYPES_MARKDOWN,
  ConnectionConfigurationModel,
  connectionConfigurationAttribute,
  FIELD_OF_ATTRIBUTE,
  fromApiFields,
  toApiFields,
} from './connection-configuration';
import { APP_INSTALL_ID, DEPLOYMENT_ID, REPLACE_ON_CHANGE, TENANT_ADMIN_NOTE, TENANT_ID } from './descriptions';
import { parseImportId } from './import-id';
import { isNotFound, isRefusedDelete } from '../snyk-errors';
import { ubClient } from './ub-client';

export interface ConnectionModel {
  id: string | null;
  tenant_id: string;
  app_install_id: string;
  broker_deployment_id: string;
  name: string;
  type: string;
  configuration: ConnectionConfigurationModel;
}

function deploymentRefOf(state: Pick<ConnectionModel, 'tenant_id' | 'app_install_id' | 'broker_deployment_id'>): DeploymentRef {
  return { tenantId: state.tenant_id, installId: state.app_install_id, deploymentId: state.broker_deployment_id };
}

function refOf(state: ConnectionModel): ConnectionRef {
  return { ...deploymentRefOf(state), connectionId: state.id as string };
}

function toModel(connection: BrokerConnection, ids: { tenant_id: string; app_install_id: string }, prior: ConnectionConfigurationModel | null): ConnectionModel {
  return {
    id: connection.id,
    tenant_id: ids.tenant_id,
    app_install_id: ids.app_install_id,
    broker_deployment_id: connection.deploymentId,
    name: connection.name,
    type: connection.configuration.type,
    configuration: fromApiFields(connection.configuration.required, prior),
  };
}

/** The create/update body; the plan passed `validateConfig`, so the fields match the type. */
function input(plan: Readonly<Planned<ConnectionModel>>): { name: string; configuration: BrokerConnectionConfiguration } {
  const required = toApiFields(known(plan.configuration, 'configuration'));
  return { name: known(plan.name, 'name'), configuration: { type: known(plan.type, 'type'), required } as BrokerConnectionConfiguration };
}

/** With the deployment known, checks that every `*_credential_id` names a credential reference of it, for this type. */
async function checkCredentialReferences(provider: SnykProviderContext, plan: Readonly<Planned<ConnectionModel>>, diagnostics: Diagnostics): Promise<void> {
  const { tenant_id, app_install_id, broker_deployment_id, type, configuration } = plan;
  if (typeof tenant_id !== 'string' || typeof app_install_id !== 'string' || typeof broker_deployment_id !== 'string' || typeof type !== 'string') return;
  if (isUnknown(configuration)) return;
  const references = Object.entries(configuration).filter((entry): entry is [string, string] => entry[0].endsWith('_credential_id') && typeof entry[1] === 'string');
  if (references.length === 0) return;
  const ref = deploymentRefOf({ tenant_id, app_install_id, broker_deployment_id });
  const credentials = await ubClient(provider).listCredentials(ref).catch(() => undefined);
  if (!credentials) return; // the deployment is new or unreadable: Snyk checks at apply
  for (const [name, id] of references) {
    const credential = credentials.find((candidate) => candidate.id === id);
    if (!credential) {
      diagnostics.addError(['configuration', name], 'Unknown credential reference', `Deployment ${ref.deploymentId} has no credential reference ${id} (${FIELD_OF_ATTRIBUTE[name]}).`);
    } else if (credential.type !== type) {
      diagnostics.addError(
        ['configuration', name],
        'Credential reference of another connection type',
        `Credential reference ${id} (${credential.environmentVariableName}) serves ${credential.type} connections, not ${type}.`,
      );
    }
  }
}

/** True when the plan changes nothing the credential check looks at: a no-op plan then asks Snyk nothing. */
function referencesUnchanged(plan: Readonly<Planned<ConnectionModel>>, prior: Readonly<ConnectionModel> | null): boolean {
  if (prior === null || plan.broker_deployment_id !== prior.broker_deployment_id || plan.type !== prior.type) return false;
  return valuesEqual(plan.configuration, prior.configuration, ['map', 'string']);
}

/**
 * Version 0 stored `configuration` as an object holding every key of every type, unset ones null; version 1 stores a
 * map of the keys set, so that a misspelled key reaches validation instead of being dropped by Terraform.
 */
function withoutUnsetConfigurationKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const configuration = raw.configuration;
  if (typeof configuration !== 'object' || configuration === null) return raw;
  return { ...raw, configuration: Object.fromEntries(Object.entries(configuration).filter(([, value]) => value !== null)) };
}

/** `snyk_broker_connection`: what a Universal Broker deployment connects to (an SCM, a registry, Jira...) and how. */
export const connectionResource = defineResource<ConnectionModel, SnykProviderContext>({
  typeName: 'snyk_broker_connection',
  version: 1,
  upgraders: { 0: withoutUnsetConfigurationKeys },
  description:
    'A Universal Broker connection of a deployment: a typed `configuration` whose secrets are credential references, never values. ' +
    `Organizations use it through \`snyk_broker_integration\`. ${TENANT_ADMIN_NOTE} Snyk deletes a connection only once no organization is ` +
    'integrated with it. Import with `terraform import snyk_broker_connection.NAME TENANT_ID/APP_INSTALL_ID/DEPLOYMENT_ID/CONNECTION_ID`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The connection ID (a UUID).', planModifiers: [useStateForUnknown()] }),
    tenant_id: attr.string({ required: true, description: `${TENANT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    app_install_id: attr.string({ required: true, description: `${APP_INSTALL_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    broker_deployment_id: attr.string({ required: true, description: `${DEPLOYMENT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    name: attr.string({ required: true, description: 'The connection\'s name in Snyk. Renamed in place.', validators: [notBlank()] }),
    type: attr.string({
      required: true,
      description: `The connection type; one of ${CONNECTION_TYPES_MARKDOWN}. ${REPLACE_ON_CHANGE}`,
      validators: [oneOf(...BROKER_CONNECTION_TYPE_NAMES)],
      planModifiers: [requiresReplace()],
    }),
    configuration: connectionConfigurationAttribute,
  },

  validateConfig({ config, diagnostics }) {
    checkConnectionConfiguration(config.type, config.configuration, diagnostics);
  },

  async modifyPlan({ plan, prior, provider, diagnostics }) {
    checkConnectionConfiguration(plan.type, plan.configuration, diagnostics);
    if (provider && !diagnostics.hasErrors && !referencesUnchanged(plan, prior)) await checkCredentialReferences(provider, plan, diagnostics);
  },

  async create({ plan, provider }) {
    const ids = { tenant_id: known(plan.tenant_id, 'tenant_id'), app_install_id: known(plan.app_install_id, 'app_install_id') };
    const configuration = known(plan.configuration, 'configuration');
    const created = await ubClient(provider).createConnection(deploymentRefOf({ ...ids, broker_deployment_id: known(plan.broker_deployment_id, 'broker_deployment_id') }), input(plan));
    return { ...toModel(created, ids, configuration), configuration };
  },

  async read({ state, provider }) {
    const connection = await ubClient(provider).getConnection(refOf(state));
    return connection ? toModel(connection, state, state.configuration) : null;
  },

  async update({ plan, prior, provider }) {
    const configuration = known(plan.configuration, 'configuration');
    const updated = await ubClient(provider).updateConnection(refOf(prior), input(plan));
    return { ...toModel(updated, prior, configuration), configuration };
  },

  async delete({ state, provider }) {
    const connection = { tenantId: state.tenant_id, connectionId: state.id as string };
    try {
      await ubClient(provider).deleteConnection(refOf(state));
    } catch (error) {
      if (isNotFound(error)) return;
      if (isRefusedDelete(error)) {
        const integrations = (await provider.connectionIntegrations.listAfresh(connection).catch(() => undefined)) ?? [];
        const orgs = integrations.map((integration) => `${integration.orgId} (${integration.integrationType} integration ${integration.id})`);
        throw new DiagnosticError(
          'Snyk refused to delete the broker connection',
          `${error.message}\nSnyk deletes a connection ("${state.name}") only once every organization is disconnected from it` +
            `${orgs.length ? `; still integrated: ${orgs.join(', ')}` : ''}. Disconnect those outside this configuration in Snyk (or import them as ` +
            'snyk_broker_integration), then apply again.',
        );
      }
      throw error;
    } finally {
      provider.connectionIntegrations.invalidate(connection); // a deleted connection's integrations go with it
    }
  },

  async importState({ id, provider }) {
    const parts = parseImportId('snyk_broker_connection', id, ['tenant_id', 'app_install_id', 'broker_deployment_id', 'id']);
    const ids = { tenant_id: parts.tenant_id as string, app_install_id: parts.app_install_id as string };
    const ref = { tenantId: ids.tenant_id, installId: ids.app_install_id, deploymentId: parts.broker_deployment_id as string, connectionId: parts.id as string };
    const client = ubClient(provider);
    const connection = await client.getConnection(ref);
    if (!connection) throw new DiagnosticError('Cannot import broker connection', `Deployment ${ref.deploymentId} has no connection ${ref.connectionId}.`);
    // Snyk reads credential fields back as "${ENV_VAR}": find the references by variable name to restore their ids.
    const credentials = await client.listCredentials(ref);
    const byReference = Object.fromEntries(credentials.map((credential) => ['${' + credential.environmentVariableName + '}', credential.id]));
    const required = Object.fromEntries(Object.entries(connection.configuration.required).map(([field, value]) => [field, byReference[value] ?? value]));
    return toModel({ ...connection, configuration: { ...connection.configuration, required } }, ids, null);
  },
});
