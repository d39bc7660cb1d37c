import { BROKER_CONNECTION_TYPE_NAMES, CredentialRef, DeploymentCredential } from '../../../snyk/universal-broker';
import { attr, DiagnosticError, defineResource, notBlank, oneOf, regex, requiresReplace, useStateForUnknown, uuid } from '../../framework';
import { SnykProviderContext } from '../../snyk-context';
import { known } from '../known';
import { APP_INSTALL_ID, DEPLOYMENT_ID, REPLACE_ON_CHANGE, TENANT_ADMIN_NOTE, TENANT_ID } from './descriptions';
import { CONNECTION_TYPES_MARKDOWN } from './connection-configuration';
import { parseImportId } from './import-id';
import { isNotFound, isRefusedDelete } from '../snyk-errors';
import { ubClient } from './ub-client';

export interface DeploymentCredentialModel {
  id: string | null;
  tenant_id: string;
  app_install_id: string;
  broker_deployment_id: string;
  environment_variable_name: string;
  broker_connection_type: string;
  comment: string | null;
}

/** Names the broker client can receive as environment variables (the Helm chart also accepts `*.pem` file keys). */
const ENV_VAR_NAME = /^([A-Za-z_][A-Za-z0-9_]*|[A-Za-z0-9_.-]+\.pem)$/;

function refOf(state: DeploymentCredentialModel): CredentialRef {
  return { tenantId: state.tenant_id, installId: state.app_install_id, deploymentId: state.broker_deployment_id, credentialId: state.id as string };
}

function toModel(credential: DeploymentCredential, ids: { tenant_id: string; app_install_id: string }, prior: { comment: string | null }): DeploymentCredentialModel {
  return {
    id: credential.id,
    tenant_id: ids.tenant_id,
    app_install_id: ids.app_install_id,
    broker_deployment_id: credential.deploymentId,
    environment_variable_name: credential.environmentVariableName,
    broker_connection_type: credential.type,
    comment: credential.comment ?? (prior.comment === '' ? '' : null),
  };
}

/** `snyk_broker_deployment_credential`: the name of an environment variable that holds a secret on the broker clients. */
export const deploymentCredentialResource = defineResource<DeploymentCredentialModel, SnykProviderContext>({
  typeName: 'snyk_broker_deployment_credential',
  description:
    'A credential reference of a broker deployment: the **name** of an environment variable the broker clients hold a secret in (a token, ' +
    'a password). Snyk never sees the secret. Connections refer to it by `id` in their `*_credential_id` configuration attributes; one reference ' +
    `can serve several connections of the same type. ${TENANT_ADMIN_NOTE} Snyk deletes a reference only once no connection uses it. Import with ` +
    '`terraform import snyk_broker_deployment_credential.NAME TENANT_ID/APP_INSTALL_ID/DEPLOYMENT_ID/CREDENTIAL_ID`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The credential reference ID (a UUID).', planModifiers: [useStateForUnknown()] }),
    tenant_id: attr.string({ required: true, description: `${TENANT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    app_install_id: attr.string({ required: true, description: `${APP_INSTALL_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    broker_deployment_id: attr.string({ required: true, description: `${DEPLOYMENT_ID} ${REPLACE_ON_CHANGE}`, validators: [uuid()], planModifiers: [requiresReplace()] }),
    environment_variable_name: attr.string({
      required: true,
      description:
        'The environment variable of the broker clients that holds the secret, e.g. `GITHUB_TOKEN`: letters, digits and `_`, not starting with a ' +
        'digit (or a `*.pem` file name for a GitHub App key). Renamed in place: restart the clients with the new variable.',
      validators: [regex(ENV_VAR_NAME, 'an environment variable name such as GITHUB_TOKEN (letters, digits and _, not starting with a digit) or a *.pem file name')],
    }),
    broker_connection_type: attr.string({
      required: true,
      description: `The connection type the secret serves; one of ${CONNECTION_TYPES_MARKDOWN}. Changed in place.`,
      validators: [oneOf(...BROKER_CONNECTION_TYPE_NAMES)],
    }),
    comment: attr.string({ optional: true, description: 'A note shown in Snyk. Never put the secret here.', validators: [notBlank()] }),
  },

  async create({ plan, provider }) {
    const ids = { tenant_id: known(plan.tenant_id, 'tenant_id'), app_install_id: known(plan.app_install_id, 'app_install_id') };
    const comment = known(plan.comment, 'comment');
    const created = await ubClient(provider).createCredential(
      { tenantId: ids.tenant_id, installId: ids.app_install_id, deploymentId: known(plan.broker_deployment_id, 'broker_deployment_id') },
      {
        environmentVariableName: known(plan.environment_variable_name, 'environment_variable_name'),
        type: known(plan.broker_connection_type, 'broker_connection_type'),
        comment: comment ?? undefined,
      },
    );
    return { ...toModel(created, ids, { comment }), comment };
  },

  async read({ state, provider }) {
    const credential = await ubClient(provider).getCredential(refOf(state));
    return credential ? toModel(credential, state, state) : null;
  },

  async update({ plan, prior, provider }) {
    const comment = known(plan.comment, 'comment');
    const updated = await ubClient(provider).updateCredential(refOf(prior), {
      environmentVariableName: known(plan.environment_variable_name, 'environment_variable_name'),
      type: known(plan.broker_connection_type, 'broker_connection_type'),
      comment: comment ?? undefined,
    });
    return { ...toModel(updated, prior, { comment }), comment };
  },

  async delete({ state, provider }) {
    const client = ubClient(provider);
    try {
      await client.deleteCredential(refOf(state));
    } catch (error) {
      if (isNotFound(error)) return;
      if (isRefusedDelete(error)) {
        const users = (await client.getCredential(refOf(state)).catch(() => undefined))?.connectionIds ?? [];
        throw new DiagnosticError(
          'Snyk refused to delete the credential reference',
          `${error.message}\nSnyk deletes a credential reference (${state.environment_variable_name}) only once no connection uses it` +
            `${users.length ? `; connections ${users.join(', ')} still do` : ''}. Delete or reconfigure those connections first (those outside ` +
            'this configuration in Snyk), then apply again.',
        );
      }
      throw error;
    }
  },

  async importState({ id, provider }) {
    const parts = parseImportId('snyk_broker_deployment_credential', id, ['tenant_id', 'app_install_id', 'broker_deployment_id', 'id']);
    const ids = { tenant_id: parts.tenant_id as string, app_install_id: parts.app_install_id as string };
    const credential = await ubClient(provider).getCredential({
      tenantId: ids.tenant_id,
      installId: ids.app_install_id,
      deploymentId: parts.broker_deployment_id as string,
      credentialId: parts.id as string,
    });
    if (!credential) throw new DiagnosticError('Cannot import credential reference', `Deployment ${parts.broker_deployment_id} has no credential reference ${parts.id}.`);
    return toModel(credential, ids, { comment: null });
  },
});
