import { credentialFieldsOf, isBrokerConnectionType } from '../../snyk/universal-broker/connection-types';
import { UniversalBrokerModel } from './model';
import { AppInstallRecord, ConnectionRecord, CredentialRecord, DeploymentRecord, MigrationRecord, OrgIntegrationRecord } from './state';

/** JSON:API resource objects and documents, shaped as Snyk's REST spec describes them. */

type Resource = Record<string, unknown>;

export function jsonApiDocument(data: unknown, links: Record<string, string>): Record<string, unknown> {
  return { jsonapi: { version: '1.0' }, data, links };
}

export function installResource(install: AppInstallRecord): Resource {
  return {
    id: install.id,
    type: 'app_install',
    attributes: { client_id: install.clientId, installed_at: install.installedAt },
    relationships: { app: { data: { id: install.appId, type: 'app' } } },
  };
}

/** The install with a secret: answered on install (the first secret) and on rotation only. */
export function installWithSecretResource(install: AppInstallRecord, secret: string): Resource {
  return {
    id: install.id,
    type: 'app_install',
    attributes: { client_id: install.clientId, client_secret: secret },
    relationships: { app: { data: { id: install.appId, type: 'app' } } },
  };
}

export function deploymentResource(deployment: DeploymentRecord): Resource {
  return {
    id: deployment.id,
    type: 'broker_deployment',
    attributes: { broker_app_installed_in_org_id: deployment.orgId, install_id: deployment.installId, metadata: deployment.metadata },
  };
}

export function credentialResource(model: UniversalBrokerModel, credential: CredentialRecord): Resource {
  const users = model.connectionsUsing(credential.id);
  return {
    id: credential.id,
    type: 'deployment_credential',
    attributes: {
      deployment_id: credential.deploymentId,
      environment_variable_name: credential.environmentVariableName,
      type: credential.type,
      ...(credential.comment !== null ? { comment: credential.comment } : {}),
    },
    relationships: { broker_connections: users.map((user) => ({ data: { id: user.id, type: 'broker_connection' } })) },
  };
}

/** Credential fields read back as `"${ENV_VAR_NAME}"` (Snyk's docs) or as the ids written (`ub-credential-readback`). */
export function connectionResource(model: UniversalBrokerModel, connection: ConnectionRecord): Resource {
  const readback = model.behaviors.get('ub-credential-readback');
  const required = Object.fromEntries(Object.entries(connection.required).map(([field, value]) => [field, readBack(model, connection, field, value, readback)]));
  return {
    id: connection.id,
    type: 'broker_connection',
    attributes: { deployment_id: connection.deploymentId, name: connection.name, identifier: connection.identifier, configuration: { type: connection.type, required } },
    relationships: [],
  };
}

function readBack(model: UniversalBrokerModel, connection: ConnectionRecord, field: string, value: string, readback: string): string {
  const isCredentialField = isBrokerConnectionType(connection.type) && credentialFieldsOf(connection.type).includes(field);
  const credential = isCredentialField ? model.credentialById(value) : undefined;
  return credential !== undefined && readback === 'env-var' ? `\${${credential.environmentVariableName}}` : value;
}

export function connectionSummaryResource(connection: ConnectionRecord): Resource {
  return { id: connection.id, type: 'broker_connection', attributes: { connection_type: connection.type, deployment_id: connection.deploymentId, name: connection.name } };
}

export function orgIntegrationResource(integration: OrgIntegrationRecord): Resource {
  return { id: integration.id, org_id: integration.orgId, type: 'broker_integration', integration_type: integration.type };
}

export function migrationOrgResource(orgId: string): Resource {
  return { id: orgId, type: 'broker_organization' };
}

export function migrationResource(migration: MigrationRecord): Resource {
  return { id: migration.id, type: 'broker_migration', attributes: { status: migration.status } };
}
