import { BrokerConnectionConfiguration } from './connection-types';

/**
 * The Broker App's id. The same id appears in Snyk's own UB CLI and in pavel-snyk/snyk's example; Snyk says it
 * "differs for each region" but publishes only this one, so it is the default everywhere [unconfirmed for US-02/EU-01/AU-01].
 */
export const DEFAULT_BROKER_APP_ID = 'cb43d761-bd17-4b44-9b6c-e5b8ad077d33';

/** The REST `version` dates the Universal Broker calls send; a later date would resolve to the same releases. */
export interface UniversalBrokerVersions {
  /** `/tenants/{t}/brokers/**` and `/orgs/{o}/brokers/connections`. @default '2024-10-15' */
  readonly brokers: string;
  /** `/orgs/{o}/apps/installs/**`. @default '2024-05-23' */
  readonly appInstalls: string;
}

export const DEFAULT_UNIVERSAL_BROKER_VERSIONS: UniversalBrokerVersions = { brokers: '2024-10-15', appInstalls: '2024-05-23' };

/** An install of a Snyk App (the Broker App) in an org, as lists show it: no secret. */
export interface AppInstall {
  readonly id: string;
  readonly clientId: string;
  /** The installed app's id, when Snyk says. */
  readonly appId?: string;
  readonly installedAt?: string;
}

/** The answer to an install: the only time Snyk returns `clientSecret`. */
export interface CreatedAppInstall {
  readonly id: string;
  readonly appId: string;
  readonly clientId: string;
  /** Sensitive. Shown once: capture it now. */
  readonly clientSecret: string;
}

/**
 * How `rotateAppInstallSecret` changes the install's secrets: `replace` all of them with a new one (running broker
 * clients stop until restarted with it), `create` one more (old ones keep working), `delete` the one given.
 */
export type SecretRotationMode = 'replace' | 'create' | 'delete';

export type SecretRotation = { readonly mode: 'replace' } | { readonly mode: 'create' } | { readonly mode: 'delete'; readonly secret: string };

/** The answer to a secret rotation. For `delete`, what `clientSecret` holds is [unconfirmed]. */
export interface RotatedAppInstallSecret {
  readonly installId: string;
  readonly clientId: string;
  /** Sensitive. */
  readonly clientSecret: string;
}

/** Free-form deployment metadata (docs use `deployment_name`, `cluster`); non-string values read back as JSON text. */
export type BrokerDeploymentMetadata = Readonly<Record<string, string>>;

/** A Universal Broker deployment: one broker client fleet. */
export interface BrokerDeployment {
  readonly id: string;
  readonly installId: string;
  /** The org the Broker App is installed in. */
  readonly appInstalledInOrgId: string;
  readonly metadata: BrokerDeploymentMetadata;
}

export interface BrokerDeploymentInput {
  readonly appInstalledInOrgId: string;
  readonly metadata: BrokerDeploymentMetadata;
}

/** A credential reference: the NAME of an environment variable of the broker client (never its value). */
export interface DeploymentCredential {
  readonly id: string;
  readonly deploymentId: string;
  readonly environmentVariableName: string;
  /** The connection type the credential serves. */
  readonly type: string;
  readonly comment?: string;
  /** Connections using this credential, when Snyk says (`relationships.broker_connections`). */
  readonly connectionIds: readonly string[];
}

export interface DeploymentCredentialInput {
  readonly environmentVariableName: string;
  readonly type: string;
  readonly comment?: string;
}

/** At most this many credential references per create call. */
export const MAX_CREDENTIALS_PER_CREATE = 10;

/**
 * A connection's configuration as Snyk returns it: credential fields come back as `"${ENV_VAR_NAME}"`, not as the ids
 * that were written.
 */
export interface BrokerConnectionConfigurationRead {
  readonly type: string;
  readonly required: Readonly<Record<string, string>>;
}

/** A Universal Broker connection of a deployment. */
export interface BrokerConnection {
  readonly id: string;
  readonly deploymentId: string;
  readonly name: string;
  readonly configuration: BrokerConnectionConfigurationRead;
  /** "Broker identifier", known as the broker token in classic Broker [unconfirmed who sets it]. Sensitive. */
  readonly identifier?: string;
  /** Ids of contexts related to the connection. */
  readonly contextIds: readonly string[];
}

export interface BrokerConnectionInput {
  readonly name: string;
  readonly configuration: BrokerConnectionConfiguration;
}

/** A connection as `GET /orgs/{org_id}/brokers/connections` shows it. */
export interface OrgBrokerConnection {
  readonly id: string;
  readonly name: string;
  readonly connectionType: string;
  readonly deploymentId: string;
  readonly contextId?: string;
}

/** An org's Snyk integration served by a connection. */
export interface BrokerConnectionIntegration {
  readonly id: string;
  readonly orgId: string;
  /** The integration's type, e.g. 'github-enterprise' (`integration_type`; `type` when Snyk sends no `integration_type`). */
  readonly integrationType: string;
}

export interface BrokerConnectionIntegrationInput {
  /** The integration type, e.g. 'github-enterprise'. */
  readonly type: string;
  /** An existing integration of the org to move onto the connection (e.g. a classic brokered one). */
  readonly integrationId?: string;
}

/** An org Snyk would move onto a connection by bulk migration. */
export interface BulkMigrationOrg {
  readonly orgId: string;
}

/** A started bulk migration; it runs asynchronously: list the connection's integrations to see progress. */
export interface BulkMigration {
  readonly id: string;
  /** 'pending'; other values [unconfirmed]. */
  readonly status: string;
}

/** Where a deployment lives. */
export interface DeploymentRef {
  readonly tenantId: string;
  readonly installId: string;
  readonly deploymentId: string;
}

/** Where a connection lives. */
export interface ConnectionRef extends DeploymentRef {
  readonly connectionId: string;
}

/** Options of list calls. */
export interface ListOptions {
  /** Page size asked for: broker lists take 1..100 (Snyk's default 10), app-install lists 10..100 in steps of 10. Every page is followed regardless. */
  readonly pageSize?: number;
}
